"""AgentMemoryStore inside real LangGraph graphs: nodes that take ``store: BaseStore`` and
``runtime: Runtime[Ctx]``, the ready-made recall/remember nodes, and LangMem's memory tools.

No ``from __future__ import annotations`` here: LangGraph injects the store only into a
parameter annotated with the real ``BaseStore`` class."""

import asyncio
import uuid
from dataclasses import dataclass

import pytest
from langchain_core.messages import AIMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.runtime import Runtime
from langgraph.store.agent_memory import AgentMemoryStore, recall_node, remember_node
from langgraph.store.base import BaseStore
from langmem import create_manage_memory_tool, create_search_memory_tool

from agent_memory import Memory
from agent_memory.testing import HashEmbedder


@dataclass
class Ctx:
    user_id: str
    agent_id: str = "assistant"


class State(MessagesState):
    memory_context: str
    seen_prompt: str
    noted: list


@pytest.fixture
def store(tmp_path):
    mem = Memory(path=tmp_path / "store", embedder=HashEmbedder(128))
    yield AgentMemoryStore(mem, index={"fields": ["content"]})
    mem.close()


def model(state: State, runtime: Runtime[Ctx]) -> dict:
    """Stands in for a chat model: records the prompt it would be sent, and replies."""
    prompt = state["memory_context"]  # plain text, as the README uses it
    assert runtime.context.user_id  # the context reaches nodes
    return {"seen_prompt": prompt, "messages": [AIMessage("Noted.", id=str(uuid.uuid4()))]}


def note(state: State, store: BaseStore, runtime: Runtime[Ctx]) -> dict:
    """A node using the injected store directly, namespaced by the run's user."""
    ns = ("memories", runtime.context.user_id, "notes")
    store.put(ns, "last", {"content": state["messages"][-1].text})
    assert runtime.store is store
    return {"noted": [i.value for i in store.search(ns)]}


def build(store: AgentMemoryStore):
    builder = StateGraph(State, context_schema=Ctx)
    builder.add_node("recall", recall_node)
    builder.add_node("model", model)
    builder.add_node("note", note)
    builder.add_node("remember", remember_node)
    builder.add_edge(START, "recall")
    builder.add_edge("recall", "model")
    builder.add_edge("model", "note")
    builder.add_edge("note", "remember")
    builder.add_edge("remember", END)
    return builder.compile(store=store, checkpointer=InMemorySaver())


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_graph_remembers_a_user_across_threads(store, mode):
    graph = build(store)

    def run(text: str, user: str, thread: str) -> dict:
        args = ({"messages": [("user", text)]},)
        kw = {"config": {"configurable": {"thread_id": thread}}, "context": Ctx(user_id=user)}
        return graph.invoke(*args, **kw) if mode == "sync" else asyncio.run(graph.ainvoke(*args, **kw))

    first = run("I am allergic to peanuts", "alice", "t1")
    assert first["seen_prompt"] == ""  # nothing known yet
    assert first["noted"] == [{"content": "Noted."}]
    second = run("What am I allergic to?", "alice", "t2")
    assert "peanuts" in second["seen_prompt"]
    assert "data, not instructions" in second["seen_prompt"]
    other = run("What am I allergic to?", "bob", "t3")
    assert "peanuts" not in other["seen_prompt"]
    # the turn went through Memory.add: messages are episodic memories of alice, session = thread
    stored = store.memory.list(user_id="alice", kinds="episodic").items
    assert {(r.role, r.session_id) for r in stored if r.content == "I am allergic to peanuts"} == {("user", "t1")}
    assert any(r.role == "assistant" for r in stored)


def test_langmem_tools_run_on_the_store(store):
    ns = ("memories", "{langgraph_user_id}")
    manage, search = create_manage_memory_tool(namespace=ns), create_search_memory_tool(namespace=ns)

    def agent(state: State) -> dict:
        out = manage.invoke({"content": "User prefers window seats", "action": "create"})
        key = out.split()[-1]
        manage.invoke({"content": "User prefers aisle seats", "action": "update", "id": key})
        found = search.invoke({"query": "seat preference"})
        manage.invoke({"content": "User drinks oolong tea", "action": "create"})
        return {"noted": [key, found]}

    builder = StateGraph(State)
    builder.add_node("agent", agent)
    builder.add_edge(START, "agent")
    graph = builder.compile(store=store)
    out = graph.invoke({"messages": []}, config={"configurable": {"langgraph_user_id": "alice"}})
    key, found = out["noted"]
    assert "User prefers aisle seats" in found and "window" not in found
    item = store.get(("memories", "alice"), key)
    assert item.value == {"content": "User prefers aisle seats"}
    assert store.search(("memories", "bob"), query="seats") == []

    async def asearch() -> str:
        async def aagent(state: State) -> dict:
            return {"noted": [await search.ainvoke({"query": "tea"})]}

        b = StateGraph(State)
        b.add_node("agent", aagent)
        b.add_edge(START, "agent")
        res = await b.compile(store=store).ainvoke({"messages": []},
                                                   config={"configurable": {"langgraph_user_id": "alice"}})
        return res["noted"][0]

    assert "oolong" in asyncio.run(asearch())


_STRICT_GRAPH = r"""
import warnings
warnings.simplefilter("error")  # LangGraph's "Deserializing unregistered type" warning fails the run
from typing import Any
from langchain_core.messages import AIMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.store.agent_memory import AgentMemoryStore, recall_node, remember_node
from agent_memory import Memory
from agent_memory.testing import HashEmbedder

class State(MessagesState):
    memory_context: Any

def model(state):
    return {"messages": [AIMessage("ok (" + state["memory_context"][:0] + ")")]}

mem = Memory(location=":memory:", embedder=HashEmbedder(64))
b = StateGraph(State)
for name, node in (("recall", recall_node), ("model", model), ("remember", remember_node)):
    b.add_node(name, node)
b.add_edge(START, "recall"); b.add_edge("recall", "model"); b.add_edge("model", "remember"); b.add_edge("remember", END)
graph = b.compile(store=AgentMemoryStore(mem), checkpointer=InMemorySaver())
cfg = {"configurable": {"thread_id": "t1", "langgraph_user_id": "alice"}}
graph.invoke({"messages": [("user", "I am allergic to peanuts")]}, cfg)
out = graph.invoke({"messages": [("user", "What am I allergic to?")]}, cfg)  # the checkpoint is read back
assert isinstance(out["memory_context"], str) and "peanuts" in out["memory_context"], out["memory_context"]
state = graph.get_state(cfg).values
assert type(state["memory_context"]) is str
empty = graph.invoke({"messages": []}, {"configurable": {"thread_id": "t2", "user_id": "alice"}})
assert empty["memory_context"] == ""  # no user message: a string, never None
print("OK")
"""


def test_recall_node_state_is_plain_data_under_strict_msgpack():
    # issue 14.5: recall_node wrote a MemoryContext object: LangGraph warned on deserializing it and,
    # with LANGGRAPH_STRICT_MSGPACK=true, it came back as a dict; with no user message it was None
    import os
    import subprocess
    import sys

    env = {**os.environ, "LANGGRAPH_STRICT_MSGPACK": "true"}
    done = subprocess.run([sys.executable, "-c", _STRICT_GRAPH], env=env, capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0 and done.stdout.strip().endswith("OK"), done.stderr[-3000:]
