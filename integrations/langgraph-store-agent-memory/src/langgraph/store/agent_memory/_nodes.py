"""Ready-made graph nodes: ``recall_node`` puts the memory block for the latest user message
into state as plain text; ``remember_node`` writes the turn back through ``Memory.add``.

Graph state holds plain data only (a string), so it checkpoints under any serializer,
``LANGGRAPH_STRICT_MSGPACK=true`` included, and ``state["memory_context"]`` is always a string
("" when there is nothing to recall). Both nodes are runnables with a sync and a native async
body. The scope is the kit's one resolution order (``agent_memory.kit.resolve_scope``): the
run's context (``StateGraph(..., context_schema=Ctx)``), then ``config["configurable"]``
(``user_id`` or LangMem's ``langgraph_user_id``, ``agent_id``, ``thread_id`` as the session).
The memory is the one behind the graph's store (``compile(store=AgentMemoryStore(...))``)
unless one is passed to the factory.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from langchain_core.runnables import RunnableConfig, RunnableLambda
from langgraph.runtime import get_runtime

from agent_memory import ConfigError
from agent_memory.kit import Bridge, MemoryOp, Scope, resolve_scope, to_message_dict

from ._store import AgentMemoryStore

_DIALOGUE = ("user", "assistant")


def _bridge(own: Bridge | None) -> Bridge:
    if own is not None:
        return own
    store = get_runtime().store
    if not isinstance(store, AgentMemoryStore):
        raise ConfigError("memory nodes need compile(store=AgentMemoryStore(...)) or a memory= argument, "
                          f"got store {type(store).__name__}")
    return store.bridge


def _scope(config: RunnableConfig) -> Scope:
    return resolve_scope(get_runtime().context, config, who="memory nodes")


def _message(msg: Any) -> dict[str, Any] | None:
    """A LangChain message (or OpenAI-style dict) as agent-memory's message dict; None when it is
    not dialogue text (tool calls, tool results, system prompts)."""
    if isinstance(msg, tuple) and len(msg) == 2:  # ("user", "text"), as graph inputs allow
        msg = {"role": msg[0], "content": msg[1]}
    found = to_message_dict(msg)
    return found if found is not None and found["role"] in _DIALOGUE and found["content"] else None


def _last_turn(messages: Sequence[Any]) -> list[dict[str, Any]]:
    """The latest user message and what followed it."""
    converted = [_message(msg) for msg in messages]
    users = [i for i, msg in enumerate(converted) if msg is not None and msg["role"] == "user"]
    if not users:
        return []
    return [msg for msg in converted[users[-1]:] if msg is not None]


def make_recall_node(memory: Any = None, *, messages_key: str = "messages", state_key: str = "memory_context",
                     max_tokens: int = 1000, kinds: Any = None) -> RunnableLambda[Any, dict[str, Any]]:
    """A node writing the text of ``Memory.context(latest user message)`` to ``state[state_key]``
    ("" when there is no user message or nothing relevant)."""
    own = Bridge(memory) if memory is not None else None

    def recall_op(state: Mapping[str, Any], config: RunnableConfig) -> MemoryOp | None:
        turn = _last_turn(state.get(messages_key) or [])
        if not turn:
            return None
        query, owner = turn[0]["content"], _scope(config).owner.as_dict()
        return lambda m: m.context(query, max_tokens=max_tokens, kinds=kinds, **owner)

    def recall(state: Mapping[str, Any], config: RunnableConfig) -> dict[str, Any]:
        op = recall_op(state, config)
        return {state_key: str(_bridge(own).call(op).text) if op else ""}

    async def arecall(state: Mapping[str, Any], config: RunnableConfig) -> dict[str, Any]:
        op = recall_op(state, config)
        return {state_key: str((await _bridge(own).acall(op)).text) if op else ""}

    return RunnableLambda(recall, afunc=arecall, name="recall_memories")


def make_remember_node(memory: Any = None, *, messages_key: str = "messages", store_replies: bool = True,
                       infer: bool = True) -> RunnableLambda[Any, dict[str, Any]]:
    """A node storing the latest turn (the user message and, with ``store_replies``, the replies
    after it) through ``Memory.add``; message ids make a re-run idempotent."""
    own = Bridge(memory) if memory is not None else None

    def remember_op(state: Mapping[str, Any], config: RunnableConfig) -> MemoryOp | None:
        turn = _last_turn(state.get(messages_key) or [])
        if not store_replies:
            turn = [msg for msg in turn if msg["role"] == "user"]
        if not turn:
            return None
        scope = _scope(config).as_dict()
        return lambda m: m.add(turn, infer=infer, **scope)

    def remember(state: Mapping[str, Any], config: RunnableConfig) -> dict[str, Any]:
        op = remember_op(state, config)
        if op:
            _bridge(own).call(op)
        return {}

    async def aremember(state: Mapping[str, Any], config: RunnableConfig) -> dict[str, Any]:
        op = remember_op(state, config)
        if op:
            await _bridge(own).acall(op)
        return {}

    return RunnableLambda(remember, afunc=aremember, name="remember_turn")


recall_node = make_recall_node()
remember_node = make_remember_node()
