"""``AgentMemoryChatMessageHistory``: a durable chat history whose messages are episodic memories.

One history is one session (``session_id``); with a ``user_id`` the messages also belong to the
user, so ``Memory.search(..., user_id=...)`` finds them from any later session.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.chat_history import BaseChatMessageHistory
from langchain_core.messages import BaseMessage

from agent_memory import AsyncMemory, Memory, ScopeError

from ._bridge import call_async, call_sync, check_memory
from ._messages import from_record, to_dict

_PAGE = 500


class AgentMemoryChatMessageHistory(BaseChatMessageHistory):
    """Chat history for ``RunnableWithMessageHistory`` (and anything else that takes a
    ``BaseChatMessageHistory``), stored in agent-memory.

    Args:
        memory: a ``Memory`` or ``AsyncMemory``.
        session_id: the conversation; required.
        user_id, agent_id: who it belongs to (recommended: makes past sessions searchable per user).
        infer: derive profile facts from added messages (the memory's extractor).
    """

    def __init__(self, memory: Memory | AsyncMemory, session_id: str, *, user_id: str | None = None,
                 agent_id: str | None = None, infer: bool = True) -> None:
        if not session_id or not isinstance(session_id, str):
            raise ScopeError("AgentMemoryChatMessageHistory needs a non-empty session_id")
        self.memory = check_memory(memory)
        self.session_id = session_id
        self.scope = {k: v for k, v in (("user_id", user_id), ("agent_id", agent_id),
                                        ("session_id", session_id)) if v}
        self.infer = infer

    def _page_args(self, cursor: str | None) -> dict[str, Any]:
        return {**self.scope, "kinds": ["episodic"], "limit": _PAGE, "cursor": cursor}

    @staticmethod
    def _as_messages(records: list[Any]) -> list[BaseMessage]:
        # list() is newest first by write order; a chat history reads oldest first
        return [from_record(r.content, r.role, r.name, r.source_ids[0] if r.source_ids else r.id)
                for r in reversed(records)]

    def _add_args(self, messages: Sequence[BaseMessage]) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
        dicts = [d for d in (to_dict(m) for m in messages) if d["content"]]
        return (dicts, {**self.scope, "infer": self.infer}) if dicts else None

    @property
    def messages(self) -> list[BaseMessage]:  # type: ignore[override]
        records: list[Any] = []
        cursor = None
        while True:
            page = call_sync(self.memory, "list", **self._page_args(cursor))
            records.extend(page.items)
            if page.next_cursor is None:
                return self._as_messages(records)
            cursor = page.next_cursor

    async def aget_messages(self) -> list[BaseMessage]:
        records: list[Any] = []
        cursor = None
        while True:
            page = await call_async(self.memory, "list", **self._page_args(cursor))
            records.extend(page.items)
            if page.next_cursor is None:
                return self._as_messages(records)
            cursor = page.next_cursor

    def add_messages(self, messages: Sequence[BaseMessage]) -> None:
        found = self._add_args(messages)
        if found is not None:
            call_sync(self.memory, "add", found[0], **found[1])

    async def aadd_messages(self, messages: Sequence[BaseMessage]) -> None:
        found = self._add_args(messages)
        if found is not None:
            await call_async(self.memory, "add", found[0], **found[1])

    def clear(self) -> None:
        """Forget this session's messages (and anything else written under the same session)."""
        call_sync(self.memory, "delete_all", **self.scope)

    async def aclear(self) -> None:
        await call_async(self.memory, "delete_all", **self.scope)
