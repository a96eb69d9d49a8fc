"""One object through which the integrations call a memory from sync and async framework code.

Any object with :class:`agent_memory.Memory`'s methods works (``Memory``, ``AsyncMemory``, a remote
client): coroutine methods mark an async one. Each call is written once, as a function of the
memory (``lambda m: m.search(q, user_id=...)``) or as a plan of several such steps (an effect
generator, driven by the core's ``run_sync`` / ``run_async``). The right twin is called whenever
there is one: a sync memory's ``aio`` (``Memory.aio``) for async code, an async memory's ``sync``
(when it offers one) for sync code.

Without a twin: async code runs a sync memory in a worker thread (the loop never blocks), and
sync code runs an async memory's coroutine to completion on a fresh event loop — in a worker
thread when the calling thread already runs a loop (LlamaIndex calls sync methods from inside
one), never re-entering that loop. That is the one behaviour inside a running loop.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from .._effects import Op, call, run_async, run_sync
from .._errors import ConfigError

T = TypeVar("T")

#: one step on the memory: called with the sync or the async API, returns the result or an awaitable of it
MemoryOp = Callable[[Any], Any]

_REQUIRED = ("add", "search", "get", "list", "update", "delete", "delete_all", "context", "remember")


def run_coroutine(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from sync code, inside or outside a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="agent-memory-sync") as pool:
        return pool.submit(asyncio.run, coro).result()


def _is_async(memory: Any) -> bool:
    return inspect.iscoroutinefunction(getattr(memory, "search", None))


class Bridge:
    """A memory object seen from both sides. ``call`` / ``acall`` run one step; ``run`` / ``arun`` a plan."""

    memory: Any  # the object given: Memory, AsyncMemory, a remote client...

    def __init__(self, memory: Any) -> None:
        if isinstance(memory, Bridge):
            memory = memory.memory
        missing = [name for name in _REQUIRED if not callable(getattr(memory, name, None))]
        if missing:
            raise ConfigError(f"expected an agent_memory.Memory, AsyncMemory or an object with their methods; "
                              f"{type(memory).__name__} lacks {missing}")
        self.memory = memory
        if _is_async(memory):
            twin = getattr(memory, "sync", None)
            self._sync, self._async = (twin if twin is not None and not _is_async(twin) else None), memory
        else:
            twin = getattr(memory, "aio", None)
            self._sync, self._async = memory, (twin if twin is not None and _is_async(twin) else None)

    @property
    def is_async(self) -> bool:
        """Whether the memory given was an async one (it decides which API adapters document)."""
        return self._sync is not self.memory

    def call(self, op: MemoryOp) -> Any:
        if self._sync is not None:
            return op(self._sync)
        return run_coroutine(op(self._async))

    async def acall(self, op: MemoryOp) -> Any:
        if self._async is not None:
            result: Awaitable[Any] = op(self._async)
            return await result
        return await asyncio.to_thread(op, self._sync)

    def run(self, plan: Op[T]) -> T:
        """Drive a plan (``result = yield from step(bridge, lambda m: ...)``) from sync code."""
        return run_sync(plan)

    async def arun(self, plan: Op[T]) -> T:
        return await run_async(plan)

    def __repr__(self) -> str:
        return f"Bridge({self.memory!r})"


def step(bridge: Bridge, op: MemoryOp) -> Op[Any]:
    """``result = yield from step(bridge, lambda m: m.get(id))`` inside a plan: run by
    ``bridge.call`` under ``run`` and by its native twin ``bridge.acall`` under ``arun``. The step
    runs before the plan resumes, so the function may read the plan's loop variables."""
    return (yield from call(bridge.call, op))
