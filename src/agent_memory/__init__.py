"""agent-memory: long-term memory for LLM agents over Qdrant.

    from agent_memory import Memory
    with Memory() as mem:
        mem.add("I moved to Paris last week", user_id="alice")
        mem.search("where does alice live?", user_id="alice")
"""

from ._config import Settings
from ._consolidation import Consolidator, Decision, Neighbour, RuleConsolidator
from ._context import ContextItem, MemoryContext
from ._embeddings import BM25Encoder, Embedder, FastEmbedEmbedder, OpenAIEmbedder
from ._errors import (
    AgentMemoryError,
    ConfigError,
    ExtractionError,
    LLMOutputError,
    NotFoundError,
    PermissionDeniedError,
    ProviderError,
    SchemaMismatchError,
    ScopeError,
    StoreError,
    StoreLockedError,
    StoreUnavailableError,
    ValidationError,
)
from ._extract_llm import LLMConsolidator, LLMExtractor
from ._extraction import Candidate, Ending, ExtractionContext, Extractor, NoExtractor
from ._kernel import Summarizer
from ._maintenance import MaintenanceReport
from ._memory import AsyncMemory, Memory
from ._models import (
    AddResult,
    ErasureReceipt,
    ExtractionInfo,
    MemoryEvent,
    MemoryKind,
    MemoryRecord,
    Message,
    Page,
    SearchHit,
)
from ._policy import Actor, Grant, Policy
from ._summaries import ExtractiveSummarizer, OpenAISummarizer

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # RemoteMemory builds its methods from Memory's signatures on first use, not at import
    if name in ("RemoteMemory", "AsyncRemoteMemory"):
        from . import _remote

        return getattr(_remote, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Actor",
    "AddResult",
    "AgentMemoryError",
    "AsyncMemory",
    "AsyncRemoteMemory",
    "BM25Encoder",
    "Candidate",
    "ConfigError",
    "Consolidator",
    "ContextItem",
    "Decision",
    "Embedder",
    "Ending",
    "ErasureReceipt",
    "ExtractionContext",
    "ExtractionError",
    "ExtractionInfo",
    "ExtractiveSummarizer",
    "Extractor",
    "FastEmbedEmbedder",
    "Grant",
    "LLMConsolidator",
    "LLMExtractor",
    "LLMOutputError",
    "MaintenanceReport",
    "Memory",
    "MemoryContext",
    "MemoryEvent",
    "MemoryKind",
    "MemoryRecord",
    "Message",
    "Neighbour",
    "NoExtractor",
    "NotFoundError",
    "OpenAIEmbedder",
    "OpenAISummarizer",
    "Page",
    "PermissionDeniedError",
    "Policy",
    "ProviderError",
    "RemoteMemory",
    "RuleConsolidator",
    "SchemaMismatchError",
    "ScopeError",
    "SearchHit",
    "Settings",
    "StoreError",
    "StoreLockedError",
    "StoreUnavailableError",
    "Summarizer",
    "ValidationError",
    "__version__",
]
