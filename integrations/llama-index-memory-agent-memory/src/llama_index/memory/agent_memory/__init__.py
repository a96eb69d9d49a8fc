"""agent-memory for LlamaIndex: long-term memory over Qdrant for agents and workflows.

* :class:`AgentMemoryBlock` - a long-term block for ``llama_index.core.memory.Memory``
* :class:`AgentMemory` - one ``BaseMemory`` for ``agent.run(..., memory=...)``
* :class:`AgentMemoryRetriever` - memories as nodes for query engines
* :func:`memory_tools` - search/save/update/delete tools in an application-bound scope
* :class:`LlamaIndexEmbedder` - any LlamaIndex embedding model as the engine's embedder
"""

from ._block import AgentMemoryBlock
from ._embeddings import LlamaIndexEmbedder
from ._memory import AgentMemory
from ._retriever import AgentMemoryRetriever
from ._tools import memory_tools

__all__ = [
    "AgentMemory",
    "AgentMemoryBlock",
    "AgentMemoryRetriever",
    "LlamaIndexEmbedder",
    "memory_tools",
]
