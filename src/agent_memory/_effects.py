"""One implementation for the sync and the async API.

Engine operations are generators that *describe* their I/O by yielding :class:`Call` objects
(embed these texts, run this query, ask the LLM) and receive the results back. Two small
drivers execute them: :func:`run_sync` calls the method directly; :func:`run_async` awaits
the component's native ``a<method>`` twin when it has one (remote embedders, LLM clients)
and otherwise runs the sync method in a worker thread, so in-process work (Qdrant Edge,
ONNX embeddings) never blocks the event loop. Errors are thrown back into the generator at
the point of the call, so the engine handles them in one place for both APIs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Call:
    target: Any
    method: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


Op = Generator[Call, Any, T]


def call(target: Any, method: str, *args: Any, **kwargs: Any) -> Generator[Call, Any, Any]:
    """``result = yield from call(obj, "method", ...)`` inside an engine operation."""
    return (yield Call(target, method, args, kwargs))


def run_sync(op: Op[T]) -> T:
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            step = op.throw(error) if error is not None else op.send(value)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        value, error = None, None
        try:
            value = getattr(step.target, step.method)(*step.args, **step.kwargs)
        except BaseException as exc:  # handed to the operation, which decides
            error = exc


async def run_async(op: Op[T]) -> T:
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            step = op.throw(error) if error is not None else op.send(value)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        value, error = None, None
        try:
            native = getattr(step.target, "a" + step.method, None)
            if native is not None:
                value = await native(*step.args, **step.kwargs)
            else:
                value = await asyncio.to_thread(getattr(step.target, step.method), *step.args, **step.kwargs)
        except BaseException as exc:
            error = exc
