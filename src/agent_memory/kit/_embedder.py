"""The base of the framework embedder adapters (LangChain ``Embeddings``, LlamaIndex ``BaseEmbedding``).

An adapter only says how to call its framework (its four embedding calls); the base probes the
size, names the model, translates provider failures to :class:`ProviderError` and checks every
answer with the engine's one rule (``_embeddings.check_vectors``): a wrong number of vectors is a
:class:`ProviderError`, a vector of the wrong size a :class:`ConfigError`, before anything is written.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from .._embeddings import check_vectors
from .._errors import AgentMemoryError, ConfigError, ProviderError

Vectors = Sequence[Sequence[float]]


class EmbedderAdapter:
    """The engine's embedder protocol (``name``, ``dim``, ``embed_documents``, ``embed_query`` and
    their ``a*`` twins, which ``AsyncMemory`` awaits natively) over a framework's model, given as
    its four calls; without async calls the sync ones run in a worker thread."""

    name: str
    dim: int

    def __init__(self, *, name: str, documents: Callable[[list[str]], Vectors],
                 query: Callable[[str], Sequence[float]],
                 adocuments: Callable[[list[str]], Awaitable[Vectors]] | None = None,
                 aquery: Callable[[str], Awaitable[Sequence[float]]] | None = None,
                 dim: int | None = None) -> None:
        self.name = name
        self._documents, self._query = documents, query
        self._adocuments = adocuments or (lambda texts: asyncio.to_thread(documents, texts))
        self._aquery = aquery or (lambda text: asyncio.to_thread(query, text))
        if dim is None:
            dim = len(self._checked([self._call(self._query, "dimension probe")], 1, None)[0])
        if not isinstance(dim, int) or isinstance(dim, bool) or dim < 1:
            raise ConfigError(f"embedding dimension must be a positive integer, got {dim!r}")
        self.dim = dim

    def _call(self, fn: Callable[[Any], Any], arg: Any) -> Any:
        try:
            return fn(arg)
        except AgentMemoryError:
            raise
        except Exception as exc:  # providers raise their own error types: this boundary translates them
            raise ProviderError(f"embedding failed ({self.name}): {exc}") from exc

    async def _acall(self, fn: Callable[[Any], Awaitable[Any]], arg: Any) -> Any:
        try:
            return await fn(arg)
        except AgentMemoryError:
            raise
        except Exception as exc:
            raise ProviderError(f"embedding failed ({self.name}): {exc}") from exc

    def _checked(self, vectors: Vectors, n: int, dim: int | None) -> list[list[float]]:
        if dim is not None:  # None only while probing the size
            check_vectors(self.name, dim, vectors, n)
        return [[float(x) for x in vec] for vec in vectors]

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        texts = list(texts)
        return self._checked(self._call(self._documents, texts), len(texts), self.dim)

    def embed_query(self, text: str) -> list[float]:
        return self._checked([self._call(self._query, text)], 1, self.dim)[0]

    async def aembed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        texts = list(texts)
        return self._checked(await self._acall(self._adocuments, texts), len(texts), self.dim)

    async def aembed_query(self, text: str) -> list[float]:
        return self._checked([await self._acall(self._aquery, text)], 1, self.dim)[0]
