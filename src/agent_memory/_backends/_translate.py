"""The one walk from a neutral filter tree (:mod:`agent_memory._filters`) to a client's filter.

Both client libraries model filters the same way (FieldCondition with a match or a range,
IsEmpty, HasId, Filter with must/should/must_not) but with their own classes and argument
names. Each backend describes its classes in a :class:`FilterKit`; this module never imports a
client library, so each backend stays the only importer of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from .._filters import And, HasId, IsEmpty, Match, MatchAny, Node, Not, Or, Range, Scalar

F = TypeVar("F")  # the client library's Filter class


def _no_guard(key: str, values: tuple[Scalar, ...]) -> None:
    return None


@dataclass(frozen=True)
class FilterKit(Generic[F]):
    """One backend's constructors for its client's filter types."""

    field: Callable[..., Any]                     # FieldCondition(key=..., match=... | range=...)
    match_value: Callable[[Scalar], Any]          # MatchValue for one value
    match_any: Callable[[Any], Any]               # MatchAny for a list of values (of one type: str or int)
    number_range: Callable[..., Any]              # range class taking gt/gte/lt/lte
    datetime_range: Callable[..., Any]            # the same for RFC 3339 datetimes
    is_empty: Callable[[str], Any]                # IsEmptyCondition on a payload key
    has_id: Callable[[tuple[str, ...]], Any]      # HasIdCondition on point ids
    filter: type[F]                               # Filter(must=, should=, must_not=)
    guard: Callable[[str, tuple[Scalar, ...]], None] = _no_guard  # vets match values first


def _cond(node: Node, kit: FilterKit[Any]) -> Any:
    if isinstance(node, Match):
        kit.guard(node.key, (node.value,))
        return kit.field(key=node.key, match=kit.match_value(node.value))
    if isinstance(node, MatchAny):
        kit.guard(node.key, node.values)
        return kit.field(key=node.key, match=kit.match_any(list(node.values)))
    if isinstance(node, Range):
        cls = kit.datetime_range if node.is_datetime else kit.number_range
        return kit.field(key=node.key, range=cls(gt=node.gt, gte=node.gte, lt=node.lt, lte=node.lte))
    if isinstance(node, IsEmpty):
        return kit.is_empty(node.key)
    if isinstance(node, HasId):
        return kit.has_id(node.ids)
    if isinstance(node, And):
        return kit.filter(must=[_cond(i, kit) for i in node.items])
    if isinstance(node, Or):
        return kit.filter(should=[_cond(i, kit) for i in node.items])
    if isinstance(node, Not):
        return kit.filter(must_not=[_cond(node.item, kit)])
    raise TypeError(f"unknown filter node {node!r}")


@overload
def build_filter(node: Node, kit: FilterKit[F]) -> F: ...
@overload
def build_filter(node: Node | None, kit: FilterKit[F]) -> F | None: ...
def build_filter(node: Node | None, kit: FilterKit[F]) -> F | None:
    """The client filter for ``node`` (a bare condition is wrapped in ``must``); None for None."""
    if node is None:
        return None
    cond = _cond(node, kit)
    if isinstance(cond, kit.filter):
        return cond
    make: Callable[..., F] = kit.filter
    return make(must=[cond])
