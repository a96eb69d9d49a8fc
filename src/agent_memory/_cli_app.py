"""The ``agent-memory`` application object and the plumbing every command shares (store options,
opening the store, error handling). Commands register on ``app`` from ``_cli`` and ``_cli_serve``,
which both import this module and not each other."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ._errors import AgentMemoryError, ConfigError, ValidationError
from ._memory import Memory

app = typer.Typer(
    name="agent-memory",
    help="Long-term memory for LLM agents, stored in Qdrant (embedded by default).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals could hold an API key
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


# ---------------------------------------------------------------------------- store plumbing
@dataclass(frozen=True)
class StoreOptions:
    path: Path | None
    url: str | None
    api_key: str | None
    collection: str


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        out.print(f"agent-memory {__version__}")
        raise typer.Exit()


@app.callback()
def _store_options(
    ctx: typer.Context,
    path: Annotated[Path | None, typer.Option(
        help="Embedded store folder \\[default: $AGENT_MEMORY_PATH, else the user data directory].")] = None,
    url: Annotated[str | None, typer.Option(
        envvar="AGENT_MEMORY_URL", help="Qdrant server or cloud URL instead of the embedded store.")] = None,
    api_key: Annotated[str | None, typer.Option(
        envvar="AGENT_MEMORY_API_KEY", help="API key for --url.", show_default=False)] = None,
    collection: Annotated[str, typer.Option(help="Collection name on a server.")] = "agent_memory",
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_print_version,
                                          help="Print the version and exit.")] = False,
) -> None:
    ctx.obj = StoreOptions(path=path, url=url, api_key=api_key, collection=collection)


def exit_code(exc: AgentMemoryError) -> int:
    """2 for input the caller can fix (like a usage error), 1 for failures of the store or a provider."""
    return 2 if isinstance(exc, (ValidationError, ConfigError)) else 1


@contextlib.contextmanager
def errors() -> Iterator[None]:
    """Turn a library error into a one-line message and an exit code; never a traceback."""
    try:
        yield
    except AgentMemoryError as exc:
        err.print(f"[bold red]error:[/] {type(exc).__name__}: {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(exit_code(exc)) from None


@contextlib.contextmanager
def open_store(ctx: typer.Context) -> Iterator[Memory]:
    """The Memory the global options describe, closed afterwards; library errors handled."""
    opts: StoreOptions = ctx.obj
    with errors():
        if opts.url:
            if opts.path is not None:
                raise ConfigError("give either --path (embedded store) or --url (server), not both")
            mem = Memory(url=opts.url, api_key=opts.api_key, collection=opts.collection)
        else:
            mem = Memory(path=opts.path)  # None: $AGENT_MEMORY_PATH or the user data directory
        try:
            yield mem
        finally:
            mem.close()


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)
