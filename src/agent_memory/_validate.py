"""Input validation: every check that runs before anything is written."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ._errors import ValidationError
from ._filters import Node
from ._models import MemoryKind
from ._scope import Scope


def scope(user_id: str | None, agent_id: str | None, session_id: str | None, *,
          required: bool = True) -> dict[str, str]:
    """Validate the scope arguments (see ``_scope``); at least one is required for writes and scoped reads."""
    return Scope.of(user_id, agent_id, session_id, required=required).as_dict()


def scope_filter(sc: Mapping[str, str]) -> Node | None:
    """The storage filter of a scope, with the tenant rule (no user_id: only user-less memories)."""
    return Scope.from_mapping(sc, required=False).filter()


def content(text: Any, *, max_bytes: int, field: str = "content") -> str:
    if not isinstance(text, str):
        raise ValidationError(f"{field} must be a string, got {type(text).__name__}")
    if not text.strip():
        raise ValidationError(f"{field} is empty")
    if "\x00" in text:
        raise ValidationError(f"{field} contains NUL bytes")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise ValidationError(f"{field} is not valid Unicode (lone surrogates): {exc}") from exc
    if size > max_bytes:
        raise ValidationError(f"{field} is {size} bytes; the limit is {max_bytes} (Settings.max_content_bytes)")
    return text


def kind(value: Any) -> MemoryKind:
    try:
        return MemoryKind(value)
    except ValueError as exc:
        raise ValidationError(f"unknown kind {value!r}; use one of {[k.value for k in MemoryKind]}") from exc


def kinds(values: Any) -> list[MemoryKind] | None:
    if values is None:
        return None
    if isinstance(values, (str, MemoryKind)):
        values = [values]
    return [kind(v) for v in values]


def metadata(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(f"metadata must be a dict, got {type(value).__name__}")
    try:
        json.dumps(value, allow_nan=False, default=_reject)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"metadata must be JSON-serialisable: {exc}") from exc
    if any(not isinstance(k, str) or not k or "." in k for k in value):
        raise ValidationError("metadata keys must be non-empty strings without '.'")
    return dict(value)


def _reject(obj: Any) -> Any:
    raise TypeError(f"{type(obj).__name__} is not JSON-serialisable")
