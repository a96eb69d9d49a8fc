"""LangChain messages <-> agent-memory messages (OpenAI-style dicts)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage

ROLES = {"human": "user", "ai": "assistant", "system": "system", "tool": "tool"}


def role_of(message: BaseMessage) -> str:
    return ROLES.get(message.type, message.type)


def text_of(message: BaseMessage) -> str:
    return message.text.strip()


def to_dict(message: BaseMessage) -> dict[str, Any]:
    """The memory form of a message; the LangChain id (when set) makes re-adding idempotent."""
    out: dict[str, Any] = {"role": role_of(message), "content": text_of(message)}
    if message.id:
        out["id"] = str(message.id)
    if message.name:
        out["name"] = message.name
    return out


def turn(messages: Sequence[BaseMessage], *, store_replies: bool) -> list[dict[str, Any]]:
    """The messages of the latest turn worth remembering: the trailing user message(s) and the
    agent's final text reply; tool calls and tool results are working state, not memory."""
    start = len(messages)
    seen_user = False
    for i in range(len(messages) - 1, -1, -1):
        m = messages[i]
        if isinstance(m, HumanMessage):
            seen_user, start = True, i
        elif seen_user and isinstance(m, AIMessage) and not m.tool_calls:
            break  # the previous turn's reply: everything before it was stored then
    out = []
    for m in messages[start:]:
        if isinstance(m, HumanMessage) or (store_replies and isinstance(m, AIMessage) and not m.tool_calls):
            d = to_dict(m)
            if d["content"]:
                out.append(d)
    return out


def latest_user_text(messages: Sequence[BaseMessage]) -> str:
    for m in reversed(messages):
        if isinstance(m, HumanMessage):
            text = text_of(m)
            if text:
                return text
    return ""


def from_record(content: str, role: str | None, name: str | None, message_id: str | None) -> BaseMessage:
    kwargs: dict[str, Any] = {"content": content, "id": message_id}
    if name:
        kwargs["name"] = name
    if role == "assistant":
        return AIMessage(**kwargs)
    if role == "system":
        return SystemMessage(**kwargs)
    if role == "tool":
        return ToolMessage(tool_call_id=message_id or "", **kwargs)
    return HumanMessage(**kwargs)
