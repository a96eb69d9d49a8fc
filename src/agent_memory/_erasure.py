"""Erasure that follows provenance: deleting a memory, or a scope, removes what was derived from it.

An erasure is planned first (reads only), the plan is filed as an intent (an ``ERASE`` point in the
events collection, one write), then carried out step by step, then the intent is removed. Every step
is idempotent given the plan, so an interrupted erasure is finished when the store is next opened
(:func:`recover`): a crash at any moment leaves the state before the erasure (intent not yet written)
or, after the next open, the state after it. The plan holds ids and scope values, never content.

What goes with a message (see README "Erasure"):

* derived memories (facts, events, profile entries) whose every source is an erased message are
  deleted; one that also has surviving sources keeps those, drops the erased ids and is *re-derived*:
  the extractor runs again on its surviving source messages and the memory takes the matching
  candidate's text (same hash, else same attribute, else most shared words). When the surviving
  messages no longer yield it, it is deleted: erasure errs towards forgetting.
* summaries that cover an erased message are deleted and regenerated from what remains (a session
  summary with no messages left, or a user summary with no session summaries left, stays deleted).
* a fact superseded by a deleted fact is re-opened (its ``valid_to``/``superseded_by`` cleared): the
  evidence that it stopped being true is gone. If the deleted fact was itself superseded, the older
  one points at the newer successor instead.
* history: ``delete`` scrubs the content of every event of every memory deleted, re-derived,
  re-opened or regenerated (tombstones keep ids, times, event types) and logs a ``DELETE`` tombstone;
  ``delete_all`` removes the scope's events outright.
* the following turns of the same conversation, whose BM25 text and dense vector included the
  erased turn as context (see ``_indexing``), are re-indexed with the turns now before them.
* queued deferred extraction (``_pending``) lives on the message points, so it goes with them.

Source ids are the caller's message ids (``Message.id``) or, without one, the message's record id.
A derived memory is matched to a message of the same user and agent whose session it shares (or
that it outlives, having no session); two messages of one user given the same id are
indistinguishable to it, and both count as its source.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from . import _validate as v
from ._backends._base import PointIn, PointOut
from ._effects import Op, call
from ._errors import AgentMemoryError
from ._extraction import Candidate, ExtractionContext
from ._filters import And, HasId, IsEmpty, Match, MatchAny, Node, Not, Or, Range, all_of
from ._kernel import Kernel
from ._models import ErasureReceipt, MemoryEvent, MemoryKind, MemoryRecord, content_hash
from ._payload import internal_fields, to_record
from ._pending import as_message
from ._scope import Scope
from ._summaries import SESSION_SUMMARY, USER_SUMMARY, summarize_scope, summarize_user
from ._time import iso, utcnow

log = logging.getLogger("agent_memory")

# the memory_id intents are filed under in the events collection (keyword-indexed: found at open
# without a scan); no memory can have it, ids of memories are random or derived from other namespaces
INTENT_MEMORY_ID = str(uuid.uuid5(uuid.UUID("a3e0d1c4-5b7f-4e2a-9c61-0f8e2d4b7a93"), "erasure-intent"))
PAGE = 1_000
_IDS_PER_FILTER = 512  # ids in one MatchAny / HasId
_WORD = re.compile(r"\w+")


# ---------------------------------------------------------------------------- plan
@dataclass
class Plan:
    """What one erasure does; JSON-able, stored as the intent."""

    id: str = field(default_factory=lambda: str(uuid.uuid4()))  # names the events it logs (replay rewrites them)
    scope: dict[str, str] | None = None  # delete_all: every memory of this scope, history removed
    ids: list[str] = field(default_factory=list)  # delete: these memories, history scrubbed
    # erased messages' source ids, per exact message scope (derived memories are looked up there)
    groups: list[dict[str, Any]] = field(default_factory=list)
    neighbours: list[str] = field(default_factory=list)  # turns to re-index without the erased one
    # summaries covering erased messages: [{"id", "category", "scope"}] (listed here, not looked up
    # again on replay: they are deleted before being written afresh)
    summaries: list[dict[str, Any]] = field(default_factory=list)
    actor: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Plan:
        return cls(id=str(data.get("id") or uuid.uuid4()), scope=data.get("scope"), ids=list(data.get("ids") or []),
                   groups=list(data.get("groups") or []), neighbours=list(data.get("neighbours") or []),
                   summaries=list(data.get("summaries") or []), actor=data.get("actor"))

    def event_id(self, memory_id: str, what: str) -> str:
        """The same id each time the plan runs: a replay overwrites its events instead of doubling them."""
        return str(uuid.uuid5(uuid.UUID(self.id), f"{what}|{memory_id}"))

    def via(self) -> dict[str, str]:
        """The caller's actor label, recorded on the events the erasure logs (as ``update`` does)."""
        return {"via": self.actor} if self.actor else {}

    def skips(self, record: MemoryRecord) -> bool:
        """Whether a derived memory goes with the plan's own ids or scope anyway."""
        return record.id in self.ids or (self.scope is not None and Scope.from_mapping(self.scope).contains(record))


def _is_message(r: MemoryRecord) -> bool:
    return r.kind == MemoryKind.EPISODIC and r.category == "message"


_MESSAGE = And((Match("kind", MemoryKind.EPISODIC.value), Match("category", "message")))
_NOT_MESSAGE = Not(_MESSAGE)


def _exact(user_id: str | None, agent_id: str | None) -> Node:
    """Exactly this user and agent (an absent one must be absent), any session."""
    return And(tuple(Match(k, val) if val is not None else IsEmpty(k)
                     for k, val in (("user_id", user_id), ("agent_id", agent_id))))


def _derived_filter(group: Mapping[str, Any], sources: Sequence[str]) -> Node:
    """Derived memories that may cite these sources: same user and agent as the message, in its
    session or in none (facts outlive the session they were said in); messages excluded."""
    sc = group["scope"]
    session = sc.get("session_id")
    in_session = Or((IsEmpty("session_id"), Match("session_id", session))) if session else IsEmpty("session_id")
    return And((_exact(sc.get("user_id"), sc.get("agent_id")), in_session, _NOT_MESSAGE,
                MatchAny("source_ids", tuple(sources))))


def _chunks(items: Sequence[str], n: int = _IDS_PER_FILTER) -> list[Sequence[str]]:
    return [items[i:i + n] for i in range(0, len(items), n)]


def scroll_all(engine: Kernel, collection: Any, flt: Node | None) -> Op[list[PointOut]]:
    """Every point matching ``flt``, newest first, paged by ``seq`` (ties kept apart by id)."""
    out: list[PointOut] = []
    last: int | None = None
    tied: list[str] = []
    while True:
        page_flt = flt if last is None else all_of(flt, Range("seq", lte=float(last)),
                                                   Not(HasId(tuple(tied))) if tied else None)
        points = yield from call(engine.backend.scroll, collection, page_flt, PAGE)
        out.extend(points)
        if len(points) < PAGE:
            return out
        seq = int(points[-1].payload["seq"])
        tied = [p.id for p in points if int(p.payload["seq"]) == seq] + (tied if seq == last else [])
        last = seq


def _group(messages: Sequence[MemoryRecord], skip: Scope | None = None) -> list[dict[str, Any]]:
    """Erased messages' sources by exact scope, leaving out scopes whose derived memories are all
    inside ``skip`` (the scope being deleted anyway)."""
    groups: dict[tuple[str | None, ...], dict[str, Any]] = {}
    for m in messages:
        sc = Scope.from_mapping(m.scope)
        if skip is not None and skip.contains(sc.owner) and skip.contains(sc):
            continue
        g = groups.setdefault(sc.key(), {"scope": sc.as_dict(), "sources": []})
        g["sources"].extend(s for s in m.source_ids if s not in g["sources"])
    return list(groups.values())


def _in_order(points: Sequence[PointOut]) -> list[MemoryRecord]:
    """Turns in conversation order: by time, then by write order (one add call shares a time)."""
    keyed = [(to_record(p.id, p.payload), int(p.payload.get("seq", 0))) for p in points]
    return [r for r, _ in sorted(keyed, key=lambda rs: (rs[0].observed_at, rs[1]))]


def _context_reach(engine: Kernel) -> int:
    s = engine.settings
    return max(s.index_context, s.index_context_sparse)


def _neighbours_of(engine: Kernel, message: MemoryRecord) -> Op[list[str]]:
    """The turns whose index includes ``message`` as context: the next ones of its conversation
    (the previous ones when following turns are indexed too)."""
    from ._indexing import _same_thread

    reach, ahead = _context_reach(engine), engine.settings.index_context_next
    if not reach and not ahead:
        return []
    flt = all_of(Scope.from_mapping(message.scope).filter(), _MESSAGE)
    if message.session_id is None:
        flt = all_of(flt, IsEmpty("session_id"))
    points = yield from scroll_all(engine, "memories", flt)
    turns = [t for t in _in_order(points) if t.scope == message.scope]
    at = next((i for i, t in enumerate(turns) if t.id == message.id), None)
    if at is None:
        return []
    near = turns[at + 1: at + 1 + reach] + turns[max(0, at - ahead): at]
    return [t.id for t in near if _same_thread(t, message)]


def _summaries_of(engine: Kernel, plan: Plan) -> Op[list[dict[str, Any]]]:
    found: dict[str, dict[str, Any]] = {}
    for group in plan.groups:
        for chunk in _chunks(list(group["sources"])):
            flt = And((_derived_filter(group, chunk), Match("kind", MemoryKind.SUMMARY.value)))
            for r in (yield from _fetch(engine, flt)):
                if not plan.skips(r):
                    found[r.id] = {"id": r.id, "category": r.category, "scope": r.scope}
    return list(found.values())


def plan_delete(engine: Kernel, record: MemoryRecord, actor: str | None) -> Op[Plan]:
    plan = Plan(ids=[record.id], actor=actor)
    if _is_message(record):
        plan.groups = _group([record])
        plan.neighbours = yield from _neighbours_of(engine, record)
        plan.summaries = yield from _summaries_of(engine, plan)
    return plan


def plan_delete_all(engine: Kernel, scope: Scope, actor: str | None) -> Op[Plan]:
    points = yield from scroll_all(engine, "memories", all_of(scope.filter(), _MESSAGE))
    messages = [to_record(p.id, p.payload) for p in points]
    plan = Plan(scope=scope.as_dict(), groups=_group(messages, skip=scope), actor=actor)
    plan.summaries = yield from _summaries_of(engine, plan)
    return plan


# ---------------------------------------------------------------------------- carrying it out
class _Tally:
    def __init__(self) -> None:
        self.n: dict[str, int] = {}

    def add(self, key: str, k: int = 1) -> None:
        self.n[key] = self.n.get(key, 0) + k

    def count_deleted(self, records: Sequence[MemoryRecord]) -> None:
        for r in records:
            if _is_message(r):
                self.add("messages")
            elif r.kind == MemoryKind.SUMMARY:
                self.add("summaries")
            else:
                self.add("facts")


def _scrub(engine: Kernel, ids: Sequence[str], tally: _Tally) -> Op[None]:
    """Remove the content of every event of these memories; ids, times and types stay."""
    for chunk in _chunks(list(dict.fromkeys(ids))):
        has_content = Or((Not(IsEmpty("old_content")), Not(IsEmpty("new_content"))))
        events = yield from scroll_all(engine, "events", all_of(MatchAny("memory_id", tuple(chunk)), has_content))
        if events:
            yield from call(engine.backend.set_payload, "events", [e.id for e in events],
                            {"old_content": None, "new_content": None})
            tally.add("events_scrubbed", len(events))


def _fetch(engine: Kernel, flt: Node) -> Op[list[MemoryRecord]]:
    points = yield from scroll_all(engine, "memories", flt)
    return [to_record(p.id, p.payload) for p in points]


def _release_successors(engine: Kernel, gone: Sequence[MemoryRecord], tally: _Tally) -> Op[None]:
    """Facts superseded by a memory about to go: re-opened, or pointed at its own successor."""
    by_id = {r.id: r for r in gone if r.kind != MemoryKind.SUMMARY and not _is_message(r)}
    owners: dict[tuple[str | None, str | None], list[str]] = {}
    for r in by_id.values():  # a successor lives with the same user and agent (the tenant index narrows)
        owners.setdefault((r.user_id, r.agent_id), []).append(r.id)
    older: list[MemoryRecord] = []
    for (user_id, agent_id), ids in owners.items():
        for chunk in _chunks(ids):
            flt = And((_exact(user_id, agent_id), MatchAny("superseded_by", tuple(chunk))))
            older += yield from _fetch(engine, flt)
    for y in older:
        if y.id in by_id:
            continue
        x = by_id[y.superseded_by or ""]
        yield from _scrub(engine, [y.id], tally)  # its SUPERSEDE event holds x's text
        if x.superseded_by is None:
            yield from call(engine.backend.set_payload, "memories", [y.id],
                            {"valid_to": None, "superseded_by": None, "updated_at": iso(utcnow())})
            tally.add("facts_reopened")
        else:
            yield from call(engine.backend.set_payload, "memories", [y.id], {"superseded_by": x.superseded_by})


def _remove(engine: Kernel, records: Sequence[MemoryRecord], plan: Plan, tally: _Tally,
            *, tombstone: bool = True) -> Op[None]:
    """Delete memories with their history's content (a DELETE tombstone each)."""
    if not records:
        return
    yield from _release_successors(engine, records, tally)
    ids = [r.id for r in records]
    yield from _scrub(engine, ids, tally)
    if tombstone:
        now = utcnow()
        yield from engine.log_events([
            engine.event(r, "DELETE", at=now, reason="erasure", **plan.via()).model_copy(
                update={"id": plan.event_id(r.id, "DELETE")})
            for r in records])
    for chunk in _chunks(ids):
        yield from call(engine.backend.delete, "memories", list(chunk))
    tally.count_deleted(records)


def _rewrite(engine: Kernel, record: MemoryRecord, payload: Mapping[str, Any], *, embed: bool = True) -> Op[None]:
    """Write a changed record in place: same ``seq`` (its place in listings) and queue markers."""
    points: list[PointIn] = (yield from engine.embed([record])) if embed else [PointIn(record.id, {})]
    p = points[0]
    from ._payload import to_payload

    p.payload = to_payload(record, int(payload.get("seq", 0)), **internal_fields(dict(payload)))
    yield from call(engine.backend.upsert, "memories", [p])


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _pick(record: MemoryRecord, candidates: Sequence[Candidate]) -> Candidate | None:
    same_kind = [c for c in candidates if c.kind == record.kind]
    for c in same_kind:
        if content_hash(c.content) == record.hash:
            return c
    if record.attribute:
        same_kind = [c for c in same_kind if c.attribute == record.attribute]
    own = _words(record.content)
    scored = [(len(own & _words(c.content)) / (len(own | _words(c.content)) or 1), i) for i, c in enumerate(same_kind)]
    best = max(scored, default=(0.0, -1))
    return same_kind[best[1]] if best[0] > 0 else None


def _rederive(engine: Kernel, record: MemoryRecord, remaining: list[str]) -> Op[MemoryRecord | None]:
    """The record re-derived from its surviving source messages, or None when they no longer yield it."""
    flt = all_of(_exact(record.user_id, record.agent_id), _MESSAGE, MatchAny("source_ids", tuple(remaining)))
    if record.session_id is not None:
        flt = all_of(flt, Match("session_id", record.session_id))
    msgs = yield from _fetch(engine, flt)
    if not msgs:
        return None
    msgs.sort(key=lambda r: r.observed_at)
    ctx = ExtractionContext(observed_at=msgs[-1].observed_at, **Scope.from_mapping(msgs[-1].scope).owner.fields())
    candidates, _ = yield from engine.extract([as_message(m) for m in msgs], ctx)
    chosen = _pick(record, candidates)
    if chosen is None:
        return None
    text = v.content(chosen.content, max_bytes=engine.settings.max_content_bytes)
    # what the extractor read off the erased message (subject, event time) is taken from the new reading
    meta = {k: val for k, val in record.metadata.items() if k not in ("subject", "event_time")}
    meta.update(chosen.metadata)
    meta.update({"subject": chosen.subject} if chosen.subject else {})
    meta.update({"event_time": iso(chosen.event_time)} if chosen.event_time else {})
    return record.model_copy(update={"content": text, "hash": content_hash(text), "source_ids": remaining,
                                     "metadata": meta, "updated_at": utcnow()})


def _settle_derived(engine: Kernel, plan: Plan, tally: _Tally) -> Op[None]:
    """Derived memories of the erased messages (summaries aside): deleted or re-derived."""
    doomed: dict[str, MemoryRecord] = {}
    for group in plan.groups:
        erased = set(group["sources"])
        for chunk in _chunks(list(group["sources"])):
            points = yield from scroll_all(engine, "memories", _derived_filter(group, chunk))
            for p in points:
                r = to_record(p.id, p.payload)
                if plan.skips(r) or r.kind == MemoryKind.SUMMARY:
                    continue  # goes with the scope / the ids anyway; summaries: see _regenerate
                remaining = [s for s in r.source_ids if s not in erased]
                new = (yield from _rederive(engine, r, remaining)) if remaining else None
                if new is None:
                    doomed[r.id] = r
                    continue
                yield from _scrub(engine, [r.id], tally)
                event = engine.event(new, "UPDATE", at=utcnow(), new=new.content, reason="erasure: re-derived",
                                      removed_sources=len(r.source_ids) - len(remaining), **plan.via())
                yield from engine.log_events([event.model_copy(update={"id": plan.event_id(r.id, "UPDATE")})])
                yield from _rewrite(engine, new, p.payload, embed=new.content != r.content)
                tally.add("facts_rederived")
    yield from _remove(engine, list(doomed.values()), plan, tally)


def _regenerate(engine: Kernel, summaries: Sequence[Mapping[str, Any]], tally: _Tally) -> Op[None]:
    """Summaries covering erased messages: deleted (history scrubbed), then written afresh from what
    remains, so no UPDATE event keeps the old text."""
    if not summaries:
        return
    ids = [s["id"] for s in summaries]
    yield from _scrub(engine, ids, tally)
    for chunk in _chunks(ids):
        yield from call(engine.backend.delete, "memories", list(chunk))
    sessions = [s["scope"] for s in summaries if s["category"] == SESSION_SUMMARY and "session_id" in s["scope"]]
    users = {(sc.get("user_id"), sc.get("agent_id")) for s in summaries if s["category"] == USER_SUMMARY
             for sc in [s["scope"]]}
    for sc in sessions:
        new = yield from summarize_scope(engine, Scope.from_mapping(sc))  # refreshes the user's summary too
        tally.add("summaries_regenerated" if new else "summaries")
        if new is not None and (sc.get("user_id"), sc.get("agent_id")) in users:
            users.discard((sc.get("user_id"), sc.get("agent_id")))
            tally.add("summaries_regenerated")
    for user_id, agent_id in users:
        new = yield from summarize_user(engine, user_id=user_id, agent_id=agent_id)
        tally.add("summaries_regenerated" if new else "summaries")


def _reindex(engine: Kernel, ids: Sequence[str], tally: _Tally) -> Op[None]:
    """Re-embed turns with the context now before them (the same batch rule as ``add``)."""
    found = yield from call(engine.backend.retrieve, "memories", list(ids))
    reach = _context_reach(engine)
    for p in found:
        turn = to_record(p.id, p.payload)
        flt = all_of(Scope.from_mapping(turn.scope).filter(), _MESSAGE, Range("observed_at", lte=iso(turn.observed_at),
                                                                  is_datetime=True))
        points_before = yield from scroll_all(engine, "memories", flt)
        before = [b for b in _in_order(points_before) if b.scope == turn.scope and b.id != turn.id]
        before = before[-reach:] if reach else []
        points = yield from engine.embed([*before, turn])
        own = points[-1]
        own.payload = dict(p.payload)
        yield from call(engine.backend.upsert, "memories", [own])
        tally.add("neighbours_reindexed")


def execute(engine: Kernel, plan: Plan) -> Op[ErasureReceipt]:
    """Carry out a plan; every step can run again after a crash (see the module docstring)."""
    tally = _Tally()
    yield from _settle_derived(engine, plan, tally)
    if plan.scope is not None:
        flt = Scope.from_mapping(plan.scope).filter()
        assert flt is not None
        gone = yield from _fetch(engine, flt)
        yield from _release_successors(engine, gone, tally)
        tally.count_deleted(gone)
        events = yield from call(engine.backend.count, "events", flt)
        yield from call(engine.backend.delete_where, "memories", flt)
        yield from call(engine.backend.delete_where, "events", flt)
        tally.add("events_removed", int(events))
    if plan.ids:
        found = yield from call(engine.backend.retrieve, "memories", plan.ids)
        yield from _remove(engine, [to_record(p.id, p.payload) for p in found], plan, tally)
    yield from _regenerate(engine, plan.summaries, tally)
    if plan.neighbours:
        yield from _reindex(engine, plan.neighbours, tally)
    return ErasureReceipt.model_validate({"scope": plan.scope, **tally.n})


def _file_intent(engine: Kernel, plan: Plan) -> Op[str]:
    # no scope fields: a delete_all of the scope's events must not take its own intent with it
    intent = MemoryEvent(id=str(uuid.uuid4()), memory_id=INTENT_MEMORY_ID, event="ERASE", at=utcnow(),
                         actor="system", details={"plan": plan.as_dict()})
    yield from engine.log_events([intent])
    return intent.id


def run(engine: Kernel, plan: Plan, *, purge: bool = False) -> Op[ErasureReceipt]:
    """File the intent, carry the plan out, remove the intent; ``purge`` then rewrites the store so
    no byte of what was erased remains in its files (embedded store only)."""
    intent = yield from _file_intent(engine, plan)
    receipt = yield from execute(engine, plan)
    yield from call(engine.backend.delete, "events", [intent])
    if purge:
        erased = yield from call(engine.backend.purge)
        receipt = receipt.model_copy(update={"physically_erased": erased})
    return receipt


def recover(engine: Kernel) -> Op[int]:
    """Finish erasures that a crash interrupted (called when the store is opened)."""
    pending = yield from call(engine.backend.scroll, "events", Match("memory_id", INTENT_MEMORY_ID), PAGE,
                              descending=False)
    done = 0
    for p in pending:
        plan = Plan.from_dict((p.payload.get("details") or {}).get("plan") or {})
        try:
            receipt = yield from execute(engine, plan)
        except AgentMemoryError as exc:  # left filed: the next open (or erasure) tries again
            log.error("could not finish an interrupted erasure (%s); it stays filed: %s", p.id, exc)
            continue
        yield from call(engine.backend.delete, "events", [p.id])
        log.warning("finished an interrupted erasure: %s", receipt.model_dump(exclude_defaults=True))
        done += 1
    return done
