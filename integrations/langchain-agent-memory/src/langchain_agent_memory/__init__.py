"""agent-memory for LangChain 1.x.

    from langchain.agents import create_agent
    from langchain_agent_memory import AgentMemoryMiddleware
    agent = create_agent(model, middleware=[AgentMemoryMiddleware(mem)], context_schema=Ctx)
    agent.invoke({"messages": [...]}, context=Ctx(user_id="alice"))

``AgentMemory`` (the legacy ``BaseMemory``) needs the ``[classic]`` extra and is imported on first use.
"""

from typing import Any

from ._embeddings import LangChainEmbedder
from ._history import AgentMemoryChatMessageHistory
from ._middleware import AgentMemoryMiddleware
from ._retriever import AgentMemoryRetriever, to_document
from ._tools import TOOL_NAMES, create_memory_tools

__version__ = "0.1.0"

__all__ = [
    "TOOL_NAMES",
    "AgentMemory",
    "AgentMemoryChatMessageHistory",
    "AgentMemoryMiddleware",
    "AgentMemoryRetriever",
    "LangChainEmbedder",
    "__version__",
    "create_memory_tools",
    "to_document",
]


def __getattr__(name: str) -> Any:
    if name == "AgentMemory":
        try:
            from ._legacy import AgentMemory
        except ImportError as exc:
            from agent_memory import ConfigError

            raise ConfigError("AgentMemory needs langchain-classic: pip install 'langchain-agent-memory[classic]'") \
                from exc
        return AgentMemory
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
