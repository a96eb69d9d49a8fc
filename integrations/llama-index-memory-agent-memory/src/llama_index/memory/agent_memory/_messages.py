"""Translation between LlamaIndex ``ChatMessage`` objects and agent-memory's message dicts (via the kit)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from llama_index.core.base.llms.types import ChatMessage, MessageRole, TextBlock

from agent_memory.kit import role_of as _role
from agent_memory.kit import text_of, to_message_dict

# Tool calls/results and system prompts are not facts about the user: only the dialogue is stored.
DEFAULT_WRITE_ROLES: tuple[str, ...] = ("user", "assistant")

MAX_QUERY_CHARS = 2000

InsertMethod = Literal["auto", "system", "user"]

__all__ = ["DEFAULT_WRITE_ROLES", "elsewhere", "latest_query", "role_of", "text_of", "to_dicts", "with_memory_context"]


def role_of(message: ChatMessage) -> str:
    return _role(message) or str(getattr(message.role, "value", message.role))


def to_dicts(messages: Iterable[ChatMessage], roles: Sequence[str] = DEFAULT_WRITE_ROLES) -> list[dict[str, Any]]:
    """The messages worth storing, as the OpenAI-style dicts ``Memory.add`` takes."""
    found = (to_message_dict(m) for m in messages)
    return [d for d in found if d is not None and d["content"] and d["role"] in roles]


def latest_query(messages: Sequence[ChatMessage] | None, input: Any = None) -> str:
    """What to recall memories for: the explicit input, else the latest user message, else the latest text."""
    if isinstance(input, ChatMessage):
        input = text_of(input)
    if isinstance(input, str) and input.strip():
        return input.strip()[:MAX_QUERY_CHARS]
    msgs = list(messages or [])
    for m in reversed(msgs):
        if role_of(m) == "user" and text_of(m):
            return text_of(m)[:MAX_QUERY_CHARS]
    for m in reversed(msgs):
        if role_of(m) != "system" and text_of(m):
            return text_of(m)[:MAX_QUERY_CHARS]
    return ""


def elsewhere(session_id: str | None) -> dict[str, Any] | None:
    """The filter that leaves out a session's own messages (they are in the conversation already)."""
    return {"NOT": {"session_id": session_id}} if session_id else None


def with_memory_context(messages: list[ChatMessage], context_text: str,
                        insert: InsertMethod = "auto") -> list[ChatMessage]:
    """Give the recalled memory to the model without adding a second system message.

    ``"auto"``: appended to the conversation's first system message when it has one; otherwise put
    in front of the latest user message — an agent's ``system_prompt`` (which ``FunctionAgent``
    prepends after reading memory) then stays the only system message. ``"system"``: a system
    message of its own when the conversation has none; ``"user"``: always with the user message.
    Copies only: the stored history is never modified.
    """
    if not context_text:
        return list(messages)
    out = list(messages)
    system = next((i for i, m in enumerate(out) if role_of(m) == "system"), None)
    user = next((i for i in range(len(out) - 1, -1, -1) if role_of(out[i]) == "user"), None)
    if insert != "user" and system is not None:
        merged = out[system].model_copy(deep=True)
        merged.blocks = [*merged.blocks, TextBlock(text="\n" + context_text)]
        out[system] = merged
    elif insert != "system" and user is not None:
        merged = out[user].model_copy(deep=True)
        merged.blocks = [TextBlock(text=context_text + "\n\n"), *merged.blocks]
        out[user] = merged
    else:
        out.insert(0, ChatMessage(role=MessageRole.SYSTEM, content=context_text))
    return out
