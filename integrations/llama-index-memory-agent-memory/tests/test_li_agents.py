"""Issue 14.3 and 14.6 through LlamaIndex's own agents: FunctionAgent and ReActAgent runs with a
scripted LLM over two sessions, on AgentMemory and on AgentMemoryBlock inside LlamaIndex's Memory."""

from __future__ import annotations

import asyncio

import pytest
from llama_index.core.agent.workflow import FunctionAgent, ReActAgent
from llama_index.core.llms import ChatMessage
from llama_index.core.llms.mock import MockFunctionCallingLLM
from llama_index.memory.agent_memory import AgentMemory, AgentMemoryBlock


class Script:
    """A scripted LLM that records every message list it is sent; ReAct runs get ReAct-format answers."""

    def __init__(self, react: bool = False):
        self.calls: list[list[ChatMessage]] = []
        self.react = react
        self.llm = MockFunctionCallingLLM(response_generator=self._respond)

    def _respond(self, messages, **kwargs) -> ChatMessage:
        self.calls.append(list(messages))
        text = "Thought: I can answer without any more tools.\nAnswer: Noted." if self.react else "Noted."
        return ChatMessage(role="assistant", content=text)

    def seen(self) -> str:
        return "\n".join(m.content or "" for m in self.calls[-1])


def _run(agent, msg: str, memory) -> None:
    async def go():
        await agent.run(user_msg=msg, memory=memory)

    asyncio.run(go())


@pytest.mark.parametrize("kind", ["function", "react"])
def test_two_sessions_with_agent_memory(store, users, kind):
    alice, bob = users("alice", "bob")
    script = Script(react=kind == "react")
    agent = (FunctionAgent(llm=script.llm, tools=[]) if kind == "function"
             else ReActAgent(llm=script.llm, tools=[]))
    _run(agent, "I'm vegetarian and I live in Lisbon.", AgentMemory(store, user_id=alice, session_id="s1"))
    _run(agent, "What should I cook tonight?", AgentMemory(store, user_id=alice, session_id="s2"))
    assert "vegetarian" in script.seen() and "Lisbon" in script.seen()
    _run(agent, "What should I cook tonight?", AgentMemory(store, user_id=bob, session_id="s3"))
    assert "vegetarian" not in script.seen()


@pytest.mark.parametrize("kind", ["function", "react"])
def test_two_sessions_with_the_block_and_its_defaults(store, users, li_memory, kind):
    # issue 14.3: with eager=False by default a normal chat never reached the store (LlamaIndex
    # flushes to long-term blocks only when short-term memory overflows)
    alice = users("alice")
    script = Script(react=kind == "react")
    agent = (FunctionAgent(llm=script.llm, tools=[]) if kind == "function"
             else ReActAgent(llm=script.llm, tools=[]))
    # ReActAgent drops the first system message it is given (its own prompt replaces it), where
    # LlamaIndex's Memory puts the blocks by default: with ReAct, blocks go with the user message
    insert = {"insert_method": "user"} if kind == "react" else {}
    first = li_memory(session_id="s1", memory_blocks=[AgentMemoryBlock(store, user_id=alice)], **insert)
    _run(agent, "I'm allergic to peanuts.", first)
    # by the end of the turn what the user said is in the store, and the fact derived from it
    stored = {m.content for m in store.list(user_id=alice).items}
    assert "I'm allergic to peanuts." in stored and "The user is allergic to peanuts" in stored
    second = li_memory(session_id="s2", memory_blocks=[AgentMemoryBlock(store, user_id=alice)], **insert)
    _run(agent, "Can I eat satay?", second)
    assert "allergic to peanuts" in script.seen()


def test_one_system_message_with_a_system_prompt(store, users):
    # issue 14.3: FunctionAgent(system_prompt=...) prepends its own system message after reading memory,
    # and AgentMemory added a second one
    alice = users("alice")
    script = Script()
    agent = FunctionAgent(llm=script.llm, tools=[], system_prompt="You are a terse cook.")
    _run(agent, "I'm vegetarian.", AgentMemory(store, user_id=alice, session_id="s1"))
    _run(agent, "What should I cook?", AgentMemory(store, user_id=alice, session_id="s2"))
    roles = [m.role.value for m in script.calls[-1]]
    assert roles.count("system") == 1 and script.calls[-1][0].content == "You are a terse cook."
    assert "vegetarian" in script.seen()
    # a conversation with its own system message gets the memory merged into it
    memory = AgentMemory(store, user_id=alice, session_id="s3",
                         chat_history=[ChatMessage(role="system", content="House rules.")])
    memory.put(ChatMessage(role="user", content="What should I cook?"))
    got = memory.get()
    assert [m.role.value for m in got] == ["system", "user"] and "vegetarian" in got[0].content


def test_the_block_leaves_out_the_current_sessions_own_turns(store, users):
    # issue 14.6: the block repeated the current thread's turns, already in the conversation
    alice = users("alice")
    store.add("My sister lives in Oslo.", user_id=alice, session_id="old", infer=False)
    store.add("My brother lives in Oslo too.", user_id=alice, session_id="now", infer=False)
    block = AgentMemoryBlock(store, user_id=alice)
    asked = [ChatMessage(role="user", content="Who lives in Oslo?")]
    text = asyncio.run(block.aget(asked, session_id="now"))
    assert "sister" in text and "brother" not in text
    keep = AgentMemoryBlock(store, user_id=alice, recall_current_session=True)
    assert "brother" in asyncio.run(keep.aget(asked, session_id="now"))
