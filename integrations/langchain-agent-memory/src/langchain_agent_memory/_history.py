"""``AgentMemoryChatMessageHistory``: a durable chat history whose messages are episodic memories.

One history is one session (``session_id``); with a ``user_id`` the messages also belong to the
user, so ``Memory.search(..., user_id=...)`` finds them from any later session. The history keeps
the text dialogue: an AI message's tool calls and the tool results answering them are dropped
together (a tool result without its call is rejected by chat APIs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.chat_history import BaseChatMessageHistory
from langchain_core.messages import BaseMessage

from agent_memory import MemoryRecord, Page, ScopeError
from agent_memory._effects import Op
from agent_memory.kit import Bridge, MemoryOp, resolve_scope, step

from ._messages import dialogue, from_record

_PAGE = 500


class AgentMemoryChatMessageHistory(BaseChatMessageHistory):
    """Chat history for ``RunnableWithMessageHistory`` (and anything else that takes a
    ``BaseChatMessageHistory``), stored in agent-memory.

    Args:
        memory: a ``Memory``, ``AsyncMemory`` or any object with their API.
        session_id: the conversation; required.
        user_id, agent_id: who it belongs to (recommended: makes past sessions searchable per user).
        infer: derive profile facts from added messages (the memory's extractor).
    """

    def __init__(self, memory: Any, session_id: str, *, user_id: str | None = None,
                 agent_id: str | None = None, infer: bool = True) -> None:
        if not session_id or not isinstance(session_id, str):
            raise ScopeError("AgentMemoryChatMessageHistory needs a non-empty session_id")
        self.bridge = Bridge(memory)
        self.memory = self.bridge.memory
        self.session_id = session_id
        self.scope = resolve_scope(explicit={"user_id": user_id, "agent_id": agent_id, "session_id": session_id},
                                   require_owner=False).as_dict()
        self.infer = infer

    def _page(self, cursor: str | None) -> MemoryOp:
        return lambda m: m.list(**self.scope, kinds=["episodic"], limit=_PAGE, cursor=cursor)

    def _read(self) -> Op[list[BaseMessage]]:
        records: list[MemoryRecord] = []
        cursor = None
        while True:
            page: Page = yield from step(self.bridge, self._page(cursor))
            records.extend(page.items)
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        # list() is newest first by write order; a chat history reads oldest first
        found = (from_record(r.content, r.role, r.name, r.source_ids[0] if r.source_ids else r.id)
                 for r in reversed(records))
        return [msg for msg in found if msg is not None]

    # BaseChatMessageHistory declares `messages` as an attribute but documents "a property or attribute" and
    # implements it as a property in its own example: read from the store on each access, never assigned
    @property
    def messages(self) -> list[BaseMessage]:  # type: ignore[override]
        return self.bridge.run(self._read())

    async def aget_messages(self) -> list[BaseMessage]:
        return await self.bridge.arun(self._read())

    def add_messages(self, messages: Sequence[BaseMessage]) -> None:
        dicts = dialogue(messages)
        if dicts:
            self.bridge.call(lambda m: m.add(dicts, **self.scope, infer=self.infer))

    async def aadd_messages(self, messages: Sequence[BaseMessage]) -> None:
        dicts = dialogue(messages)
        if dicts:
            await self.bridge.acall(lambda m: m.add(dicts, **self.scope, infer=self.infer))

    def clear(self) -> None:
        """Forget this session's messages (and anything else written under the same session)."""
        self.bridge.call(lambda m: m.delete_all(**self.scope))

    async def aclear(self) -> None:
        await self.bridge.acall(lambda m: m.delete_all(**self.scope))
