"""Which scope a framework run acts in: one resolution order for every adapter.

For each of ``user_id`` / ``agent_id`` / ``session_id`` the first value found wins, in this order:

1. the explicit values the adapter passes (what the application bound in code);
2. the run's context (LangGraph ``runtime.context``: attributes or keys);
3. ``config["configurable"]``;
4. the adapter's defaults (its constructor arguments).

Keys read in 2. and 3.: ``user_id`` then LangMem's ``langgraph_user_id``; ``agent_id``;
``session_id`` then ``thread_id`` (a LangGraph thread is a session). The scope comes from the
application, never from a model's output. Fail closed: a run without a user gets a scope without
``user_id``, which sees only user-less memories (``Scope.filter``), never a user's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import ScopeError
from .._scope import Scope

KEYS: dict[str, tuple[str, ...]] = {
    "user_id": ("user_id", "langgraph_user_id"),
    "agent_id": ("agent_id",),
    "session_id": ("session_id", "thread_id"),
}


def _read(source: Any, key: str) -> Any:
    if source is None:
        return None
    if isinstance(source, Mapping):
        return source.get(key)
    return getattr(source, key, None)


def _value(name: str, value: Any) -> Any:
    # ids from configs are often ints; anything else goes to Scope's validation (ScopeError)
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def configurable(config: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """``config["configurable"]`` of a RunnableConfig (empty when absent)."""
    found = (config or {}).get("configurable")
    return found if isinstance(found, Mapping) else {}


def resolve_scope(context: Any = None, config: Mapping[str, Any] | None = None, *,
                  explicit: Scope | Mapping[str, Any] | None = None, defaults: Scope | None = None,
                  require_owner: bool = True, who: str = "agent-memory") -> Scope:
    """The run's :class:`Scope` (see the module docstring for the order). With ``require_owner``
    a run that names neither a user nor an agent is refused with :class:`ScopeError`."""
    sources = (explicit, context, configurable(config), defaults)
    found: dict[str, Any] = {}
    for name, keys in KEYS.items():
        for source in sources:
            value = next((v for k in keys if (v := _read(source, k)) is not None and v != ""), None)
            if value is not None:
                found[name] = _value(name, value)
                break
    scope = Scope.of(**found, required=False)
    if require_owner and scope.user_id is None and scope.agent_id is None:
        raise ScopeError(f"{who} needs a user_id or agent_id: put it in the run's context "
                         "(context_schema), in config['configurable'] (user_id or langgraph_user_id), "
                         "or pass it to the adapter")
    return scope
