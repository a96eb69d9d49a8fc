"""The integrations on a real ``RemoteMemory`` (the HTTP client of ``agent-memory serve``, on
127.0.0.1): an object with Memory's API works wherever a ``Memory`` does, and a key bound to one
user keeps the adapters inside that user's memories."""

from __future__ import annotations

import asyncio
import json

import pytest

from agent_memory import AsyncRemoteMemory, Memory, PermissionDeniedError, RemoteMemory
from agent_memory.kit import Bridge, Scope, select
from agent_memory.testing import HashEmbedder

pytest.importorskip("agent_memory.server")
from agent_memory.server.testing import serving  # noqa: E402

ADMIN, ALICE = "admin-key-0000000000000000", "alice-writer-key-00000000000"
KEYS = [{"key": ADMIN, "role": "admin"}, {"key": ALICE, "role": "writer", "user_id": "alice"}]


@pytest.fixture
def url(tmp_path):
    mem = Memory(path=tmp_path / "store", embedder=HashEmbedder(64))
    with serving(mem, keys=KEYS) as base:
        yield base
    mem.close()


def test_the_three_integrations_on_a_remote_memory(url):
    from langchain_agent_memory import AgentMemoryChatMessageHistory, AgentMemoryRetriever
    from langchain_core.messages import HumanMessage
    from langgraph.store.agent_memory import AgentMemoryStore
    from llama_index.memory.agent_memory import memory_tools

    with RemoteMemory(url, api_key=ADMIN) as remote:
        assert Bridge(remote).is_async is False
        AgentMemoryChatMessageHistory(remote, "s1", user_id="alice").add_messages([HumanMessage("I'm vegetarian.")])
        docs = AgentMemoryRetriever(memory=remote, user_id="alice").invoke("vegetarian")
        assert "The user is vegetarian" in [d.page_content for d in docs]

        store = AgentMemoryStore(remote, scope_template=("{user_id}", "memories"), index={"fields": ["text"]})
        store.put(("alice", "memories"), "k", {"text": "alice likes green tea"})
        search = {t.metadata.name: t for t in memory_tools(remote, user_id="alice")}["search_memory"]

        async def on_one_loop():  # the async twin (RemoteMemory.aio) keeps its connections on one loop
            try:
                return (await store.asearch(("alice", "memories"), query="green tea"),
                        json.loads((await search.acall(query="vegetarian")).content))
            finally:
                await remote.aio.close()  # its async connections, on their loop

        hits, found = asyncio.run(on_one_loop())
        # alice's engine memories (the message, the fact) show under her namespace too
        assert hits[0].key == "k" and hits[0].score is not None  # no local embedder: the fused score
        assert remote.list(user_id="alice", filters={"metadata.langgraph.key": "k"}).items
        assert "The user is vegetarian" in [m["content"] for m in found]
        assert json.loads(search.call(query="vegetarian").content) == found  # and the sync path


def test_an_async_remote_memory_and_a_key_bound_to_alice(url):
    async def main() -> None:
        async with AsyncRemoteMemory(url, api_key=ALICE) as remote:
            bridge = Bridge(remote)
            assert bridge.is_async
            search, save = select(["save_memory", "search_memory"])  # in the canonical order
            await save.ainvoke(bridge, Scope.of("alice"), {"content": "Alice lives in Lisbon"}, _options())
            found = json.loads(await search.ainvoke(bridge, Scope.of("alice"), {"query": "Lisbon"}, _options()))
            assert [m["content"] for m in found] == ["The user lives in Lisbon"]
            with pytest.raises(PermissionDeniedError):  # the key, not the adapter, decides whose memories
                await search.ainvoke(bridge, Scope.of("bob"), {"query": "Lisbon"}, _options())

    asyncio.run(main())


def _options():
    from agent_memory.kit import ToolOptions

    return ToolOptions()
