"""Where an adapter finds the scope (user_id / agent_id / session_id) of a run.

The scope always comes from the application (``runtime.context``, ``config["configurable"]``
or the adapter's own defaults), never from anything a model produced, so one user's run
cannot read or change another user's memories.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from agent_memory import ScopeError

SCOPE_KEYS = ("user_id", "agent_id", "session_id")


@dataclass(frozen=True)
class Scope:
    user_id: str | None = None
    agent_id: str | None = None
    session_id: str | None = None

    @property
    def owner(self) -> dict[str, str]:
        """The long-term scope (user and agent, no session): what recall reads and facts belong to."""
        return {k: v for k, v in (("user_id", self.user_id), ("agent_id", self.agent_id)) if v}

    @property
    def full(self) -> dict[str, str]:
        """The scope a turn is written under: its messages carry the session (thread) too."""
        return {**self.owner, **({"session_id": self.session_id} if self.session_id else {})}


def _read(source: Any, key: str) -> Any:
    if source is None:
        return None
    if isinstance(source, Mapping):
        return source.get(key)
    return getattr(source, key, None)


def resolve(context: Any = None, config: Mapping[str, Any] | None = None, *, defaults: Scope = Scope(),
            who: str = "agent-memory") -> Scope:
    """Context first, then ``config["configurable"]`` (whose ``thread_id`` is the session), then
    the adapter's defaults. Raises ScopeError when neither a user_id nor an agent_id is known."""
    configurable = (config or {}).get("configurable") or {}
    found: dict[str, str | None] = {}
    for key in SCOPE_KEYS:
        value = _read(context, key) or configurable.get(key)
        if key == "session_id" and not value:
            value = configurable.get("thread_id")
        value = value or getattr(defaults, key)
        if value is not None and not isinstance(value, str):
            value = str(value)
        found[key] = value or None
    scope = Scope(**found)
    if not scope.owner:
        raise ScopeError(f"{who} needs a user_id or agent_id: put it in the run's context "
                         "(context_schema) or in config['configurable']")
    return scope
