"""``AgentMemory``: the legacy ``BaseMemory`` (``langchain-classic``) for ConversationChain-style code.

Imported lazily by the package: needs the ``[classic]`` extra.
"""

from __future__ import annotations

from typing import Any

from langchain_classic.base_memory import BaseMemory

from agent_memory import ValidationError

from ._bound import BoundMemory


class AgentMemory(BoundMemory, BaseMemory):
    """Adds ``memory_key`` (default ``"history"``) to the chain's inputs: the memory context
    rendered for the current input; ``save_context`` stores the turn (user input and output).

    At least one of ``user_id`` / ``agent_id`` / ``session_id`` is required by the memory.
    """

    memory_key: str = "history"
    input_key: str | None = None
    output_key: str | None = None
    kinds: list[str] | None = None
    max_tokens: int = 1000
    infer: bool = True

    @property
    def memory_variables(self) -> list[str]:
        return [self.memory_key]

    def _owner(self) -> dict[str, str]:
        """Recall reads the user's (or agent's) memories across sessions, like the middleware."""
        return self._scope().owner.as_dict()

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
        ctx = self._bridge.call(lambda m: m.context(query, **self._owner(), max_tokens=self.max_tokens,
                                                   kinds=self.kinds))
        return {self.memory_key: ctx.text}

    async def aload_memory_variables(self, inputs: dict[str, Any]) -> dict[str, Any]:
        query = self._query(inputs)
        if not query.strip():
            return {self.memory_key: ""}
        ctx = await self._bridge.acall(lambda m: m.context(query, **self._owner(), max_tokens=self.max_tokens,
                                                          kinds=self.kinds))
        return {self.memory_key: ctx.text}

    def save_context(self, inputs: dict[str, Any], outputs: dict[str, str]) -> None:
        turn = self._turn(inputs, outputs)
        if turn:
            self._bridge.call(lambda m: m.add(turn, **self._scope().as_dict(), infer=self.infer))

    async def asave_context(self, inputs: dict[str, Any], outputs: dict[str, str]) -> None:
        turn = self._turn(inputs, outputs)
        if turn:
            await self._bridge.acall(lambda m: m.add(turn, **self._scope().as_dict(), infer=self.infer))

    def clear(self) -> None:
        """Forget everything in this memory's scope (user, agent and session as configured)."""
        self._bridge.call(lambda m: m.delete_all(**self._scope().as_dict()))

    async def aclear(self) -> None:
        await self._bridge.acall(lambda m: m.delete_all(**self._scope().as_dict()))
