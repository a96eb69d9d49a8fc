"""The ``serve`` and ``mcp`` commands (the ``server`` extra): registered on the main CLI, imported
lazily so the core CLI runs without FastAPI, uvicorn or the MCP SDK."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ._cli_app import StoreOptions, app, err, errors, fail
from ._errors import ConfigError
from ._memory import Memory

PathOpt = Annotated[Path | None, typer.Option("--path", help="Embedded store folder (overrides the global --path).")]
UrlOpt = Annotated[str | None, typer.Option("--url", help="Qdrant server URL (overrides the global --url).")]


def _server_extra() -> None:
    try:
        import fastapi  # noqa: F401
        import mcp  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise fail(f"this command needs the server extra: pip install 'agent-memory[server]' ({exc.name} is "
                   "missing)") from None


def _open(ctx: typer.Context, path: Path | None, url: str | None) -> Memory:
    opts: StoreOptions = ctx.obj
    path, url = path or opts.path, url or opts.url
    if path is not None and url:
        raise ConfigError("give either --path (embedded store) or --url (Qdrant server), not both")
    if url:
        return Memory(url=url, api_key=opts.api_key, collection=opts.collection)
    return Memory(path=path)


@app.command()
def serve(
    ctx: typer.Context,
    path: PathOpt = None,
    url: UrlOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535)] = 8765,
    keys: Annotated[Path | None, typer.Option(help="keys.json: [{key, role, user_id?, agent_id?}, ...].")] = None,
    insecure_local: Annotated[bool, typer.Option(
        "--insecure-local", help="No keys: every request is admin. Only on a loopback address.")] = False,
    max_body: Annotated[int, typer.Option(help="Largest request body, bytes.")] = 16 * 1024 * 1024,
    timeout: Annotated[float, typer.Option(help="Deadline of one operation, seconds.")] = 60.0,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve one store to many clients: the whole API over HTTP/JSON (OpenAPI at /docs), MCP at /mcp
    and the inspector page at /. SIGTERM finishes in-flight requests and closes the store."""
    _server_extra()
    import uvicorn

    from .server import KeyRing, create_app
    from .server._access import is_loopback

    with errors():
        if keys is None and not insecure_local:
            raise ConfigError("give --keys keys.json (or --insecure-local on a loopback address)")
        if keys is not None and insecure_local:
            raise ConfigError("give --keys or --insecure-local, not both")
        if insecure_local and not is_loopback(host):
            raise ConfigError(f"--insecure-local is refused on {host}: it serves every user's memories "
                              "without a key; bind 127.0.0.1 or use --keys")
        ring = KeyRing.load(keys) if keys is not None else None
        memory = _open(ctx, path, url)
        try:
            application = create_app(memory, keys=ring, insecure_local=insecure_local, max_body=max_body,
                                     timeout=timeout, close_on_shutdown=True, host=host)
        except BaseException:
            memory.close()
            raise
    err.print(f"agent-memory: serving {memory.location} on http://{host}:{port} "
              f"({'no keys: insecure-local' if ring is None else 'keys required'})")
    # requests hand work between the event loop and worker threads: a shorter GIL switch interval than
    # the 5 ms default keeps that hand-off from adding milliseconds to every response
    sys.setswitchinterval(0.001)
    uvicorn.run(application, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=30,
                server_header=False)


@app.command("mcp")
def mcp_(
    ctx: typer.Context,
    user_id: Annotated[str, typer.Option("--user-id", help="The user every tool acts for.")],
    agent_id: Annotated[str | None, typer.Option("--agent-id", help="Narrow to this agent.")] = None,
    path: PathOpt = None,
    url: UrlOpt = None,
    remote: Annotated[str | None, typer.Option(
        help="URL of an `agent-memory serve` to use instead of a store.")] = None,
    api_key: Annotated[str | None, typer.Option(
        "--api-key", envvar="AGENT_MEMORY_SERVER_KEY", help="Key for --remote.", show_default=False)] = None,
) -> None:
    """An MCP server over stdio (for Claude Desktop, Cursor, agents SDKs): tools to remember, search,
    build context and forget, all in the scope given here (never taken from tool arguments)."""
    _server_extra()
    from ._remote import RemoteMemory
    from ._scope import Scope
    from .server._access import Principal
    from .server._gateway import Gateway
    from .server._mcp import build_mcp

    with errors():
        scope = Scope.of(user_id, agent_id)
        if remote and (path or url):
            raise ConfigError("give --remote, or a store (--path / --url), not both")
        memory: Any = RemoteMemory(remote, api_key=api_key) if remote else _open(ctx, path, url)
    principal = Principal(role="writer", user_id=scope.user_id, agent_id=scope.agent_id, label="stdio")
    try:
        build_mcp(Gateway(memory), principal).run("stdio")
    finally:
        memory.close()
