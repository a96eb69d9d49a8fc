"""``Memory`` and ``AsyncMemory`` are twins: the same public methods, parameters, defaults,
annotations and docstrings; the async ones awaitable. Methods are enumerated, so one added to
either class is covered (and one added to only one of them fails here)."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Generator
from datetime import datetime, timezone
from typing import Any

import pytest

from agent_memory import AsyncMemory, Memory
from agent_memory.testing import HashEmbedder

SYNC_ONLY = {"aio"}  # the async view of a Memory; AsyncMemory is already async


def _public(cls: type) -> dict[str, object]:
    return {name: inspect.getattr_static(cls, name) for name in dir(cls) if not name.startswith("_")}


def _shared(name: str) -> bool:
    """Defined once on the common base (handles such as ``read_only``): the same object on both."""
    return inspect.getattr_static(Memory, name, None) is inspect.getattr_static(AsyncMemory, name, None)


def _methods(cls: type) -> list[str]:
    return sorted(n for n, m in _public(cls).items()
                  if inspect.isfunction(m) and n not in SYNC_ONLY and not _shared(n))


def test_the_twins_have_the_same_public_names():
    assert set(_public(Memory)) - SYNC_ONLY == set(_public(AsyncMemory))
    assert len(_methods(Memory)) >= 16  # add, search, ... close: the enumeration sees them


@pytest.mark.parametrize("name", _methods(Memory))
def test_each_method_has_the_same_signature_and_docstring(name):
    sync, asyn = getattr(Memory, name), getattr(AsyncMemory, name)
    assert inspect.iscoroutinefunction(asyn) or inspect.isasyncgenfunction(asyn), f"AsyncMemory.{name} is not async"
    assert not (inspect.iscoroutinefunction(sync) or inspect.isasyncgenfunction(sync))
    s, a = inspect.signature(sync), inspect.signature(asyn)
    assert list(s.parameters.values()) == list(a.parameters.values())  # names, kinds, defaults, annotations
    returns = s.return_annotation  # a string: the modules use `from __future__ import annotations`
    if inspect.isasyncgenfunction(asyn):  # export streams: a generator vs an async generator
        returns = returns.replace("Iterator[", "AsyncIterator[", 1)
    assert a.return_annotation == returns
    assert sync.__doc__ and sync.__doc__.strip(), f"Memory.{name} has no docstring"
    assert inspect.getdoc(sync) == inspect.getdoc(asyn)


def test_handles_are_shared_and_keep_the_class():
    assert _shared("read_only") and _shared("as_actor")
    with Memory(location=":memory:", embedder=HashEmbedder()) as mem:
        assert type(mem.read_only()) is Memory and type(mem.aio.read_only()) is AsyncMemory


def test_properties_are_shared_not_copied():
    for name, member in _public(AsyncMemory).items():
        if isinstance(member, property):
            assert inspect.getattr_static(Memory, name) is member  # defined once, on the shared base


# ---------------------------------------------------------------------------- behaviour
T0 = datetime(2023, 5, 8, 13, 56, tzinfo=timezone.utc)


def _scenario() -> Generator[tuple[str, tuple[Any, ...], dict[str, Any]], Any, dict[str, Any]]:
    """One script of calls, written once; each driver answers ``(method, args, kwargs)`` steps."""
    out: dict[str, Any] = {}
    said = [{"role": "user", "id": "m1", "content": "I moved to Paris last week. I love pottery."}]
    res = yield "add", (said,), {"user_id": "u", "session_id": "s", "observed_at": T0}
    out["add"] = sorted((m.kind.value, m.content) for m in res.memories)
    fact = yield "remember", ("The user is vegetarian",), {"category": "constraint", "user_id": "u"}
    out["get"] = (yield "get", (fact.id,), {"user_id": "u"}).content
    hits = yield "search", ("where does the user live?",), {"user_id": "u", "limit": 3}
    out["search"] = [h.memory.content for h in hits]
    out["update"] = (yield "update", (fact.id, "The user is vegan"), {"user_id": "u"}).content
    out["history"] = [e.event for e in (yield "history", (fact.id,), {"user_id": "u"})]
    out["list"] = sorted(m.content for m in (yield "list", (), {"user_id": "u"}).items)
    out["context"] = sorted(i.content for i in (yield "context", ("pottery",), {"user_id": "u"}).items)
    deferred = yield "add", ("I prefer tea",), {"user_id": "u", "session_id": "s", "defer": True}
    out["deferred"] = deferred.extraction.deferred
    out["process_pending"] = yield "process_pending", (), {}
    out["stats"] = yield "stats", (), {"user_id": "u"}
    out["close_session"] = (yield "close_session", (), {"session_id": "s", "user_id": "u"}).content
    out["maintain"] = (yield "maintain", (), {"user_id": "u", "dry_run": True}).model_dump(
        exclude={"started_at", "finished_at"})
    exported = yield "export", (), {"user_id": "u"}
    out["export"] = sorted(r["content"] for r in exported)
    yield "delete", (fact.id,), {"user_id": "u"}
    out["after_delete"] = (yield "stats", (), {"user_id": "u"})["total"]
    out["delete_all"] = yield "delete_all", (), {"user_id": "u"}
    out["import_"] = yield "import_", (exported,), {}
    out["reimported"] = (yield "stats", (), {"user_id": "u"})["total"]
    return out


def _open(cls: type) -> Any:
    return cls(location=":memory:", embedder=HashEmbedder())


async def _drive(mem: Any) -> dict[str, Any]:
    """Run the scenario on ``mem``, awaiting what an AsyncMemory returns and listing export streams."""
    script = _scenario()
    result: Any = None
    while True:
        try:
            name, args, kwargs = script.send(result)
        except StopIteration as done:
            return dict(done.value)
        result = getattr(mem, name)(*args, **kwargs)
        if inspect.isasyncgen(result):
            result = [r async for r in result]
        elif inspect.isawaitable(result):
            result = await result
        elif name == "export":
            result = list(result)


async def _both() -> tuple[dict[str, Any], dict[str, Any]]:
    with _open(Memory) as mem:
        sync = await _drive(mem)
    async with _open(AsyncMemory) as amem:
        return sync, await _drive(amem)


def test_the_twins_behave_the_same():
    sync, asyn = asyncio.run(_both())
    assert sync == asyn
    assert sync["history"] == ["ADD", "UPDATE"] and sync["update"] == "The user is vegan"
    assert sync["process_pending"] == 1 and sync["after_delete"] == len(sync["export"]) - 1
    assert sync["delete_all"].total == sync["after_delete"] and sync["reimported"] == sync["import_"] > 0
