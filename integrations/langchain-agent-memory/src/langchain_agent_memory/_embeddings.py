"""``LangChainEmbedder``: any LangChain ``Embeddings`` as the engine's dense embedder."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from agent_memory import ConfigError
from agent_memory.kit import EmbedderAdapter


class LangChainEmbedder(EmbedderAdapter):
    """``Memory(embedder=LangChainEmbedder(OpenAIEmbeddings(...)))``.

    ``dim`` is probed with one query when not given. ``name`` identifies the model in the
    store's schema (a store refuses to open with a different embedder): pass a stable one,
    e.g. ``"openai:text-embedding-3-small"``; by default it is built from the class and its
    ``model`` / ``model_name`` attribute. Checks and errors: :class:`agent_memory.kit.EmbedderAdapter`.
    """

    def __init__(self, embeddings: Embeddings, dim: int | None = None, *, name: str | None = None) -> None:
        if not isinstance(embeddings, Embeddings):
            raise ConfigError(f"expected a langchain_core Embeddings, got {type(embeddings).__name__}")
        self.embeddings = embeddings
        model = getattr(embeddings, "model", None) or getattr(embeddings, "model_name", None)
        super().__init__(name=name or f"langchain:{type(embeddings).__name__}" + (f":{model}" if model else ""),
                         documents=embeddings.embed_documents, query=embeddings.embed_query,
                         adocuments=embeddings.aembed_documents, aquery=embeddings.aembed_query, dim=dim)
