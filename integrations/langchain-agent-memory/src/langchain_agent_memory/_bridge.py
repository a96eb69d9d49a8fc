"""One way to call the memory from sync and async framework hooks.

The adapters accept a :class:`agent_memory.Memory` or an :class:`agent_memory.AsyncMemory`
(the embedded store allows one open instance per folder, so callers pick one). Async hooks
await ``AsyncMemory`` natively and run a ``Memory`` in a worker thread, which is what
``AsyncMemory`` itself does for in-process work. Sync hooks call a ``Memory`` directly and
drive an ``AsyncMemory`` on a private event loop, which only works outside a running loop.
"""

from __future__ import annotations

import asyncio
from typing import Any

from agent_memory import AsyncMemory, ConfigError, Memory


def check_memory(memory: Any) -> Any:
    if not isinstance(memory, (Memory, AsyncMemory)):
        raise ConfigError(f"expected an agent_memory.Memory or AsyncMemory, got {type(memory).__name__}")
    return memory


def call_sync(memory: Memory | AsyncMemory, method: str, *args: Any, **kwargs: Any) -> Any:
    if isinstance(memory, Memory):
        return getattr(memory, method)(*args, **kwargs)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(getattr(memory, method)(*args, **kwargs))
    raise ConfigError("an AsyncMemory cannot be used from sync code inside a running event loop: "
                      "use the async API (ainvoke, aget_messages...) or pass a Memory")


async def call_async(memory: Memory | AsyncMemory, method: str, *args: Any, **kwargs: Any) -> Any:
    if isinstance(memory, AsyncMemory):
        return await getattr(memory, method)(*args, **kwargs)
    return await asyncio.to_thread(getattr(memory, method), *args, **kwargs)
