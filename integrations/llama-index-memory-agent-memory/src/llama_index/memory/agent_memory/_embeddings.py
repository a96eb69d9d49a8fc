"""``LlamaIndexEmbedder``: any LlamaIndex embedding model as agent-memory's embedder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding

from agent_memory import ConfigError, ProviderError


class LlamaIndexEmbedder:
    """Adapts a LlamaIndex ``BaseEmbedding`` to the engine's embedder protocol (name, dim,
    embed_documents/embed_query and their async twins, which the async API awaits natively).

        store = agent_memory.Memory(path="./memory", embedder=LlamaIndexEmbedder(OpenAIEmbedding()))

    ``dim`` is probed with one embedding call when not given. The store records the embedder's
    name and size, so reopening it with a different model is refused instead of mixing vectors.
    """

    def __init__(self, embed_model: Any, dim: int | None = None) -> None:
        if not isinstance(embed_model, BaseEmbedding):
            raise ConfigError(f"expected a llama_index BaseEmbedding, got {type(embed_model).__name__}")
        self.embed_model = embed_model
        self.name = f"llama-index:{type(embed_model).__name__}:{embed_model.model_name}"
        if dim is None:
            dim = len(self.embed_query("dimension probe"))
        if not isinstance(dim, int) or dim < 1:
            raise ConfigError(f"dim must be a positive integer, got {dim!r}")
        self.dim = dim

    def _check(self, vectors: list[list[float]]) -> list[list[float]]:
        if hasattr(self, "dim"):
            for v in vectors:
                if len(v) != self.dim:
                    raise ConfigError(f"{self.name} returned {len(v)}-d vectors but dim={self.dim} was configured")
        return [list(map(float, v)) for v in vectors]

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        try:
            vectors = self.embed_model.get_text_embedding_batch(list(texts))
        except Exception as exc:  # providers raise their own exception types
            raise ProviderError(f"embedding failed ({self.name}): {exc}") from exc
        return self._check(vectors)

    def embed_query(self, text: str) -> list[float]:
        try:
            vector = self.embed_model.get_query_embedding(text)
        except Exception as exc:
            raise ProviderError(f"embedding failed ({self.name}): {exc}") from exc
        return self._check([vector])[0]

    async def aembed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        try:
            vectors = await self.embed_model.aget_text_embedding_batch(list(texts))
        except Exception as exc:
            raise ProviderError(f"embedding failed ({self.name}): {exc}") from exc
        return self._check(vectors)

    async def aembed_query(self, text: str) -> list[float]:
        try:
            vector = await self.embed_model.aget_query_embedding(text)
        except Exception as exc:
            raise ProviderError(f"embedding failed ({self.name}): {exc}") from exc
        return self._check([vector])[0]
