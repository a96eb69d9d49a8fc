"""One way to call an agent-memory store from LlamaIndex's sync and async code paths.

The adapters hold ONE ``agent_memory.Memory`` or ``AsyncMemory`` (the embedded store allows a
single open object per folder per process) and reach it through :class:`Driver`:

* async code awaits ``AsyncMemory`` directly, or runs ``Memory`` in a worker thread;
* sync code calls ``Memory`` directly, or runs an ``AsyncMemory`` coroutine on a private event
  loop. LlamaIndex calls sync methods from inside running loops (``Memory.get`` runs a fresh
  loop in another thread), so a running loop in this thread is never re-entered: the coroutine
  goes to a short-lived thread of its own. ``AsyncMemory`` runs its engine in worker threads and
  binds nothing to a loop, so any loop may drive it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from agent_memory import AsyncMemory, ConfigError, Memory

T = TypeVar("T")

Store = Memory | AsyncMemory


def run_coroutine(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from sync code, inside or outside a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="agent-memory-sync") as pool:
        return pool.submit(asyncio.run, coro).result()


class Driver:
    """Calls a method of the held store by name, from sync (:meth:`call`) or async (:meth:`acall`) code."""

    def __init__(self, memory: Any) -> None:
        if not isinstance(memory, (Memory, AsyncMemory)):
            raise ConfigError(f"expected an agent_memory.Memory or AsyncMemory, got {type(memory).__name__}")
        self.memory: Store = memory
        self.is_async = isinstance(memory, AsyncMemory)

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        fn = getattr(self.memory, method)
        if self.is_async:
            return run_coroutine(fn(*args, **kwargs))
        return fn(*args, **kwargs)

    async def acall(self, method: str, *args: Any, **kwargs: Any) -> Any:
        fn = getattr(self.memory, method)
        if self.is_async:
            return await fn(*args, **kwargs)
        # in-process engine work (Qdrant Edge, ONNX embeddings) must not block the event loop
        return await asyncio.to_thread(fn, *args, **kwargs)
