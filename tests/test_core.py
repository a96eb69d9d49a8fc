"""Conformance suite of the public API: every test runs on Qdrant Edge and on the client path."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

import agent_memory
from agent_memory import (
    AsyncMemory,
    FastEmbedEmbedder,
    Memory,
    MemoryKind,
    NotFoundError,
    ProviderError,
    ScopeError,
    StoreUnavailableError,
    ValidationError,
)
from agent_memory.testing import FailingEmbedder

UTC = timezone.utc
T0 = datetime(2023, 5, 8, 13, 56, tzinfo=UTC)


def contents(records) -> set[str]:
    return {r.content for r in records}


def count(mem: Memory, **scope) -> int:
    return mem.stats(**scope)["total"]


# ----------------------------------------------------------------------------- add
def test_add_keeps_every_message_with_provenance_and_time(mem):
    res = mem.add(
        [
            {"role": "user", "name": "Caroline", "content": "I went to the LGBTQ support group", "id": "D1:3"},
            {"role": "assistant", "content": "That sounds meaningful.", "id": "D1:4"},
        ],
        user_id="c1", observed_at=T0, infer=False,
    )
    assert [m.kind for m in res.memories] == [MemoryKind.EPISODIC, MemoryKind.EPISODIC]
    assert [m.source_ids for m in res.memories] == [["D1:3"], ["D1:4"]]
    assert all(m.observed_at == T0 and m.valid_from == T0 for m in res.memories)
    assert res.memories[0].name == "Caroline" and res.memories[0].role == "user"
    assert [e.event for e in res.events] == ["ADD", "ADD"]
    assert mem.get(res.memories[0].id).content == "I went to the LGBTQ support group"


def test_message_created_at_wins_over_call_time(mem):
    t1 = T0 + timedelta(days=3)
    res = mem.add([{"content": "hello there", "created_at": t1.isoformat()}], user_id="u", observed_at=T0,
                  infer=False)
    assert res.memories[0].observed_at == t1


def test_readding_a_message_with_an_id_is_idempotent(mem):
    first = mem.add([{"content": "I like tea", "id": "m1"}], user_id="u", infer=False)
    again = mem.add([{"content": "I like tea", "id": "m1"}], user_id="u", infer=False)
    assert again.memories[0].id == first.memories[0].id
    assert again.events[0].event == "SEEN" and again.memories[0].seen_count == 2
    assert count(mem, user_id="u") == 1


def test_plain_string_is_a_user_message(mem):
    res = mem.add("just a note", agent_id="bot", infer=False)
    assert res.memories[0].role == "user" and res.memories[0].agent_id == "bot"


def test_remember_deduplicates_exact_facts(mem):
    a = mem.remember("Alice prefers window seats", user_id="alice", category="preference")
    b = mem.remember("alice prefers   WINDOW seats", user_id="alice")
    assert a.id == b.id and b.seen_count == 2
    assert [e.event for e in mem.history(a.id)] == ["ADD", "SEEN"]
    assert count(mem, user_id="alice") == 1


def test_remember_supersedes_same_attribute_and_keeps_history(mem):
    old = mem.remember("Alice lives in Berlin", user_id="alice", attribute="location", observed_at=T0)
    new = mem.remember("Alice lives in Paris", user_id="alice", attribute="location",
                       observed_at=T0 + timedelta(days=30))
    assert new.id != old.id
    now_true = mem.search("where does Alice live", user_id="alice")
    assert contents(h.memory for h in now_true) == {"Alice lives in Paris"}
    then = mem.search("where does Alice live", user_id="alice", as_of=T0 + timedelta(days=1))
    assert contents(h.memory for h in then) == {"Alice lives in Berlin"}
    stored_old = mem.get(old.id)
    assert stored_old.superseded_by == new.id and stored_old.valid_to == T0 + timedelta(days=30)
    assert [e.event for e in mem.history(old.id)] == ["ADD", "SUPERSEDE"]
    every = mem.list(user_id="alice", include_superseded=True)
    assert contents(every) == {"Alice lives in Berlin", "Alice lives in Paris"}


# ----------------------------------------------------------------------------- search
def test_hybrid_search_finds_keyword_only_matches(mem):
    mem.add(["My locker code is ZX-4471", "The weather was lovely in Lisbon", "We talked about football"],
            user_id="u", infer=False)
    hits = mem.search("ZX-4471", user_id="u", limit=3)
    assert hits[0].memory.content == "My locker code is ZX-4471"
    assert hits[0].explanation["fusion"] == "rrf" and "sparse_rank" in hits[0].explanation


def test_search_filters_and_kinds(mem):
    mem.remember("Bob is vegetarian", user_id="bob", category="diet", metadata={"topic": "food", "score": 3})
    mem.remember("Bob plays chess", user_id="bob", category="hobby", metadata={"topic": "games", "score": 7})
    mem.add("Bob said hi", user_id="bob", infer=False)
    assert contents(h.memory for h in mem.search("Bob", user_id="bob", kinds=["profile"])) == {
        "Bob is vegetarian", "Bob plays chess"}
    assert contents(h.memory for h in mem.search("Bob", user_id="bob", filters={"category": "diet"})) == {
        "Bob is vegetarian"}
    got = mem.search("Bob", user_id="bob", filters={"metadata.topic": {"in": ["games", "music"]}})
    assert contents(h.memory for h in got) == {"Bob plays chess"}
    got = mem.search("Bob", user_id="bob", filters={"score": {"gte": 5}})
    assert contents(h.memory for h in got) == {"Bob plays chess"}
    got = mem.search("Bob", user_id="bob", filters={"OR": [{"category": "diet"}, {"category": "hobby"}],
                                                     "NOT": {"topic": "food"}})
    assert contents(h.memory for h in got) == {"Bob plays chess"}
    got = mem.search("Bob", user_id="bob", filters={"kind": {"ne": "profile"}})
    assert contents(h.memory for h in got) == {"Bob said hi"}


def test_datetime_range_filters(mem):
    mem.add("early message", user_id="u", observed_at=T0, infer=False)
    mem.add("late message", user_id="u", observed_at=T0 + timedelta(days=10), infer=False)
    got = mem.search("message", user_id="u", filters={"observed_at": {"gte": T0 + timedelta(days=1)}})
    assert contents(h.memory for h in got) == {"late message"}


@pytest.mark.parametrize("bad", [
    {"category": {"like": "x"}}, {"AND": []}, {"AND": "x"}, {"NOT": {}}, "category=x", {"score": {"gt": "high"}},
    {"metadata.": 1}, {"a.b": 1}, {"observed_at": {"gt": 5}}, {"category": {"in": "abc"}}, {"category": [1, 2]},
])
def test_malformed_filters_are_rejected(mem, bad):
    with pytest.raises(ValidationError):
        mem.search("x", user_id="u", filters=bad)


def test_search_without_scope_is_refused_unless_global(mem):
    mem.add("global fact", user_id="u", infer=False)
    with pytest.raises(ScopeError):
        mem.search("fact")
    assert contents(h.memory for h in mem.search("fact", all_scopes=True)) == {"global fact"}


# ----------------------------------------------------------------------------- list / pagination
def test_list_paginates_newest_first_without_loss(mem):
    ids = [r.id for r in mem.add([f"note number {i}" for i in range(23)], user_id="u", infer=False).memories]
    ids += [mem.add("the newest note", user_id="u", infer=False).memories[0].id]
    seen, cursor = [], None
    while True:
        page = mem.list(user_id="u", limit=5, cursor=cursor)
        seen += [r.id for r in page]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert sorted(seen) == sorted(ids) and len(seen) == len(set(seen)) == 24
    assert seen[0] == ids[-1]  # newest first
    with pytest.raises(ValidationError):
        mem.list(user_id="u", cursor="not-a-cursor")


# ----------------------------------------------------------------------------- update / delete / history
def test_update_reembeds_records_history_and_never_moves_scope(mem):
    r = mem.remember("Carol likes jazz", user_id="carol", metadata={"src": "chat"})
    u = mem.update(r.id, content="Carol likes bebop saxophone", metadata={"user_id": "mallory", "src": None})
    assert u.user_id == "carol" and u.metadata == {"user_id": "mallory"}
    assert mem.search("saxophone", user_id="carol")[0].memory.id == r.id
    assert mem.search("saxophone", user_id="mallory") == []
    ev = mem.history(r.id)
    assert [e.event for e in ev] == ["ADD", "UPDATE"]
    assert (ev[1].old_content, ev[1].new_content) == ("Carol likes jazz", "Carol likes bebop saxophone")
    with pytest.raises(NotFoundError):
        mem.update(r.id, content="hijacked", user_id="mallory")
    assert mem.get(r.id).content == "Carol likes bebop saxophone"


def test_delete_leaves_a_tombstone_without_content(mem):
    r = mem.remember("Dave's PIN is 1234", user_id="dave")
    mem.update(r.id, content="Dave's PIN is 9999")
    with pytest.raises(NotFoundError):
        mem.delete(r.id, user_id="eve")
    mem.delete(r.id, user_id="dave")
    with pytest.raises(NotFoundError):
        mem.get(r.id)
    events = mem.history(r.id)
    assert [e.event for e in events] == ["ADD", "UPDATE", "DELETE"]
    assert all(e.old_content is None and e.new_content is None for e in events)


def test_delete_all_needs_a_scope_and_touches_only_it(mem):
    a = mem.remember("fact of user a", user_id="a")
    mem.remember("fact of user b", user_id="b")
    with pytest.raises(ScopeError):
        mem.delete_all()
    receipt = mem.delete_all(user_id="a")
    assert (receipt.total, receipt.facts, receipt.events_removed) == (1, 1, 1)
    assert count(mem, user_id="a") == 0 and count(mem, user_id="b") == 1
    with pytest.raises(NotFoundError):
        mem.history(a.id)


# ----------------------------------------------------------------------------- export / import
def test_export_import_round_trip(mem, tmp_path):
    mem.remember("Erin lives in Oslo", user_id="erin", attribute="location", observed_at=T0)
    mem.remember("Erin lives in Rome", user_id="erin", attribute="location", observed_at=T0 + timedelta(days=2))
    mem.add([{"content": "hi", "id": "x1"}], user_id="erin", observed_at=T0, infer=False)
    exported = list(mem.export(user_id="erin"))
    assert len(exported) == 3
    with Memory(path=tmp_path / "copy") as other:
        assert other.import_(exported) == 3
        again = sorted(other.export(user_id="erin"), key=lambda d: d["id"])
    strip = lambda d: {k: v for k, v in d.items() if k != "seq"}  # noqa: E731
    assert [strip(d) for d in again] == sorted(exported, key=lambda d: d["id"])


def test_import_cannot_move_a_memory_to_another_user(mem):
    r = mem.remember("Frank owns a boat", user_id="frank")
    record = mem.get(r.id).model_dump(mode="json") | {"user_id": "mallory"}
    with pytest.raises(ScopeError):
        mem.import_([record])
    assert mem.get(r.id).user_id == "frank"
    with pytest.raises(ValidationError):
        mem.import_([{"content": "no id"}])


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("content", ["", "   \n", "nul\x00byte", "bad \ud800 surrogate", "x" * (32 * 1024 + 1)])
def test_bad_content_is_rejected_and_nothing_written(mem, content):
    mem.add("existing", user_id="u", infer=False)
    with pytest.raises(ValidationError):
        mem.add(content, user_id="u")
    with pytest.raises(ValidationError):
        mem.remember(content, user_id="u")
    with pytest.raises(ValidationError):
        mem.add(["fine message", content], user_id="u")
    assert count(mem, user_id="u") == 1


def test_other_bad_input(mem):
    with pytest.raises(ValidationError):
        mem.remember("x", user_id="u", kind="opinion")
    with pytest.raises(ScopeError):
        mem.add("no scope")
    with pytest.raises(ScopeError):
        mem.add("bad scope", user_id="")
    with pytest.raises(ValidationError):
        mem.add("x", user_id="u", metadata={"when": object()})
    with pytest.raises(ValidationError):
        mem.add([{"role": "user"}], user_id="u")
    with pytest.raises(NotFoundError):
        mem.get("00000000-0000-0000-0000-000000000000")
    with pytest.raises(NotFoundError):
        mem.get("not-a-uuid")
    with pytest.raises(NotFoundError):
        mem.delete("00000000-0000-0000-0000-000000000000")
    assert count(mem, all_scopes=True) == 0


def test_closed_store_raises(make_memory):
    m = make_memory()
    m.close()
    with pytest.raises(StoreUnavailableError):
        m.add("x", user_id="u")
    with pytest.raises(StoreUnavailableError):
        m.search("x", user_id="u")


def test_failed_embedding_writes_nothing(make_memory):
    emb = FailingEmbedder(FastEmbedEmbedder())
    m = make_memory(embedder=emb)
    m.add("kept", user_id="u", infer=False)
    emb.armed = True
    with pytest.raises(ProviderError):
        m.add(["one", "two", "three"], user_id="u")
    assert contents(m.list(user_id="u")) == {"kept"}


# ----------------------------------------------------------------------------- isolation
def test_users_never_see_each_other(mem):
    mem.remember("Grace's password hint is 'purple cat'", user_id="grace")
    mem.add("Heidi said her password hint is 'green dog'", user_id="heidi", infer=False)
    for query in ("password hint", "purple cat", "green dog"):
        assert {h.memory.user_id for h in mem.search(query, user_id="heidi")} <= {"heidi"}
        assert {h.memory.user_id for h in mem.search(query, user_id="grace")} <= {"grace"}
    assert {r.user_id for r in mem.list(user_id="grace")} == {"grace"}
    g = mem.list(user_id="grace").items[0]
    with pytest.raises(NotFoundError):
        mem.get(g.id, user_id="heidi")
    with pytest.raises(NotFoundError):
        mem.history(g.id, user_id="heidi")


# ----------------------------------------------------------------------------- async parity
def test_async_api_matches_sync(tmp_path):
    async def run():
        async with AsyncMemory(path=tmp_path / "a") as am:
            r = await am.add([{"content": "Ivan plays the cello", "id": "1"}], user_id="ivan", infer=False)
            fact = await am.remember("Ivan lives in Prague", user_id="ivan", attribute="location")
            hits = await am.search("cello", user_id="ivan")
            page = await am.list(user_id="ivan")
            await am.update(fact.id, content="Ivan lives in Brno")
            hist = await am.history(fact.id)
            exported = [d async for d in am.export(user_id="ivan")]
            return r, hits, page, hist, exported

    r, hits, page, hist, exported = asyncio.run(run())
    assert r.memories[0].source_ids == ["1"]
    assert hits[0].memory.content == "Ivan plays the cello"
    assert len(page) == 2 and [e.event for e in hist] == ["ADD", "UPDATE"]
    assert {d["content"] for d in exported} == {"Ivan plays the cello", "Ivan lives in Brno"}


def test_public_api_is_pinned():
    assert sorted(agent_memory.__all__) == agent_memory.__all__
    for name in ("Memory", "AsyncMemory", "MemoryRecord", "SearchHit", "AgentMemoryError", "Settings"):
        assert name in agent_memory.__all__


def test_boolean_filters_match_or_fail_loudly(backend_kind, mem):
    mem.remember("flagged fact", user_id="u", metadata={"flag": True})
    if backend_kind == "edge":
        with pytest.raises(ValidationError, match="boolean"):
            mem.search("fact", user_id="u", filters={"flag": True})
    else:
        assert [h.memory.content for h in mem.search("fact", user_id="u", filters={"flag": True})] == ["flagged fact"]


def test_aio_twin_shares_the_store(tmp_path):
    with Memory(path=tmp_path / "s") as m:
        m.remember("Kim bakes sourdough", user_id="kim")
        hits = asyncio.run(m.aio.search("sourdough", user_id="kim"))
        assert hits[0].memory.content == "Kim bakes sourdough"
