"""The op matrix of LangGraph's BaseStore, run on the sync (batch) and async (abatch) paths, on
Qdrant Edge and on qdrant-client's in-process engine."""

from __future__ import annotations

import asyncio
import time

import pytest
from langgraph.store.agent_memory import AgentMemoryStore
from langgraph.store.base import BaseStore, GetOp, InvalidNamespaceError, PutOp

from agent_memory import AsyncMemory, Memory, ValidationError
from agent_memory.testing import HashEmbedder


@pytest.fixture(params=["edge", "client"])
def memory(request, tmp_path):
    kw = {"embedder": HashEmbedder(64), "extractor": None}
    mem = Memory(path=tmp_path / "store", **kw) if request.param == "edge" else Memory(location=":memory:", **kw)
    yield mem
    mem.close()


class Driver:
    """Calls a store method through batch (sync) or abatch (async)."""

    def __init__(self, store: BaseStore, mode: str):
        self.store, self.mode = store, mode

    def __getattr__(self, name: str):
        if self.mode == "sync":
            return getattr(self.store, name)
        method = getattr(self.store, "a" + name)
        return lambda *a, **kw: asyncio.run(method(*a, **kw))


@pytest.fixture(params=["sync", "async"])
def mode(request) -> str:
    return request.param


@pytest.fixture
def store(memory, mode) -> Driver:
    return Driver(AgentMemoryStore(memory, index={"fields": ["text"]}), mode)


ALICE = ("memories", "alice")
BOB = ("memories", "bob")


def test_get_put_roundtrip_is_exact(store):
    value = {"text": "Alice likes green tea", "n": 3, "f": 1.5, "ok": True, "none": None,
             "nested": {"a": [1, "two", {"three": 3.0}]}, "unicode": "café ☕"}
    assert store.get(ALICE, "k1") is None
    store.put(ALICE, "k1", value)
    item = store.get(ALICE, "k1")
    assert item.value == value and item.key == "k1" and item.namespace == ALICE
    assert type(item.value["n"]) is int and type(item.value["f"]) is float
    first = item.created_at
    store.put(ALICE, "k1", {"text": "Alice likes black tea"})
    again = store.get(ALICE, "k1")
    assert again.value == {"text": "Alice likes black tea"}
    assert again.created_at == first and again.updated_at > first


def test_delete_by_none_value(store):
    store.put(ALICE, "k1", {"text": "to delete"})
    store.put(ALICE, "k2", {"text": "to keep"})
    store.delete(ALICE, "k1")
    assert store.get(ALICE, "k1") is None
    assert store.get(ALICE, "k2").value == {"text": "to keep"}
    store.delete(ALICE, "missing")  # deleting what is not there is not an error


def test_namespaces_isolate_users(store):
    store.put(ALICE, "k", {"text": "alice secret pin 1234"})
    store.put(BOB, "k", {"text": "bob likes pin codes"})
    assert store.get(BOB, "k").value == {"text": "bob likes pin codes"}
    hits = store.search(ALICE, query="pin codes secret")
    assert [h.namespace for h in hits] == [ALICE]
    assert {h.namespace for h in store.search(("memories",), query="pin")} == {ALICE, BOB}


def test_search_prefix_query_filter_limit_offset(store):
    for i in range(6):
        ns = ALICE + (("work",) if i % 2 else ("home",))
        tag = "even" if i % 2 == 0 else "odd"
        store.put(ns, f"k{i}", {"text": f"note number {i} about coffee", "i": i, "tag": tag})
    store.put(BOB, "b", {"text": "bob note about coffee", "i": 100})
    assert len(store.search(ALICE, limit=10)) == 6
    assert {h.key for h in store.search(ALICE + ("work",))} == {"k1", "k3", "k5"}
    assert {h.key for h in store.search(ALICE, filter={"tag": "even"})} == {"k0", "k2", "k4"}
    assert {h.key for h in store.search(ALICE, filter={"i": {"$gt": 3}})} == {"k4", "k5"}
    assert {h.key for h in store.search(ALICE, filter={"i": {"$gte": 3, "$lt": 5}})} == {"k3", "k4"}
    assert {h.key for h in store.search(ALICE, filter={"i": {"$lte": 1}})} == {"k0", "k1"}
    assert {h.key for h in store.search(ALICE, filter={"tag": {"$ne": "even"}})} == {"k1", "k3", "k5"}
    assert {h.key for h in store.search(ALICE, filter={"tag": {"$eq": "odd"}, "i": {"$ne": 1}})} == {"k3", "k5"}
    # no query: newest first, unscored; limit/offset page through
    page1 = store.search(ALICE, limit=4)
    page2 = store.search(ALICE, limit=4, offset=4)
    assert [h.key for h in page1] == ["k5", "k4", "k3", "k2"] and [h.key for h in page2] == ["k1", "k0"]
    assert all(h.score is None for h in page1)
    # a query ranks and scores
    hits = store.search(ALICE, query="note number 4", limit=3)
    assert hits[0].key == "k4" and hits[0].score is not None and len(hits) == 3
    assert [h.key for h in store.search(ALICE, query="note number 4", limit=2, offset=1)] == [h.key for h in hits[1:3]]


def test_kind_filter(store):
    store.put(ALICE, "p", {"text": "alice is vegetarian", "kind": "profile"})
    store.put(ALICE, "e", {"text": "alice ate a salad", "kind": "episodic"})
    store.put(ALICE, "d", {"text": "default kind is profile"})
    assert {h.key for h in store.search(ALICE, filter={"kind": "profile"})} == {"p", "d"}
    assert {h.key for h in store.search(ALICE, filter={"kind": "episodic"})} == {"e"}
    # a "kind" that is not a memory kind is an ordinary value key
    store.put(ALICE, "n", {"text": "a note", "kind": "note"})
    assert {h.key for h in store.search(ALICE, filter={"kind": "note"})} == {"n"}


def test_index_false_and_field_paths(store):
    store.put(ALICE, "hidden", {"text": "zebra zebra zebra"}, index=False)
    store.put(ALICE, "title", {"text": "nothing here", "title": "zebra crossing"}, index=["title"])
    store.put(ALICE, "plain", {"text": "a plain note"})
    hits = store.search(ALICE, query="zebra", limit=3)
    assert hits[0].key == "title" and hits[0].score is not None
    # the unindexed item only fills the page, unscored
    assert [(h.key, h.score) for h in hits if h.key == "hidden"] == [("hidden", None)]
    assert store.get(ALICE, "hidden").value == {"text": "zebra zebra zebra"}


def test_list_namespaces(memory, mode):
    # any template: here the first label is the agent and the second the user
    store = Driver(AgentMemoryStore(memory, scope_template=("{agent_id}", "{user_id}")), mode)
    for ns in [("a", "u1", "x"), ("a", "u1", "y"), ("a", "u2", "x"), ("b", "u1"), ("a", "u1", "x", "deep")]:
        store.put(ns, "k", {"text": "t"})
    all_ns = store.list_namespaces()
    assert ("a", "u1", "x") in all_ns and ("b", "u1") in all_ns and len(all_ns) == 5
    assert store.list_namespaces(prefix=("a", "u1")) == [("a", "u1", "x"), ("a", "u1", "x", "deep"), ("a", "u1", "y")]
    assert store.list_namespaces(suffix=("x",)) == [("a", "u1", "x"), ("a", "u2", "x")]
    wild = store.list_namespaces(prefix=("a", "*", "x"))
    assert wild == [("a", "u1", "x"), ("a", "u1", "x", "deep"), ("a", "u2", "x")]
    assert store.list_namespaces(prefix=("a",), max_depth=2) == [("a", "u1"), ("a", "u2")]
    assert store.list_namespaces(limit=2, offset=1) == sorted(all_ns)[1:3]


def test_ttl_expires_and_refreshes(memory, mode):
    store = Driver(AgentMemoryStore(memory, ttl={"default_ttl": 0.02, "refresh_on_read": True}), mode)  # 1.2 s
    assert store.store.supports_ttl and store.store.ttl_config["default_ttl"] == 0.02
    store.put(ALICE, "short", {"text": "short lived"})
    store.put(ALICE, "forever", {"text": "stays"}, ttl=None)
    before = memory.get(_id(ALICE, "short"), user_id="alice").expires_at
    time.sleep(0.5)
    assert store.get(ALICE, "short") is not None  # a read restarts the clock
    after = memory.get(_id(ALICE, "short"), user_id="alice").expires_at
    assert after > before
    assert store.get(ALICE, "short", refresh_ttl=False) is not None
    unchanged = memory.get(_id(ALICE, "short"), user_id="alice").expires_at
    assert unchanged == after
    time.sleep(1.4)
    assert store.get(ALICE, "short") is None
    assert [h.key for h in store.search(ALICE)] == ["forever"]
    assert store.list_namespaces() == [ALICE]


def _id(ns, key):
    from langgraph.store.agent_memory._mapping import item_id

    return item_id(ns, key)


def test_bad_input_gets_typed_errors(store):
    with pytest.raises(InvalidNamespaceError):
        store.put(("memories", "a.b"), "k", {"text": "x"})
    with pytest.raises(ValidationError):
        store.put(ALICE, "k", {"when": object()})
    with pytest.raises(ValidationError):
        store.search(ALICE, filter={"i": {"$regex": "x"}})
    with pytest.raises(ValidationError):
        store.search(ALICE, filter={"tags": ["a", "b"]})


def test_batch_mixes_ops_in_order(memory):
    store = AgentMemoryStore(memory)
    put, get = PutOp(ALICE, "k", {"v": 1}), GetOp(ALICE, "k")
    results = store.batch([get, put, get, PutOp(ALICE, "k", None), get])
    assert results[0] is None and results[1] is None and results[2].value == {"v": 1} and results[4] is None
    results = asyncio.run(store.abatch([put, get]))
    assert results[1].value == {"v": 1}


def test_engine_memories_are_visible_and_scoped(memory):
    store = AgentMemoryStore(memory, index={"fields": ["content"]})
    fact = memory.remember("Alice is allergic to peanuts", user_id="alice")
    memory.remember("Bob is allergic to shellfish", user_id="bob")
    hits = store.search(ALICE, query="allergic", filter={"kind": "profile"})
    assert [(h.key, h.value["content"]) for h in hits] == [(fact.id, "Alice is allergic to peanuts")]
    assert store.get(ALICE, fact.id).value["kind"] == "profile"
    assert store.get(BOB, fact.id) is None  # bob's namespace cannot address alice's memory
    store.put(ALICE, fact.id, {"content": "Alice is allergic to peanuts and tree nuts"})
    assert memory.get(fact.id).content == "Alice is allergic to peanuts and tree nuts"  # the indexed field
    assert store.get(ALICE, fact.id).value == {"content": "Alice is allergic to peanuts and tree nuts"}
    store.delete(ALICE, fact.id)
    assert store.search(ALICE, query="allergic") == []


def test_async_memory_is_accepted(tmp_path):
    async def main():
        amem = AsyncMemory(path=tmp_path / "s", embedder=HashEmbedder(64), extractor=None)
        store = AgentMemoryStore(amem)
        await store.aput(ALICE, "k", {"text": "async"})
        item = await store.aget(ALICE, "k")
        await amem.close()
        return item

    assert asyncio.run(main()).value == {"text": "async"}
