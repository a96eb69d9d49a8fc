"""LangChainEmbedder: a LangChain Embeddings object as the engine's embedder, sync and async."""

from __future__ import annotations

import pytest
from langchain_agent_memory import LangChainEmbedder
from langchain_core.embeddings import DeterministicFakeEmbedding, Embeddings

from agent_memory import AsyncMemory, ConfigError, Memory, ProviderError


class Broken(Embeddings):
    def embed_documents(self, texts):
        raise RuntimeError("provider down")

    def embed_query(self, text):
        return [0.1] * 8


class Calls(DeterministicFakeEmbedding):
    """Counts which path the engine used."""

    sync_calls: int = 0
    async_calls: int = 0

    def embed_documents(self, texts):
        self.sync_calls += 1
        return super().embed_documents(texts)

    async def aembed_documents(self, texts):
        self.async_calls += 1
        return super().embed_documents(texts)


def test_probes_the_dimension_and_names_the_model():
    emb = LangChainEmbedder(DeterministicFakeEmbedding(size=24))
    assert emb.dim == 24 and emb.name.startswith("langchain:DeterministicFakeEmbedding")
    assert LangChainEmbedder(DeterministicFakeEmbedding(size=24), dim=24, name="fake").name == "fake"


def test_memory_runs_on_langchain_embeddings(tmp_path):
    with Memory(path=tmp_path / "s", embedder=LangChainEmbedder(DeterministicFakeEmbedding(size=32))) as mem:
        mem.remember("Alice lives in Paris", user_id="alice")
        assert [h.memory.content for h in mem.search("Alice lives in Paris", user_id="alice")] == [
            "Alice lives in Paris"]


@pytest.mark.asyncio
async def test_async_memory_uses_the_native_async_methods():
    inner = Calls(size=16)
    amem = AsyncMemory(location=":memory:", embedder=LangChainEmbedder(inner))
    try:
        await amem.remember("Alice lives in Paris", user_id="alice")
        assert inner.async_calls == 1 and inner.sync_calls == 0
    finally:
        await amem.close()


class Short(DeterministicFakeEmbedding):
    def embed_documents(self, texts):  # one vector short
        return super().embed_documents(texts)[:-1]


def test_errors_are_translated():
    # the engine's one rule (check_vectors, through the kit's base): wrong size ConfigError, count ProviderError
    with pytest.raises(ConfigError, match="dim=12"):
        LangChainEmbedder(DeterministicFakeEmbedding(size=8), dim=12).embed_query("x")
    with pytest.raises(ProviderError, match="1 vectors for 2 texts"):
        LangChainEmbedder(Short(size=8)).embed_documents(["a", "b"])
    with pytest.raises(ProviderError, match="provider down"):
        LangChainEmbedder(Broken()).embed_documents(["a"])
    with pytest.raises(ConfigError):
        LangChainEmbedder(object())  # type: ignore[arg-type]
