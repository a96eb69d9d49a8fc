"""``maintain``: TTL deletion, decay of episodic importance and re-summarising, with a report.

Safe while the store is in use: it works in batches of ``Settings.maintenance_batch`` through
the same backend calls as the API (no optimizer run, no lock held between batches), and each
step is idempotent, so an interrupted run is finished by the next one.

* TTL (``Settings.ttl``, keyed by ``"kind"`` or ``"kind:category"``; the more specific key
  wins): a memory whose last write (``updated_at``) is older than its TTL is deleted, as is any
  memory whose own ``expires_at`` has passed. Deletion is real: the point goes and the content
  is scrubbed from its history, leaving an ``EXPIRE`` tombstone, exactly like ``delete``.
* Decay: an episodic memory's ``importance`` becomes ``max(floor, 0.5 ** (age / half_life))``
  where age is the time since it was observed; derived from the age, so running it twice
  changes nothing. The context builder weighs episodic items by it.
* Re-summarising: every existing session summary whose session changed is refreshed (same
  memory id), then its user's rolling summary.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

from ._effects import Op, call
from ._errors import ConfigError
from ._filters import Match, MatchAny, Node, Not, Range, all_of
from ._kernel import Kernel
from ._models import MemoryKind, MemoryRecord
from ._payload import to_record
from ._reads import list_memories
from ._scope import Scope
from ._summaries import SESSION_SUMMARY, summarize_scope
from ._time import iso, utcnow

EXPIRES_RULE = "expires_at"


class MaintenanceReport(BaseModel):
    """What one ``maintain`` run did (or, with ``dry_run``, would do)."""

    model_config = ConfigDict(frozen=True)

    started_at: datetime
    finished_at: datetime
    dry_run: bool = False
    expired: int = 0  # memories deleted by TTL / expires_at
    expired_by_rule: dict[str, int] = Field(default_factory=dict)
    decayed: int = 0  # episodic memories whose importance was lowered
    summaries_refreshed: int = 0
    summaries_checked: int = 0


def ttl_rules(ttl: dict[str, timedelta]) -> list[tuple[str, MemoryKind, str | None, timedelta]]:
    rules = []
    for key, age in ttl.items():
        kind, _, category = key.partition(":")
        try:
            k = MemoryKind(kind)
        except ValueError as exc:
            raise ConfigError(f"Settings.ttl key {key!r}: {kind!r} is not a memory kind") from exc
        if not isinstance(age, timedelta) or age < timedelta(0):
            raise ConfigError(f"Settings.ttl[{key!r}] must be a non-negative timedelta")
        rules.append((key, k, category or None, age))
    return rules


def _ttl_filters(ttl: dict[str, timedelta], now: datetime) -> list[tuple[str, Node]]:
    rules = ttl_rules(ttl)
    specific: dict[MemoryKind, list[str]] = defaultdict(list)
    for _, kind, category, _ in rules:
        if category:
            specific[kind].append(category)
    out: list[tuple[str, Node]] = [(EXPIRES_RULE, Range("expires_at", lt=iso(now), is_datetime=True))]
    for key, kind, category, age in rules:
        older = Range("updated_at", lt=iso(now - age), is_datetime=True)
        if category:
            node = all_of(Match("kind", kind.value), Match("category", category), older)
        else:  # a kind-wide rule leaves the categories that have their own rule alone
            others = Not(MatchAny("category", tuple(specific[kind]))) if specific[kind] else None
            node = all_of(Match("kind", kind.value), others, older)
        out.append((key, node))
    return out


def _expire(engine: Kernel, scope_flt: Node | None, rule: str, flt: Node, dry_run: bool) -> Op[int]:
    batch = engine.settings.maintenance_batch
    where = all_of(scope_flt, flt)
    if dry_run:
        return int((yield from call(engine.backend.count, "memories", where)))
    total = 0
    while True:
        points = yield from call(engine.backend.scroll, "memories", where, batch)
        if not points:
            return total
        records = [to_record(p.id, p.payload) for p in points]
        ids = [r.id for r in records]
        yield from call(engine.backend.delete, "memories", ids)
        old = yield from call(engine.backend.scroll, "events", MatchAny("memory_id", tuple(ids)), 100_000)
        if old:
            yield from call(engine.backend.set_payload, "events", [p.id for p in old],
                            {"old_content": None, "new_content": None})
        now = utcnow()
        yield from engine.log_events([engine.event(r, "EXPIRE", at=now, actor="maintenance", rule=rule)
                                       for r in records])
        total += len(records)


def decayed_importance(record: MemoryRecord, now: datetime, half_life: timedelta, floor: float) -> float:
    age = max((now - record.observed_at).total_seconds(), 0.0)
    return round(max(floor, float(0.5 ** (age / half_life.total_seconds()))), 3)


def _decay(engine: Kernel, sc: Scope, all_scopes: bool, now: datetime, dry_run: bool) -> Op[int]:
    half_life = engine.settings.importance_half_life
    if half_life is None or half_life <= timedelta(0):
        return 0
    floor = engine.settings.importance_floor
    changed = 0
    cursor = None
    while True:
        page = yield from list_memories(engine, user_id=sc.user_id, agent_id=sc.agent_id, session_id=sc.session_id,
                                        kinds=[MemoryKind.EPISODIC], limit=engine.settings.maintenance_batch,
                                        cursor=cursor, all_scopes=all_scopes)
        by_value: dict[float, list[str]] = defaultdict(list)
        for r in page.items:
            new = decayed_importance(r, now, half_life, floor)
            if new < r.importance - 0.0005:
                by_value[new].append(r.id)
        for value, ids in by_value.items():  # one write per distinct value, not per memory
            changed += len(ids)
            if not dry_run:
                yield from call(engine.backend.set_payload, "memories", ids, {"importance": value})
        if page.next_cursor is None:
            return changed
        cursor = page.next_cursor


def _resummarize(engine: Kernel, scope_flt: Node | None, dry_run: bool) -> Op[tuple[int, int]]:
    flt = all_of(scope_flt, Match("kind", MemoryKind.SUMMARY.value), Match("category", SESSION_SUMMARY))
    points = yield from call(engine.backend.scroll, "memories", flt, 100_000)
    refreshed = 0
    for p in points:
        summary = to_record(p.id, p.payload)
        scope = Scope.from_mapping(summary.scope)
        msgs = all_of(scope.filter(), Match("kind", MemoryKind.EPISODIC.value),
                      Match("category", "message"))
        n = yield from call(engine.backend.count, "memories", msgs)
        if n == summary.metadata.get("message_count"):
            continue
        refreshed += 1
        if not dry_run:
            yield from summarize_scope(engine, scope)
    return refreshed, len(points)


def maintain(engine: Kernel, *, user_id: str | None = None, agent_id: str | None = None,
             session_id: str | None = None, all_scopes: bool = False, ttl: bool = True, decay: bool = True,
             resummarize: bool = True, dry_run: bool = False) -> Op[MaintenanceReport]:
    engine.ensure_open()
    engine.permit("admin")  # deletes and rewrites across kinds: an administrator's job
    sc = Scope.of(user_id, agent_id, session_id, required=not all_scopes)
    scope_flt = sc.filter()
    started = utcnow()
    by_rule: dict[str, int] = {}
    if ttl:
        for rule, flt in _ttl_filters(engine.settings.ttl, started):
            n = yield from _expire(engine, scope_flt, rule, flt, dry_run)
            if n:
                by_rule[rule] = n
    decayed = (yield from _decay(engine, sc, all_scopes, started, dry_run)) if decay else 0
    refreshed, checked = (yield from _resummarize(engine, scope_flt, dry_run)) if resummarize else (0, 0)
    return MaintenanceReport(started_at=started, finished_at=utcnow(), dry_run=dry_run,
                             expired=sum(by_rule.values()), expired_by_rule=by_rule, decayed=decayed,
                             summaries_refreshed=refreshed, summaries_checked=checked)

