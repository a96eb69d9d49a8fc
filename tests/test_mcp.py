"""The MCP server, driven by the official SDK's own client: over stdio (``agent-memory mcp`` as a
subprocess) and over streamable HTTP (mounted in ``serve``, the key deciding the scope)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator

import httpx2
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

from agent_memory import Memory
from agent_memory.testing import HashEmbedder

from .serving import ALICE, ALICE_READER, BOB, serving

TOOLS = {"remember", "search_memory", "build_context", "forget"}


def text_of(result) -> str:
    return "".join(getattr(c, "text", "") for c in result.content)


async def exercise(client: Client) -> dict[str, object]:
    """remember -> search -> context -> forget, through the tools; returns what was seen."""
    tools = (await client.list_tools()).tools
    assert {t.name for t in tools} == TOOLS
    for tool in tools:  # the scope never comes from a tool argument
        assert not {"user_id", "agent_id", "session_id"} & set(json.dumps(tool.input_schema).split('"'))
    saved = await client.call_tool("remember", {"content": "The user is allergic to peanuts"})
    assert not saved.is_error, text_of(saved)
    memory_id = saved.structured_content["id"]
    found = await client.call_tool("search_memory", {"query": "peanuts allergy"})
    hits = found.structured_content["result"]
    assert hits[0]["id"] == memory_id and "peanuts" in hits[0]["content"]
    context = await client.call_tool("build_context", {"query": "what can the user not eat?"})
    assert "peanuts" in text_of(context)
    gone = await client.call_tool("forget", {"memory_id": memory_id})
    assert not gone.is_error
    again = await client.call_tool("search_memory", {"query": "peanuts allergy"})
    return {"id": memory_id, "after_forget": again.structured_content["result"]}


def test_stdio_server_answers_the_sdk_client(tmp_path):
    store = tmp_path / "store"

    async def run() -> dict[str, object]:
        params = StdioServerParameters(command=sys.executable, args=[
            "-m", "agent_memory", "mcp", "--path", str(store), "--user-id", "carol", "--agent-id", "desk"])
        async with Client(params) as client:
            seen = await exercise(client)
            kept = await client.call_tool("remember", {"content": "The user prefers window seats"})
            seen["kept"] = kept.structured_content["id"]
            return seen

    seen = asyncio.run(run())
    assert seen["after_forget"] == []
    with Memory(path=store) as mem:  # written in the command line's scope
        record = mem.get(seen["kept"])
        assert (record.user_id, record.agent_id) == ("carol", "desk")


@pytest.fixture
def served(tmp_path):
    mem = Memory(path=tmp_path / "store", embedder=HashEmbedder(64))
    with serving(mem) as url:
        yield mem, url
    mem.close()


@contextlib.asynccontextmanager
async def http_client(url: str, key: str | None) -> AsyncIterator[Client]:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    async with httpx2.AsyncClient(headers=headers) as http, \
            Client(streamable_http_client(f"{url}/mcp", http_client=http)) as client:
        yield client


def test_streamable_http_takes_the_scope_from_the_key(served):
    mem, url = served
    bobs = mem.remember("Bob is allergic to peanuts too", user_id="bob", agent_id="bob-agent")

    async def run() -> dict[str, object]:
        async with http_client(url, ALICE) as client:
            seen = await exercise(client)  # Alice never sees Bob's peanut allergy
            kept = await client.call_tool("remember", {"content": "The user collects stamps"})
            seen["kept"] = kept.structured_content["id"]
            steal = await client.call_tool("forget", {"memory_id": bobs.id})
            seen["steal"] = (steal.is_error, text_of(steal))
        async with http_client(url, ALICE_READER) as client:
            denied = await client.call_tool("remember", {"content": "readers cannot write"})
            seen["reader"] = (denied.is_error, text_of(denied))
        async with http_client(url, BOB) as client:
            hits = await client.call_tool("search_memory", {"query": "peanuts"})
            seen["bob"] = [h["id"] for h in hits.structured_content["result"]]
        return seen

    seen = asyncio.run(run())
    assert seen["after_forget"] == []
    assert mem.get(seen["kept"]).user_id == "alice"
    assert seen["steal"][0] and "NotFoundError" in seen["steal"][1]
    assert mem.get(bobs.id).content == "Bob is allergic to peanuts too"
    assert seen["reader"][0] and "PermissionDeniedError" in seen["reader"][1]
    assert seen["bob"] == [bobs.id]


def test_streamable_http_refuses_a_request_without_a_key(served):
    _, url = served
    resp = httpx2.post(f"{url}/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                       headers={"accept": "application/json, text/event-stream"})
    assert resp.status_code == 401 and resp.json()["error"]["type"] == "PermissionDeniedError"
