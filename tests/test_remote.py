"""Conformance of ``RemoteMemory`` with ``Memory``: the same scenarios run on an in-process store and
on the same kind of store behind a real ``agent-memory`` HTTP server, with the same expectations."""

from __future__ import annotations

import asyncio
import inspect
import typing
from datetime import datetime, timedelta, timezone

import pytest

from agent_memory import (
    AddResult,
    AsyncMemory,
    AsyncRemoteMemory,
    MaintenanceReport,
    Memory,
    MemoryContext,
    MemoryRecord,
    NotFoundError,
    Page,
    RemoteMemory,
    ScopeError,
    SearchHit,
    ValidationError,
    _wire,
)
from agent_memory.testing import HashEmbedder

from .serving import ADMIN, serving

UTC = timezone.utc
T0 = datetime(2023, 5, 8, 13, 56, tzinfo=UTC)


@pytest.fixture(params=["local", "remote"])
def mem(request, tmp_path):
    local = Memory(path=tmp_path / "store", embedder=HashEmbedder(64))
    if request.param == "local":
        yield local
    else:
        with serving(local) as url, RemoteMemory(url, api_key=ADMIN) as remote:
            yield remote
    local.close()


def test_remote_has_every_served_method_with_the_same_signature():
    served = _wire.operations()
    assert set(served) >= {"add", "remember", "search", "context", "list", "get", "update", "delete", "delete_all",
                           "history", "export", "import_", "stats", "maintain", "close_session", "process_pending"}
    for local_cls, remote_cls in ((Memory, RemoteMemory), (AsyncMemory, AsyncRemoteMemory)):
        public = {n for n in _wire.public_methods(local_cls)}
        assert public - set(_wire.public_methods(remote_cls)) == _wire.unserved(Memory), local_cls
        for name in served:
            local, remote = getattr(local_cls, name), getattr(remote_cls, name)
            assert inspect.signature(remote) == inspect.signature(local), name
            assert inspect.iscoroutinefunction(remote) == inspect.iscoroutinefunction(local), name
            assert inspect.isasyncgenfunction(remote) == inspect.isasyncgenfunction(local), name
    assert isinstance(RemoteMemory.aio, property)
    # only methods returning another handle stay local: remotely, the key decides who a request acts as
    for name in _wire.unserved(Memory):
        assert _wire._is_handle(typing.get_type_hints(getattr(Memory, name)).get("return")), name


def test_add_get_history_round_trip_models(mem):
    res = mem.add([{"role": "user", "name": "Caroline", "content": "I moved to Paris last week.", "id": "D1:3"}],
                  user_id="c1", session_id="s1", observed_at=T0)
    assert isinstance(res, AddResult) and res.memories[0].source_ids == ["D1:3"]
    assert res.memories[0].observed_at == T0 and res.extraction is not None
    got = mem.get(res.memories[0].id, user_id="c1")
    assert isinstance(got, MemoryRecord) and got == res.memories[0]
    assert [e.event for e in mem.history(got.id)] == ["ADD"]
    with pytest.raises(NotFoundError):
        mem.get(got.id, user_id="someone-else")


def test_supersede_as_of_and_search_explanation(mem):
    old = mem.remember("The user lives in Paris", user_id="u", attribute="location", observed_at=T0)
    new = mem.remember("The user lives in Berlin", user_id="u", attribute="location",
                       observed_at=T0 + timedelta(days=30))
    hits = mem.search("where does the user live", user_id="u", include_superseded=True)
    assert all(isinstance(h, SearchHit) and h.explanation for h in hits)
    by_id = {h.memory.id: h.memory for h in hits}
    assert by_id[old.id].superseded_by == new.id and by_id[old.id].valid_to is not None
    past = mem.search("where does the user live", user_id="u", as_of=T0 + timedelta(days=1))
    assert [h.memory.id for h in past] == [old.id]
    assert {h.memory.id for h in mem.search("lives", user_id="u")} == {new.id}


def test_list_pages_with_cursors_update_delete(mem):
    ids = mem.add([f"note {i}" for i in range(7)], user_id="u", infer=False).ids
    seen, cursor = [], None
    while True:
        page = mem.list(user_id="u", limit=3, cursor=cursor)
        assert isinstance(page, Page) and len(page) <= 3
        seen += [m.id for m in page]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert sorted(seen) == sorted(ids)
    updated = mem.update(ids[0], "note zero, edited", {"topic": "x"}, user_id="u")
    assert updated.content == "note zero, edited" and updated.metadata["topic"] == "x"
    mem.delete(ids[0], user_id="u")
    with pytest.raises(NotFoundError):
        mem.get(ids[0])
    assert mem.delete_all(user_id="u") is not None
    assert mem.stats(user_id="u")["total"] == 0


def test_export_import_round_trip(mem):
    mem.add(["I love green tea", "We met in Lisbon"], user_id="u", observed_at=T0)
    exported = list(mem.export(user_id="u"))
    assert exported and all(isinstance(r, dict) and r["user_id"] == "u" for r in exported)
    mem.delete_all(user_id="u")
    assert mem.import_(iter(exported)) == len(exported)  # an iterator is accepted, as locally
    assert sorted(r["id"] for r in mem.export(user_id="u")) == sorted(r["id"] for r in exported)


def test_context_summaries_maintenance_and_pending(mem):
    mem.add(["I am vegetarian", "I work as a nurse"], user_id="u", session_id="s", observed_at=T0, defer=True)
    assert mem.process_pending() == 1
    ctx = mem.context("what should I cook?", user_id="u", max_tokens=300)
    assert isinstance(ctx, MemoryContext) and "vegetarian" in ctx.text
    summary = mem.close_session(session_id="s", user_id="u")
    assert summary is not None and summary.kind.value == "summary"
    assert mem.close_session(session_id="nothing-here", user_id="u") is None
    report = mem.maintain(user_id="u", dry_run=True)
    assert isinstance(report, MaintenanceReport) and report.dry_run
    assert mem.stats(user_id="u")["by_kind"]["summary"] >= 1


@pytest.mark.parametrize("call, error", [
    (lambda m: m.add("", user_id="u"), ValidationError),
    (lambda m: m.add("hi"), ScopeError),
    (lambda m: m.search("x"), ScopeError),
    (lambda m: m.search("x", user_id=" padded"), ScopeError),
    (lambda m: m.remember("fact", kind="nonsense", user_id="u"), ValidationError),
    (lambda m: m.search("x", user_id="u", filters={"category": {"nope": 1}}), ValidationError),
    (lambda m: m.get("no-such-id", user_id="u"), NotFoundError),
    (lambda m: m.history("no-such-id"), NotFoundError),
    (lambda m: m.update("no-such-id", "x", user_id="u"), NotFoundError),
])
def test_errors_are_the_same_classes(mem, call, error):
    mem.add("something to keep", user_id="u", infer=False)
    with pytest.raises(error) as info:
        call(mem)
    assert type(info.value) is error
    assert mem.stats(user_id="u")["total"] == 1  # nothing written by the failed call


def test_a_call_that_does_not_fit_the_signature_is_a_type_error(mem):
    with pytest.raises(TypeError):
        mem.search("x", user="u")  # no such parameter, as locally


def test_async_remote_memory(tmp_path):
    local = Memory(path=tmp_path / "store", embedder=HashEmbedder(64))

    async def scenario(url: str) -> None:
        async with AsyncRemoteMemory(url, api_key=ADMIN) as amem:
            res = await amem.add("I like sailing", user_id="u", infer=False)
            hits = await amem.search("sailing", user_id="u")
            assert [h.memory.id for h in hits] == res.ids
            assert [r["id"] async for r in amem.export(user_id="u")] == res.ids
            with pytest.raises(ScopeError):
                await amem.search("x")

    with serving(local) as url:
        asyncio.run(scenario(url))
        sync = RemoteMemory(url, api_key=ADMIN)
        assert sync.aio.location == sync.location
        sync.close()
    local.close()
