"""``LlamaIndexEmbedder``: any LlamaIndex embedding model as agent-memory's embedder."""

from __future__ import annotations

from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding

from agent_memory import ConfigError
from agent_memory.kit import EmbedderAdapter


class LlamaIndexEmbedder(EmbedderAdapter):
    """Adapts a LlamaIndex ``BaseEmbedding`` to the engine's embedder protocol (its async twins
    are awaited natively by ``AsyncMemory``).

        store = agent_memory.Memory(path="./memory", embedder=LlamaIndexEmbedder(OpenAIEmbedding()))

    ``dim`` is probed with one embedding call when not given. The store records the embedder's
    name and size, so reopening it with a different model is refused instead of mixing vectors.
    Checks and errors: :class:`agent_memory.kit.EmbedderAdapter`.
    """

    def __init__(self, embed_model: Any, dim: int | None = None, *, name: str | None = None) -> None:
        if not isinstance(embed_model, BaseEmbedding):
            raise ConfigError(f"expected a llama_index BaseEmbedding, got {type(embed_model).__name__}")
        self.embed_model = embed_model
        super().__init__(name=name or f"llama-index:{type(embed_model).__name__}:{embed_model.model_name}",
                         documents=embed_model.get_text_embedding_batch, query=embed_model.get_query_embedding,
                         adocuments=embed_model.aget_text_embedding_batch, aquery=embed_model.aget_query_embedding,
                         dim=dim)
