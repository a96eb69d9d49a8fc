"""AgentMemoryStore side by side with LangGraph's own InMemoryStore, op by op.

The installed langgraph ships no store conformance suite, so every operation here is applied to
both stores and their answers compared: what BaseStore documents must agree (items, values,
namespaces, filters, prefix semantics, deletes, pagination sizes). Where BaseStore leaves a choice
open the comparison says so: the order of results without a query (insertion order there, newest
first here) and the ranking with one (cosine there, hybrid dense + BM25 here)."""

from __future__ import annotations

import asyncio

import pytest
from langgraph.store.agent_memory import AgentMemoryStore
from langgraph.store.memory import InMemoryStore

from agent_memory import Memory
from agent_memory.testing import HashEmbedder

A, B = ("memories", "alice"), ("memories", "bob")
WORK = A + ("work",)


@pytest.fixture(params=["sync", "async"])
def pair(request, tmp_path):
    mem = Memory(path=tmp_path / "s", embedder=HashEmbedder(64), extractor=None)
    index = {"fields": ["text"]}
    ours = AgentMemoryStore(mem, index=index)
    theirs = InMemoryStore(index={"dims": 64, "embed": HashEmbedder(64).embed_documents, **index})
    yield request.param, ours, theirs
    mem.close()


def _call(mode: str, store, op: str, *args, **kwargs):
    if mode == "sync":
        return getattr(store, op)(*args, **kwargs)
    return asyncio.run(getattr(store, "a" + op)(*args, **kwargs))


def _item(i):
    return None if i is None else (i.namespace, i.key, i.value)


def test_op_by_op_like_in_memory_store(pair):
    mode, ours, theirs = pair

    def both(op: str, *args, **kwargs):
        return [_call(mode, s, op, *args, **kwargs) for s in (ours, theirs)]

    same = both  # (ours, theirs)

    writes = [(A, "k0", {"text": "alice likes green tea", "n": 0, "tag": "drink"}),
              (A, "k1", {"text": "alice plays chess", "n": 1, "tag": "game", "meta": {"level": 3}}),
              (A, "k2", {"text": "alice owns a cat", "n": 2, "tag": "pet"}),
              (WORK, "w0", {"text": "alice works on compilers", "n": 10, "tag": "job"}),
              (B, "k0", {"text": "bob likes coffee", "n": 0, "tag": "drink"})]
    for ns, key, value in writes:
        assert both("put", ns, key, value) == [None, None]

    for ns, key, _ in writes + [(A, "missing", None)]:
        got, want = same("get", ns, key)
        assert _item(got) == _item(want), (ns, key)
    got, want = same("get", A, "k0")
    assert got.created_at <= got.updated_at and want.created_at <= want.updated_at

    # prefix semantics, filters, pagination (as sets: BaseStore leaves the order without a query open)
    cases = [((A,), {}), ((("memories",),), {}), ((A,), {"filter": {"tag": "drink"}}),
             ((A,), {"filter": {"n": {"$gte": 1}}}), ((A,), {"filter": {"n": {"$lt": 2}, "tag": {"$ne": "game"}}}),
             ((A,), {"filter": {"meta": {"level": 3}}}), ((WORK,), {}),
             ((A,), {"limit": 2}), ((A,), {"limit": 10, "offset": 3})]
    for args, kwargs in cases:
        got, want = same("search", *args, **kwargs)
        if "limit" in kwargs:
            assert len(got) == len(want), (args, kwargs)
            continue
        assert sorted(map(_item, got)) == sorted(map(_item, want)), (args, kwargs)
        assert all(i.score is None for i in got + want)
    pages = [_call(mode, ours, "search", A, limit=2, offset=o) for o in (0, 2)]
    assert sorted(i.key for p in pages for i in p) == ["k0", "k1", "k2", "w0"]  # pages do not overlap

    # a query: the same items match, every one scored on the same (cosine) scale
    got, want = same("search", A, query="green tea", limit=10)
    assert {i.key for i in got} == {i.key for i in want}
    assert got[0].key == want[0].key == "k0"
    assert all(-1 <= i.score <= 1 for i in got)

    # namespaces
    for kwargs in ({}, {"prefix": A}, {"suffix": ("work",)}, {"max_depth": 2}, {"prefix": ("memories", "*")},
                   {"limit": 1, "offset": 1}):
        got, want = same("list_namespaces", **kwargs)
        assert got == want, kwargs

    # a namespace nobody wrote (after list_namespaces: reading one makes InMemoryStore list it)
    for op, args in (("get", (("memories", "carol"), "k0")), ("search", (("memories", "carol"),))):
        got, want = same(op, *args)
        assert got == want or (got == [] and want == [])

    # overwrite, delete, delete of what is missing, index=False
    both("put", A, "k1", {"text": "alice plays go", "n": 1})
    got, want = same("get", A, "k1")
    assert _item(got) == _item(want) and got.created_at < got.updated_at
    both("delete", A, "k2")
    both("delete", A, "never-there")
    both("put", A, "quiet", {"text": "not embedded"}, index=False)
    for key in ("k2", "quiet"):
        got, want = same("get", A, key)
        assert _item(got) == _item(want)
    got, want = same("search", A)
    assert sorted(map(_item, got)) == sorted(map(_item, want))
    got, want = same("search", A, query="not embedded", limit=10)
    assert {i.key for i in got} == {i.key for i in want}
    assert [i.score for i in got if i.key == "quiet"] == [None]  # unindexed: fills the page, unscored
