"""The HTTP application: every served ``Memory`` method as ``POST /v1/<name>``, built from
:mod:`agent_memory._wire` (no route is written by hand), the MCP endpoint at ``/mcp``, and the
inspector page at ``/``.

FastAPI on Starlette, run by uvicorn: request bodies are validated by pydantic models derived from
the method signatures (the library's own data model is pydantic), the OpenAPI document comes from the
same models, and the MCP SDK's streamable HTTP transport is a Starlette app that mounts beside it.
"""

# no ``from __future__ import annotations``: the endpoints are built at run time and FastAPI reads
# their annotations as objects

import contextlib
import inspect
import json
import logging
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from importlib import resources
from itertools import chain
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, create_model
from pydantic import ValidationError as PydanticValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from .._errors import AgentMemoryError, ConfigError, NotFoundError, PermissionDeniedError, ValidationError
from .._wire import Operation, error_body, status_of
from ._access import LOCAL_ADMIN, KeyRing, Principal
from ._asgi import BodyLimit, Dispatch
from ._gateway import _DONE, Gateway

log = logging.getLogger("agent_memory.server")

DEFAULT_MAX_BODY = 16 * 1024 * 1024
NDJSON = "application/x-ndjson"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <key>")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="or X-API-Key: <key>")


def _error(exc: AgentMemoryError, status: int | None = None, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(exc), status_code=status or status_of(exc), headers=headers)


def _request_model(op: Operation) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for p in op.params:
        default = ... if p.default is inspect.Parameter.empty else p.default
        fields[p.name] = (op.param_type(p.name), default)
    name = "".join(part.title() for part in op.route.split("_")) + "Request"
    return create_model(name, __config__=ConfigDict(extra="forbid", arbitrary_types_allowed=False), **fields)


def _ndjson(op: Operation, first: Any, rest: Iterator[Any]) -> Iterator[bytes]:
    try:
        for item in chain([first], rest):
            yield op.encode_result(item) + b"\n"
    except AgentMemoryError as exc:  # the status is sent already: the error is the last line
        yield json.dumps(error_body(exc)).encode() + b"\n"


def create_app(memory: Any, *, keys: KeyRing | Sequence[Mapping[str, Any]] | None = None,
               insecure_local: bool = False, max_body: int = DEFAULT_MAX_BODY, timeout: float = 60.0,
               close_on_shutdown: bool = False, mcp: bool = True, host: str = "127.0.0.1") -> FastAPI:
    """The ASGI app serving ``memory`` (a ``Memory``, or anything with its methods).

    ``keys``: a :class:`KeyRing` or the parsed ``keys.json`` list. Without keys every request is
    refused, unless ``insecure_local`` (every request then acts as admin; the CLI allows it only on a
    loopback address). ``close_on_shutdown`` closes the store when the server stops."""
    ring = keys if isinstance(keys, KeyRing) or keys is None else KeyRing(keys)
    if ring is None and not insecure_local:
        raise ConfigError("no keys: pass a key file, or insecure_local=True on a loopback address")
    gateway = Gateway(memory, timeout=timeout)
    mcp_server = None
    if mcp:
        from ._mcp import build_mcp

        mcp_server = build_mcp(gateway)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            if mcp_server is not None:
                await stack.enter_async_context(mcp_server.session_manager.run())
            yield
        if close_on_shutdown:
            memory.close()

    app = FastAPI(title="agent-memory", version=__version__, lifespan=lifespan,
                  description="Long-term memory for LLM agents: the `Memory` API over HTTP/JSON. "
                              "Every operation is `POST /v1/<method>` with the method's keyword arguments "
                              "as a JSON object; errors are `{\"error\": {\"type\", \"message\"}}`.")
    app.state.gateway = gateway

    def authenticate(presented: str | None) -> Principal:
        if ring is None:
            return LOCAL_ADMIN
        principal = ring.authenticate(presented)
        if principal is None:
            raise PermissionDeniedError("a valid API key is required (Authorization: Bearer <key>)")
        return principal

    app.state.authenticate = authenticate

    async def principal(bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
                        header: Annotated[str | None, Depends(_header)]) -> Principal:
        return authenticate(bearer.credentials if bearer is not None else header)

    for op in gateway.ops.values():
        _add_route(app, gateway, op, principal)

    @app.get("/v1/whoami", tags=["meta"], summary="The role and scope of the presented key")
    async def whoami(who: Annotated[Principal, Depends(principal)]) -> dict[str, Any]:
        return who.public()

    @app.get("/healthz", tags=["meta"], include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    _add_error_handlers(app)
    if mcp_server is not None:
        from ._mcp import mcp_asgi

        app.add_middleware(Dispatch, path="/mcp", endpoint=mcp_asgi(mcp_server, authenticate, host=host))
    static = resources.files("agent_memory.server") / "static"
    app.mount("/", StaticFiles(directory=str(static), html=True), name="inspector")
    if ring is None:  # no keys: only a same-machine client, never a page that rebound its DNS name to us
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(LOOPBACK_HOSTS))
    app.add_middleware(BodyLimit, limit=max_body)
    return app


def _add_route(app: FastAPI, gateway: Gateway, op: Operation, principal: Any) -> None:
    Body = _request_model(op)  # noqa: N806

    # Body is a pydantic model built at run time from the operation: mypy cannot use it as a type
    async def endpoint(body: Body, who: Annotated[Principal, Depends(principal)]) -> Response:  # type: ignore[valid-type]
        arguments = {k: getattr(body, k) for k in body.model_fields_set}  # type: ignore[attr-defined]
        result = await gateway.call(who, op, arguments)
        if op.item_type is None:
            return Response(op.encode_result(result), media_type="application/json")
        first, rest = result
        if first is _DONE:
            return StreamingResponse(iter(()), media_type=NDJSON)
        return StreamingResponse(_ndjson(op, first, rest), media_type=NDJSON)

    endpoint.__name__ = op.route
    returns = op.hints.get("return")
    response: dict[str, Any] = {"description": "the method's return value, as JSON"}
    if op.item_type is not None:
        response = {"description": "one JSON value a line (NDJSON), streamed", "content": {NDJSON: {}}}
    app.add_api_route(f"/v1/{op.route}", endpoint, methods=["POST"], summary=op.doc.split("\n\n")[0] or op.name,
                      description=op.doc, tags=["memory"], response_class=Response,
                      response_model=returns if op.item_type is None and returns is not type(None) else None,
                      responses={200: response})


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AgentMemoryError)
    async def library_error(request: Request, exc: AgentMemoryError) -> JSONResponse:
        if isinstance(exc, PermissionDeniedError) and "API key" in str(exc):
            return _error(exc, 401, {"WWW-Authenticate": "Bearer"})
        if status_of(exc) >= 500:
            log.warning("%s %s failed: %s: %s", request.method, request.url.path, type(exc).__name__, exc)
        return _error(exc)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(ValidationError(_describe(exc.errors())))

    @app.exception_handler(PydanticValidationError)
    async def bad_value(request: Request, exc: PydanticValidationError) -> JSONResponse:
        return _error(ValidationError(_describe(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code in (404, 405):  # an unknown route, or a known one with another method
            return _error(NotFoundError(f"no such endpoint: {request.method} {request.url.path}"), 404)
        return JSONResponse({"error": {"type": "ValidationError", "message": str(exc.detail)}},
                            status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s: unexpected error", request.method, request.url.path)
        return _error(AgentMemoryError(f"internal error ({type(exc).__name__}); see the server log"))


def _describe(errors: Sequence[Any]) -> str:
    parts = []
    for e in errors[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


__all__ = ["create_app"]
