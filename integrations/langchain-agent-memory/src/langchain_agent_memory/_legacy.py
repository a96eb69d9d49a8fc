"""``AgentMemory``: the legacy ``BaseMemory`` (``langchain-classic``) for ConversationChain-style code.

Imported lazily by the package: needs the ``[classic]`` extra.
"""

from __future__ import annotations

from typing import Any

from langchain_classic.base_memory import BaseMemory
from pydantic import ConfigDict, field_validator

from agent_memory import ValidationError

from ._bridge import call_async, call_sync, check_memory


class AgentMemory(BaseMemory):
    """Adds ``memory_key`` (default ``"history"``) to the chain's inputs: the memory context
    rendered for the current input; ``save_context`` stores the turn (user input and output).

    At least one of ``user_id`` / ``agent_id`` / ``session_id`` is required by the memory.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    memory: Any
    user_id: str | None = None
    agent_id: str | None = None
    session_id: str | None = None
    memory_key: str = "history"
    input_key: str | None = None
    output_key: str | None = None
    kinds: list[str] | None = None
    max_tokens: int = 1000
    infer: bool = True

    @field_validator("memory")
    @classmethod
    def _memory(cls, value: Any) -> Any:
        return check_memory(value)

    @property
    def memory_variables(self) -> list[str]:
        return [self.memory_key]

    def _owner(self) -> dict[str, str]:
        """Recall reads the user's (or agent's) memories across sessions, like the middleware."""
        owner = {k: v for k, v in (("user_id", self.user_id), ("agent_id", self.agent_id)) if v}
        return owner or ({"session_id": self.session_id} if self.session_id else {})

    def _scope(self) -> dict[str, str]:
        return {k: v for k, v in (("user_id", self.user_id), ("agent_id", self.agent_id),
                                  ("session_id", self.session_id)) if v}

    def _pick(self, values: dict[str, Any], key: str | None, what: str, exclude: tuple[str, ...] = ()) -> str:
        if key is not None:
            if key not in values:
                raise ValidationError(f"AgentMemory: {what} key {key!r} not in {sorted(values)}")
            return str(values[key])
        rest = [k for k in values if k not in exclude and k != "stop"]
        if len(rest) != 1:
            raise ValidationError(f"AgentMemory: cannot tell the {what} among {sorted(rest)}; "
                                  f"set {what}_key")
        return str(values[rest[0]])

    def _query(self, inputs: dict[str, Any]) -> str:
        return self._pick(inputs, self.input_key, "input", exclude=(self.memory_key,))

    def _turn(self, inputs: dict[str, Any], outputs: dict[str, Any]) -> list[dict[str, str]]:
        turn = [{"role": "user", "content": self._query(inputs)},
                {"role": "assistant", "content": self._pick(outputs, self.output_key, "output")}]
        return [m for m in turn if m["content"].strip()]

    def load_memory_variables(self, inputs: dict[str, Any]) -> dict[str, Any]:
        query = self._query(inputs)
        if not query.strip():
            return {self.memory_key: ""}
        ctx = call_sync(self.memory, "context", query, **self._owner(), max_tokens=self.max_tokens,
                        kinds=self.kinds)
        return {self.memory_key: ctx.text}

    async def aload_memory_variables(self, inputs: dict[str, Any]) -> dict[str, Any]:
        query = self._query(inputs)
        if not query.strip():
            return {self.memory_key: ""}
        ctx = await call_async(self.memory, "context", query, **self._owner(), max_tokens=self.max_tokens,
                               kinds=self.kinds)
        return {self.memory_key: ctx.text}

    def save_context(self, inputs: dict[str, Any], outputs: dict[str, str]) -> None:
        turn = self._turn(inputs, outputs)
        if turn:
            call_sync(self.memory, "add", turn, **self._scope(), infer=self.infer)

    async def asave_context(self, inputs: dict[str, Any], outputs: dict[str, str]) -> None:
        turn = self._turn(inputs, outputs)
        if turn:
            await call_async(self.memory, "add", turn, **self._scope(), infer=self.infer)

    def clear(self) -> None:
        """Forget everything in this memory's scope (user, agent and session as configured)."""
        call_sync(self.memory, "delete_all", **self._scope())

    async def aclear(self) -> None:
        await call_async(self.memory, "delete_all", **self._scope())
