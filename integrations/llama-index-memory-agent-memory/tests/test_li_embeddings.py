"""LlamaIndexEmbedder: a LlamaIndex embedding model as the engine's embedder, sync and async."""

from __future__ import annotations

import asyncio

import pytest
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.bridge.pydantic import PrivateAttr
from llama_index.memory.agent_memory import LlamaIndexEmbedder

from agent_memory import AsyncMemory, ConfigError, Memory, ProviderError
from agent_memory.testing import HashEmbedder


class CountingEmbedding(BaseEmbedding):
    """A real LlamaIndex embedding model (feature hashing underneath) that counts its calls."""

    _inner: HashEmbedder = PrivateAttr(default_factory=lambda: HashEmbedder(dim=48))
    _calls: list[str] = PrivateAttr(default_factory=list)
    _fail: bool = PrivateAttr(default=False)

    def _get_query_embedding(self, query: str) -> list[float]:
        self._calls.append("query")
        if self._fail:
            raise RuntimeError("provider down")
        return self._inner.embed_query(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        self._calls.append("text")
        return self._inner.embed_query(text)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        self._calls.append("aquery")
        return self._inner.embed_query(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        self._calls.append("atext")
        return self._inner.embed_query(text)


def test_bridge_probes_dim_and_drives_a_real_store(tmp_path):
    model = CountingEmbedding(model_name="counting")
    embedder = LlamaIndexEmbedder(model)
    assert embedder.dim == 48 and embedder.name == "llama-index:CountingEmbedding:counting"
    with Memory(path=tmp_path / "s", embedder=embedder) as store:
        store.add("The spare key is under the flowerpot.", user_id="u", infer=False)
        store.add("I drink oat milk.", user_id="u", infer=False)
        hits = store.search("where is the spare key", user_id="u", limit=1)
    assert hits[0].memory.content == "The spare key is under the flowerpot."
    assert {"query", "text"} <= set(model._calls)


def test_async_store_uses_the_models_async_methods(tmp_path):
    model = CountingEmbedding(model_name="counting")

    async def go():
        async with AsyncMemory(path=tmp_path / "a", embedder=LlamaIndexEmbedder(model, dim=48)) as store:
            await store.add("The spare key is under the flowerpot.", user_id="u", infer=False)
            return await store.search("spare key", user_id="u")

    model._calls.clear()
    assert asyncio.run(go())[0].memory.content == "The spare key is under the flowerpot."
    assert {"aquery", "atext"} <= set(model._calls) and "query" not in model._calls


def test_bridge_errors_are_typed():
    with pytest.raises(ConfigError):
        LlamaIndexEmbedder(HashEmbedder())  # not a LlamaIndex model
    with pytest.raises(ConfigError):
        LlamaIndexEmbedder(CountingEmbedding(), dim=0)
    wrong = LlamaIndexEmbedder(CountingEmbedding(), dim=16)
    with pytest.raises(ConfigError, match="dim=16"):  # the engine's class for a wrong vector size
        wrong.embed_query("x")  # a 48-d model configured as 16-d
    model = CountingEmbedding()
    bridge = LlamaIndexEmbedder(model)
    model._fail = True
    with pytest.raises(ProviderError):
        bridge.embed_query("x")
