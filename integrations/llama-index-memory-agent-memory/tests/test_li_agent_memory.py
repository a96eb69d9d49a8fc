"""AgentMemory (the old-style BaseMemory) through FunctionAgent / AgentWorkflow runs."""

from __future__ import annotations

import asyncio
import threading

import pytest
from llama_index.core.agent.workflow import AgentWorkflow, FunctionAgent
from llama_index.core.async_utils import asyncio_run
from llama_index.core.llms import ChatMessage
from llama_index.memory.agent_memory import AgentMemory

from agent_memory import ConfigError, Memory, ScopeError
from agent_memory.testing import HashEmbedder

FACT = "My cat is called Miso."


def _run(agent, msg: str, memory) -> str:
    async def go():  # workflows start their tasks on the running loop
        return await agent.run(user_msg=msg, memory=memory)

    return str(asyncio.run(go()))


def test_fact_from_one_run_reaches_the_llm_in_a_later_run_for_the_same_user_only(any_store, llm, seen_text, users):
    alice, bob = users("alice", "bob")
    agent = FunctionAgent(llm=llm, tools=[])
    _run(agent, FACT, AgentMemory(any_store, user_id=alice, session_id="s1"))

    _run(agent, "What is my cat called?", AgentMemory(any_store, user_id=alice, session_id="s2"))
    alice_sees = seen_text(llm.last_chat_messages)
    assert "Miso" in alice_sees
    assert "memory_records" in alice_sees  # as quoted records, not as a bare instruction

    _run(agent, "What is my cat called?", AgentMemory(any_store, user_id=bob, session_id="s3"))
    assert "Miso" not in seen_text(llm.last_chat_messages)


def test_the_question_being_answered_is_not_recalled_to_itself(store, llm, users):
    carol = users("carol")
    _run(FunctionAgent(llm=llm, tools=[]), "Where did I park the car?", AgentMemory(store, user_id=carol))
    assert [m.role.value for m in llm.last_chat_messages] == ["user"]  # nothing known yet: no memory block
    # ...but the turn was stored right after the recall
    assert "Where did I park the car?" in {m.content for m in store.list(user_id=carol).items}


def test_agent_workflow_uses_the_memory(store, llm, seen_text, users):
    alice = users("alice")
    agent = FunctionAgent(name="helper", description="helps", llm=llm, tools=[])
    workflow = AgentWorkflow(agents=[agent], root_agent="helper")
    _run(workflow, FACT, AgentMemory(store, user_id=alice))
    _run(workflow, "Tell me about my cat", AgentMemory(store, user_id=alice))
    assert "Miso" in seen_text(llm.last_chat_messages)


def test_memory_is_merged_into_an_existing_system_message(store, llm, users):
    alice = users("alice")
    store.add(FACT, user_id=alice)
    history = [ChatMessage(role="system", content="You are terse."), ChatMessage(role="user", content="hi")]
    memory = AgentMemory(store, user_id=alice, chat_history=history)
    _run(FunctionAgent(llm=llm, tools=[]), "What is my cat called?", memory)
    systems = [m for m in llm.last_chat_messages if m.role.value == "system"]
    assert len(systems) == 1
    assert systems[0].content.startswith("You are terse.") and "Miso" in systems[0].content
    assert memory.get_all()[0].content == "You are terse."  # the stored history is not modified


def test_get_with_input_recalls_for_that_input(store, users):
    dana = users("dana")
    store.add("My favourite colour is teal.", user_id=dana)
    memory = AgentMemory(store, user_id=dana)
    memory.put(ChatMessage(role="user", content="hello"))
    got = memory.get(input="what colour do I like")
    # no system message in the conversation: the memory goes with the latest user message, so an
    # agent's own system_prompt stays the only system message
    assert [m.role.value for m in got] == ["user"] and "teal" in got[0].content and got[0].content.endswith("hello")
    assert [m.content for m in memory.get_all()] == ["hello"]  # get_all: short-term only, no recall


def test_sync_and_async_methods_agree(any_store, users):
    erin = users("erin")
    AgentMemory(any_store, user_id=erin, session_id="a").put_messages(
        [ChatMessage(role="user", content="I play the cello."), ChatMessage(role="assistant", content="Lovely.")])
    async_mem = AgentMemory(any_store, user_id=erin, session_id="b")

    async def go():
        await async_mem.aput(ChatMessage(role="user", content="Which instrument do I play?"))
        return await async_mem.aget()

    got_async = asyncio.run(go())
    got_sync = AgentMemory(any_store, user_id=erin).get(input="Which instrument do I play?")
    assert "cello" in got_async[0].content and "cello" in got_sync[0].content


def test_sync_methods_work_inside_a_running_loop_and_in_fresh_loops_on_other_threads(astore, users):
    memory = AgentMemory(astore, user_id=users("finn"))

    async def inside_loop():  # sync calls while this thread's loop is running
        memory.put(ChatMessage(role="user", content="My locker code is 4412."))
        memory.put(ChatMessage(role="assistant", content="Noted."))
        return memory.get(input="locker code")

    assert "4412" in asyncio.run(inside_loop())[0].content

    results: list[str] = []

    def other_thread():  # what LlamaIndex's asyncio_run does: a new loop on another thread
        results.append(asyncio_run(memory.aget(input="locker code"))[0].content)

    t = threading.Thread(target=other_thread)
    t.start()
    t.join()
    assert "4412" in results[0]


def test_set_replaces_the_buffer_without_writing(store, users):
    gus = users("gus")
    memory = AgentMemory(store, user_id=gus)
    memory.set([ChatMessage(role="user", content="I am allergic to peanuts.")])
    assert [m.content for m in memory.get_all()] == ["I am allergic to peanuts."]
    assert store.list(user_id=gus).items == []


def test_reset_clears_short_term_only_unless_asked(store, users):
    hana, ivan = users("hana", "ivan")
    memory = AgentMemory(store, user_id=hana)
    memory.put(ChatMessage(role="user", content="I moved to Oslo."))
    memory.reset()
    assert memory.get_all() == []
    assert any("Oslo" in m.content for m in store.list(user_id=hana).items)  # the queued write was kept
    store.add("I like skiing.", user_id=ivan)
    ivan_before = len(store.list(user_id=ivan).items)
    memory.reset(long_term=True)
    assert store.list(user_id=hana).items == []
    assert len(store.list(user_id=ivan).items) == ivan_before > 0  # another user's memories are untouched


def test_async_reset_long_term(store, users):
    hana = users("hana")
    memory = AgentMemory(store, user_id=hana)
    asyncio.run(memory.aput_messages([ChatMessage(role="user", content="x1"),
                                      ChatMessage(role="assistant", content="y1")]))
    assert len(store.list(user_id=hana).items) == 2
    asyncio.run(memory.areset(long_term=True))
    assert store.list(user_id=hana).items == [] and asyncio.run(memory.aget_all()) == []


def test_tool_and_system_messages_are_not_stored(store, users):
    jo = users("jo")
    AgentMemory(store, user_id=jo).put_messages([
        ChatMessage(role="system", content="secret system prompt"),
        ChatMessage(role="user", content="hi there"),
        ChatMessage(role="tool", content="tool output 123"),
        ChatMessage(role="assistant", content="hello")])
    assert sorted(m.content for m in store.list(user_id=jo).items) == ["hello", "hi there"]


def test_scope_and_configuration_errors(store):
    with pytest.raises(ScopeError):
        AgentMemory(store)
    with pytest.raises(ConfigError):
        AgentMemory("not a store", user_id="a")
    with pytest.raises(ConfigError):
        AgentMemory.from_defaults(user_id="a")
    assert isinstance(AgentMemory.from_defaults(memory=store, user_id="a"), AgentMemory)


def test_persists_across_reopen_of_the_embedded_store(tmp_path, llm, seen_text):
    with Memory(path=tmp_path / "p", embedder=HashEmbedder()) as first:
        _run(FunctionAgent(llm=llm, tools=[]), FACT, AgentMemory(first, user_id="alice"))
    with Memory(path=tmp_path / "p", embedder=HashEmbedder()) as second:
        _run(FunctionAgent(llm=llm, tools=[]), "what is my cat called?", AgentMemory(second, user_id="alice"))
    assert "Miso" in seen_text(llm.last_chat_messages)
