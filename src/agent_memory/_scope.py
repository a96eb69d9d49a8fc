"""Scopes: who a memory belongs to, and the one rule that decides what a scope can see.

``user_id`` is the tenant key. A scope with a ``user_id`` addresses that user's memories, narrowed
by agent and session when they are given. A scope without ``user_id`` addresses only memories that
have no user (agent-level or anonymous-session memory) — never a user's. Reads, writes,
consolidation, summaries, erasure and every adapter go through :meth:`Scope.filter` /
:meth:`Scope.contains`, so the rule is written once.

Scope values are validated, never dropped: an empty, padded, over-long value or one with control,
bidi, zero-width or unpaired-surrogate characters is refused with :class:`ScopeError`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from ._errors import ScopeError
from ._filters import IsEmpty, Match, Node, all_of
from ._models import SCOPE_FIELDS

MAX_SCOPE_LEN = 256
_SHOWN = 80  # characters of a refused value quoted in an error message

def shorten(value: Any, limit: int = _SHOWN) -> str:
    """``repr`` of a value, cut to ``limit`` characters for error messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_value(name: str, value: Any) -> str:
    """One scope value, validated; raises :class:`ScopeError` with a short message."""
    if not isinstance(value, str):
        raise ScopeError(f"{name} must be a string, got {type(value).__name__}")
    if not value:
        raise ScopeError(f"{name} is empty; omit it instead (an empty value would widen the scope)")
    if len(value) > MAX_SCOPE_LEN:
        raise ScopeError(f"{name} is {len(value)} characters; the limit is {MAX_SCOPE_LEN}")
    if value != value.strip():
        raise ScopeError(f"{name} has leading or trailing spaces: {shorten(value)}")
    for ch in value:
        cat = unicodedata.category(ch)
        # Cf covers the bidi controls, zero-width characters and the BOM: invisible, and able to make two
        # ids that look the same differ (or the reverse)
        if cat in ("Cc", "Cs", "Zl", "Zp") or (cat == "Cf" and ch != "\u00ad"):
            raise ScopeError(f"{name} contains a control, invisible or invalid character "
                             f"(U+{ord(ch):04X}): {shorten(value)}")
    return value


class ScopeFields(TypedDict, total=False):
    """A scope as keyword arguments of a record or context model (only the fields that are set)."""

    user_id: str
    agent_id: str
    session_id: str


def scope_fields(user_id: str | None, agent_id: str | None, session_id: str | None) -> ScopeFields:
    """The given (not None) values as keyword arguments, unvalidated: for callers that hand them
    on to an API that validates them (the command line)."""
    out = ScopeFields()
    if user_id is not None:
        out["user_id"] = user_id
    if agent_id is not None:
        out["agent_id"] = agent_id
    if session_id is not None:
        out["session_id"] = session_id
    return out


@dataclass(frozen=True, slots=True)
class Scope:
    """An immutable, validated scope. Build it with :meth:`of`."""

    user_id: str | None = None
    agent_id: str | None = None
    session_id: str | None = None

    @classmethod
    def of(cls, user_id: Any = None, agent_id: Any = None, session_id: Any = None, *,
           required: bool = True) -> Scope:
        values = {n: check_value(n, val) for n, val in zip(SCOPE_FIELDS, (user_id, agent_id, session_id))
                  if val is not None}
        if required and not values:
            raise ScopeError("pass at least one of user_id, agent_id, session_id "
                             "(a read over every tenant needs all_scopes=True)")
        return cls(**values)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None, *, required: bool = True) -> Scope:
        """From a dict with any of the three keys (other keys are ignored)."""
        data = data or {}
        return cls.of(*(data.get(k) for k in SCOPE_FIELDS), required=required)

    def as_dict(self) -> dict[str, str]:
        return {k: val for k in SCOPE_FIELDS if (val := getattr(self, k)) is not None}

    def fields(self) -> ScopeFields:
        """The set fields, typed, for ``Model(..., **scope.fields())``."""
        return scope_fields(self.user_id, self.agent_id, self.session_id)

    def __bool__(self) -> bool:
        return any(getattr(self, k) is not None for k in SCOPE_FIELDS)

    @property
    def owner(self) -> Scope:
        """Where facts about the subject live: they outlive the session they were said in, so the
        session is dropped — unless the session is all there is (anonymous-session memory)."""
        if self.user_id is None and self.agent_id is None:
            return self
        return Scope(self.user_id, self.agent_id, None)

    def filter(self) -> Node | None:
        """The storage filter for this scope (the tenant rule: no user_id → only user-less memories)."""
        if not self:
            return None
        return all_of(*(Match(k, val) for k, val in self.as_dict().items()),
                      None if self.user_id is not None else IsEmpty("user_id"))

    def contains(self, record: Any) -> bool:
        """Whether a record (anything with the three scope attributes) is inside this scope."""
        if self.user_id is None and getattr(record, "user_id", None) is not None:
            return False
        return all(getattr(record, k, None) == val for k, val in self.as_dict().items())

    def key(self) -> tuple[str | None, str | None, str | None]:
        """An unambiguous key (for ids and locks): a tuple, never a joined string."""
        return (self.user_id, self.agent_id, self.session_id)
