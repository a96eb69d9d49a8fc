"""``AgentMemoryRetriever``: memories as LangChain ``Document``s, for RAG chains and agents."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForRetrieverRun, CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from agent_memory import SearchHit
from agent_memory.kit import MemoryOp, shown

from ._bound import BoundMemory

_DATES = ("created_at", "updated_at", "observed_at", "valid_from", "valid_to", "last_seen_at")
_FIELDS = ("kind", "category", "user_id", "agent_id", "session_id", "role", "name", "attribute", "confidence",
           "seen_count", "superseded_by")


def to_document(hit: SearchHit) -> Document:
    """One hit as a Document: content, and in metadata the id, kind, score, dates and provenance."""
    m = hit.memory
    meta: dict[str, Any] = {"id": m.id, "score": hit.score}
    for f in _FIELDS:
        value = getattr(m, f)
        if value is not None:
            meta[f] = value.value if f == "kind" else value
    for f in _DATES:
        value = getattr(m, f)
        if value is not None:
            meta[f] = value.isoformat()
    meta["source_ids"] = list(m.source_ids)
    meta["flags"] = list(m.flags)
    if m.metadata:
        meta["metadata"] = dict(m.metadata)
    return Document(id=m.id, page_content=m.content, metadata=meta)


class AgentMemoryRetriever(BoundMemory, BaseRetriever):
    """Hybrid search over one scope of a ``Memory`` / ``AsyncMemory`` (or any object with their API).

    LangChain's convention: every argument by keyword (``AgentMemoryRetriever(memory=mem,
    user_id="alice", k=4)``). ``k`` is the number of documents (also accepted per call:
    ``invoke(q, k=3)``); ``kinds``, ``filters``, ``as_of`` and ``include_superseded`` are passed to
    ``search``. Memories the write-time screen flagged as injections are withheld unless
    ``include_flagged=True``; ``flags`` is in each document's metadata, and ``score`` is the
    engine's fused relevance (higher is better), not a cosine similarity.
    """

    k: int = 4
    kinds: list[str] | None = None
    filters: dict[str, Any] | None = None
    as_of: Any = None
    include_superseded: bool = False
    include_flagged: bool = False

    def _search(self, query: str, k: int | None) -> MemoryOp:
        scope = self._scope()
        return lambda m: m.search(query, **scope.as_dict(), kinds=self.kinds, filters=self.filters,
                                  as_of=self.as_of, include_superseded=self.include_superseded,
                                  limit=self.k if k is None else k)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                k: int | None = None) -> list[Document]:
        hits = self._bridge.call(self._search(query, k))
        return [to_document(h) for h in shown(hits, include_flagged=self.include_flagged)]

    async def _aget_relevant_documents(self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun,
                                       k: int | None = None) -> list[Document]:
        hits = await self._bridge.acall(self._search(query, k))
        return [to_document(h) for h in shown(hits, include_flagged=self.include_flagged)]
