"""agent-memory: long-term memory for LLM agents over Qdrant.

    from agent_memory import Memory
    with Memory() as mem:
        mem.add("I moved to Paris last week", user_id="alice")
        mem.search("where does alice live?", user_id="alice")
"""

from ._config import Settings
from ._consolidation import Consolidator, Decision, Neighbour, RuleConsolidator
from ._embeddings import BM25Encoder, Embedder, FastEmbedEmbedder, OpenAIEmbedder
from ._errors import (
    AgentMemoryError,
    ConfigError,
    ExtractionError,
    NotFoundError,
    ProviderError,
    SchemaMismatchError,
    ScopeError,
    StoreError,
    StoreLockedError,
    StoreUnavailableError,
    ValidationError,
)
from ._extraction import Candidate, ExtractionContext, Extractor, NoExtractor
from ._memory import AsyncMemory, Memory
from ._models import (
    AddResult,
    ExtractionInfo,
    MemoryEvent,
    MemoryKind,
    MemoryRecord,
    Message,
    Page,
    SearchHit,
)

__version__ = "0.1.0"

__all__ = [
    "AddResult",
    "AgentMemoryError",
    "AsyncMemory",
    "BM25Encoder",
    "Candidate",
    "ConfigError",
    "Consolidator",
    "Decision",
    "Embedder",
    "ExtractionContext",
    "ExtractionError",
    "ExtractionInfo",
    "Extractor",
    "FastEmbedEmbedder",
    "Memory",
    "MemoryEvent",
    "MemoryKind",
    "MemoryRecord",
    "Message",
    "Neighbour",
    "NoExtractor",
    "NotFoundError",
    "OpenAIEmbedder",
    "Page",
    "ProviderError",
    "RuleConsolidator",
    "SchemaMismatchError",
    "ScopeError",
    "SearchHit",
    "Settings",
    "StoreError",
    "StoreLockedError",
    "StoreUnavailableError",
    "ValidationError",
    "__version__",
]
