"""AgentMemoryChatMessageHistory under RunnableWithMessageHistory, sync and async, across a reopen
of the embedded store."""

from __future__ import annotations

import pytest
from langchain_agent_memory import AgentMemoryChatMessageHistory
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.runnables.history import RunnableWithMessageHistory

from agent_memory import AsyncMemory, Memory, ScopeError
from agent_memory.testing import HashEmbedder

PROMPT = ChatPromptTemplate.from_messages(
    [("system", "You are terse."), MessagesPlaceholder("history"), ("human", "{input}")])


def _chain(memory, model, user: str = "alice") -> RunnableWithMessageHistory:
    return RunnableWithMessageHistory(
        PROMPT | model, lambda session_id: AgentMemoryChatMessageHistory(memory, session_id, user_id=user),
        input_messages_key="input", history_messages_key="history")


def _cfg(session: str) -> dict:
    return {"configurable": {"session_id": session}}


def test_history_survives_a_reopen_of_the_store(store_path, make_model):
    with Memory(path=store_path, embedder=HashEmbedder()) as mem:
        model = make_model("Hello Alice.")
        _chain(mem, model).invoke({"input": "My name is Alice."}, _cfg("s1"))
        assert [type(m) for m in model.sent[0]] == [SystemMessage, HumanMessage]

    with Memory(path=store_path, embedder=HashEmbedder()) as mem:
        model = make_model("You are Alice.")
        _chain(mem, model).invoke({"input": "What is my name?"}, _cfg("s1"))
        sent = model.sent[0]
        assert [(type(m), m.text) for m in sent[1:]] == [
            (HumanMessage, "My name is Alice."), (AIMessage, "Hello Alice."), (HumanMessage, "What is my name?")]
        # another session of the same user starts empty, but the old one is searchable
        other = make_model("Hi.")
        _chain(mem, other).invoke({"input": "hello"}, _cfg("s2"))
        assert len(other.sent[0]) == 2
        hits = mem.search("my name", user_id="alice", kinds=["episodic"])
        assert "My name is Alice." in [h.memory.content for h in hits]


@pytest.mark.asyncio
async def test_async_history_survives_a_reopen_of_the_store(store_path, make_model):
    amem = AsyncMemory(path=store_path, embedder=HashEmbedder())
    model = make_model("Hello Alice.")
    await _chain(amem, model).ainvoke({"input": "My name is Alice."}, _cfg("s1"))
    await amem.close()

    amem = AsyncMemory(path=store_path, embedder=HashEmbedder())
    try:
        model = make_model("You are Alice.")
        await _chain(amem, model).ainvoke({"input": "What is my name?"}, _cfg("s1"))
        assert [m.text for m in model.sent[0][1:]] == ["My name is Alice.", "Hello Alice.", "What is my name?"]
        history = AgentMemoryChatMessageHistory(amem, "s1", user_id="alice")
        assert len(await history.aget_messages()) == 4
        await history.aclear()
        assert await history.aget_messages() == []
    finally:
        await amem.close()


def test_message_ids_are_kept_and_re_adding_is_idempotent(mem):
    history = AgentMemoryChatMessageHistory(mem, "s1", user_id="alice")
    msgs = [HumanMessage("hi", id="m1"), AIMessage("hello", id="m2")]
    history.add_messages(msgs)
    history.add_messages(msgs)
    assert [(type(m), m.text, m.id) for m in history.messages] == [
        (HumanMessage, "hi", "m1"), (AIMessage, "hello", "m2")]


def test_order_is_kept_across_many_adds_and_pages(mem):
    history = AgentMemoryChatMessageHistory(mem, "s1", user_id="alice", infer=False)
    for i in range(12):
        history.add_message(HumanMessage(f"message {i}"))
    assert [m.text for m in history.messages] == [f"message {i}" for i in range(12)]


def test_sessions_and_users_are_separate(mem):
    AgentMemoryChatMessageHistory(mem, "s1", user_id="alice").add_messages([HumanMessage("alice here")])
    AgentMemoryChatMessageHistory(mem, "s1", user_id="bob").add_messages([HumanMessage("bob here")])
    assert [m.text for m in AgentMemoryChatMessageHistory(mem, "s1", user_id="bob").messages] == ["bob here"]
    AgentMemoryChatMessageHistory(mem, "s1", user_id="bob").clear()
    assert [m.text for m in AgentMemoryChatMessageHistory(mem, "s1", user_id="alice").messages] == ["alice here"]


def test_session_id_is_required(mem):
    with pytest.raises(ScopeError):
        AgentMemoryChatMessageHistory(mem, "")


def test_tool_calls_and_their_results_are_dropped_together(mem):
    # issue 14.6: the AI message carrying tool calls was lost while its ToolMessage came back as an
    # orphan (with a random tool_call_id), which chat APIs reject
    from langchain_core.messages import ToolMessage

    history = AgentMemoryChatMessageHistory(mem, "s1", user_id="alice", infer=False)
    history.add_messages([
        HumanMessage("What's the weather in Paris?", id="h1"),
        AIMessage("", id="a1", tool_calls=[{"name": "weather", "args": {"city": "Paris"}, "id": "call-1"}]),
        ToolMessage("18C and sunny", tool_call_id="call-1", id="t1"),
        AIMessage("Let me check more.", id="a2", tool_calls=[{"name": "radar", "args": {}, "id": "call-2"}]),
        ToolMessage("no rain", tool_call_id="call-2", id="t2"),
        AIMessage("It's 18C and sunny in Paris.", id="a3"),
    ])
    got = history.messages
    assert not any(isinstance(m, ToolMessage) for m in got)
    assert [(type(m), m.text) for m in got] == [
        (HumanMessage, "What's the weather in Paris?"), (AIMessage, "Let me check more."),
        (AIMessage, "It's 18C and sunny in Paris.")]
    assert all(not getattr(m, "tool_calls", None) for m in got)  # every message valid on its own
