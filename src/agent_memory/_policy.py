"""Write permissions: who may write, update or delete which memories.

A handle acts for an :class:`Actor` (an agent id and a role): ``Memory`` itself acts for the
application (the owner, allowed everything), ``mem.as_actor(agent_id="support")`` for an agent,
``mem.read_only()`` for a reader that may not change anything. The actor recorded in history
comes from the handle, never from an argument.

With ``Memory(policy=Policy([...]))`` an agent's writes need a :class:`Grant`:

* ``actions``: "write" (add/remember/summaries), "update", "delete";
* ``kinds`` / ``categories``: which memories (None: any);
* ``scope``: "own" (memories whose ``agent_id`` is the actor's), "shared" (memories without an
  ``agent_id``: the user's profile shared by the agents that are granted it), or "any".

So a support and a billing agent that share a user's profile facts but not each other's notes::

    Policy([Grant(agents={"support", "billing"}, kinds={"profile"}, scope="shared"),
            Grant(agents={"support", "billing"}, scope="own")])

Role "admin" may do everything (``import_``, ``maintain``, ``process_pending`` need it when a
policy is set); role "reader" nothing. Without a policy an agent handle may write anything except
what needs an admin. :meth:`Policy.check` is the one decision; the engine calls it before the
first write of every operation, so a refused call changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from ._errors import ConfigError, PermissionDeniedError

Action = Literal["write", "update", "delete", "admin"]
ACTIONS = frozenset({"write", "update", "delete"})
ADMIN = "admin"
READER = "reader"


@dataclass(frozen=True)
class Actor:
    """Who a handle acts for."""

    agent_id: str | None = None
    role: str = "agent"

    @property
    def name(self) -> str:
        return self.agent_id or self.role


OWNER = Actor(None, ADMIN)  # the application holding the Memory itself


@dataclass(frozen=True)
class Target:
    """What an operation would change: one memory's kind, category and agent (None: every kind,
    category or agent of a scope, as ``delete_all`` removes)."""

    kind: str | None
    category: str | None
    agent_id: str | None


def _set(value: Iterable[str] | str | None) -> frozenset[str] | None:
    if value is None or value == "*":
        return None
    return frozenset([value] if isinstance(value, str) else value)


@dataclass(frozen=True)
class Grant:
    """Allows ``actions`` on memories of ``kinds``/``categories`` in ``scope`` to the actors whose
    agent id is in ``agents`` or whose role is in ``roles`` ("*" or None: any)."""

    agents: Iterable[str] | str | None = "*"
    roles: Iterable[str] | str | None = "*"
    actions: Iterable[str] | str = ("write", "update", "delete")
    kinds: Iterable[str] | str | None = None
    categories: Iterable[str] | str | None = None
    scope: Literal["own", "shared", "any"] = "own"
    # (agents, roles, actions, kinds, categories) as sets; None: any (actions are always given)
    _sets: tuple[frozenset[str] | None, frozenset[str] | None, frozenset[str], frozenset[str] | None,
                 frozenset[str] | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        acts = _set(self.actions)
        if acts is None or not acts <= ACTIONS:
            raise ConfigError(f"Grant actions must be among {sorted(ACTIONS)}, got {self.actions!r}")
        if self.scope not in ("own", "shared", "any"):
            raise ConfigError(f"Grant scope must be 'own', 'shared' or 'any', got {self.scope!r}")
        object.__setattr__(self, "_sets", (_set(self.agents), _set(self.roles), acts, _set(self.kinds),
                                           _set(self.categories)))

    def allows(self, actor: Actor, action: str, t: Target) -> bool:
        agents, roles, actions, kinds, categories = self._sets
        if action not in actions:
            return False
        if agents is not None and actor.agent_id not in agents or roles is not None and actor.role not in roles:
            return False
        # a target of "every kind/category" needs a grant for every kind/category
        if kinds is not None and (t.kind is None or t.kind not in kinds):
            return False
        if categories is not None and (t.category is None or t.category not in categories):
            return False
        if self.scope == "own":
            return actor.agent_id is not None and t.agent_id == actor.agent_id
        if self.scope == "shared":
            return t.agent_id is None
        return True


class Policy:
    """The grants agents write under (see the module docstring)."""

    def __init__(self, grants: Iterable[Grant] = ()) -> None:
        self.grants = tuple(grants)
        if not all(isinstance(g, Grant) for g in self.grants):
            raise ConfigError("Policy takes Grant objects")

    def allows(self, actor: Actor, action: Action, target: Target | None = None) -> bool:
        if actor.role == ADMIN:
            return True
        if actor.role == READER or action == "admin" or target is None:
            return False
        return any(g.allows(actor, action, target) for g in self.grants)

    def __repr__(self) -> str:
        return f"Policy({list(self.grants)!r})"


OPEN = Policy([Grant(scope="any")])  # without a policy: any agent writes anything, but only admins administer


def check(policy: Policy | None, actor: Actor, action: Action, targets: Iterable[Target] = ()) -> None:
    """Raise :class:`PermissionDeniedError` unless ``actor`` may ``action`` every target (a reader
    may change nothing, even where nothing would change)."""
    rules = policy or OPEN
    if action == "admin" or actor.role == READER:
        if not rules.allows(actor, action):
            raise PermissionDeniedError(f"{actor.name!r} ({actor.role}) may not {_verb(action)}; nothing changed")
        return
    for t in dict.fromkeys(targets):
        if not rules.allows(actor, action, t):
            what = f"{t.kind or 'any'} memories" + (f" of category {t.category!r}" if t.category else "")
            where = f"agent {t.agent_id!r}'s" if t.agent_id else "the shared (agent-less)"
            raise PermissionDeniedError(f"{actor.name!r} ({actor.role}) may not {action} {what} in {where} "
                                        "scope; nothing changed")


def _verb(action: str) -> str:
    return "do that (it needs an admin handle)" if action == "admin" else f"{action} (a read-only handle)"
