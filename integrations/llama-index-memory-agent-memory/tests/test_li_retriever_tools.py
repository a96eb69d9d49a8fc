"""AgentMemoryRetriever in a RetrieverQueryEngine, and the memory tools called by a FunctionAgent."""

from __future__ import annotations

import asyncio
import json

import pytest
from llama_index.core.agent.workflow import FunctionAgent
from llama_index.core.base.llms.types import ToolCallBlock
from llama_index.core.llms import ChatMessage, MockLLM
from llama_index.core.llms.mock import MockFunctionCallingLLM
from llama_index.core.query_engine import RetrieverQueryEngine
from llama_index.core.schema import MetadataMode
from llama_index.memory.agent_memory import AgentMemoryRetriever, memory_tools

from agent_memory import ConfigError, NotFoundError, ScopeError


def test_retriever_returns_scoped_nodes_with_the_memory_metadata(any_store, users, as_sync):
    alice, bob = users("alice", "bob")
    added = as_sync(any_store).add("I keep my passport in the blue drawer.", user_id=alice,
                      metadata={"source": "chat"}, infer=False)
    as_sync(any_store).add("I keep my passport in the red safe.", user_id=bob, infer=False)
    retriever = AgentMemoryRetriever(any_store, user_id=alice, similarity_top_k=5)  # LlamaIndex's name

    nodes = retriever.retrieve("where is my passport?")
    assert [n.node.get_content() for n in nodes] == ["I keep my passport in the blue drawer."]
    meta = nodes[0].node.metadata
    assert meta["memory_id"] == nodes[0].node.node_id == added.memories[0].id
    assert meta["kind"] == "episodic" and meta["source"] == "chat" and meta["user_id"] == alice
    assert nodes[0].score is not None
    # the LLM sees the memory's text only: no ids, timestamps or confidence padding (issue 14.3)
    assert nodes[0].node.get_content(metadata_mode=MetadataMode.LLM) == "I keep my passport in the blue drawer."

    async_nodes = asyncio.run(retriever.aretrieve("where is my passport?"))
    assert [n.node.node_id for n in async_nodes] == [n.node.node_id for n in nodes]


def test_retriever_in_a_query_engine(store, users):
    alice = users("alice")
    store.add("My dentist appointment is on Friday at 9.", user_id=alice, infer=False)
    engine = RetrieverQueryEngine.from_args(AgentMemoryRetriever(store, user_id=alice), llm=MockLLM())
    response = engine.query("When is my dentist appointment?")
    assert any("Friday at 9" in n.node.get_content() for n in response.source_nodes)
    assert "Friday at 9" in str(response)  # MockLLM echoes its prompt: the memory reached the LLM
    response = asyncio.run(engine.aquery("When is my dentist appointment?"))
    assert "Friday at 9" in str(response)


def test_retriever_needs_a_scope(store):
    with pytest.raises(ScopeError):
        AgentMemoryRetriever(store)


def _scripted_llm(calls: list[tuple[str, dict]]):
    """A function-calling mock that makes the given tool calls in turn, then answers."""
    script = iter(calls)

    def respond(messages, **kwargs):
        step = next(script, None)
        if step is None:
            return ChatMessage(role="assistant", content="done")
        name, args = step
        return ChatMessage(role="assistant", blocks=[ToolCallBlock(tool_call_id=f"c-{name}", tool_name=name,
                                                                   tool_kwargs=args)])

    return MockFunctionCallingLLM(response_generator=respond)


def _agent_run(llm, tools, msg="go"):
    async def go():
        handler = FunctionAgent(llm=llm, tools=tools).run(user_msg=msg)
        return await handler

    return asyncio.run(go())


def test_tool_schemas_hide_the_scope(store):
    tools = memory_tools(store, user_id="alice")
    assert [t.metadata.name for t in tools] == ["search_memory", "save_memory", "update_memory", "delete_memory"]
    for t in tools:
        props = t.metadata.get_parameters_dict()["properties"]
        assert "scope" not in props and "user_id" not in props
    with pytest.raises(ScopeError):
        memory_tools(store)
    with pytest.raises(ConfigError):
        memory_tools(store, user_id="a", tools=("drop_database",))


def test_agent_saves_searches_updates_and_deletes_through_the_tools(any_store, users, as_sync):
    alice, bob = users("alice", "bob")
    tools = memory_tools(any_store, user_id=alice)
    by_name = {t.metadata.name: t for t in tools}

    _agent_run(_scripted_llm([("save_memory", {"content": "Alice is training for a marathon",
                                               "category": "plan"})]), tools)
    saved = [m for m in as_sync(any_store).list(user_id=alice).items if "marathon" in m.content]
    assert len(saved) == 1 and saved[0].category == "plan"
    assert as_sync(any_store).list(user_id=bob).items == []

    found = asyncio.run(by_name["search_memory"].acall(query="marathon"))
    assert [m["id"] for m in json.loads(found.content)] == [saved[0].id]
    assert saved[0].id in by_name["search_memory"].call(query="marathon").content  # the sync twin

    _agent_run(_scripted_llm([("update_memory", {"memory_id": saved[0].id,
                                                 "content": "Alice is training for a half marathon"})]), tools)
    assert as_sync(any_store).get(saved[0].id).content == "Alice is training for a half marathon"

    _agent_run(_scripted_llm([("delete_memory", {"memory_id": saved[0].id})]), tools)
    with pytest.raises(NotFoundError):
        as_sync(any_store).get(saved[0].id)


def test_tools_cannot_reach_another_users_memories(store, users):
    alice, bob = users("alice", "bob")
    bobs = store.remember("Bob's bank PIN is 9931", user_id=bob)
    alice_tools = {t.metadata.name: t for t in memory_tools(store, user_id=alice)}

    assert "9931" not in alice_tools["search_memory"].call(query="bank PIN").content
    with pytest.raises(NotFoundError):
        alice_tools["update_memory"].call(memory_id=bobs.id, content="hacked")
    with pytest.raises(NotFoundError):
        asyncio.run(alice_tools["delete_memory"].acall(memory_id=bobs.id))
    # a model that sends its own scope does not get to choose it: the scope is not an argument
    assert "9931" not in alice_tools["search_memory"].call(query="bank PIN", scope={"user_id": bob},
                                                          user_id=bob).content
    assert store.get(bobs.id).content == "Bob's bank PIN is 9931"

    # through the agent, the failure is reported to the model as a tool error, nothing changes
    result = _agent_run(_scripted_llm([("delete_memory", {"memory_id": bobs.id})]),
                        list(alice_tools.values()))
    assert any(call.tool_output.is_error for call in result.tool_calls)
    assert store.get(bobs.id).content == "Bob's bank PIN is 9931"
