"""Chat messages from agent frameworks, read by duck typing (no framework is imported).

LangChain messages carry ``type`` ("human", "ai", ...) and ``text``/``content``; LlamaIndex's
``ChatMessage`` carries ``role`` (an enum whose value is "user", "assistant", ...) and
``content``. Both become the OpenAI-style dict ``Memory.add`` stores.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ROLES = {"human": "user", "user": "user", "ai": "assistant", "assistant": "assistant", "system": "system",
         "developer": "system", "tool": "tool", "function": "tool", "chatbot": "assistant", "model": "assistant"}


def role_of(message: Any) -> str | None:
    """The message's role in OpenAI terms, or None when the object does not look like a message."""
    role = message.get("role") if isinstance(message, Mapping) else getattr(message, "role", None)
    if role is None and not isinstance(message, Mapping):
        role = getattr(message, "type", None)
    role = getattr(role, "value", role)  # LlamaIndex's MessageRole
    return ROLES.get(role) if isinstance(role, str) else None


def text_of(message: Any) -> str:
    """The text of a message: text blocks joined; images, audio and tool calls are skipped."""
    if isinstance(message, Mapping):
        content = message.get("content")
    else:
        text = getattr(message, "text", None)
        if callable(text) and not isinstance(text, str):  # a method before langchain-core 1.0
            text = text()
        content = text if isinstance(text, str) else getattr(message, "content", None)
    if isinstance(content, str):
        return content.strip()
    if isinstance(content, list):
        parts = [p if isinstance(p, str) else p.get("text") for p in content
                 if isinstance(p, str) or (isinstance(p, Mapping) and p.get("type", "text") == "text")]
        return "\n".join(p for p in parts if isinstance(p, str) and p).strip()
    return ""


def to_message_dict(message: Any) -> dict[str, Any] | None:
    """A framework message object as ``{"role", "content"[, "id", "name"]}``; None when it is not a
    message (no recognised role). The content may be empty (a tool call): callers decide."""
    role = role_of(message)
    if role is None:
        return None
    out: dict[str, Any] = {"role": role, "content": text_of(message)}
    extra = getattr(message, "additional_kwargs", None) or {}
    mid = getattr(message, "id", None) or extra.get("id")
    name = getattr(message, "name", None) or extra.get("name")
    if isinstance(mid, (str, int)) and str(mid):
        out["id"] = str(mid)
    if isinstance(name, str) and name:
        out["name"] = name
    return out
