"""What LangChain's pydantic adapters (the retriever, the legacy memory) share: the memory they hold
(any object with Memory's API, reached through the kit's bridge) and the scope bound in code."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr

from agent_memory.kit import Bridge, Scope, resolve_scope


class BoundMemory(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    memory: Any
    user_id: str | None = None
    agent_id: str | None = None
    session_id: str | None = None
    _bridge: Bridge = PrivateAttr()

    def __init__(self, **data: Any) -> None:
        bridge = Bridge(data.get("memory"))  # a ConfigError for an object without Memory's API
        super().__init__(**data)
        self._bridge = bridge

    def _scope(self) -> Scope:
        return resolve_scope(explicit={"user_id": self.user_id, "agent_id": self.agent_id,
                                       "session_id": self.session_id}, require_owner=False)
