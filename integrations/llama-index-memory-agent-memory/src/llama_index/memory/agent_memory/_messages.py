"""Translation between LlamaIndex ``ChatMessage`` objects and agent-memory's message dicts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from llama_index.core.base.llms.types import ChatMessage, MessageRole, TextBlock

# Tool calls/results and system prompts are not facts about the user: only the dialogue is stored.
DEFAULT_WRITE_ROLES: tuple[str, ...] = ("user", "assistant")

MAX_QUERY_CHARS = 2000


def role_of(message: ChatMessage) -> str:
    role = message.role
    return role.value if isinstance(role, MessageRole) else str(role)


def text_of(message: ChatMessage) -> str:
    """The text of a message (its text blocks joined); images, audio and tool calls are skipped."""
    return "\n".join(b.text for b in message.blocks if isinstance(b, TextBlock) and b.text).strip()


def to_dicts(messages: Iterable[ChatMessage], roles: Sequence[str] = DEFAULT_WRITE_ROLES) -> list[dict[str, Any]]:
    """The messages worth storing, as the OpenAI-style dicts ``Memory.add`` takes."""
    out: list[dict[str, Any]] = []
    for m in messages:
        text = text_of(m)
        if text and role_of(m) in roles:
            d: dict[str, Any] = {"role": role_of(m), "content": text}
            name = m.additional_kwargs.get("name")
            if isinstance(name, str) and name:
                d["name"] = name
            out.append(d)
    return out


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


def with_memory_context(messages: list[ChatMessage], context_text: str) -> list[ChatMessage]:
    """Give the recalled memory to the model as part of ONE system message.

    The first existing system message gets the memory appended after its own instructions (on a
    copy: the stored history is never modified); otherwise a new system message is inserted first.
    """
    if not context_text:
        return list(messages)
    out = list(messages)
    idx = next((i for i, m in enumerate(out) if role_of(m) == "system"), None)
    if idx is None:
        return [ChatMessage(role=MessageRole.SYSTEM, content=context_text), *out]
    original = out[idx]
    merged = original.model_copy(deep=True)
    merged.blocks = [*merged.blocks, TextBlock(text="\n" + context_text)]
    out[idx] = merged
    return out
