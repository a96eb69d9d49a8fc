"""A small, backend-neutral filter language, and the parser of the user-facing filter syntax.

Backends translate the node tree into their client's filter objects; nothing here does I/O.

User syntax (``filters=`` on search/list)::

    {"category": "preference"}                      equality
    {"metadata.topic": {"in": ["food", "travel"]}}  in / nin
    {"confidence": {"gte": 0.5}}                    gt / gte / lt / lte on numbers
    {"observed_at": {"lt": datetime(2024, 1, 1)}}   ... and on datetimes
    {"kind": {"ne": "summary"}}
    {"AND": [...], "OR": [...], "NOT": {...}}       boolean composition

Keys are record fields, or ``metadata.<key>`` paths; a bare key that is not a record field
is read as a metadata key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, overload

from ._errors import ValidationError
from ._time import iso, to_utc

Scalar = str | int | bool


@dataclass(frozen=True)
class Match:
    key: str
    value: Scalar


@dataclass(frozen=True)
class MatchAny:
    key: str
    values: tuple[Scalar, ...]


@dataclass(frozen=True)
class Range:
    key: str
    gt: float | str | None = None
    gte: float | str | None = None
    lt: float | str | None = None
    lte: float | str | None = None
    is_datetime: bool = False


@dataclass(frozen=True)
class IsEmpty:
    """The field is missing, null or an empty list."""

    key: str


@dataclass(frozen=True)
class HasId:
    ids: tuple[str, ...]


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Match | MatchAny | Range | IsEmpty | HasId | And | Or | Not


@overload
def all_of(first: Node, /, *rest: Node | None) -> Node: ...
@overload
def all_of(*items: Node | None) -> Node | None: ...
def all_of(*items: Node | None) -> Node | None:
    kept = tuple(i for i in items if i is not None)
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else And(kept)


DATETIME_FIELDS = frozenset(
    {"created_at", "updated_at", "observed_at", "valid_from", "valid_to", "last_seen_at", "expires_at"}
)
NUMBER_FIELDS = frozenset({"confidence", "seen_count", "importance", "seq"})
KEYWORD_FIELDS = frozenset(
    {"id", "kind", "category", "user_id", "agent_id", "session_id", "superseded_by", "role", "name",
     "hash", "attribute", "source_ids", "content"}
)
RECORD_FIELDS = DATETIME_FIELDS | NUMBER_FIELDS | KEYWORD_FIELDS
_OPS = {"eq", "ne", "in", "nin", "gt", "gte", "lt", "lte"}


def parse_filters(spec: Mapping[str, Any] | None) -> Node | None:
    """Parse the user filter syntax into a node tree; raise ValidationError on anything malformed."""
    if spec is None:
        return None
    if not isinstance(spec, Mapping):
        raise ValidationError(f"filters must be a dict, got {type(spec).__name__}")
    nodes: list[Node] = []
    for key, value in spec.items():
        if not isinstance(key, str) or not key:
            raise ValidationError(f"filter keys must be non-empty strings, got {key!r}")
        if key in ("AND", "OR"):
            if not isinstance(value, Sequence) or isinstance(value, (str, bytes)) or not value:
                raise ValidationError(f"{key} takes a non-empty list of filter dicts")
            parts = tuple(_required(parse_filters(v)) for v in value)
            nodes.append(And(parts) if key == "AND" else Or(parts))
        elif key == "NOT":
            nodes.append(Not(_required(parse_filters(value))))
        else:
            nodes.append(_field(key, value))
    return all_of(*nodes)


def _required(node: Node | None) -> Node:
    if node is None:
        raise ValidationError("empty filter inside AND/OR/NOT")
    return node


def _path(key: str) -> str:
    if key.startswith("metadata."):
        if key == "metadata." or ".." in key:
            raise ValidationError(f"malformed metadata path {key!r}")
        return key
    if key in RECORD_FIELDS:
        return key
    if "." in key:
        raise ValidationError(f"unknown filter field {key!r}; use 'metadata.<key>' for metadata")
    return f"metadata.{key}"


def _field(key: str, cond: Any) -> Node:
    path = _path(key)
    if not isinstance(cond, Mapping):
        return _eq(path, cond)
    if not cond:
        raise ValidationError(f"empty condition for {key!r}")
    unknown = set(cond) - _OPS
    if unknown:
        raise ValidationError(f"unknown filter operator(s) {sorted(unknown)} for {key!r}; use {sorted(_OPS)}")
    nodes: list[Node] = []
    bounds: dict[str, Any] = {}
    for op, value in cond.items():
        if op == "eq":
            nodes.append(_eq(path, value))
        elif op == "ne":
            nodes.append(Not(_eq(path, value)))
        elif op in ("in", "nin"):
            if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or not value:
                raise ValidationError(f"'{op}' for {key!r} takes a non-empty list")
            node = MatchAny(path, tuple(_scalar(path, v) for v in value))
            nodes.append(node if op == "in" else Not(node))
        else:
            bounds[op] = value
    if bounds:
        nodes.append(_range(path, bounds))
    return _required(all_of(*nodes))


def _scalar(path: str, value: Any) -> Scalar:
    if isinstance(value, datetime):
        return iso(to_utc(value)) or ""
    if isinstance(value, (str, int, bool)) and not isinstance(value, float):
        return value
    raise ValidationError(f"filter value for {path!r} must be a string, int or bool, got {value!r}")


def _eq(path: str, value: Any) -> Node:
    if value is None:
        return IsEmpty(path)
    if isinstance(value, float):
        return Range(path, gte=value, lte=value)
    return Match(path, _scalar(path, value))


def _range(path: str, bounds: dict[str, Any]) -> Range:
    is_dt = path in DATETIME_FIELDS or any(isinstance(v, datetime) for v in bounds.values())
    out: dict[str, Any] = {}
    for op, value in bounds.items():
        if is_dt:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                raise ValidationError(f"{path!r} is a datetime field; compare it with a datetime")
            out[op] = iso(to_utc(value, field=path))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[op] = float(value)
        else:
            raise ValidationError(f"range on {path!r} needs numbers or datetimes, got {value!r}")
    return Range(path, is_datetime=is_dt, **out)
