"""The one protocol both storage backends implement.

A backend stores two collections: ``memories`` (named dense vector ``dense`` + sparse BM25
vector ``sparse``, IDF modifier) and ``events`` (the audit history, payload only). It knows
nothing about memory semantics: it stores points, filters with :mod:`agent_memory._filters`
nodes and runs hybrid queries fused inside Qdrant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from .._filters import Node

Collection = Literal["memories", "events"]

# 2: message and summary ids are uuid5 of a JSON array of the scope and the message id (1 joined
# them with "|", so distinct scopes could produce the same id); a schema-1 store is refused on open.
SCHEMA_VERSION = 2


def schema_advice(key: str) -> str:
    """The way out of a schema mismatch on ``key``, for the error message."""
    if key == "schema_version":
        return ("Stores of schema 1 derive message ids ambiguously: export it with the release that created "
                "it (agent-memory export) and import the file into a new store with this one.")
    return ("Open it with the same embedder, or export it and import into a new store to re-index with the "
            "new embedder.")

# Payload indexes (field -> type). user_id is the tenant key.
MEMORY_INDEXES: dict[str, str] = {
    "user_id": "tenant",
    "agent_id": "keyword",
    "session_id": "keyword",
    "kind": "keyword",
    "category": "keyword",
    "hash": "keyword",
    "attribute": "keyword",
    "name": "keyword",
    "source_ids": "keyword",
    "superseded_by": "keyword",  # erasure re-opens what a deleted fact superseded (see _erasure)
    "created_at": "datetime",
    "updated_at": "datetime",
    "observed_at": "datetime",
    "valid_from": "datetime",
    "valid_to": "datetime",
    "expires_at": "datetime",
    "seq": "integer",
    "extract_pending": "keyword",  # deferred extraction queue (see _pending)
}
# Fields the engine only ever matches inside one scope, which the tenant index has already
# narrowed to a few hundred points: a server indexes them anyway (its strict mode may refuse
# unindexed filters), the embedded store checks them on the payload and saves their in-memory
# indexes (~110 MiB and a faster open at 100k memories; benchmarks/scale.py).
SCOPED_ONLY_FIELDS = frozenset({"hash", "attribute", "name", "source_ids", "superseded_by"})
EVENT_INDEXES: dict[str, str] = {
    "user_id": "tenant",
    "agent_id": "keyword",
    "session_id": "keyword",
    "memory_id": "keyword",
    "seq": "integer",
}


@dataclass(frozen=True)
class StoreSchema:
    """What must match between the configuration and a store on disk."""

    dense_size: int
    distance: str = "cosine"
    schema_version: int = SCHEMA_VERSION
    embedder: str = ""  # informative: the model the vectors were made with

    def as_dict(self) -> dict[str, Any]:
        return {"dense_size": self.dense_size, "distance": self.distance,
                "schema_version": self.schema_version, "embedder": self.embedder}


@dataclass(frozen=True)
class SparseVec:
    indices: list[int]
    values: list[float]


@dataclass
class PointIn:
    id: str
    payload: dict[str, Any]
    dense: list[float] | None = None
    sparse: SparseVec | None = None


@dataclass
class PointOut:
    id: str
    payload: dict[str, Any]
    score: float = 0.0
    signals: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class HybridQuery:
    dense: list[float]
    sparse: SparseVec | None
    filter: Node | None
    limit: int
    candidates: int = 50  # per prefetch
    weights: tuple[float, float] = (1.0, 1.0)  # dense, sparse (RRF weights)
    rrf_k: int = 60
    explain: bool = True  # also report each prefetch's own rank and score


class Backend(Protocol):
    """Sync methods; the async API offloads them (see ``_effects``) or uses native twins."""

    def upsert(self, collection: Collection, points: list[PointIn]) -> None: ...
    def retrieve(self, collection: Collection, ids: list[str]) -> list[PointOut]: ...
    def set_payload(self, collection: Collection, ids: list[str], payload: dict[str, Any]) -> None: ...
    def delete(self, collection: Collection, ids: list[str]) -> None: ...
    def delete_where(self, collection: Collection, flt: Node) -> None: ...
    def scroll(self, collection: Collection, flt: Node | None, limit: int, *,
               order_by: str = "seq", descending: bool = True) -> list[PointOut]: ...
    def count(self, collection: Collection, flt: Node | None) -> int: ...
    def facet(self, collection: Collection, key: str, flt: Node | None, limit: int = 1000) -> dict[str, int]: ...
    def hybrid(self, query: HybridQuery) -> list[PointOut]: ...
    def nearest(self, dense: list[float], flt: Node | None, limit: int) -> list[PointOut]: ...
    def flush(self) -> None: ...
    def purge(self) -> bool:
        """Rewrite storage so deleted content leaves no bytes behind; False where the backend
        cannot (a server manages its own files)."""
        ...
    def close(self) -> None: ...
