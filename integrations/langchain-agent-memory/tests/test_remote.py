"""The LangChain retriever on a RemoteMemory, through a real ``agent-memory`` HTTP server."""

from __future__ import annotations

from langchain_agent_memory import AgentMemoryRetriever

from agent_memory import Memory, RemoteMemory
from agent_memory.server.testing import serving
from agent_memory.testing import HashEmbedder

KEY = "alice-key-for-the-retriever-tests"


# The adapters take any object with Memory's API (agent_memory.kit.Bridge), a RemoteMemory included.
def test_retriever_on_a_remote_memory(tmp_path):
    local = Memory(path=tmp_path / "store", embedder=HashEmbedder(64), extractor=None)
    local.remember("Alice likes green tea", user_id="alice")
    local.remember("Bob likes coffee", user_id="bob")
    try:
        with serving(local, keys=[{"key": KEY, "role": "reader", "user_id": "alice"}]) as url, \
                RemoteMemory(url, api_key=KEY) as mem:
            docs = AgentMemoryRetriever(memory=mem, user_id="alice", k=5).invoke("what does she like to drink?")
        assert [d.page_content for d in docs] == ["Alice likes green tea"]
    finally:
        local.close()
