"""``AgentMemoryRetriever``: memories as ``NodeWithScore`` for query engines and RAG pipelines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.callbacks.base import CallbackManager
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from agent_memory import ScopeError, SearchHit

from ._driver import Driver

# kept on the node for the application, hidden from the LLM prompt and from re-embedding
_HIDDEN_KEYS = ["memory_id", "user_id", "agent_id", "session_id", "source_ids", "hash", "explanation"]


def hit_to_node(hit: SearchHit) -> NodeWithScore:
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
        "explanation": dict(hit.explanation),
    }
    metadata = {k: v for k, v in metadata.items() if v is not None}
    hidden = [k for k in metadata if k in _HIDDEN_KEYS]
    node = TextNode(id_=m.id, text=m.content, metadata=metadata, excluded_llm_metadata_keys=hidden,
                    excluded_embed_metadata_keys=list(metadata))
    return NodeWithScore(node=node, score=hit.score)


class AgentMemoryRetriever(BaseRetriever):
    """Hybrid search over one scope's memories, returned as LlamaIndex nodes (id = memory id).

        retriever = AgentMemoryRetriever(store, user_id="alice", limit=5)
        engine = RetrieverQueryEngine.from_args(retriever, llm=llm)
    """

    def __init__(self, memory: Any, *, user_id: str | None = None, agent_id: str | None = None,
                 session_id: str | None = None, kinds: Sequence[str] | None = None,
                 filters: Mapping[str, Any] | None = None, limit: int = 10,
                 callback_manager: CallbackManager | None = None, verbose: bool = False) -> None:
        if not (user_id or agent_id or session_id):
            raise ScopeError("AgentMemoryRetriever needs user_id, agent_id and/or session_id")
        super().__init__(callback_manager=callback_manager, verbose=verbose)
        self._driver = Driver(memory)
        self._search = dict(user_id=user_id, agent_id=agent_id, session_id=session_id,
                            kinds=list(kinds) if kinds else None, filters=dict(filters) if filters else None,
                            limit=limit)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return [hit_to_node(h) for h in self._driver.call("search", query_bundle.query_str, **self._search)]

    async def _aretrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = await self._driver.acall("search", query_bundle.query_str, **self._search)
        return [hit_to_node(h) for h in hits]
