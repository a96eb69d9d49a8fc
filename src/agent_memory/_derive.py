"""Consolidation: extracted (or remembered) candidates become records in the owner's scope, meet
their neighbours, and the consolidator's decision (ADD, SEEN, MERGE, SUPERSEDE, NONE) is applied.
Inline extraction (``add``), ``remember``, deferred extraction (``_pending``) share it."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from . import _validate as v
from ._backends._base import HybridQuery, PointIn, PointOut
from ._consolidation import Decision, Neighbour, also_closed, naming, narrowed
from ._effects import Op, call
from ._errors import ValidationError
from ._extraction import Candidate
from ._filters import Match, Not, Or, all_of
from ._guard import guard
from ._kernel import Kernel, current_filter
from ._models import MemoryEvent, MemoryRecord, content_hash
from ._payload import to_record
from ._scope import Scope
from ._screen import INJECTION, derived_flag
from ._slots import emptied
from ._time import iso

log = logging.getLogger("agent_memory")

_T = TypeVar("_T")
Settled = tuple[list[MemoryRecord], list[MemoryEvent]]


def _bounded_or_none(check: Callable[[_T], _T], value: _T) -> _T | None:
    """An extractor's label (category, attribute) that is out of bounds is left out, keeping the
    fact (``remember`` and ``import_`` refuse such input instead: there it is the caller's)."""
    try:
        return check(value)
    except ValidationError as exc:
        log.warning("leaving out an extracted label out of bounds: %s", exc)
        return None


def candidate_record(k: Kernel, cand: Candidate, sc: Scope, call_scope: Scope, meta: dict[str, Any],
                     now: datetime, roles: Mapping[str, str | None] | None = None) -> MemoryRecord | None:
    """The record a candidate would be written as in scope ``sc`` (None: out of bounds, dropped)."""
    try:
        text = v.content(cand.content, max_bytes=k.settings.max_content_bytes)
        v.unit(cand.confidence, "confidence")
        metadata = v.metadata({**meta, **cand.metadata})
    except ValidationError as exc:
        log.warning("dropping an extracted memory out of bounds: %s", exc)
        return None
    text, flags = guard(text, k.settings)
    flags += sorted({f for s in cand.source_ids if (f := derived_flag((roles or {}).get(s, "user")))})
    category = _bounded_or_none(v.category, cand.category)
    attribute = _bounded_or_none(lambda a: v.label(a, "attribute"), cand.attribute)
    observed = cand.observed_at or now
    return MemoryRecord(
        id=str(uuid.uuid4()), content=text, kind=cand.kind, category=category,
        metadata={**metadata, **({"subject": cand.subject} if cand.subject else {}),
                  **({"event_time": iso(cand.event_time)} if cand.event_time else {}),
                  **({"origin_session_id": call_scope.session_id}
                     if call_scope.session_id is not None and sc.session_id is None else {})},
        created_at=now, updated_at=now, observed_at=observed, valid_from=observed,
        source_ids=list(dict.fromkeys(cand.source_ids)), hash=content_hash(text),
        confidence=cand.confidence, attribute=attribute, last_seen_at=now, flags=flags, **sc.fields(),
    )


def derived_records(k: Kernel, candidates: Sequence[Candidate], sc: Scope, meta: dict[str, Any], now: datetime,
                    roles: Mapping[str, str | None] | None = None) -> list[tuple[Candidate, MemoryRecord]]:
    """The records extracted candidates would be written as, in the scope derived memories live in
    (``Scope.owner``: facts outlive the session they were said in). ``roles`` (source id -> role)
    marks facts derived from assistant/tool messages, which are never pinned; a candidate the
    screen flags is dropped (an extractor can be talked into writing one)."""
    owner = sc.owner
    pairs = [(c, r) for c in candidates if (r := candidate_record(k, c, owner, sc, meta, now, roles))]
    return [(c, r) for c, r in pairs if INJECTION not in r.flags]


def derive(k: Kernel, candidates: Sequence[Candidate], sc: Scope, meta: dict[str, Any], now: datetime,
           roles: Mapping[str, str | None] | None = None) -> Op[Settled]:
    """Embed and consolidate extracted candidates (deferred extraction's path; ``add`` embeds them
    in one batch with the messages and calls :func:`settle` itself)."""
    pairs = derived_records(k, candidates, sc, meta, now, roles)
    k.permit("write", [r for _, r in pairs])
    points = yield from k.embed([r for _, r in pairs])
    return (yield from settle(k, pairs, points, sc.owner, now))


def _neighbours(k: Kernel, cand: Candidate, vector: list[float], sc: Scope) -> Op[list[Neighbour]]:
    base = all_of(sc.filter(), Match("kind", cand.kind.value), current_filter(None),
                  Not(Match("category", "message")))  # a stored message is never merged into
    near = yield from call(k.backend.nearest, vector, base, k.settings.consolidation_neighbours)
    found: dict[str, Neighbour] = {p.id: Neighbour(to_record(p.id, p.payload), p.score) for p in near}
    exact = [Match("hash", content_hash(cand.content))]
    if cand.attribute:
        exact.append(Match("attribute", cand.attribute))
    same = yield from call(k.backend.scroll, "memories", all_of(base, Or(tuple(exact))),
                           k.settings.consolidation_neighbours)
    if cand.ends is not None and cand.ends.attribute:  # the fact a closing statement ends, of any kind
        same += yield from call(k.backend.scroll, "memories", all_of(
            sc.filter(), current_filter(None), Match("attribute", cand.ends.attribute)),
            k.settings.consolidation_neighbours)
    if emptied(cand.attribute, cand.content):  # "I'm single now": what is kept about the partner
        same += yield from call(k.backend.scroll, "memories", all_of(
            base, Or((Match("category", "relationship"), Match("attribute", "partner"),
                      Match("attribute", "partner:name")))), _RELATION_FACTS)
    for p in same:
        found.setdefault(p.id, Neighbour(to_record(p.id, p.payload), 1.0))
    if cand.ends is not None and cand.ends.attribute in (None, "goal"):  # (goals carry no slot: found by word)
        for p in (yield from _facts_naming(k, cand.ends.value, vector, sc)):
            found.setdefault(p.id, Neighbour(to_record(p.id, p.payload), 0.0))  # found by word, not likeness
    return list(found.values())


def _facts_naming(k: Kernel, value: str, vector: list[float], sc: Scope) -> Op[list[PointOut]]:
    """The scope's current facts that name ``value`` as a whole word: an ending without a slot ("no
    longer into pottery") must find "enjoys pottery" even when it is not among the nearest vectors.
    The BM25 side of a hybrid query finds the words' stems; :func:`naming` keeps whole words only."""
    sparse = k.sparse.encode_query(value)
    if not sparse.indices:
        return []  # only stopwords: nothing to look up
    n = k.settings.consolidation_neighbours
    flt = all_of(sc.filter(), current_filter(None), Not(Match("category", "message")))
    hits = yield from call(k.backend.hybrid, HybridQuery(dense=vector, sparse=sparse, filter=flt, limit=2 * n,
                                                         candidates=n, explain=False))
    named = naming(value)
    return [p for p in hits if named.search(str(p.payload.get("content", "")))]


def settle(k: Kernel, pairs: Sequence[tuple[Candidate, MemoryRecord]], points: Sequence[PointIn], sc: Scope,
           now: datetime) -> Op[Settled]:
    """Every candidate (already embedded) meets its neighbours and the consolidator's decision
    is applied, one after the other (a later candidate sees what an earlier one wrote). Reading
    the neighbours and writing the decision hold the tenant's lock (see ``_locks``), so
    concurrent writers in this process never both act on the same neighbours."""
    touched: list[MemoryRecord] = []
    events: list[MemoryEvent] = []
    # one lock per tenant: a user's scopes overlap (a (user, agent) read sees that user's
    # sessions), and so do user-less ones (a session-only read sees every agent's), so they share one
    key = ("consolidate", sc.user_id)
    for (cand, record), point in zip(pairs, points):
        cand = cand.model_copy(update={"content": record.content})  # the guarded text, never the raw one
        yield from call(k.locks.acquire, key)
        try:
            neighbours = yield from _neighbours(k, cand, point.dense or [], sc)
            decision: Decision = yield from call(k.consolidator.decide, cand, neighbours)
            written, evs = yield from _apply(k, decision, record, point, now)
            beside = [m for m in (decision.ends, *also_closed(cand, decision, neighbours)) if m is not None]
            for target in beside if written else []:
                closed, ev = yield from _close(k, target, written[0], record.observed_at, now,
                                              f"ended by the statement ({decision.reason})")
                written, evs = [*written, closed], [*evs, ev]
            # what a fact listing the ended value beside others still holds (a correction rewrites, it lists nothing)
            if written and cand.ends is not None and not cand.metadata.get("corrects"):
                superseded = decision.target if decision.action == "SUPERSEDE" else None
                for listing in (m for m in (superseded, decision.ends) if m is not None):
                    kept, ev_kept = yield from _remainder(k, listing, cand.ends.value, record.observed_at, now)
                    written, evs = [*written, *kept], [*evs, *ev_kept]
        finally:
            k.locks.release(key)
        touched.extend(written)
        events.extend(evs)
    return touched, events


# a status that leaves no partner looks through this many of the scope's relationship facts
_RELATION_FACTS = 100


def _remainder(k: Kernel, target: MemoryRecord, value: str, said: datetime, now: datetime) -> Op[Settled]:
    """A fact that listed several values ("learning German and Korean") closed by the end of one of
    them: what is left ("learning Korean") is current again, from the moment the ending was said,
    with the closed fact's provenance."""
    rest = narrowed(target.content, target.attribute, value)
    if rest is None:
        return [], []
    content, attribute = rest
    since = max(said, target.valid_from)
    record = target.model_copy(update={
        "id": str(uuid.uuid4()), "content": content, "hash": content_hash(content), "attribute": attribute,
        "created_at": now, "updated_at": now, "valid_from": since, "valid_to": None, "superseded_by": None,
        "seen_count": 1, "last_seen_at": now})
    points = yield from k.embed([record])
    yield from k.write([record], points)
    return [record], [k.event(record, "ADD", at=now, new=content, reason=f"what {target.id} still holds once "
                              f"{value!r} ended")]


def _close(k: Kernel, target: MemoryRecord, by: MemoryRecord, said: datetime, now: datetime,
           reason: str) -> Op[tuple[MemoryRecord, MemoryEvent]]:
    """End ``target`` for ``by``: its validity closes when the ending was said (never before it began)."""
    ends = max(said, target.valid_from)
    yield from call(k.backend.set_payload, "memories", [target.id],
                    {"valid_to": iso(ends), "superseded_by": by.id, "updated_at": iso(now)})
    old = target.model_copy(update={"valid_to": ends, "superseded_by": by.id, "updated_at": now})
    return old, k.event(old, "SUPERSEDE", at=now, old=target.content, new=by.content, reason=reason,
                        superseded_by=by.id)


def _put_right(k: Kernel, record: MemoryRecord, target: MemoryRecord, content: str) -> Op[tuple[MemoryRecord,
                                                                                                 PointIn]]:
    """The corrected fact: the target's content put right, with its slot, category and date (see
    ``_consolidation.correction``), embedded anew."""
    meta = {**{k_: v for k_, v in record.metadata.items() if k_ not in ("corrects", "corrected_to")},
            **({"event_time": target.metadata["event_time"]} if "event_time" in target.metadata else {})}
    fixed = record.model_copy(update={"content": content, "hash": content_hash(content), "attribute": target.attribute,
                                      "category": target.category, "metadata": meta})
    (point,) = yield from k.embed([fixed])
    return fixed, point


def _apply(k: Kernel, d: Decision, record: MemoryRecord, point: PointIn, now: datetime) -> Op[Settled]:
    target = d.target
    if d.action == "NONE":
        return [], []
    if d.action == "ADD" or target is None:
        yield from k.write([record], [point])
        return [record], [k.event(record, "ADD", at=now, new=record.content, reason=d.reason)]
    if d.action == "SEEN":
        seen = yield from k.mark_seen(target, now)
        merged_sources = list(dict.fromkeys(target.source_ids + record.source_ids))
        if merged_sources != target.source_ids:
            yield from call(k.backend.set_payload, "memories", [target.id], {"source_ids": merged_sources})
            seen = seen.model_copy(update={"source_ids": merged_sources})
        return [seen], [k.event(seen, "SEEN", at=now, count=seen.seen_count, reason=d.reason)]
    if d.action == "MERGE":
        content = d.content or target.content
        merged = target.model_copy(update={
            "content": content, "hash": content_hash(content), "updated_at": now,
            "source_ids": list(dict.fromkeys(target.source_ids + record.source_ids)),
            "seen_count": target.seen_count + 1, "last_seen_at": now,
            "confidence": max(target.confidence, record.confidence),
        })
        if content != target.content:
            (p,) = yield from k.embed([merged])
            yield from k.write([merged], [p])
        else:
            yield from call(k.backend.set_payload, "memories", [target.id], {
                "source_ids": merged.source_ids, "seen_count": merged.seen_count,
                "last_seen_at": iso(now), "updated_at": iso(now), "confidence": merged.confidence})
        details: dict[str, Any] = dict(d.details)  # the consolidator's own notes (e.g. the merged-in text)
        return [merged], [k.event(merged, "MERGE", at=now, old=target.content, new=content,
                                  reason=d.reason, **details)]
    if d.action == "SUPERSEDE":
        if d.content is not None and d.content != record.content:  # a correction: the old fact put right
            record, point = yield from _put_right(k, record, target, d.content)
        # write the new fact first: a crash in between leaves both current, never neither
        yield from k.write([record], [point])
        old, closed = yield from _close(k, target, record, record.observed_at, now, d.reason)
        return [record, old], [
            k.event(record, "ADD", at=now, new=record.content, reason=d.reason, supersedes=target.id), closed]
    raise ValidationError(f"unknown consolidation action {d.action!r}")
