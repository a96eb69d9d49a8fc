"""Deterministic test doubles for code built on agent-memory (used by its own tests and integrations).

These are providers (embedders), not storage: tests still run a real Qdrant engine.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._embeddings import Embedder

__all__ = ["FailingEmbedder", "HashEmbedder"]


class HashEmbedder:
    """Bag-of-words feature hashing: the same text always gives the same unit vector, texts that
    share words are close. Instant, dependency-free, no semantic knowledge."""

    def __init__(self, dim: int = 64, name: str = "hash"):
        self.dim = dim
        self.name = f"{name}-{dim}"

    def _vec(self, text: str) -> list[float]:
        v = [0.0] * self.dim
        for word in text.lower().split():
            h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
            v[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v]

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


class FailingEmbedder:
    """Wraps an embedder and raises from ``embed_documents`` once armed: for testing that a
    failed write leaves the store as it was."""

    def __init__(self, inner: Embedder, exc: Exception | None = None):
        self.inner = inner
        self.name = getattr(inner, "name", "inner")
        self.dim = inner.dim
        self.armed = False
        self.exc = exc or RuntimeError("embedder exploded")

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        if self.armed:
            raise self.exc
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)
