"""Pure translation between LangGraph's store model and agent-memory's (no I/O).

Namespaces map to scopes by position::

    (root,)                          agent_id=root   (a shared, user-less namespace)
    (root, user_id, ...)             user_id
    (root, user_id, agent_id, ...)   user_id + agent_id

so ``("memories", "alice")`` holds alice's memories and a search there can never reach bob's
(the engine filters by user_id before anything else). Each item is one memory whose id is
``uuid5(namespace, key)``; its metadata carries the LangGraph side under ``"langgraph"``::

    {"namespace": [...], "prefixes": ["a", "a.b", ...], "key": k, "value": {...},
     "indexed": "yes" | "no", "ttl": minutes | None}

The value is kept verbatim (exact round trip); the memory's content is the text of the
indexed fields, which is what gets embedded. Memories written through ``Memory.add`` /
``remember`` (no ``"langgraph"`` metadata) appear under ``(root, user_id[, agent_id])`` with
their id as key and ``{"content", "kind", "category", "observed_at"}`` as value, so LangMem's
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

from agent_memory import MemoryKind, MemoryRecord, ValidationError

META = "langgraph"
_NS = uuid.UUID("0b6f7a52-9a43-4e61-8c1e-3f3c5a2f6d90")
_KINDS = frozenset(k.value for k in MemoryKind)
INDEXED = f"metadata.{META}.indexed"
_OPS = {"$eq": "eq", "$ne": "ne", "$gt": "gt", "$gte": "gte", "$lt": "lt", "$lte": "lte"}


def item_id(namespace: tuple[str, ...], key: str) -> str:
    """Deterministic memory id of (namespace, key): labels never contain "." (LangGraph rule)."""
    return str(uuid.uuid5(_NS, json.dumps([list(namespace), key])))


def scope_of(namespace: Sequence[str]) -> dict[str, str]:
    """The scope a namespace (or a search prefix) pins; {} for the empty prefix."""
    if len(namespace) >= 3:
        return {"user_id": namespace[1], "agent_id": namespace[2]}
    if len(namespace) == 2:
        return {"user_id": namespace[1]}
    if len(namespace) == 1:
        return {"agent_id": namespace[0]}
    return {}


def search_scope(prefix: Sequence[str]) -> dict[str, Any]:
    """Scope arguments for a search under ``prefix``: ("memories",) spans every user, like any
    LangGraph store; one label more pins the user."""
    sc = scope_of(prefix) if len(prefix) >= 2 else {}
    return sc if sc else {"all_scopes": True}


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


def to_record(namespace: tuple[str, ...], key: str, value: Mapping[str, Any], *, text: str,
              kind: MemoryKind, ttl: float | None, now: datetime, existing: MemoryRecord | None,
              memory_id: str) -> MemoryRecord:
    """The memory a put writes (created/observed times kept from the item it replaces)."""
    meta = {"namespace": list(namespace), "prefixes": prefixes(namespace), "key": key, "value": dict(value),
            "indexed": "yes" if text else "no", "ttl": ttl}  # a string: bool matches are unreliable in Edge
    first = existing.created_at if existing is not None else now
    sc = existing.scope if existing is not None else scope_of(namespace)
    return MemoryRecord(
        id=memory_id, content=text or key, kind=kind, category=existing.category if existing else None,
        metadata={META: meta}, created_at=first, updated_at=now,
        observed_at=existing.observed_at if existing else now, valid_from=existing.valid_from if existing else now,
        source_ids=existing.source_ids if existing else [], hash="",
        expires_at=now + timedelta(minutes=ttl) if ttl is not None else None, **sc,
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
def item_namespace(record: MemoryRecord, root: str | None) -> tuple[str, ...] | None:
    meta = record.metadata.get(META)
    if meta is not None:
        return tuple(meta["namespace"])
    if root is None or record.user_id is None:
        return None
    return (root, record.user_id) + ((record.agent_id,) if record.agent_id else ())


def engine_value(record: MemoryRecord) -> dict[str, Any]:
    value: dict[str, Any] = {"content": record.content, "kind": record.kind.value}
    if record.category:
        value["category"] = record.category
    value["observed_at"] = record.observed_at.isoformat()
    return value


def to_item(record: MemoryRecord, root: str | None, score: float | None = None,
            search: bool = False) -> Item | None:
    ns = item_namespace(record, root)
    if ns is None:
        return None
    meta = record.metadata.get(META)
    key = meta["key"] if meta is not None else record.id
    value = meta["value"] if meta is not None else engine_value(record)
    if search:
        return SearchItem(namespace=ns, key=key, value=value, created_at=record.created_at,
                          updated_at=record.updated_at, score=score)
    return Item(namespace=ns, key=key, value=value, created_at=record.created_at, updated_at=record.updated_at)


def owns(record: MemoryRecord, namespace: tuple[str, ...], key: str, root: str | None) -> bool:
    """Whether ``record`` is the item (namespace, key): guards the lookup of engine memories by id."""
    meta = record.metadata.get(META)
    if meta is not None:
        return tuple(meta["namespace"]) == namespace and meta["key"] == key
    return record.id == key and item_namespace(record, root) == namespace


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
def prefix_filter(prefix: Sequence[str], root: str | None) -> dict[str, Any] | None:
    """agent-memory filter for LangGraph's namespace-prefix semantics (store items and, under
    ``root``, the engine's own memories)."""
    ours: dict[str, Any] = {f"metadata.{META}.prefixes": ".".join(prefix)} if prefix else \
        {"NOT": {f"metadata.{META}.key": None}}
    if root is None or (prefix and prefix[0] != root) or len(prefix) > 3:
        return ours
    engine: dict[str, Any] = {f"metadata.{META}.key": None, "NOT": {"user_id": None}}
    engine.update(scope_of(prefix) if len(prefix) >= 2 else {})
    return {"OR": [ours, engine]}


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
