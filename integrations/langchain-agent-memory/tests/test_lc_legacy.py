"""The legacy BaseMemory (langchain-classic) inside a real ConversationChain."""

from __future__ import annotations

import pytest

pytest.importorskip("langchain_classic")

from langchain_agent_memory import AgentMemory  # noqa: E402
from langchain_classic.chains import ConversationChain  # noqa: E402

from agent_memory import ValidationError  # noqa: E402


def test_conversation_chain_recalls_an_earlier_session_for_the_same_user(mem, make_model):
    model = make_model("Noted.", "You live in Paris.", "I don't know.")
    ConversationChain(llm=model, memory=AgentMemory(memory=mem, user_id="alice", session_id="s1")).invoke(
        {"input": "I live in Paris."})
    assert {m.role for m in mem.list(user_id="alice", session_id="s1", kinds=["episodic"]).items} == {
        "user", "assistant"}

    ConversationChain(llm=model, memory=AgentMemory(memory=mem, user_id="alice", session_id="s2")).invoke(
        {"input": "Where do I live?"})
    prompt = model.sent[1][0].text
    assert "Paris" in prompt and prompt.rstrip().endswith("AI:")

    ConversationChain(llm=model, memory=AgentMemory(memory=mem, user_id="bob", session_id="s3")).invoke(
        {"input": "Where do I live?"})
    assert "Paris" not in model.sent[2][0].text


def test_memory_variables_and_clear(mem):
    memory = AgentMemory(memory=mem, user_id="alice", memory_key="facts")
    assert memory.memory_variables == ["facts"]
    assert memory.load_memory_variables({"input": "where do I live?"}) == {"facts": ""}
    memory.save_context({"input": "I live in Paris."}, {"response": "Noted."})
    assert "Paris" in memory.load_memory_variables({"input": "where do I live?"})["facts"]
    memory.clear()
    assert mem.list(user_id="alice").items == []


def test_ambiguous_inputs_need_an_input_key(mem):
    memory = AgentMemory(memory=mem, user_id="alice")
    with pytest.raises(ValidationError):
        memory.load_memory_variables({"question": "a", "topic": "b"})
    keyed = AgentMemory(memory=mem, user_id="alice", input_key="question")
    assert keyed.load_memory_variables({"question": "a", "topic": "b"}) == {"history": ""}


@pytest.mark.asyncio
async def test_async_methods(mem):
    memory = AgentMemory(memory=mem, user_id="alice")
    await memory.asave_context({"input": "I live in Paris."}, {"response": "Noted."})
    assert "Paris" in (await memory.aload_memory_variables({"input": "where?"}))["history"]
    await memory.aclear()
    assert (await memory.aload_memory_variables({"input": "where?"})) == {"history": ""}
