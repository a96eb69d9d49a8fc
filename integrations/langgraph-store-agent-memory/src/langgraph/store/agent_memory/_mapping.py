"""Pure translation between LangGraph's store model and agent-memory's (no I/O).

Namespaces map to scopes through a declared template (:class:`ScopeTemplate`): a tuple of
literal labels and ``{user_id}`` / ``{agent_id}`` / ``{session_id}`` placeholders. The default,
``("memories", "{user_id}")``, files ``("memories", "alice", ...)`` under ``user_id="alice"``;
LangGraph's documented layout ``(user_id, "memories")`` is ``scope_template=("{user_id}",
"memories")``. A namespace may be longer than the template (sub-namespaces stay in the scope)
but never shorter or with another literal: such a namespace is refused with ``ScopeError``
instead of being guessed. A search prefix may be shorter: ``("memories",)`` spans every user,
like any LangGraph store. Each item is one memory whose id is ``uuid5(namespace, key)``; its
metadata carries the LangGraph side under ``"langgraph"``::

    {"namespace": [...], "prefixes": ["a", "a.b", ...], "key": k, "value": {...},
     "indexed": "yes" | "no", "ttl": minutes | None}

The value is kept verbatim (exact round trip); the memory's content is the text of the
indexed fields, which is what gets embedded. Memories written through ``Memory.add`` /
``remember`` (no ``"langgraph"`` metadata) appear under the template filled with their scope,
with their id as key and ``{"content", "kind", "category", "observed_at"}`` as value, so LangMem's
tools and graph nodes see what the engine extracted.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from langgraph.store.base import Item, SearchItem
from langgraph.store.base.embed import get_text_at_path

from agent_memory import ConfigError, MemoryKind, MemoryRecord, ScopeError, ValidationError
from agent_memory.kit import Scope

META = "langgraph"
_NS = uuid.UUID("0b6f7a52-9a43-4e61-8c1e-3f3c5a2f6d90")
_KINDS = frozenset(k.value for k in MemoryKind)
INDEXED = f"metadata.{META}.indexed"
_OPS = {"$eq": "eq", "$ne": "ne", "$gt": "gt", "$gte": "gte", "$lt": "lt", "$lte": "lte"}


def item_id(namespace: tuple[str, ...], key: str) -> str:
    """Deterministic memory id of (namespace, key): labels never contain "." (LangGraph rule)."""
    return str(uuid.uuid5(_NS, json.dumps([list(namespace), key])))


PLACEHOLDERS = {"{user_id}": "user_id", "{agent_id}": "agent_id", "{session_id}": "session_id"}


class ScopeTemplate:
    """Which namespace labels carry which scope field (see the module docstring)."""

    def __init__(self, labels: Sequence[str]) -> None:
        labels = tuple(labels) if not isinstance(labels, str) else ()
        fields = [PLACEHOLDERS[label] for label in labels if label in PLACEHOLDERS]
        bad = [label for label in labels
               if not isinstance(label, str) or not label or "." in label
               or ("{" in label and label not in PLACEHOLDERS)]
        if not labels or bad or not fields or len(set(fields)) != len(fields):
            raise ConfigError(f"scope_template must be a tuple of labels and {sorted(PLACEHOLDERS)} placeholders "
                              f"(at least one, each once, no '.'), got {labels!r}")
        self.labels = labels

    def __repr__(self) -> str:
        return repr(self.labels)

    def _fit(self, namespace: Sequence[str]) -> dict[str, str] | None:
        found: dict[str, str] = {}
        for label, part in zip(self.labels, namespace):
            if label in PLACEHOLDERS:
                found[PLACEHOLDERS[label]] = part
            elif label != part:
                return None
        return found

    def scope(self, namespace: Sequence[str]) -> Scope:
        """The scope of an item's namespace; ScopeError when the namespace does not fit."""
        found = self._fit(namespace)
        if found is None or len(namespace) < len(self.labels):
            raise ScopeError(f"namespace {tuple(namespace)!r} does not fit this store's scope_template "
                             f"{self.labels!r}; pass AgentMemoryStore(..., scope_template=...) matching your "
                             "layout, e.g. ('{user_id}', 'memories')")
        return Scope.from_mapping(found)

    def prefix_scope(self, prefix: Sequence[str]) -> Scope:
        """The scope a search prefix pins (empty: every scope); ScopeError when it cannot fit."""
        found = self._fit(prefix)
        if found is None:
            raise ScopeError(f"namespace prefix {tuple(prefix)!r} does not fit this store's scope_template "
                             f"{self.labels!r}")
        return Scope.from_mapping(found, required=False)

    def namespace(self, record: MemoryRecord) -> tuple[str, ...] | None:
        """Where an engine memory appears: the template filled with its scope (None if it lacks a field)."""
        parts = [getattr(record, PLACEHOLDERS[label]) if label in PLACEHOLDERS else label for label in self.labels]
        return tuple(parts) if all(parts) else None

    def engine_filter(self, prefix: Sequence[str]) -> dict[str, Any] | None:
        """The engine memories under ``prefix`` (None when none can be: deeper than the template)."""
        if len(prefix) > len(self.labels) or self._fit(prefix) is None:
            return None
        flt: dict[str, Any] = {f"metadata.{META}.key": None}
        present = [{"NOT": {PLACEHOLDERS[label]: None}} for label in self.labels if label in PLACEHOLDERS]
        flt.update(self.prefix_scope(prefix).as_dict())
        return {"AND": [flt, *present]}


def prefixes(namespace: Sequence[str]) -> list[str]:
    return [".".join(namespace[: i + 1]) for i in range(len(namespace))]


def index_text(value: Mapping[str, Any], fields: Sequence[str] | None) -> str:
    """The text embedded for a value: its indexed fields (default: the whole value as JSON)."""
    texts: list[str] = []
    for path in fields or ["$"]:
        texts.extend(t for t in get_text_at_path(value, path) if t.strip())
    return "\n".join(texts)


def record_kind(value: Mapping[str, Any], default: MemoryKind) -> MemoryKind:
    """A value's own "kind" wins when it names a memory kind, so filter={"kind": ...} agrees."""
    k = value.get("kind")
    return MemoryKind(k) if isinstance(k, str) and k in _KINDS else default


def to_record(namespace: tuple[str, ...], scope: Scope, key: str, value: Mapping[str, Any], *, text: str,
              kind: MemoryKind, ttl: float | None, now: datetime, existing: MemoryRecord | None,
              memory_id: str) -> MemoryRecord:
    """The memory a put writes (created/observed times kept from the item it replaces)."""
    meta = {"namespace": list(namespace), "prefixes": prefixes(namespace), "key": key, "value": dict(value),
            "indexed": "yes" if text else "no", "ttl": ttl}  # a string: bool matches are unreliable in Edge
    first = existing.created_at if existing is not None else now
    owner = Scope.from_mapping(existing.scope) if existing is not None else scope
    return MemoryRecord(
        id=memory_id, content=text or key, kind=kind, category=existing.category if existing else None,
        metadata={META: meta}, created_at=first, updated_at=now,
        observed_at=existing.observed_at if existing else now, valid_from=existing.valid_from if existing else now,
        source_ids=existing.source_ids if existing else [], hash="",
        expires_at=now + timedelta(minutes=ttl) if ttl is not None else None,
        user_id=owner.user_id, agent_id=owner.agent_id, session_id=owner.session_id,
    )


def refreshed(record: MemoryRecord, now: datetime) -> MemoryRecord | None:
    """The record with its TTL restarted, or None when it has no TTL."""
    ttl = record.metadata.get(META, {}).get("ttl")
    if ttl is None:
        return None
    return record.model_copy(update={"expires_at": now + timedelta(minutes=ttl)})


def is_expired(record: MemoryRecord, now: datetime) -> bool:
    return record.expires_at is not None and record.expires_at <= now


# ---------------------------------------------------------------------------- records -> items
def item_namespace(record: MemoryRecord, template: ScopeTemplate | None) -> tuple[str, ...] | None:
    meta = record.metadata.get(META)
    if meta is not None:
        return tuple(meta["namespace"])
    return template.namespace(record) if template is not None else None


def engine_value(record: MemoryRecord) -> dict[str, Any]:
    value: dict[str, Any] = {"content": record.content, "kind": record.kind.value}
    if record.category:
        value["category"] = record.category
    value["observed_at"] = record.observed_at.isoformat()
    return value


def to_item(record: MemoryRecord, template: ScopeTemplate | None, score: float | None = None,
            search: bool = False) -> Item | None:
    ns = item_namespace(record, template)
    if ns is None:
        return None
    meta = record.metadata.get(META)
    key = meta["key"] if meta is not None else record.id
    value = meta["value"] if meta is not None else engine_value(record)
    if search:
        return SearchItem(namespace=ns, key=key, value=value, created_at=record.created_at,
                          updated_at=record.updated_at, score=score)
    return Item(namespace=ns, key=key, value=value, created_at=record.created_at, updated_at=record.updated_at)


def owns(record: MemoryRecord, namespace: tuple[str, ...], key: str, template: ScopeTemplate | None) -> bool:
    """Whether ``record`` is the item (namespace, key): guards the lookup of engine memories by id."""
    meta = record.metadata.get(META)
    if meta is not None:
        return tuple(meta["namespace"]) == namespace and meta["key"] == key
    return record.id == key and item_namespace(record, template) == namespace


def ns_matches(match_type: str, path: Sequence[str], namespace: tuple[str, ...]) -> bool:
    """LangGraph's MatchCondition: a prefix or suffix of ``namespace``, "*" matching any label."""
    if len(namespace) < len(path):
        return False
    if match_type == "prefix":
        pairs = zip(namespace, path, strict=False)  # the namespace may be longer
    elif match_type == "suffix":
        pairs = zip(reversed(namespace), reversed(path), strict=False)
    else:
        raise ValidationError(f"unknown namespace match type {match_type!r}")
    return all(p == "*" or label == p for label, p in pairs)


# ---------------------------------------------------------------------------- filters
def prefix_filter(prefix: Sequence[str], template: ScopeTemplate | None) -> dict[str, Any] | None:
    """agent-memory filter for LangGraph's namespace-prefix semantics (store items and, with a
    template, the engine's own memories)."""
    ours: dict[str, Any] = {f"metadata.{META}.prefixes": ".".join(prefix)} if prefix else \
        {"NOT": {f"metadata.{META}.key": None}}
    engine = template.engine_filter(prefix) if template is not None else None
    return {"OR": [ours, engine]} if engine is not None else ours


def value_filter(spec: Mapping[str, Any] | None) -> dict[str, Any]:
    """LangGraph's value filter ({key: v} or {key: {"$op": v}}) as agent-memory filter syntax on
    the stored value; "kind" naming a memory kind matches the memory's kind."""
    out: dict[str, Any] = {}
    for key, cond in (spec or {}).items():
        _value_cond(out, [key], cond)
    return out


def _value_cond(out: dict[str, Any], path: list[str], cond: Any) -> None:
    if any(not isinstance(p, str) or not p or "." in p for p in path):
        raise ValidationError(f"filter keys must be non-empty strings without '.', got {path!r}")
    if isinstance(cond, Mapping) and cond and all(isinstance(k, str) and k.startswith("$") for k in cond):
        unknown = set(cond) - set(_OPS)
        if unknown:
            raise ValidationError(f"unsupported filter operator(s) {sorted(unknown)}; use {sorted(_OPS)}")
        target, conds = _target(path, list(cond.values())), {_OPS[k]: v for k, v in cond.items()}
        out[target] = conds
    elif isinstance(cond, Mapping):  # nested object: every given sub-key must match
        for k, v in cond.items():
            _value_cond(out, [*path, k], v)
    elif isinstance(cond, (list, tuple)):
        raise ValidationError(f"filtering on list values is not supported ({'.'.join(path)})")
    else:
        out[_target(path, [cond])] = cond


def _target(path: list[str], values: list[Any]) -> str:
    if path == ["kind"] and all(isinstance(v, str) and v in _KINDS for v in values):
        return "kind"
    return f"metadata.{META}.value." + ".".join(path)


def both(*filters: Mapping[str, Any] | None) -> dict[str, Any] | None:
    parts = [dict(f) for f in filters if f]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"AND": parts}
