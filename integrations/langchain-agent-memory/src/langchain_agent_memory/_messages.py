"""LangChain messages <-> agent-memory messages (OpenAI-style dicts, via the kit)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from agent_memory.kit import text_of, to_message_dict


def dialogue(messages: Sequence[BaseMessage]) -> list[dict[str, Any]]:
    """The text dialogue of ``messages`` as ``Memory.add`` dicts. A tool call and its result are
    working state, dropped as a pair: a tool message (whose call would be gone) is never kept,
    and an AI message keeps only its text."""
    out = []
    for m in messages:
        if isinstance(m, (HumanMessage, AIMessage, SystemMessage)):
            d = to_message_dict(m)
            if d is not None and d["content"]:
                out.append(d)
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
    keep = [m for m in messages[start:]
            if isinstance(m, HumanMessage) or (store_replies and isinstance(m, AIMessage) and not m.tool_calls)]
    return dialogue(keep)


def latest_user_text(messages: Sequence[BaseMessage]) -> str:
    for m in reversed(messages):
        if isinstance(m, HumanMessage):
            text = text_of(m)
            if text:
                return text
    return ""


def from_record(content: str, role: str | None, name: str | None, message_id: str | None) -> BaseMessage | None:
    """A stored message as a LangChain one; None for a tool result (its call is not kept)."""
    if role == "tool":
        return None
    kwargs: dict[str, Any] = {"content": content, "id": message_id}
    if name:
        kwargs["name"] = name
    if role == "assistant":
        return AIMessage(**kwargs)
    if role == "system":
        return SystemMessage(**kwargs)
    return HumanMessage(**kwargs)
