"""Issue 14.2: namespaces map to scopes through a declared template, not by position.

LangGraph's docs file memories under ``(user_id, "memories")``; with the positional mapping that
was in place, ``("alice", "memories")`` landed under ``user_id="memories"``, so erasing alice
erased nothing and recall for alice could not see them."""

from __future__ import annotations

import pytest
from langgraph.store.agent_memory import AgentMemoryStore
from langgraph.store.memory import InMemoryStore

from agent_memory import ConfigError, Memory, ScopeError
from agent_memory.testing import HashEmbedder


@pytest.fixture
def memory():
    mem = Memory(location=":memory:", embedder=HashEmbedder(64), extractor=None)
    yield mem
    mem.close()


def test_langgraph_docs_layout_belongs_to_the_user(memory):
    store = AgentMemoryStore(memory, scope_template=("{user_id}", "memories"), index={"fields": ["text"]})
    store.put(("alice", "memories"), "diet", {"text": "Alice is vegetarian"})
    store.put(("bob", "memories"), "diet", {"text": "Bob eats everything"})
    [record] = memory.list(user_id="alice").items
    assert record.user_id == "alice"
    # what the middleware's recall reads for alice (Memory.context in her scope) includes it
    assert "Alice is vegetarian" in memory.context("what does alice eat?", user_id="alice").text
    assert [h.key for h in store.search(("alice",), query="vegetarian")] == ["diet"]
    # erasure of the user really erases what the store put for her
    assert memory.delete_all(user_id="alice").total == 1
    assert store.get(("alice", "memories"), "diet") is None
    assert store.get(("bob", "memories"), "diet").value == {"text": "Bob eats everything"}


def test_default_template_is_unchanged_and_agent_placeholders_work(memory):
    store = AgentMemoryStore(memory)
    store.put(("memories", "alice", "prefs"), "k", {"text": "x"})  # a sub-namespace stays alice's
    assert memory.list(user_id="alice").items[0].metadata["langgraph"]["namespace"] == ["memories", "alice", "prefs"]
    per_agent = AgentMemoryStore(memory, scope_template=("agents", "{agent_id}", "users", "{user_id}"))
    per_agent.put(("agents", "travel", "users", "alice"), "k", {"text": "y"})
    assert [r.content for r in memory.list(user_id="alice", agent_id="travel").items] == ['{"text": "y"}']


@pytest.mark.parametrize("namespace", [("alice", "memories"), ("memories",), ("notes", "alice")])
def test_namespaces_that_do_not_fit_are_refused(memory, namespace):
    store = AgentMemoryStore(memory)  # ("memories", "{user_id}")
    with pytest.raises(ScopeError, match="scope_template"):
        store.put(namespace, "k", {"text": "x"})
    with pytest.raises(ScopeError, match="scope_template"):
        store.get(namespace, "k")
    assert memory.list(all_scopes=True).items == []  # nothing was written under a guessed user


@pytest.mark.parametrize("template", [(), ("memories",), ("{user_id}", "{user_id}"), ("{tenant}",),
                                      ("a.b", "{user_id}")])
def test_bad_templates_are_config_errors(memory, template):
    with pytest.raises(ConfigError):
        AgentMemoryStore(memory, scope_template=template)


def test_index_config_is_honoured_or_refused(memory):
    AgentMemoryStore(memory, index={"dims": 64, "fields": ["text"]})  # the embedder's size: fine
    with pytest.raises(ConfigError, match="dims"):
        AgentMemoryStore(memory, index={"dims": 1536, "fields": ["text"]})
    with pytest.raises(ConfigError, match="embedder"):
        AgentMemoryStore(memory, index={"dims": 64, "embed": "openai:text-embedding-3-small"})
    with pytest.raises(ConfigError, match="unknown index option"):
        AgentMemoryStore(memory, index={"fields": ["text"], "ann": "hnsw"})


def test_search_scores_are_cosine_similarities_like_langgraphs_own_store(memory):
    embedder = HashEmbedder(64)
    ours = AgentMemoryStore(memory, index={"fields": ["text"]})
    theirs = InMemoryStore(index={"dims": 64, "embed": embedder.embed_documents, "fields": ["text"]})
    docs = {"a": "alice likes green tea", "b": "alice plays chess on sundays", "c": "green tea and chess"}
    for store in (ours, theirs):
        for key, text in docs.items():
            store.put(("memories", "alice"), key, {"text": text})
    query = "green tea"
    want = {i.key: i.score for i in theirs.search(("memories", "alice"), query=query)}
    got = {i.key: i.score for i in ours.search(("memories", "alice"), query=query)}
    assert set(got) == set(want)
    for key in got:  # the same cosine similarity InMemoryStore reports (same embedder, same text)
        assert got[key] == pytest.approx(want[key], abs=1e-6)
