"""``AgentMemoryBlock``: agent-memory as a long-term block of LlamaIndex's ``Memory``."""

from __future__ import annotations

from collections import Counter, OrderedDict
from typing import Any

from llama_index.core.base.llms.types import ChatMessage
from llama_index.core.bridge.pydantic import Field, PrivateAttr
from llama_index.core.memory.memory import BaseMemoryBlock

from agent_memory import ScopeError
from agent_memory.kit import Bridge, resolve_scope

from ._messages import DEFAULT_WRITE_ROLES, elsewhere, latest_query, role_of, text_of, to_dicts

_RENDER_CACHE = 64  # rendered blocks remembered for atruncate


class AgentMemoryBlock(BaseMemoryBlock[str]):
    """Long-term memory for ``llama_index.core.memory.Memory.from_defaults(memory_blocks=[...])``.

    Reads render ``Memory.context`` for the latest user message (the block's ``user_id`` /
    ``agent_id`` scope, across sessions), leaving out this session's own messages, which are in the
    conversation already (``recall_current_session=True`` keeps them). Writes: by default
    (``eager=True``) every new message is stored when the block is read, which LlamaIndex does at
    the start of each agent turn, so what the user says is in the store by the end of that turn.
    ``eager=False`` stores only what LlamaIndex flushes out of its short-term buffer when it fills.

        from agent_memory import Memory as Store
        store = Store(path="./memory")            # once per process; store.close() at exit
        memory = Memory.from_defaults(session_id="chat-1", memory_blocks=[AgentMemoryBlock(store, user_id="alice")])
    """

    name: str = Field(default="agent_memory", description="The name/identifier of the memory block.")
    description: str | None = Field(default="Long-term memories about the user, recalled by relevance.")
    user_id: str | None = Field(default=None, description="Whose memories: bound by the application.")
    agent_id: str | None = Field(default=None, description="Which agent's memories: bound by the application.")
    max_tokens: int = Field(default=800, gt=0, description="Token budget of the rendered memory block.")
    eager: bool = Field(default=True, description="Write every turn on the next read, not only on flush.")
    recall_current_session: bool = Field(
        default=False, description="Also recall this session's own messages (already in the conversation).")
    infer: bool = Field(default=True, description="Derive profile memories from the stored messages.")
    write_roles: tuple[str, ...] = Field(default=DEFAULT_WRITE_ROLES, description="Roles whose messages are stored.")

    _bridge: Bridge = PrivateAttr()
    # eager mode: per session, the (role, text) of messages in the short-term buffer already stored
    _written: dict[str, Counter[tuple[str, str]]] = PrivateAttr(default_factory=dict)
    # rendered text -> (query, session_id, token_count), so atruncate can rebuild a smaller block
    _rendered: OrderedDict[str, tuple[str, str | None, int]] = PrivateAttr(default_factory=OrderedDict)

    def __init__(self, memory: Any, **data: Any) -> None:
        if not (data.get("user_id") or data.get("agent_id")):
            raise ScopeError("AgentMemoryBlock needs user_id and/or agent_id: long-term memory belongs to someone")
        super().__init__(**data)
        self._bridge = Bridge(memory)

    @property
    def memory(self) -> Any:
        """The agent_memory ``Memory`` / ``AsyncMemory`` this block reads and writes."""
        return self._bridge.memory

    async def _aget(self, messages: list[ChatMessage] | None = None, **block_kwargs: Any) -> str:
        session_id = block_kwargs.get("session_id")
        history = list(messages or [])
        text = await self._recall(latest_query(history), session_id)
        if self.eager:  # after recall, so the turn being answered is not recalled back to itself
            await self._write_unstored(history, session_id)
        return text

    async def _aput(self, messages: list[ChatMessage]) -> None:
        by_session: dict[str | None, list[ChatMessage]] = {}
        for m in messages:
            sid = m.additional_kwargs.get("session_id")
            written = self._written.get(sid or "")
            key = (role_of(m), text_of(m))
            if self.eager and written and written[key] > 0:
                written[key] -= 1  # stored when it was read; it is only leaving the buffer now
                continue
            by_session.setdefault(sid, []).append(m)
        for sid, msgs in by_session.items():
            await self._add(msgs, sid)

    async def atruncate(self, content: str, tokens_to_truncate: int) -> str | None:
        """Rebuild the block with a smaller budget: the lowest-value memories go, none is cut."""
        known = self._rendered.get(content)
        if known is None:
            return None
        query, session_id, tokens = known
        budget = tokens - max(tokens_to_truncate, 1)
        if budget <= 0:
            return None
        return await self._recall(query, session_id, max_tokens=budget) or None

    async def _recall(self, query: str, session_id: str | None, max_tokens: int | None = None) -> str:
        if not query:
            return ""
        owner = self._scope(session_id).owner.as_dict()
        other = None if self.recall_current_session else elsewhere(session_id)
        ctx = await self._bridge.acall(lambda m: m.context(query, **owner, max_tokens=max_tokens or self.max_tokens,
                                                           filters=other))
        if ctx.text:
            self._rendered[ctx.text] = (query, session_id, ctx.token_count)
            while len(self._rendered) > _RENDER_CACHE:
                self._rendered.popitem(last=False)
        return str(ctx.text)

    async def _write_unstored(self, history: list[ChatMessage], session_id: str | None) -> None:
        if (len(history) >= 2 and role_of(history[-1]) == role_of(history[-2]) == "user"
                and text_of(history[-1]) == text_of(history[-2])):
            # Memory.aget(input=...) appends the input as a user message; the agent's input is
            # already the last message of the buffer, so the copy is not a new turn
            history = history[:-1]
        written = self._written.setdefault(session_id or "", Counter())
        seen: Counter[tuple[str, str]] = Counter()
        new: list[ChatMessage] = []
        for m in history:
            key = (role_of(m), text_of(m))
            seen[key] += 1
            if seen[key] > written[key] and to_dicts([m], self.write_roles):
                new.append(m)
        if new:
            await self._add(new, session_id)
            written.update((role_of(m), text_of(m)) for m in new)

    async def _add(self, messages: list[ChatMessage], session_id: str | None) -> None:
        dicts = to_dicts(messages, self.write_roles)
        if dicts:
            scope = self._scope(session_id).as_dict()
            await self._bridge.acall(lambda m: m.add(dicts, **scope, infer=self.infer))

    def _scope(self, session_id: str | None) -> Any:
        return resolve_scope(explicit={"user_id": self.user_id, "agent_id": self.agent_id, "session_id": session_id})
