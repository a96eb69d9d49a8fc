"""Clearing through the LangChain adapters takes the derived facts with the messages (the core's
provenance-driven erasure): a chat history's ``clear()``, the legacy ``AgentMemory.clear()`` and the
``delete_memory`` tool."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from langchain.agents import create_agent
from langchain_agent_memory import AgentMemoryChatMessageHistory, create_memory_tools
from langchain_core.messages import AIMessage, HumanMessage

CANARY = "quixotril"
SAID = "I take quixotril every morning."


def carries(mem, user: str) -> list[str]:
    """Every memory of the user, current or not, and every search hit, that still holds the word."""
    records = mem.list(user_id=user, include_superseded=True, limit=1000)
    found = [r.content for r in records if CANARY in r.content.lower()]
    found += [h.memory.content for h in mem.search(CANARY, user_id=user, limit=50) if CANARY in h.memory.content.lower()
              or "sparse_rank" in h.explanation]
    return found


def facts(mem, user: str) -> list[str]:
    return [r.content for r in mem.list(user_id=user, kinds=["profile"])]


def test_chat_history_clear_forgets_the_facts_drawn_from_it(mem):
    history = AgentMemoryChatMessageHistory(mem, "s1", user_id="alice")
    history.add_messages([HumanMessage(SAID), AIMessage("Noted.")])
    mem.add("I love hiking.", user_id="alice", session_id="s0")  # another session's fact stays
    assert "The user takes quixotril every morning" in facts(mem, "alice")
    history.clear()
    assert carries(mem, "alice") == [] and history.messages == []
    assert facts(mem, "alice") == ["The user loves hiking"]


@pytest.mark.asyncio
async def test_chat_history_aclear_forgets_the_facts_drawn_from_it(mem):
    history = AgentMemoryChatMessageHistory(mem.aio, "s1", user_id="alice")
    await history.aadd_messages([HumanMessage(SAID), AIMessage("Noted.")])
    assert facts(mem, "alice")
    await history.aclear()
    assert carries(mem, "alice") == [] and facts(mem, "alice") == []


def test_legacy_memory_clear_forgets_the_facts_drawn_from_it(mem):
    pytest.importorskip("langchain_classic")
    from langchain_agent_memory import AgentMemory

    memory = AgentMemory(memory=mem, user_id="alice", session_id="s1")
    memory.save_context({"input": SAID}, {"response": "Noted."})
    assert facts(mem, "alice")
    memory.clear()
    assert carries(mem, "alice") == [] and facts(mem, "alice") == []


@dataclass
class Ctx:
    user_id: str


def test_delete_memory_tool_takes_the_derived_fact_with_the_message(mem, make_model):
    mem.add([{"role": "user", "content": SAID, "id": "m1"}, {"role": "assistant", "content": "Noted.", "id": "m2"}],
            user_id="alice", session_id="s1")
    (message,) = [r for r in mem.list(user_id="alice", kinds=["episodic"]) if r.content == SAID]
    call = AIMessage(content="", tool_calls=[{"name": "delete_memory", "args": {"memory_id": message.id},
                                              "id": "c1", "type": "tool_call"}])
    agent = create_agent(make_model(call, "Forgotten."), tools=create_memory_tools(mem), context_schema=Ctx)
    agent.invoke({"messages": [{"role": "user", "content": "forget what I take"}]}, context=Ctx("alice"))
    assert carries(mem, "alice") == [] and facts(mem, "alice") == []
    assert [r.content for r in mem.list(user_id="alice")] == ["Noted."]
