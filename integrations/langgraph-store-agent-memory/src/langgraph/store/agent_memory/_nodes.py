"""Ready-made graph nodes: ``recall_node`` puts a ``MemoryContext`` for the latest user message
into state; ``remember_node`` writes the turn back through ``Memory.add``.

Both are runnables with a sync and a native async body (``invoke`` calls the ``Memory``,
``ainvoke`` awaits the ``AsyncMemory``). The scope is read from the run's context
(``StateGraph(..., context_schema=Ctx)``, ``graph.invoke(..., context=Ctx(user_id=...))``):
``user_id`` and ``agent_id`` attributes or keys, falling back to ``config["configurable"]``
(``user_id`` / LangMem's ``langgraph_user_id``). The thread id becomes the session id of the
stored messages. The memory is the one behind the graph's store (``compile(store=
AgentMemoryStore(...))``) unless one is passed to the factory.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from langchain_core.runnables import RunnableConfig, RunnableLambda
from langgraph.runtime import get_runtime

from agent_memory import AsyncMemory, ConfigError, Memory

from ._store import AgentMemoryStore, _twins

_ROLES = {"human": "user", "user": "user", "ai": "assistant", "assistant": "assistant"}


def _memories(pair: tuple[Memory, AsyncMemory] | None) -> tuple[Memory, AsyncMemory]:
    if pair is not None:
        return pair
    store = get_runtime().store
    if not isinstance(store, AgentMemoryStore):
        raise ConfigError("memory nodes need compile(store=AgentMemoryStore(...)) or a memory= argument, "
                          f"got store {type(store).__name__}")
    return store.memory, store.amemory


def _field(source: Any, name: str) -> Any:
    if isinstance(source, Mapping):
        return source.get(name)
    return getattr(source, name, None)


def _scope(config: RunnableConfig) -> dict[str, str]:
    ctx = get_runtime().context
    conf = config.get("configurable", {})
    user = _field(ctx, "user_id") or conf.get("user_id") or conf.get("langgraph_user_id")
    agent = _field(ctx, "agent_id") or conf.get("agent_id")
    return {k: v for k, v in (("user_id", user), ("agent_id", agent)) if v}


def _message(msg: Any) -> dict[str, Any] | None:
    """A LangChain message (or OpenAI-style dict) as agent-memory's message dict; None when it has
    no text (tool calls, tool results)."""
    if isinstance(msg, Mapping):
        role, content, mid, name = msg.get("role"), msg.get("content"), msg.get("id"), msg.get("name")
    else:
        role, content, mid, name = getattr(msg, "type", None), getattr(msg, "text", None), msg.id, msg.name
        if not isinstance(content, str) and callable(content):  # .text was a method before langchain-core 1.0
            content = content()
    role = _ROLES.get(str(role))
    if role is None or not isinstance(content, str) or not content.strip():
        return None
    out: dict[str, Any] = {"role": role, "content": str(content)}
    if mid:
        out["id"] = str(mid)
    if name:
        out["name"] = name
    return out


def _last_turn(messages: Sequence[Any]) -> list[dict[str, Any]]:
    """The latest user message and what followed it."""
    converted = [_message(msg) for msg in messages]
    users = [i for i, msg in enumerate(converted) if msg is not None and msg["role"] == "user"]
    if not users:
        return []
    return [msg for msg in converted[users[-1]:] if msg is not None]


def make_recall_node(memory: Memory | AsyncMemory | None = None, *, messages_key: str = "messages",
                     state_key: str = "memory_context", max_tokens: int = 1000,
                     kinds: Any = None) -> RunnableLambda:
    """A node writing ``Memory.context(latest user message)`` to ``state[state_key]``."""
    pair = _twins(memory) if memory is not None else None

    def args(state: Mapping[str, Any], config: RunnableConfig) -> dict[str, Any] | None:
        turn = _last_turn(state.get(messages_key) or [])
        if not turn:
            return None
        return {"query": turn[0]["content"], "max_tokens": max_tokens, "kinds": kinds, **_scope(config)}

    def recall(state: Mapping[str, Any], config: RunnableConfig) -> dict[str, Any]:
        call = args(state, config)
        return {state_key: _memories(pair)[0].context(**call) if call else None}

    async def arecall(state: Mapping[str, Any], config: RunnableConfig) -> dict[str, Any]:
        call = args(state, config)
        return {state_key: await _memories(pair)[1].context(**call) if call else None}

    return RunnableLambda(recall, afunc=arecall, name="recall_memories")


def make_remember_node(memory: Memory | AsyncMemory | None = None, *, messages_key: str = "messages",
                       store_replies: bool = True, infer: bool = True) -> RunnableLambda:
    """A node storing the latest turn (the user message and, with ``store_replies``, the replies
    after it) through ``Memory.add``; message ids make a re-run idempotent."""
    pair = _twins(memory) if memory is not None else None

    def args(state: Mapping[str, Any], config: RunnableConfig) -> dict[str, Any] | None:
        turn = _last_turn(state.get(messages_key) or [])
        if not store_replies:
            turn = [msg for msg in turn if msg["role"] == "user"]
        if not turn:
            return None
        session = config.get("configurable", {}).get("thread_id")
        return {"messages": turn, "infer": infer, **_scope(config),
                **({"session_id": str(session)} if session else {})}

    def remember(state: Mapping[str, Any], config: RunnableConfig) -> dict[str, Any]:
        call = args(state, config)
        if call:
            _memories(pair)[0].add(**call)
        return {}

    async def aremember(state: Mapping[str, Any], config: RunnableConfig) -> dict[str, Any]:
        call = args(state, config)
        if call:
            await _memories(pair)[1].add(**call)
        return {}

    return RunnableLambda(remember, afunc=aremember, name="remember_turn")


recall_node = make_recall_node()
remember_node = make_remember_node()
