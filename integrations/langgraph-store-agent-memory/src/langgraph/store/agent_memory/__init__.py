"""agent-memory for LangGraph: a ``BaseStore`` and ready-made memory nodes.

    from agent_memory import Memory
    from langgraph.store.agent_memory import AgentMemoryStore, recall_node, remember_node

    store = AgentMemoryStore(Memory(path="./memory"))
    graph = builder.compile(store=store)
"""

from ._nodes import make_recall_node, make_remember_node, recall_node, remember_node
from ._store import AgentMemoryStore

__all__ = ["AgentMemoryStore", "make_recall_node", "make_remember_node", "recall_node", "remember_node"]
