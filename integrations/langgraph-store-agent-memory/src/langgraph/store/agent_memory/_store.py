"""``AgentMemoryStore``: LangGraph's ``BaseStore`` over agent-memory.

Each batch is written once, as a generator that yields the ``Memory`` calls it needs
(``yield from _mem("search", ...)``); ``batch`` drives it against a ``Memory`` and ``abatch``
awaits the same calls on an ``AsyncMemory``, so the sync and async paths cannot drift apart.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Generator, Iterable, Mapping
from datetime import datetime, timezone
from typing import Any, NamedTuple

from langgraph.store.base import (
    BaseStore,
    GetOp,
    IndexConfig,
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

from agent_memory import AsyncMemory, ConfigError, Memory, MemoryKind, MemoryRecord, NotFoundError, ValidationError

from . import _mapping as m


class _Call(NamedTuple):
    method: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


Plan = Generator[_Call, Any, Any]


def _mem(method: str, *args: Any, **kwargs: Any) -> Plan:
    """``result = yield from _mem("get", id, user_id=...)``: one call on the Memory."""
    return (yield _Call(method, args, kwargs))


def _drive(plan: Plan, memory: Memory) -> Any:
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            step = plan.throw(error) if error is not None else plan.send(value)
        except StopIteration as stop:
            return stop.value
        value, error = None, None
        try:
            value = getattr(memory, step.method)(*step.args, **step.kwargs)
        except Exception as exc:  # handed back to the plan, which decides
            error = exc


async def _adrive(plan: Plan, memory: AsyncMemory) -> Any:
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            step = plan.throw(error) if error is not None else plan.send(value)
        except StopIteration as stop:
            return stop.value
        value, error = None, None
        try:
            value = await getattr(memory, step.method)(*step.args, **step.kwargs)
        except Exception as exc:
            error = exc


def _twins(memory: Memory | AsyncMemory) -> tuple[Memory, AsyncMemory]:
    """A Memory and an AsyncMemory over the same engine. The embedded store allows one open
    Memory per folder, and both APIs are drivers of one I/O-free engine, so the twin shares the
    engine instead of opening the folder a second time."""
    if isinstance(memory, Memory):
        twin: Any = object.__new__(AsyncMemory)
    elif isinstance(memory, AsyncMemory):
        twin = object.__new__(Memory)
    else:
        raise ConfigError(f"expected an agent_memory.Memory or AsyncMemory, got {type(memory).__name__}")
    twin.__dict__.update(memory.__dict__)
    return (memory, twin) if isinstance(memory, Memory) else (twin, memory)


def _now() -> datetime:
    return datetime.now(timezone.utc)


class AgentMemoryStore(BaseStore):
    """A LangGraph store whose items are agent-memory memories (hybrid dense + BM25 search in
    Qdrant, per-user isolation, history, TTL).

    ``memory``: an ``agent_memory.Memory`` or ``AsyncMemory`` (the other API is derived; one open
    store serves both ``batch`` and ``abatch``). ``index={"fields": ["content"]}`` picks the
    value fields that are embedded (default: the whole value as JSON; the embedder is the
    Memory's). ``ttl`` is LangGraph's ``TTLConfig`` (minutes). ``kind`` is the memory kind of
    items whose value has no ``"kind"`` naming one. ``root`` is the namespace root under which
    memories written by ``Memory.add``/``remember`` also appear (``None``: only store items).
    """

    supports_ttl = True

    def __init__(self, memory: Memory | AsyncMemory, *, index: IndexConfig | Mapping[str, Any] | None = None,
                 ttl: TTLConfig | None = None, kind: str = "profile", root: str | None = "memories") -> None:
        self.memory, self.amemory = _twins(memory)
        self.index_config = dict(index) if index else None
        fields = (index or {}).get("fields")
        if fields is not None and (isinstance(fields, str) or not all(isinstance(f, str) for f in fields)):
            raise ConfigError("index fields must be a list of JSON paths")
        self._fields: list[str] | None = list(fields) if fields is not None else None
        self.ttl_config = ttl
        try:
            self.kind = MemoryKind(kind)
        except ValueError as exc:
            raise ConfigError(f"unknown memory kind {kind!r}") from exc
        self.root = root

    # --------------------------------------------------------------------- entry points
    def batch(self, ops: Iterable[Op]) -> list[Result]:
        return _drive(self._batch(list(ops)), self.memory)  # type: ignore[no-any-return]

    async def abatch(self, ops: Iterable[Op]) -> list[Result]:
        return await _adrive(self._batch(list(ops)), self.amemory)  # type: ignore[no-any-return]

    # --------------------------------------------------------------------- the plan
    def _batch(self, ops: list[Op]) -> Plan:
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

    def _lookup(self, namespace: tuple[str, ...], key: str) -> Plan:
        """The memory behind (namespace, key), read within the namespace's scope, or None."""
        sc = m.scope_of(namespace)
        candidates = [m.item_id(namespace, key)]
        if self.root is not None and _is_uuid(key):  # an engine memory listed under its id
            candidates.append(key)
        for memory_id in candidates:
            try:
                record: MemoryRecord = yield from _mem("get", memory_id, **sc)
            except NotFoundError:
                continue
            if m.owns(record, namespace, key, self.root):
                return record
        return None

    def _get(self, op: GetOp) -> Plan:
        record = yield from self._lookup(op.namespace, op.key)
        now = _now()
        if record is None or m.is_expired(record, now):
            return None
        if op.refresh_ttl:
            yield from self._refresh([record], now)
        return m.to_item(record, self.root)

    def _put(self, ops: list[PutOp]) -> Plan:
        now = _now()
        writes: list[MemoryRecord] = []
        for op in ops:
            existing = yield from self._lookup(op.namespace, op.key)
            if op.value is None:
                if existing is not None:
                    try:
                        yield from _mem("delete", existing.id, **existing.scope)
                    except NotFoundError:  # deleted meanwhile: the outcome is the same
                        pass
                continue
            writes.append(self._record(op, existing, now))
        if writes:
            yield from _mem("import_", writes)

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
        return m.to_record(op.namespace, op.key, op.value, text=text, kind=kind, ttl=ttl, now=now,
                           existing=keep, memory_id=memory_id)

    def _search(self, op: SearchOp) -> Plan:
        if op.limit <= 0 or op.offset < 0:
            return []
        flt = m.both(m.prefix_filter(op.namespace_prefix, self.root), m.value_filter(op.filter))
        sc = m.search_scope(op.namespace_prefix)
        found: list[tuple[MemoryRecord, float | None]] = []
        if op.query:
            hits = yield from _mem("search", op.query, filters=m.both(flt, {m.INDEXED: {"ne": "no"}}),
                                   limit=op.offset + op.limit, **sc)
            found = [(h.memory, h.score) for h in hits[op.offset:]]
            if len(found) < op.limit:  # like LangGraph's stores: unindexed items fill the rest, unscored
                page = yield from _mem("list", filters=m.both(flt, {m.INDEXED: "no"}),
                                       limit=op.limit - len(found), **sc)
                found += [(r, None) for r in page.items]
        else:
            page = yield from _mem("list", filters=flt, limit=op.offset + op.limit, **sc)
            found = [(r, None) for r in page.items[op.offset:]]
        if op.refresh_ttl:
            yield from self._refresh([r for r, _ in found], _now())
        items = [m.to_item(r, self.root, s, search=True) for r, s in found]
        return [i for i in items if isinstance(i, SearchItem)]

    def _refresh(self, records: list[MemoryRecord], now: datetime) -> Plan:
        """Restart the TTL of items that have one (a rewrite: the engine has no TTL-only update)."""
        fresh = [r for r in (m.refreshed(rec, now) for rec in records) if r is not None]
        if fresh:
            yield from _mem("import_", fresh)

    def _list_namespaces(self, op: ListNamespacesOp) -> Plan:
        conditions = op.match_conditions or ()
        known = next((c.path for c in conditions if c.match_type == "prefix"), ())
        fixed = tuple(known[: known.index("*")] if "*" in known else known)
        flt = m.prefix_filter(fixed, self.root)
        namespaces: set[tuple[str, ...]] = set()
        cursor = None
        while True:  # a scan of the matching memories' payloads: fine for namespace discovery
            page = yield from _mem("list", filters=flt, limit=500, cursor=cursor, all_scopes=True)
            for record in page.items:
                ns = m.item_namespace(record, self.root)
                if ns is not None and all(m.ns_matches(c.match_type, c.path, ns) for c in conditions):
                    namespaces.add(ns[: op.max_depth] if op.max_depth is not None else ns)
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        return sorted(namespaces)[op.offset: op.offset + op.limit]

    # --------------------------------------------------------------------- lifecycle
    def close(self) -> None:
        """Close the underlying memory store (both APIs share it)."""
        self.memory.close()

    def __repr__(self) -> str:
        return f"AgentMemoryStore({self.memory.location!r})"


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


__all__ = ["AgentMemoryStore"]
