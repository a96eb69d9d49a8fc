"""AgentMemoryStore on a RemoteMemory: the store's ops through a real ``agent-memory`` HTTP server."""

from __future__ import annotations

import pytest
from langgraph.store.agent_memory import AgentMemoryStore

from agent_memory import Memory, RemoteMemory
from agent_memory.server.testing import serving
from agent_memory.testing import HashEmbedder

KEY = "admin-key-for-the-store-tests-0"
ALICE = ("memories", "alice")
BOB = ("memories", "bob")


@pytest.fixture
def remote(tmp_path):
    local = Memory(path=tmp_path / "store", embedder=HashEmbedder(64), extractor=None)
    with serving(local, keys=[{"key": KEY, "role": "admin"}]) as url, RemoteMemory(url, api_key=KEY) as mem:
        yield local, mem
    local.close()


# The adapters take any object with Memory's API (agent_memory.kit.Bridge), a RemoteMemory included.
def test_store_ops_on_a_remote_memory(remote):
    local, mem = remote
    store = AgentMemoryStore(mem, index={"fields": ["text"]})
    store.put(ALICE, "k1", {"text": "Alice likes green tea", "n": 3})
    store.put(BOB, "k1", {"text": "Bob likes coffee"})
    assert store.get(ALICE, "k1").value == {"text": "Alice likes green tea", "n": 3}
    assert [h.namespace for h in store.search(ALICE, query="tea")] == [ALICE]
    store.put(ALICE, "k1", {"text": "Alice likes black tea"})
    assert store.get(ALICE, "k1").value == {"text": "Alice likes black tea"}
    store.delete(ALICE, "k1")
    assert store.get(ALICE, "k1") is None
    assert store.get(BOB, "k1").value == {"text": "Bob likes coffee"}
    assert local.stats(all_scopes=True)["total"] >= 1  # written to the served store, not to a client-side copy
