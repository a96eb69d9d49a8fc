"""``RemoteMemory`` / ``AsyncRemoteMemory``: the ``Memory`` API of a store served by ``agent-memory serve``.

Same methods, arguments, return types and errors as :class:`Memory` / :class:`AsyncMemory`: the
methods are generated from :mod:`._wire`'s operations (themselves derived from ``Memory``), results
are rebuilt as the library's pydantic models and errors as the same classes of the error tree.
Each method is one effect generator, driven by ``run_sync`` or ``run_async`` as in the engine.
httpx is imported on first use, so the core does not depend on it.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from ._effects import Op, call, run_async, run_sync
from ._errors import ConfigError, StoreUnavailableError
from ._wire import Operation, error_from_body, operations

DEFAULT_TIMEOUT = 120.0  # above the server's own per-operation deadline (60 s)


class _Transport:
    """One base URL and key; an httpx client per flavour, opened on first use."""

    def __init__(self, url: str, api_key: str | None, timeout: float):
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"RemoteMemory needs an http(s) URL, got {url!r}")
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client: Any = None
        self._aclient: Any = None

    def _httpx(self) -> Any:
        try:
            import httpx
        except ImportError as exc:  # pragma: no cover - httpx comes with openai
            raise ConfigError("RemoteMemory needs httpx: pip install 'agent-memory[server]'") from exc
        return httpx

    def _sync(self) -> Any:
        if self._client is None:
            self._client = self._httpx().Client(base_url=self.url, headers=self._headers, timeout=self.timeout)
        return self._client

    def _async(self) -> Any:
        if self._aclient is None:
            self._aclient = self._httpx().AsyncClient(base_url=self.url, headers=self._headers,
                                                      timeout=self.timeout)
        return self._aclient

    def _unreachable(self, exc: Exception) -> StoreUnavailableError:
        return StoreUnavailableError(f"the memory server at {self.url} cannot be reached: {type(exc).__name__}")

    @staticmethod
    def _check(status: int, raw: bytes) -> bytes:
        if status >= 400:
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            raise error_from_body(status, body)
        return raw

    def request(self, route: str, body: dict[str, Any]) -> bytes:
        httpx = self._httpx()
        try:
            resp = self._sync().post(f"/v1/{route}", json=body)
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from exc
        return self._check(resp.status_code, resp.content)

    async def arequest(self, route: str, body: dict[str, Any]) -> bytes:
        httpx = self._httpx()
        try:
            resp = await self._async().post(f"/v1/{route}", json=body)
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from exc
        return self._check(resp.status_code, resp.content)

    def stream(self, route: str, body: dict[str, Any]) -> Iterator[bytes]:
        httpx = self._httpx()
        try:
            with self._sync().stream("POST", f"/v1/{route}", json=body) as resp:
                if resp.status_code >= 400:
                    self._check(resp.status_code, resp.read())
                yield from (line.encode() for line in resp.iter_lines() if line)
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from exc

    async def astream(self, route: str, body: dict[str, Any]) -> AsyncIterator[bytes]:
        httpx = self._httpx()
        try:
            async with self._async().stream("POST", f"/v1/{route}", json=body) as resp:
                if resp.status_code >= 400:
                    self._check(resp.status_code, await resp.aread())
                async for line in resp.aiter_lines():
                    if line:
                        yield line.encode()
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from exc

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    async def aclose(self) -> None:
        self.close()
        if self._aclient is not None:
            await self._aclient.aclose()
            self._aclient = None


class _RemoteBase:
    def __init__(self, url: str, *, api_key: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._transport = _Transport(url, api_key, timeout)
        self.location = self._transport.url

    def _invoke(self, op: Operation, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Op[Any]:
        body = op.encode_args(op.bind(args, kwargs))
        raw = yield from call(self._transport.request, op.route, body)
        return op.decode_result(raw)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"


class RemoteMemory(_RemoteBase):
    """``Memory``'s API over HTTP: ``RemoteMemory("http://127.0.0.1:8765", api_key=...)``."""

    def close(self) -> None:
        """Close the connection (the server and its store stay up)."""
        self._transport.close()

    @property
    def aio(self) -> AsyncRemoteMemory:
        """The async API over the same server and key."""
        twin = AsyncRemoteMemory.__new__(AsyncRemoteMemory)
        twin.__dict__.update(self.__dict__)
        return twin

    def __enter__(self) -> RemoteMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncRemoteMemory(_RemoteBase):
    """``AsyncMemory``'s API over HTTP."""

    async def close(self) -> None:
        await self._transport.aclose()

    async def __aenter__(self) -> AsyncRemoteMemory:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


def _decoded(op: Operation, lines: Iterator[bytes]) -> Iterator[Any]:
    for line in lines:
        yield op.decode_line(line)


def _sync_method(op: Operation) -> Callable[..., Any]:
    if op.item_type is not None:
        def method(self: RemoteMemory, *args: Any, **kwargs: Any) -> Any:
            body = op.encode_args(op.bind(args, kwargs))
            return _decoded(op, self._transport.stream(op.route, body))
    else:
        def method(self: RemoteMemory, *args: Any, **kwargs: Any) -> Any:
            return run_sync(self._invoke(op, args, kwargs))
    return method


def _async_method(op: Operation) -> Callable[..., Any]:
    async def stream(self: AsyncRemoteMemory, *args: Any, **kwargs: Any) -> Any:
        body = op.encode_args(op.bind(args, kwargs))
        async for line in self._transport.astream(op.route, body):
            yield op.decode_line(line)

    async def invoke(self: AsyncRemoteMemory, *args: Any, **kwargs: Any) -> Any:
        return await run_async(self._invoke(op, args, kwargs))

    return stream if op.item_type is not None else invoke


def _install() -> None:
    from ._memory import AsyncMemory

    for name, op in operations().items():
        twin = getattr(AsyncMemory, name, None)
        for cls, make, signature in ((RemoteMemory, _sync_method, op.signature),
                                     (AsyncRemoteMemory, _async_method,
                                      inspect.signature(twin) if twin is not None else op.signature)):
            method = make(op)
            method.__name__, method.__qualname__ = name, f"{cls.__name__}.{name}"
            method.__doc__ = op.doc
            method.__signature__ = signature  # type: ignore[attr-defined]  # inspect reads it; functions do not declare it
            setattr(cls, name, method)


_install()

__all__ = ["AsyncRemoteMemory", "RemoteMemory"]
