"""The memory tools called by a create_agent agent: scope from the ToolRuntime, never from arguments."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from langchain.agents import create_agent
from langchain_agent_memory import AgentMemoryMiddleware, create_memory_tools
from langchain_core.messages import AIMessage, ToolMessage

from agent_memory import ConfigError


@dataclass
class Ctx:
    user_id: str


def _call(name: str, call_id: str = "c1", **args) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": call_id, "type": "tool_call"}])


def _run(mem, model, user: str, text: str = "go", *, use_async: bool = False):
    agent = create_agent(model, tools=create_memory_tools(mem), context_schema=Ctx)
    return agent.invoke({"messages": [{"role": "user", "content": text}]}, context=Ctx(user))


def _tool_results(result) -> list[str]:
    return [m.text for m in result["messages"] if isinstance(m, ToolMessage)]


def test_the_model_cannot_choose_the_scope(mem):
    for t in create_memory_tools(mem):
        fields = set(t.tool_call_schema.model_json_schema()["properties"])
        assert not fields & {"user_id", "agent_id", "session_id", "runtime"}, t.name


def test_save_and_search_use_the_runtime_user(mem, make_model):
    # the model even tries to smuggle a user_id in: the tool schema drops it
    model = make_model(_call("save_memory", content="Alice is allergic to peanuts", user_id="bob"), "Saved.")
    _run(mem, model, "alice")
    # saved in the extractor's words (the subject normalised), as "I'm allergic to peanuts" would be
    assert [m.content for m in mem.list(user_id="alice", kinds=["profile"]).items] == [
        "The user is allergic to peanuts"]
    assert mem.list(user_id="bob").items == []

    model = make_model(_call("search_memory", query="peanuts allergy"), "Found it.")
    found = json.loads(_tool_results(_run(mem, model, "alice"))[0])
    assert [m["content"] for m in found] == ["The user is allergic to peanuts"]
    # the model saw the result as a tool message in its second call
    assert isinstance(model.sent[1][-1], ToolMessage)

    model = make_model(_call("search_memory", query="peanuts allergy"), "Nothing.")
    assert json.loads(_tool_results(_run(mem, model, "bob"))[0]) == []


def test_another_users_memory_cannot_be_changed_or_deleted(mem, make_model):
    fact = mem.remember("Alice is allergic to peanuts", user_id="alice")
    model = make_model(_call("update_memory", memory_id=fact.id, content="Alice loves peanuts"),
                       _call("delete_memory", "c2", memory_id=fact.id), "Done.")
    results = _tool_results(_run(mem, model, "bob"))
    assert len(results) == 2 and all("NotFoundError" in r for r in results)
    assert mem.get(fact.id).content == "Alice is allergic to peanuts"


def test_update_and_delete_within_the_users_scope(mem, make_model):
    fact = mem.remember("Alice lives in Paris", user_id="alice")
    model = make_model(_call("update_memory", memory_id=fact.id, content="Alice lives in Lyon"), "Updated.")
    assert json.loads(_tool_results(_run(mem, model, "alice"))[0])["content"] == "Alice lives in Lyon"
    assert mem.get(fact.id).content == "Alice lives in Lyon"
    model = make_model(_call("delete_memory", memory_id=fact.id), "Deleted.")
    assert json.loads(_tool_results(_run(mem, model, "alice"))[0]) == {"deleted": [fact.id]}
    assert mem.list(user_id="alice", kinds=["profile"]).items == []


@pytest.mark.asyncio
async def test_tools_under_ainvoke(mem, make_model):
    model = make_model(_call("save_memory", content="Alice prefers window seats"),
                       _call("search_memory", "c2", query="window seats"), "ok")
    agent = create_agent(model, tools=create_memory_tools(mem), context_schema=Ctx)
    result = await agent.ainvoke({"messages": [{"role": "user", "content": "go"}]}, context=Ctx("alice"))
    saved, found = _tool_results(result)
    assert json.loads(found)[0]["id"] == json.loads(saved)["id"]


def test_middleware_can_bring_the_tools(mem, make_model):
    model = make_model(_call("save_memory", content="Alice works at ACME"), "ok")
    agent = create_agent(model, tools=[], context_schema=Ctx, middleware=[AgentMemoryMiddleware(mem, tools=True)])
    agent.invoke({"messages": [{"role": "user", "content": "remember where I work"}]}, context=Ctx("alice"))
    assert "The user works at ACME" in [m.content for m in mem.list(user_id="alice", kinds=["profile"]).items]


def _current(mem, user: str, attribute: str) -> list[str]:
    return [m.content for m in mem.list(user_id=user, kinds=["profile"], filters={"attribute": attribute}).items]


@pytest.mark.parametrize("saved", ["Alice is vegetarian", "The user is vegetarian"])
def test_a_saved_fact_and_the_extracted_one_are_one_memory_and_forget_removes_it(mem, make_model, saved):
    # issue 14.4: the tool's "Alice is vegetarian" and the extractor's "The user is vegetarian"
    # (from what the user said, written back by the middleware) used to be two memories, and
    # forgetting one left the other
    middleware = AgentMemoryMiddleware(mem, tools=True)
    model = make_model("Noted.", _call("save_memory", content=saved), "Saved.")
    agent = create_agent(model, tools=[], context_schema=Ctx, middleware=[middleware])
    agent.invoke({"messages": [{"role": "user", "content": "I'm vegetarian."}]}, context=Ctx("alice"))
    assert _current(mem, "alice", "diet") == ["The user is vegetarian"]
    agent.invoke({"messages": [{"role": "user", "content": "remember my diet"}]}, context=Ctx("alice"))
    assert _current(mem, "alice", "diet") == ["The user is vegetarian"]  # seen again, not a second memory
    [fact] = mem.list(user_id="alice", kinds=["profile"], filters={"attribute": "diet"}).items
    assert fact.seen_count == 2

    # a second current diet fact under another subject (a named speaker: consolidation keeps it
    # apart) goes with a forget too
    mem.add([{"role": "user", "name": "Alice", "content": "I'm vegan now."}], user_id="alice")
    assert sorted(_current(mem, "alice", "diet")) == ["Alice is vegan", "The user is vegetarian"]
    found = mem.list(user_id="alice", kinds=["profile"], filters={"attribute": "diet"}).items
    model = make_model(_call("delete_memory", memory_id=found[-1].id), "Forgotten.")
    create_agent(model, tools=create_memory_tools(mem), context_schema=Ctx).invoke(
        {"messages": [{"role": "user", "content": "forget my diet"}]}, context=Ctx("alice"))
    assert _current(mem, "alice", "diet") == []


def test_unknown_tool_name_is_a_config_error(mem):
    with pytest.raises(ConfigError):
        create_memory_tools(mem, include=["search_memory", "forget_everything"])
