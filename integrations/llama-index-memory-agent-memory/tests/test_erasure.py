"""``AgentMemory.reset(long_term=True)`` and the ``delete_memory`` tool take derived facts with them."""

from __future__ import annotations

from llama_index.memory.agent_memory import AgentMemory, memory_tools

from agent_memory import Memory
from agent_memory.testing import HashEmbedder

CANARY = "quixotril"
SAID = "I take quixotril every morning."


def carries(mem: Memory, user: str) -> list[str]:
    records = mem.list(user_id=user, include_superseded=True, limit=1000)
    found = [r.content for r in records if CANARY in r.content.lower()]
    found += [h.memory.content for h in mem.search(CANARY, user_id=user, limit=50) if CANARY in h.memory.content.lower()
              or "sparse_rank" in h.explanation]
    return found


def test_reset_long_term_forgets_messages_and_facts_of_the_user_only(tmp_path):
    with Memory(path=tmp_path / "s", embedder=HashEmbedder()) as mem:
        for user in ("alice", "bob"):
            mem.add([{"role": "user", "content": SAID}, {"role": "assistant", "content": "Noted."}],
                    user_id=user, session_id="s1")
        bob = list(mem.export(user_id="bob", include_history=True))
        assert [r.content for r in mem.list(user_id="alice", kinds=["profile"])]
        AgentMemory(mem, user_id="alice", session_id="s1").reset(long_term=True)
        assert carries(mem, "alice") == [] and len(mem.list(user_id="alice", include_superseded=True)) == 0
        assert list(mem.export(user_id="bob", include_history=True)) == bob


def test_delete_memory_tool_takes_the_derived_fact_with_the_message():
    with Memory(location=":memory:", embedder=HashEmbedder()) as mem:
        mem.add([{"role": "user", "content": SAID}, {"role": "user", "content": "I love hiking."}],
                user_id="alice", session_id="s1")
        (message,) = [r for r in mem.list(user_id="alice", kinds=["episodic"]) if r.content == SAID]
        tools = {t.metadata.name: t for t in memory_tools(mem, user_id="alice")}
        tools["delete_memory"].call(memory_id=message.id)
        assert carries(mem, "alice") == []
        assert [r.content for r in mem.list(user_id="alice", kinds=["profile"])] == ["The user loves hiking"]
