"""``AgentMemoryStore``: LangGraph's ``BaseStore`` over agent-memory.

Each batch is written once, as a plan that yields its memory calls (``yield from
step(self.bridge, lambda m: m.search(...))``, the kit's bridge); ``batch`` drives it from sync
code and ``abatch`` awaits the same calls, so the sync and async paths cannot drift apart.
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from langgraph.store.base import (
    BaseStore,
    GetOp,
    IndexConfig,
    Item,
    ListNamespacesOp,
    NotProvided,
    Op,
    PutOp,
    Result,
    SearchItem,
    SearchOp,
    TTLConfig,
    validate_op_namespace,
)

from agent_memory import ConfigError, MemoryKind, MemoryRecord, NotFoundError, ValidationError
from agent_memory._effects import Op as Plan
from agent_memory._effects import call
from agent_memory.kit import Bridge, MemoryOp, step

from . import _mapping as m


def _now() -> datetime:
    return datetime.now(timezone.utc)


class AgentMemoryStore(BaseStore):
    """A LangGraph store whose items are agent-memory memories (hybrid dense + BM25 search in
    Qdrant, per-user isolation, history, TTL).

    ``memory``: an ``agent_memory.Memory``, ``AsyncMemory`` or any object with their API (one
    open store serves both ``batch`` and ``abatch``; open it once per process and ``close()`` it).
    ``scope_template``: which namespace labels are the user / agent / session (see ``_mapping``);
    the default ``("memories", "{user_id}")``; LangGraph's docs' layout is ``("{user_id}",
    "memories")``. A namespace that does not fit is refused with ``ScopeError``.
    ``index``: ``{"fields": [...]}`` picks the value fields that are embedded (default: the whole
    value as JSON). The embedder is the Memory's: ``dims`` is checked against it and ``embed`` is
    refused (configure it as ``Memory(embedder=LangChainEmbedder(...))``). ``ttl`` is LangGraph's
    ``TTLConfig`` (minutes). ``kind`` is the memory kind of items whose value has no ``"kind"``
    naming one. ``engine_memories``: also show memories written by ``Memory.add``/``remember``
    under the template filled with their scope.

    Search scores: with a query, ``SearchItem.score`` is the cosine similarity between the query and
    the item's indexed text under the Memory's embedder, as LangGraph's own stores compute it (1.0
    same direction, 0 unrelated); it costs one embedding batch of the page. The order is the
    engine's hybrid (dense + BM25) ranking, which can put an item with a lower cosine first. A
    memory without a local embedder (a remote client) reports the engine's fused relevance instead.
    Without a query, scores are None.
    """

    supports_ttl = True

    def __init__(self, memory: Any, *, scope_template: Sequence[str] = ("memories", "{user_id}"),
                 index: IndexConfig | Mapping[str, Any] | None = None, ttl: TTLConfig | None = None,
                 kind: str = "profile", engine_memories: bool = True) -> None:
        self.bridge = Bridge(memory)
        self.memory = self.bridge.memory
        self.template = m.ScopeTemplate(scope_template)
        self.index_config = _index(index, self.memory)
        fields = (self.index_config or {}).get("fields")
        self._fields: list[str] | None = list(fields) if fields is not None else None
        self.ttl_config = ttl
        try:
            self.kind = MemoryKind(kind)
        except ValueError as exc:
            raise ConfigError(f"unknown memory kind {kind!r}") from exc
        self._engine_template = self.template if engine_memories else None

    # --------------------------------------------------------------------- entry points
    def batch(self, ops: Iterable[Op]) -> list[Result]:
        return self.bridge.run(self._batch(list(ops)))

    async def abatch(self, ops: Iterable[Op]) -> list[Result]:
        return await self.bridge.arun(self._batch(list(ops)))

    # --------------------------------------------------------------------- the plan
    def _batch(self, ops: list[Op]) -> Plan[list[Result]]:
        results: list[Result] = [None] * len(ops)
        puts: dict[tuple[tuple[str, ...], str], PutOp] = {}
        for i, op in enumerate(ops):
            validate_op_namespace(op)
            if isinstance(op, PutOp):  # consecutive puts go out as one write; the last per key wins
                puts[(op.namespace, op.key)] = op
                continue
            if puts:
                yield from self._put(list(puts.values()))
                puts = {}
            if isinstance(op, GetOp):
                results[i] = yield from self._get(op)
            elif isinstance(op, SearchOp):
                results[i] = yield from self._search(op)
            elif isinstance(op, ListNamespacesOp):
                results[i] = yield from self._list_namespaces(op)
            else:
                raise ValidationError(f"unknown store operation {type(op).__name__}")
        if puts:
            yield from self._put(list(puts.values()))
        return results

    def _lookup(self, namespace: tuple[str, ...], key: str) -> Plan[MemoryRecord | None]:
        """The memory behind (namespace, key), read within the namespace's scope, or None."""
        sc = self.template.scope(namespace).as_dict()
        candidates = [m.item_id(namespace, key)]
        if self._engine_template is not None and _is_uuid(key):  # an engine memory listed under its id
            candidates.append(key)
        for memory_id in candidates:
            try:
                record: MemoryRecord = yield from step(self.bridge, _getting(memory_id, sc))
            except NotFoundError:
                continue
            if m.owns(record, namespace, key, self._engine_template):
                return record
        return None

    def _get(self, op: GetOp) -> Plan[Item | None]:
        record = yield from self._lookup(op.namespace, op.key)
        now = _now()
        if record is None or m.is_expired(record, now):
            return None
        if op.refresh_ttl:
            yield from self._refresh([record], now)
        return m.to_item(record, self._engine_template)

    def _put(self, ops: list[PutOp]) -> Plan[None]:
        now = _now()
        writes: list[MemoryRecord] = []
        for op in ops:
            existing = yield from self._lookup(op.namespace, op.key)
            if op.value is None:
                if existing is not None:
                    try:
                        yield from step(self.bridge, _deleting(existing))
                    except NotFoundError:  # deleted meanwhile: the outcome is the same
                        pass
                continue
            writes.append(self._record(op, existing, now))
        if writes:
            yield from step(self.bridge, lambda mem: mem.import_(writes))

    def _record(self, op: PutOp, existing: MemoryRecord | None, now: datetime) -> MemoryRecord:
        if not isinstance(op.value, Mapping):
            raise ValidationError(f"store values must be dicts, got {type(op.value).__name__}")
        try:
            json.dumps(op.value, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"store values must be JSON-serialisable: {exc}") from exc
        if op.index is False:
            text = ""
        else:
            text = m.index_text(op.value, self._fields if op.index is None else op.index)
        engine_memory = existing is not None and m.META not in existing.metadata
        kind = m.record_kind(op.value, existing.kind if engine_memory and existing else self.kind)
        ttl = None if isinstance(op.ttl, NotProvided) else op.ttl
        keep = existing if existing is not None and not m.is_expired(existing, now) else None
        memory_id = existing.id if existing is not None else m.item_id(op.namespace, op.key)
        return m.to_record(op.namespace, self.template.scope(op.namespace), op.key, op.value, text=text,
                           kind=kind, ttl=ttl, now=now,
                           existing=keep, memory_id=memory_id)

    def _search(self, op: SearchOp) -> Plan[list[SearchItem]]:
        if op.limit <= 0 or op.offset < 0:
            return []
        scope = self.template.prefix_scope(op.namespace_prefix).as_dict()
        sc: dict[str, Any] = scope or {"all_scopes": True}  # ("memories",) spans every user, as in LangGraph
        flt = m.both(m.prefix_filter(op.namespace_prefix, self._engine_template), m.value_filter(op.filter))
        found: list[tuple[MemoryRecord, float | None]] = []
        if op.query:
            query, ranked = op.query, m.both(flt, {m.INDEXED: {"ne": "no"}})
            hits = yield from step(self.bridge, lambda mem: mem.search(query, filters=ranked,
                                                                       limit=op.offset + op.limit, **sc))
            page = [h.memory for h in hits[op.offset:]]
            scores = yield from self._similarities(query, page, [h.score for h in hits[op.offset:]])
            found = list(zip(page, scores))
            if len(found) < op.limit:  # like LangGraph's stores: unindexed items fill the rest, unscored
                rest, n = m.both(flt, {m.INDEXED: "no"}), op.limit - len(found)
                unranked = yield from step(self.bridge, lambda mem: mem.list(filters=rest, limit=n, **sc))
                found += [(r, None) for r in unranked.items]
        else:
            page = yield from step(self.bridge, lambda mem: mem.list(filters=flt, limit=op.offset + op.limit, **sc))
            found = [(r, None) for r in page.items[op.offset:]]
        if op.refresh_ttl:
            yield from self._refresh([r for r, _ in found], _now())
        items = [m.to_item(r, self._engine_template, s, search=True) for r, s in found]
        return [i for i in items if isinstance(i, SearchItem)]

    def _similarities(self, query: str, records: list[MemoryRecord], fused: list[float]) -> Plan[list[float]]:
        """Cosine similarities of the query and each item's indexed text, as InMemoryStore computes
        them (the memory's own embedder); the fused scores when the memory exposes no embedder."""
        embedder = getattr(self.memory, "embedder", None)
        if embedder is None or not records:
            return fused
        q = yield from call(embedder.embed_query, query)
        vectors = yield from call(embedder.embed_documents, [r.content for r in records])
        return [_cosine(q, v) for v in vectors]

    def _refresh(self, records: list[MemoryRecord], now: datetime) -> Plan[None]:
        """Restart the TTL of items that have one (a rewrite: the engine has no TTL-only update)."""
        fresh = [r for r in (m.refreshed(rec, now) for rec in records) if r is not None]
        if fresh:
            yield from step(self.bridge, lambda mem: mem.import_(fresh))

    def _list_namespaces(self, op: ListNamespacesOp) -> Plan[list[tuple[str, ...]]]:
        conditions = op.match_conditions or ()
        known = next((c.path for c in conditions if c.match_type == "prefix"), ())
        fixed = tuple(known[: known.index("*")] if "*" in known else known)
        flt = m.prefix_filter(fixed, self._engine_template)
        namespaces: set[tuple[str, ...]] = set()
        cursor = None
        while True:  # a scan of the matching memories' payloads: fine for namespace discovery
            page = yield from step(self.bridge, _scanning(flt, cursor))
            for record in page.items:
                ns = m.item_namespace(record, self._engine_template)
                if ns is not None and all(m.ns_matches(c.match_type, c.path, ns) for c in conditions):
                    namespaces.add(ns[: op.max_depth] if op.max_depth is not None else ns)
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        return sorted(namespaces)[op.offset: op.offset + op.limit]

    # --------------------------------------------------------------------- lifecycle
    def close(self) -> None:
        """Close the underlying memory store (both APIs share it)."""
        self.bridge.call(lambda mem: mem.close())

    def __repr__(self) -> str:
        return f"AgentMemoryStore({self.memory!r}, scope_template={self.template!r})"


# one step each, bound to its arguments (a plan's loop variables change between steps)
def _getting(memory_id: str, scope: dict[str, str]) -> MemoryOp:
    return lambda mem: mem.get(memory_id, **scope)


def _deleting(record: MemoryRecord) -> MemoryOp:
    return lambda mem: mem.delete(record.id, **record.scope)


def _scanning(flt: dict[str, Any] | None, cursor: str | None) -> MemoryOp:
    return lambda mem: mem.list(filters=flt, limit=500, cursor=cursor, all_scopes=True)


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return sum(x * y for x, y in zip(a, b)) / norm if norm else 0.0


def _index(index: IndexConfig | Mapping[str, Any] | None, memory: Any) -> dict[str, Any] | None:
    """LangGraph's index config, honoured (``fields``, ``dims`` when it is the embedder's) or refused."""
    if not index:
        return None
    config = dict(index)
    unknown = set(config) - {"fields", "dims", "embed"}
    if unknown:
        raise ConfigError(f"unknown index option(s) {sorted(unknown)}; AgentMemoryStore takes fields and dims")
    if config.get("embed") is not None:
        raise ConfigError("AgentMemoryStore embeds with its Memory's embedder; pass index={'fields': [...]} "
                          "and configure the model on the Memory: Memory(embedder=LangChainEmbedder(...))")
    fields = config.get("fields")
    if fields is not None and (isinstance(fields, str) or not all(isinstance(f, str) for f in fields)):
        raise ConfigError("index fields must be a list of JSON paths")
    dims = config.get("dims")
    if dims is not None:
        have = getattr(getattr(memory, "embedder", None), "dim", None)
        if have is None:
            raise ConfigError("index dims cannot be checked against this memory's embedder; leave dims out")
        if dims != have:
            raise ConfigError(f"index dims={dims!r} but the Memory's embedder makes {have}-d vectors")
    return config


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


__all__ = ["AgentMemoryStore"]
