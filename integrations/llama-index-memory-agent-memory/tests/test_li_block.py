"""AgentMemoryBlock inside LlamaIndex's own ``Memory`` (flush and eager modes) and agent runs."""

from __future__ import annotations

import asyncio

import pytest
from llama_index.core.agent.workflow import FunctionAgent
from llama_index.core.llms import ChatMessage
from llama_index.core.storage.chat_store.sql import MessageStatus
from llama_index.memory.agent_memory import AgentMemoryBlock

from agent_memory import Memory as Store
from agent_memory import ScopeError
from agent_memory.testing import HashEmbedder


def _turns(n: int) -> list[ChatMessage]:
    out = []
    for i in range(n):
        out.append(ChatMessage(role="user", content=f"Turn {i}: my hobby number {i} is sailing the {i}th sea."))
        out.append(ChatMessage(role="assistant", content=f"Noted hobby {i}."))
    return out


@pytest.fixture
def contents(as_sync):
    """The messages stored for a user."""
    return lambda store, user: [m.content for m in as_sync(store).list(user_id=user, kinds=["episodic"],
                                                             limit=500).items]


def test_flush_mode_writes_only_what_leaves_the_short_term_buffer(any_store, users, contents, li_memory):
    alice = users("alice")
    block = AgentMemoryBlock(any_store, user_id=alice, eager=False)
    memory = li_memory(session_id="s1", token_limit=120, token_flush_size=40, memory_blocks=[block])

    async def go():
        await memory.aput_messages(_turns(1))
        before = contents(any_store, alice)
        await memory.aput_messages(_turns(8)[2:])
        return before

    assert asyncio.run(go()) == []  # under the limit: nothing flushed, nothing written
    stored = contents(any_store, alice)
    assert stored and "Turn 0: my hobby number 0 is sailing the 0th sea." in stored
    active = [m.content for m in asyncio.run(memory.aget_all(status=MessageStatus.ACTIVE))]
    assert active and not set(stored) & set(active)  # what is still short-term is not written yet


def test_eager_mode_writes_every_turn_once(any_store, users, contents, li_memory):
    alice = users("alice")
    block = AgentMemoryBlock(any_store, user_id=alice, eager=True)
    memory = li_memory(session_id="s1", token_limit=150, token_flush_size=40, memory_blocks=[block])

    async def go():
        for i, msg in enumerate(_turns(6)):
            await memory.aput(msg)
            if msg.role.value == "user":
                await memory.aget()
                if i == 0:  # the first turn is stored right after its first read, before any flush
                    assert contents(any_store, alice) == [msg.content]
        await memory.aget()
        await memory.aput(ChatMessage(role="user", content="Yes."))
        await memory.aget(input="Yes.")  # the agent repeats the last user message as input=

    asyncio.run(go())
    stored = contents(any_store, alice)
    expected = [m.content for m in _turns(6)] + ["Yes."]
    assert sorted(stored) == sorted(expected)  # flushed messages were not written a second time


def test_recall_in_a_later_agent_run_for_the_same_user_only(any_store, llm, seen_text, users, li_memory):
    alice, bob = users("alice", "bob")
    agent = FunctionAgent(llm=llm, tools=[])

    def run(user, session, msg):
        memory = li_memory(session_id=session, memory_blocks=[
            AgentMemoryBlock(any_store, user_id=user, eager=True)])

        async def go():
            return await agent.run(user_msg=msg, memory=memory)

        return asyncio.run(go())

    run(alice, "s1", "My cat is called Miso.")
    run(alice, "s2", "What is my cat called?")
    assert "Miso" in seen_text(llm.last_chat_messages) and "<agent_memory>" in seen_text(llm.last_chat_messages)
    run(bob, "s3", "What is my cat called?")
    assert "Miso" not in seen_text(llm.last_chat_messages)


def test_sync_memory_get_drives_the_block(any_store, users, as_sync, li_memory):
    dana = users("dana")
    as_sync(any_store).add("My favourite colour is teal.", user_id=dana)
    memory = li_memory(session_id="x", memory_blocks=[AgentMemoryBlock(any_store, user_id=dana)])
    memory.put(ChatMessage(role="user", content="which colour do I like?"))
    got = memory.get()
    assert got[0].role.value == "system" and "teal" in got[0].content


def test_atruncate_drops_whole_low_value_memories(store, users):
    erin = users("erin")
    facts = [f"Note {i}: the blue box number {i} holds {i} marbles." for i in range(12)]
    for f in facts:
        store.add(f, user_id=erin, infer=False)
    block = AgentMemoryBlock(store, user_id=erin, max_tokens=2000)

    async def go():
        full = await block.aget([ChatMessage(role="user", content="blue box marbles")], session_id="s")
        return full, await block.atruncate(full, 120)

    full, smaller = asyncio.run(go())
    records = [line for line in full.splitlines() if line.startswith("- [")]
    kept = [line for line in smaller.splitlines() if line.startswith("- [")]
    assert len(records) == 12 and 0 < len(kept) < len(records)
    assert set(kept) <= set(records)  # whole records dropped, none cut
    assert asyncio.run(block.atruncate("text this block never rendered", 10)) is None


def test_truncation_inside_memory_keeps_the_block_under_the_limit(store, users, li_memory):
    erin = users("erin")
    for i in range(12):
        store.add(f"Note {i}: the red box number {i} holds {i} marbles.", user_id=erin, infer=False)
    block = AgentMemoryBlock(store, user_id=erin, max_tokens=2000, priority=1)
    memory = li_memory(session_id="s", token_limit=300, memory_blocks=[block])
    memory.put(ChatMessage(role="user", content="red box marbles"))
    text = memory.get()[0].content
    n = sum(line.startswith("- [") for line in text.splitlines())
    assert 0 < n < 12  # over the limit: the block shrank by whole records instead of vanishing


def test_persists_across_reopen_of_the_embedded_store(tmp_path, li_memory):
    path = tmp_path / "p"

    async def run(session, messages):
        with Store(path=path, embedder=HashEmbedder()) as store:
            memory = li_memory(session_id=session, memory_blocks=[
                AgentMemoryBlock(store, user_id="alice", eager=True)])
            await memory.aput_messages(messages)
            return await memory.aget()

    asyncio.run(run("s1", [ChatMessage(role="user", content="I was born in Porto.")]))
    got = asyncio.run(run("s2", [ChatMessage(role="user", content="Where was I born?")]))
    assert "Porto" in got[0].content


def test_a_scope_is_required(store):
    with pytest.raises(ScopeError):
        AgentMemoryBlock(store)
