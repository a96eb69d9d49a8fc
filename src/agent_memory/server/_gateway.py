"""The one way a served request reaches the store: authorise it against the key, then run the
``Memory`` method off the event loop under a deadline. The HTTP routes and the MCP tools both call
:meth:`Gateway.call`, so the scope rule and the limits are the same for every client."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import anyio
import anyio.to_thread

from .._errors import StoreUnavailableError
from .._wire import Operation, operations
from ._access import Principal, authorize

_DONE = object()


class Gateway:
    def __init__(self, memory: Any, *, timeout: float = 60.0, threads: int = 16):
        self.memory = memory
        self.timeout = timeout
        self.ops: dict[str, Operation] = operations()
        self.limiter = anyio.CapacityLimiter(threads)
        self._handles: dict[Principal, Any] = {}

    async def _run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            with anyio.fail_after(self.timeout):
                return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs),
                                                      abandon_on_cancel=True, limiter=self.limiter)
        except TimeoutError:
            raise StoreUnavailableError(f"the operation did not finish within the server's {self.timeout:g} s "
                                        "timeout") from None

    def handle(self, principal: Principal) -> Any:
        """The store as this key may use it: a reader key gets the engine's read-only handle and an
        agent-bound key the agent's handle (the engine's policy and history see that agent), so the
        engine enforces the role again behind the edge's check."""
        if principal.is_admin:
            return self.memory
        if principal not in self._handles:
            target = self.memory
            if principal.role == "reader" and hasattr(target, "read_only"):
                target = target.read_only()
            elif principal.agent_id is not None and hasattr(target, "as_actor"):
                target = target.as_actor(principal.agent_id)
            self._handles[principal] = target
        return self._handles[principal]

    async def call(self, principal: Principal, op: Operation, arguments: dict[str, Any]) -> Any:
        """Run ``op`` for ``principal``; a streamed result comes back as ``(first_item, iterator)``
        so that an error in the first page is reported before any response is started."""
        bound = authorize(principal, op, arguments)
        method = getattr(self.handle(principal), op.name)
        if op.item_type is None:
            return await self._run(method, **bound)
        iterator: Iterator[Any] = await self._run(lambda: iter(method(**bound)))
        first = await self._run(next, iterator, _DONE)
        return first, iterator

    async def invoke(self, principal: Principal, name: str, **arguments: Any) -> Any:
        return await self.call(principal, self.ops[name], arguments)


__all__ = ["Gateway"]
