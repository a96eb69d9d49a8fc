"""``AgentMemoryRetriever``: memories as ``NodeWithScore`` for query engines and RAG pipelines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.callbacks.base import CallbackManager
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from agent_memory import ScopeError, SearchHit
from agent_memory.kit import Bridge, MemoryOp, resolve_scope, shown


def hit_to_node(hit: SearchHit) -> NodeWithScore:
    """A hit as a node: the memory's text is what the LLM and re-embedding see; the metadata (id,
    kind, dates, confidence, provenance, ranking signals) is kept for the application only."""
    m = hit.memory
    metadata: dict[str, Any] = {
        **m.metadata,
        "memory_id": m.id,
        "kind": m.kind.value,
        "category": m.category,
        "observed_at": m.observed_at.isoformat(),
        "created_at": m.created_at.isoformat(),
        "updated_at": m.updated_at.isoformat(),
        "user_id": m.user_id,
        "agent_id": m.agent_id,
        "session_id": m.session_id,
        "role": m.role,
        "source_ids": list(m.source_ids),
        "confidence": m.confidence,
        "flags": list(m.flags),
        "explanation": dict(hit.explanation),
    }
    metadata = {k: v for k, v in metadata.items() if v is not None}
    node = TextNode(id_=m.id, text=m.content, metadata=metadata, excluded_llm_metadata_keys=list(metadata),
                    excluded_embed_metadata_keys=list(metadata))
    return NodeWithScore(node=node, score=hit.score)


class AgentMemoryRetriever(BaseRetriever):
    """Hybrid search over one scope's memories, returned as LlamaIndex nodes (id = memory id).

        retriever = AgentMemoryRetriever(store, user_id="alice", similarity_top_k=5)
        engine = RetrieverQueryEngine.from_args(retriever, llm=llm)

    LlamaIndex's conventions: the memory may be passed positionally, ``similarity_top_k`` is the
    number of nodes. ``score`` is the engine's fused relevance (higher is better). Memories the
    write-time screen flagged as injections are withheld unless ``include_flagged=True``.
    """

    def __init__(self, memory: Any, *, user_id: str | None = None, agent_id: str | None = None,
                 session_id: str | None = None, similarity_top_k: int = 10, kinds: Sequence[str] | None = None,
                 filters: Mapping[str, Any] | None = None, include_flagged: bool = False,
                 callback_manager: CallbackManager | None = None,
                 verbose: bool = False) -> None:
        scope = resolve_scope(explicit={"user_id": user_id, "agent_id": agent_id, "session_id": session_id},
                              require_owner=False)
        if not scope:
            raise ScopeError("AgentMemoryRetriever needs user_id, agent_id and/or session_id")
        super().__init__(callback_manager=callback_manager, verbose=verbose)
        self._bridge = Bridge(memory)
        self.similarity_top_k = similarity_top_k
        self._scope = scope.as_dict()
        self._kinds = list(kinds) if kinds else None
        self._filters = dict(filters) if filters else None
        self._include_flagged = include_flagged

    def _search(self, query: str) -> MemoryOp:
        return lambda m: m.search(query, **self._scope, kinds=self._kinds, filters=self._filters,
                                  limit=self.similarity_top_k)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = self._bridge.call(self._search(query_bundle.query_str))
        return [hit_to_node(h) for h in shown(hits, include_flagged=self._include_flagged)]

    async def _aretrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = await self._bridge.acall(self._search(query_bundle.query_str))
        return [hit_to_node(h) for h in shown(hits, include_flagged=self._include_flagged)]
