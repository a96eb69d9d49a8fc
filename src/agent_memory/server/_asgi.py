"""Pure ASGI pieces in front of the routes: the request size limit and the MCP endpoint dispatch."""

from __future__ import annotations

import json
from typing import Any

Scope = dict[str, Any]


class BodyLimit:
    """Refuses a request body over ``limit`` bytes with HTTP 413 and a typed error body; the body
    is read here (it is parsed whole anyway) and replayed to the app."""

    def __init__(self, app: Any, limit: int):
        self.app = app
        self.limit = limit

    async def _reject(self, send: Any) -> None:
        body = json.dumps({"error": {"type": "ValidationError",
                                     "message": f"request body over the server's limit of {self.limit} bytes"}})
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body.encode()})

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._reject(send)
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._reject(send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body, replayed = b"".join(chunks), False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            message: dict[str, Any] = await receive()  # ASGI's receive is untyped
            return message

        await self.app(scope, replay, send)


class Dispatch:
    """Sends ``path`` (with or without a trailing slash) to ``endpoint``, everything else on."""

    def __init__(self, app: Any, path: str, endpoint: Any):
        self.app = app
        self.paths = {path.rstrip("/"), path.rstrip("/") + "/"}
        self.endpoint = endpoint

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        target = self.endpoint if scope["type"] == "http" and scope["path"] in self.paths else self.app
        await target(scope, receive, send)
