"""Deleting an engine memory through the LangGraph store takes what was derived from it."""

from __future__ import annotations

import pytest
from langgraph.store.agent_memory import AgentMemoryStore

from agent_memory import Memory
from agent_memory.testing import HashEmbedder

ALICE = ("memories", "alice")
SAID = "I take quixotril every morning."


@pytest.mark.parametrize("where", ["edge", "client"])
def test_store_delete_of_a_message_takes_its_facts(where, tmp_path):
    mem = Memory(path=tmp_path / "s", embedder=HashEmbedder(64)) if where == "edge" else \
        Memory(location=":memory:", embedder=HashEmbedder(64))
    with mem:
        mem.add([{"role": "user", "content": SAID}, {"role": "assistant", "content": "Noted."}], user_id="alice",
                session_id="s1")
        store = AgentMemoryStore(mem)
        (message,) = [r for r in mem.list(user_id="alice", kinds=["episodic"]) if r.content == SAID]
        assert [r.content for r in mem.list(user_id="alice", kinds=["profile"])]
        assert store.get(ALICE, message.id) is not None
        store.delete(ALICE, message.id)
        assert store.get(ALICE, message.id) is None
        assert [r.content for r in mem.list(user_id="alice", include_superseded=True)] == ["Noted."]
        assert all("quixotril" not in i.value.get("content", "").lower() for i in store.search(ALICE, limit=50))
