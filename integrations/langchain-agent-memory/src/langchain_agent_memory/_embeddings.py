"""``LangChainEmbedder``: any LangChain ``Embeddings`` as the engine's dense embedder."""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.embeddings import Embeddings

from agent_memory import ConfigError, ProviderError


class LangChainEmbedder:
    """``Memory(embedder=LangChainEmbedder(OpenAIEmbeddings(...)))``.

    ``dim`` is probed with one query when not given. ``name`` identifies the model in the
    store's schema (a store refuses to open with a different embedder): pass a stable one,
    e.g. ``"openai:text-embedding-3-small"``; by default it is built from the class and its
    ``model`` / ``model_name`` attribute.
    """

    def __init__(self, embeddings: Embeddings, dim: int | None = None, *, name: str | None = None) -> None:
        if not isinstance(embeddings, Embeddings):
            raise ConfigError(f"expected a langchain_core Embeddings, got {type(embeddings).__name__}")
        self.embeddings = embeddings
        model = getattr(embeddings, "model", None) or getattr(embeddings, "model_name", None)
        self.name = name or f"langchain:{type(embeddings).__name__}" + (f":{model}" if model else "")
        if dim is None:
            dim = len(self.embed_query("dimension probe"))
        if not isinstance(dim, int) or dim < 1:
            raise ConfigError(f"embedding dimension must be a positive integer, got {dim!r}")
        self.dim = dim

    def _check(self, vectors: list[list[float]], n: int) -> list[list[float]]:
        if len(vectors) != n:
            raise ProviderError(f"{self.name} returned {len(vectors)} vectors for {n} texts")
        dim = getattr(self, "dim", None)
        for vec in vectors:
            if dim is not None and len(vec) != dim:
                raise ConfigError(f"{self.name} returned {len(vec)}-d vectors but dim={dim} was configured")
        return [list(map(float, vec)) for vec in vectors]

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        try:
            vectors = self.embeddings.embed_documents(list(texts))
        except Exception as exc:  # providers raise their own error types: one boundary translates them
            raise ProviderError(f"embedding failed ({self.name}): {exc}") from exc
        return self._check(vectors, len(texts))

    def embed_query(self, text: str) -> list[float]:
        try:
            vector = self.embeddings.embed_query(text)
        except Exception as exc:
            raise ProviderError(f"embedding failed ({self.name}): {exc}") from exc
        return self._check([vector], 1)[0]

    async def aembed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        try:
            vectors = await self.embeddings.aembed_documents(list(texts))
        except Exception as exc:
            raise ProviderError(f"embedding failed ({self.name}): {exc}") from exc
        return self._check(vectors, len(texts))

    async def aembed_query(self, text: str) -> list[float]:
        try:
            vector = await self.embeddings.aembed_query(text)
        except Exception as exc:
            raise ProviderError(f"embedding failed ({self.name}): {exc}") from exc
        return self._check([vector], 1)[0]
