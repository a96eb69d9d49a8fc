"""``AgentMemory``: one ``BaseMemory`` object for ``agent.run(..., memory=...)``."""

from __future__ import annotations

from typing import Any

from llama_index.core.base.llms.types import ChatMessage
from llama_index.core.bridge.pydantic import Field, PrivateAttr
from llama_index.core.memory import ChatMemoryBuffer
from llama_index.core.memory.types import BaseMemory

from agent_memory import ConfigError, ScopeError
from agent_memory.kit import Bridge, MemoryOp, resolve_scope

from ._messages import (
    DEFAULT_WRITE_ROLES,
    InsertMethod,
    elsewhere,
    latest_query,
    role_of,
    to_dicts,
    with_memory_context,
)


class AgentMemory(BaseMemory):
    """A short-term chat buffer plus long-term recall, for any LlamaIndex agent or workflow.

    ``get``/``aget`` return the recent conversation with the memories relevant to the latest user
    message (or ``input=``) given as quoted data, never as a second system message: merged into
    the conversation's own system message when it has one, else put in front of the latest user
    message, so an agent's ``system_prompt`` stays the only system message (``insert_method``).
    ``put``/``aput`` append to the buffer and store the message in long-term memory under the bound
    scope. A user message is stored right after the recall that answers it (the next ``get``), with
    the next non-user message, or on ``flush()``, whichever comes first: so the question being
    answered is never recalled back to itself as a memory.

        store = agent_memory.Memory(path="./memory")   # once per process; store.close() at exit
        memory = AgentMemory(store, user_id="alice")
        await agent.run("I'm vegetarian", memory=memory)
    """

    user_id: str | None = Field(default=None, description="Whose memories: bound by the application.")
    agent_id: str | None = Field(default=None, description="Which agent's memories: bound by the application.")
    session_id: str | None = Field(default=None, description="The conversation, recorded with each message.")
    token_limit: int = Field(default=3000, gt=0, description="Token limit of the short-term chat buffer.")
    max_tokens: int = Field(default=800, gt=0, description="Token budget of the recalled memories.")
    infer: bool = Field(default=True, description="Derive profile memories from the stored messages.")
    write_roles: tuple[str, ...] = Field(default=DEFAULT_WRITE_ROLES, description="Roles whose messages are stored.")
    recall_current_session: bool = Field(
        default=False, description="Also recall this session's own messages (already in the conversation).")
    insert_method: InsertMethod = Field(default="auto",
                                        description="Where recalled memories go (see with_memory_context).")

    _bridge: Bridge = PrivateAttr()
    _buffer: ChatMemoryBuffer = PrivateAttr()
    _pending: list[ChatMessage] = PrivateAttr(default_factory=list)  # put, not yet stored

    def __init__(self, memory: Any, *, chat_history: list[ChatMessage] | None = None, **data: Any) -> None:
        if not (data.get("user_id") or data.get("agent_id")):
            raise ScopeError("AgentMemory needs user_id and/or agent_id: long-term memory belongs to someone")
        super().__init__(**data)
        self._bridge = Bridge(memory)
        self._buffer = ChatMemoryBuffer.from_defaults(chat_history=chat_history, token_limit=self.token_limit)

    @classmethod
    def class_name(cls) -> str:
        return "AgentMemory"

    @classmethod
    def from_defaults(cls, memory: Any = None, chat_history: list[ChatMessage] | None = None,
                      **kwargs: Any) -> AgentMemory:
        if memory is None:
            raise ConfigError("AgentMemory.from_defaults needs memory=<agent_memory.Memory or AsyncMemory>")
        return cls(memory, chat_history=chat_history, **kwargs)

    @property
    def memory(self) -> Any:
        """The agent_memory ``Memory`` / ``AsyncMemory`` behind the long-term part."""
        return self._bridge.memory

    # ---------------------------------------------------------------- shared decisions
    def _recall(self, history: list[ChatMessage], input: Any) -> MemoryOp | None:
        query = latest_query(history, input)
        if not query:
            return None
        scope = self._scope().as_dict()
        other = None if self.recall_current_session else elsewhere(self.session_id)
        return lambda m: m.context(query, **scope, max_tokens=self.max_tokens, filters=other)

    def _scope(self) -> Any:
        return resolve_scope(explicit={"user_id": self.user_id, "agent_id": self.agent_id,
                                       "session_id": self.session_id})

    def _take_pending(self, messages: list[ChatMessage], *, now: bool) -> MemoryOp | None:
        """Queue ``messages``; the ``add`` for everything queued when it is time to store."""
        self._pending.extend(messages)
        if not (now or any(role_of(m) != "user" for m in messages)):
            return None
        batch, self._pending = self._pending, []
        dicts = to_dicts(batch, self.write_roles)
        if not dicts:
            return None
        scope = self._scope().as_dict()
        return lambda m: m.add(dicts, **scope, infer=self.infer)

    def _forget(self) -> MemoryOp:
        # derived facts are stored without the session: forgetting the subject means all of them
        owner = self._scope().owner.as_dict()
        return lambda m: m.delete_all(**owner)

    # ---------------------------------------------------------------- sync
    def get(self, input: str | None = None, **kwargs: Any) -> list[ChatMessage]:
        """The recent conversation, with the relevant memories in one system message."""
        history = self._buffer.get()
        recall = self._recall(history, input)
        text = self._bridge.call(recall).text if recall else ""
        self.flush()
        return with_memory_context(history, text, self.insert_method)

    def get_all(self) -> list[ChatMessage]:
        """The whole short-term conversation, without recalled memories."""
        return self._buffer.get_all()

    def put(self, message: ChatMessage) -> None:
        self.put_messages([message])

    def put_messages(self, messages: list[ChatMessage]) -> None:
        self._buffer.put_messages(list(messages))
        write = self._take_pending(list(messages), now=False)
        if write:
            self._bridge.call(write)

    def flush(self) -> None:
        """Store the messages put but not stored yet."""
        write = self._take_pending([], now=True)
        if write:
            self._bridge.call(write)

    def set(self, messages: list[ChatMessage]) -> None:
        """Replace the short-term conversation (long-term memory is not written)."""
        self._buffer.set(list(messages))

    def reset(self, long_term: bool = False) -> None:
        """Clear the short-term conversation; ``long_term=True`` also deletes the scope's memories."""
        if long_term:
            self._pending.clear()
            self._bridge.call(self._forget())
        else:
            self.flush()
        self._buffer.reset()

    # ---------------------------------------------------------------- async
    async def aget(self, input: str | None = None, **kwargs: Any) -> list[ChatMessage]:
        history = self._buffer.get()  # in-process list: no I/O to offload
        recall = self._recall(history, input)
        text = (await self._bridge.acall(recall)).text if recall else ""
        await self.aflush()
        return with_memory_context(history, text, self.insert_method)

    async def aget_all(self) -> list[ChatMessage]:
        return self._buffer.get_all()

    async def aput(self, message: ChatMessage) -> None:
        await self.aput_messages([message])

    async def aput_messages(self, messages: list[ChatMessage]) -> None:
        self._buffer.put_messages(list(messages))
        write = self._take_pending(list(messages), now=False)
        if write:
            await self._bridge.acall(write)

    async def aflush(self) -> None:
        write = self._take_pending([], now=True)
        if write:
            await self._bridge.acall(write)

    async def aset(self, messages: list[ChatMessage]) -> None:
        self._buffer.set(list(messages))

    async def areset(self, long_term: bool = False) -> None:
        if long_term:
            self._pending.clear()
            await self._bridge.acall(self._forget())
        else:
            await self.aflush()
        self._buffer.reset()
