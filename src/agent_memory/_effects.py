"""One implementation for the sync and the async API.

Operations (see ``_kernel``) are generators that *describe* their I/O by yielding :class:`Call` objects
(embed these texts, run this query, ask the LLM) and receive the results back. Two small
drivers execute them: :func:`run_sync` calls the method directly; :func:`run_async` awaits
the component's native ``a<method>`` twin when it has one (remote embedders, LLM clients)
and otherwise runs the sync method in a worker thread, so in-process work (Qdrant Edge,
ONNX embeddings) never blocks the event loop. Errors are thrown back into the generator at
the point of the call, so the engine handles them in one place for both APIs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Call:
    """One I/O step: a bound method (or function) and its arguments."""

    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    def native_async(self) -> Callable[..., Any] | None:
        """The ``a<name>`` twin on the same object, when it has one (remote clients, sleep)."""
        owner = getattr(self.fn, "__self__", None)
        name = getattr(self.fn, "__name__", None)
        return getattr(owner, "a" + name, None) if owner is not None and name else None


Op = Generator[Call, Any, T]


def call(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Generator[Call, Any, T]:
    """``result = yield from call(obj.method, ...)`` inside an engine operation; the arguments are
    checked against ``obj.method``'s signature by the type checker."""
    return (yield Call(fn, args, kwargs))  # type: ignore[no-any-return]  # the driver sends back fn's result: a T


def run_sync(op: Op[T]) -> T:
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            step = op.throw(error) if error is not None else op.send(value)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]  # an Op[T] returns a T
        value, error = None, None
        try:
            value = step.fn(*step.args, **step.kwargs)
        except BaseException as exc:  # handed to the operation, which decides
            error = exc


async def run_async(op: Op[T]) -> T:
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            step = op.throw(error) if error is not None else op.send(value)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]  # an Op[T] returns a T
        value, error = None, None
        try:
            native = step.native_async()
            if native is not None:
                value = await native(*step.args, **step.kwargs)
            else:
                value = await asyncio.to_thread(step.fn, *step.args, **step.kwargs)
        except BaseException as exc:
            error = exc
