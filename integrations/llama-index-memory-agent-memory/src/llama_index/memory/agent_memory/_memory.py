"""``AgentMemory``: one ``BaseMemory`` object for ``agent.run(..., memory=...)``."""

from __future__ import annotations

from typing import Any

from llama_index.core.base.llms.types import ChatMessage
from llama_index.core.bridge.pydantic import Field, PrivateAttr
from llama_index.core.memory import ChatMemoryBuffer
from llama_index.core.memory.types import BaseMemory

from agent_memory import ConfigError, ScopeError

from ._driver import Driver
from ._messages import DEFAULT_WRITE_ROLES, latest_query, role_of, to_dicts, with_memory_context


class AgentMemory(BaseMemory):
    """A short-term chat buffer plus long-term recall, for any LlamaIndex agent or workflow.

    ``get``/``aget`` return the recent conversation with the memories relevant to the latest user
    message (or ``input=``) given as quoted data inside ONE system message (merged into the
    conversation's own system message when it has one). ``put``/``aput`` append to the buffer and
    store the message in long-term memory under the bound scope. A user message is stored right
    after the recall that answers it (the next ``get``), with the next non-user message, or on
    ``flush()``, whichever comes first: so the question being answered is never recalled back
    to itself as a memory.

        store = agent_memory.Memory(path="./memory")
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

    _driver: Driver = PrivateAttr()
    _buffer: ChatMemoryBuffer = PrivateAttr()
    _pending: list[ChatMessage] = PrivateAttr(default_factory=list)  # put, not yet stored

    def __init__(self, memory: Any, *, chat_history: list[ChatMessage] | None = None, **data: Any) -> None:
        if not (data.get("user_id") or data.get("agent_id")):
            raise ScopeError("AgentMemory needs user_id and/or agent_id: long-term memory belongs to someone")
        super().__init__(**data)
        self._driver = Driver(memory)
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
        return self._driver.memory

    # ---------------------------------------------------------------- shared decisions
    def _context_args(self, history: list[ChatMessage], input: Any) -> dict[str, Any] | None:
        query = latest_query(history, input)
        if not query:
            return None
        return dict(query=query, user_id=self.user_id, agent_id=self.agent_id, session_id=self.session_id,
                    max_tokens=self.max_tokens)

    def _take_pending(self, messages: list[ChatMessage], *, now: bool) -> dict[str, Any] | None:
        """Queue ``messages``; the ``add`` arguments for everything queued when it is time to store."""
        self._pending.extend(messages)
        if not (now or any(role_of(m) != "user" for m in messages)):
            return None
        batch, self._pending = self._pending, []
        return self._add_args(batch)

    def _add_args(self, messages: list[ChatMessage]) -> dict[str, Any] | None:
        dicts = to_dicts(messages, self.write_roles)
        if not dicts:
            return None
        return dict(messages=dicts, user_id=self.user_id, agent_id=self.agent_id, session_id=self.session_id,
                    infer=self.infer)

    def _long_term_scope(self) -> dict[str, Any]:
        # derived facts are stored without the session: forgetting the subject means all of them
        sc = {"user_id": self.user_id, "agent_id": self.agent_id}
        return sc if any(sc.values()) else {"session_id": self.session_id}

    # ---------------------------------------------------------------- sync
    def get(self, input: str | None = None, **kwargs: Any) -> list[ChatMessage]:
        """The recent conversation, with the relevant memories in one system message."""
        history = self._buffer.get()
        args = self._context_args(history, input)
        text = self._driver.call("context", **args).text if args else ""
        self.flush()
        return with_memory_context(history, text)

    def get_all(self) -> list[ChatMessage]:
        """The whole short-term conversation, without recalled memories."""
        return self._buffer.get_all()

    def put(self, message: ChatMessage) -> None:
        self.put_messages([message])

    def put_messages(self, messages: list[ChatMessage]) -> None:
        self._buffer.put_messages(list(messages))
        args = self._take_pending(list(messages), now=False)
        if args:
            self._driver.call("add", **args)

    def flush(self) -> None:
        """Store the messages put but not stored yet."""
        args = self._take_pending([], now=True)
        if args:
            self._driver.call("add", **args)

    def set(self, messages: list[ChatMessage]) -> None:
        """Replace the short-term conversation (long-term memory is not written)."""
        self._buffer.set(list(messages))

    def reset(self, long_term: bool = False) -> None:
        """Clear the short-term conversation; ``long_term=True`` also deletes the scope's memories."""
        if long_term:
            self._pending.clear()
            self._driver.call("delete_all", **self._long_term_scope())
        else:
            self.flush()
        self._buffer.reset()

    # ---------------------------------------------------------------- async
    async def aget(self, input: str | None = None, **kwargs: Any) -> list[ChatMessage]:
        history = self._buffer.get()  # in-process list: no I/O to offload
        args = self._context_args(history, input)
        text = (await self._driver.acall("context", **args)).text if args else ""
        await self.aflush()
        return with_memory_context(history, text)

    async def aget_all(self) -> list[ChatMessage]:
        return self._buffer.get_all()

    async def aput(self, message: ChatMessage) -> None:
        await self.aput_messages([message])

    async def aput_messages(self, messages: list[ChatMessage]) -> None:
        self._buffer.put_messages(list(messages))
        args = self._take_pending(list(messages), now=False)
        if args:
            await self._driver.acall("add", **args)

    async def aflush(self) -> None:
        args = self._take_pending([], now=True)
        if args:
            await self._driver.acall("add", **args)

    async def aset(self, messages: list[ChatMessage]) -> None:
        self._buffer.set(list(messages))

    async def areset(self, long_term: bool = False) -> None:
        if long_term:
            self._pending.clear()
            await self._driver.acall("delete_all", **self._long_term_scope())
        else:
            await self.aflush()
        self._buffer.reset()
