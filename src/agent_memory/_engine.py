"""The orchestration layer: every public operation, written once as an effect generator
(see ``_effects``) that both ``Memory`` and ``AsyncMemory`` drive."""

from __future__ import annotations

import base64
import json
import logging
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from . import _erasure as erasure
from . import _export as export
from . import _retrieval as retrieval
from . import _staging as staging
from . import _validate as v
from ._backends._base import Backend, HybridQuery, PointIn
from ._config import Settings
from ._consolidation import Consolidator, Decision, Neighbour
from ._effects import Op, call
from ._embeddings import BM25Encoder, Embedder, check_vectors
from ._errors import (
    AgentMemoryError,
    NotFoundError,
    ProviderError,
    ScopeError,
    StoreUnavailableError,
    ValidationError,
)
from ._extraction import Candidate, ExtractionContext, Extractor, NoExtractor
from ._filters import HasId, IsEmpty, Match, MatchAny, Node, Not, Or, Range, all_of
from ._guard import guard, merge_flags
from ._indexing import context_positions, index_texts, mix_context
from ._locks import KeyedLocks
from ._message_objects import to_message_dict
from ._models import (
    AddResult,
    ErasureReceipt,
    EventType,
    ExtractionInfo,
    MemoryEvent,
    MemoryKind,
    MemoryRecord,
    Message,
    Page,
    SearchHit,
    content_hash,
)
from ._payload import SeqClock, event_payload, internal_fields, to_event, to_payload, to_record
from ._pending import pending_fields, process_pending
from ._policy import OWNER, Actor, Policy, Target, check
from ._rounds import candidates
from ._scope import Scope, shorten
from ._screen import INJECTION, derived_flag
from ._time import iso, to_utc, utcnow

log = logging.getLogger("agent_memory")

_RAW_SIGNALS = frozenset({"dense_score", "sparse_score"})  # kept out of SearchHit.explanation
_ID_NAMESPACE = uuid.UUID("6f1c2b1e-5d0a-4c1e-9a57-2d7f0f3c9b11")


def current_filter(as_of: datetime | None, *, include_superseded: bool = False) -> Node | None:
    """Which memories are true: now (valid_to unset), or at ``as_of`` (its validity interval
    contains that instant). Expired memories (TTL) are hidden until maintenance deletes them."""
    not_expired = Or((IsEmpty("expires_at"), Range("expires_at", gt=iso(utcnow()), is_datetime=True)))
    if include_superseded:
        return not_expired
    if as_of is None:
        return all_of(IsEmpty("valid_to"), not_expired)
    t = iso(as_of)
    return all_of(
        Range("valid_from", lte=t, is_datetime=True),
        Or((IsEmpty("valid_to"), Range("valid_to", gt=t, is_datetime=True))),
        not_expired,
    )


def _derived_scope(sc: Mapping[str, str]) -> dict[str, str]:
    """Derived memories (facts about the subject) outlive the session they were said in."""
    return Scope.from_mapping(sc).owner.as_dict()


def as_scope(sc: Scope | Mapping[str, Any] | None) -> Scope:
    """The scope an id-addressed call (get/update/delete/history) is limited to; empty = unscoped."""
    return sc if isinstance(sc, Scope) else Scope.from_mapping(sc, required=False)


def message_id(sc: Mapping[str, str], message: str) -> str:
    """The id of a message with a caller-given id: re-adding it is idempotent. The key is a JSON
    array, so no two (scope, message id) pairs share it (joined strings could)."""
    key = json.dumps([sc.get("user_id"), sc.get("agent_id"), sc.get("session_id"), message])
    return str(uuid.uuid5(_ID_NAMESPACE, key))


def _bounded_or_none(check: Any, value: Any) -> Any:
    """An extractor's label (category, attribute) that is out of bounds is left out, keeping the
    fact (``remember`` and ``import_`` refuse such input instead: there it is the caller's)."""
    try:
        return check(value)
    except ValidationError as exc:
        log.warning("leaving out an extracted label out of bounds: %s", exc)
        return None


def _not_a_message(i: int, m: Any) -> dict[str, Any]:
    raise ValidationError(f"message {i} must be a dict, a string or a chat message object (with a role "
                          f"or type, and content), got {type(m).__name__}")


def _encode_cursor(seq: int, ids: list[str]) -> str:
    return base64.urlsafe_b64encode(json.dumps({"s": seq, "i": ids}).encode()).decode()


def _decode_cursor(cursor: Any) -> tuple[int, list[str]]:
    if not isinstance(cursor, str) or len(cursor) > 200_000:
        raise ValidationError(f"cursor must be a string from Page.next_cursor, got {shorten(cursor)}")
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        seq, ids = data["s"], data["i"]
        if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 2**63 or not isinstance(ids, list):
            raise TypeError("bad cursor fields")
        return seq, [str(uuid.UUID(i)) for i in ids]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # binascii.Error is a ValueError
        raise ValidationError(f"malformed cursor {shorten(cursor)}") from exc


class Engine:
    def __init__(self, *, backend: Backend, embedder: Embedder, sparse: BM25Encoder, extractor: Extractor | None,
                 consolidator: Consolidator, settings: Settings, summarizer: Any = None,
                 policy: Policy | None = None):
        self.backend = backend
        self.embedder = embedder
        self.sparse = sparse
        self.extractor: Extractor = extractor or NoExtractor()
        self.consolidator = consolidator
        self.settings = settings
        self.summarizer = summarizer  # None: the extractive default (see _summaries)
        self.clock = SeqClock()
        self.locks = KeyedLocks()  # consolidation: one decision at a time per tenant
        self.closed = False
        self.policy = policy
        self.actor = OWNER  # who this handle acts for (see as_actor)
        self.root = self  # the engine that owns the backend (handles share it)

    def as_actor(self, actor: Actor) -> Engine:
        """A handle on the same store acting for ``actor`` (see ``_policy``)."""
        import copy

        handle = copy.copy(self)
        handle.actor = actor
        return handle

    def _permit(self, action: Any, records: Iterable[MemoryRecord] = (), *, scope: Mapping[str, str] | None = None,
                kind: str | None = None) -> None:
        """The write check every changing operation makes before its first write (``_policy``)."""
        targets = [Target(r.kind.value, r.category, r.agent_id) for r in records]
        if scope is not None:
            targets.append(Target(kind, None, scope.get("agent_id")))
        check(self.policy, self.actor, action, targets)

    # ------------------------------------------------------------------ helpers
    def _open(self) -> None:
        if self.closed or self.root.closed:
            raise StoreUnavailableError("this Memory is closed")

    def _embed(self, records: Sequence[MemoryRecord]) -> Op[list[PointIn]]:
        """Dense + sparse vectors for records about to be written (one batch per call)."""
        if not records:
            return []
        texts, sparse_texts = index_texts(records, self.settings)
        try:
            dense = yield from call(self.embedder.embed_documents, texts)
        except AgentMemoryError:
            raise
        except Exception as exc:  # a user-supplied embedder: translate at this boundary
            raise ProviderError(f"embedder {self.embedder.name!r} failed: {exc}") from exc
        check_vectors(self.embedder.name, self.embedder.dim, dense, len(records))
        if self.settings.context_vector_weight > 0:
            dense = mix_context(dense, context_positions(records, self.settings), self.settings.context_vector_weight)
        sparse = self.sparse.encode_documents(sparse_texts)  # pure CPU, microseconds per text
        return [PointIn(r.id, {}, d, s) for r, d, s in zip(records, dense, sparse)]

    def _write(self, records: Sequence[MemoryRecord], points: Sequence[PointIn], **internal: Any) -> Op[None]:
        seqs = self.clock.take(len(records))
        for p, r, s in zip(points, records, seqs):
            p.payload = to_payload(r, s, **internal)
        yield from call(self.backend.upsert, "memories", list(points))

    def _event(self, record: MemoryRecord, event: EventType, *, at: datetime, old: str | None = None,
               new: str | None = None, actor: str | None = None, **details: Any) -> MemoryEvent:
        # the actor is the handle's; an internal label ("summarizer") names the owner's own processes
        who = self.actor.name if self.actor is not OWNER else (actor or record.agent_id or "system")
        return MemoryEvent(id=str(uuid.uuid4()), memory_id=record.id, event=event, at=at, actor=who,
                           user_id=record.user_id, agent_id=record.agent_id, session_id=record.session_id,
                           old_content=old, new_content=new, details=details)

    def _log_events(self, events: Sequence[MemoryEvent]) -> Op[None]:
        if events:
            points = [PointIn(e.id, event_payload(e, s)) for e, s in zip(events, self.clock.take(len(events)))]
            yield from call(self.backend.upsert, "events", points)

    def _fetch(self, memory_id: str, sc: Scope | Mapping[str, str] | None = None) -> Op[MemoryRecord]:
        record, _ = yield from self._fetch_point(memory_id, sc)
        return record

    def _fetch_point(self, memory_id: str, sc: Scope | Mapping[str, str] | None = None
                     ) -> Op[tuple[MemoryRecord, dict]]:
        """The record and its internal payload fields; outside the scope (when one is given) it
        is reported as not found, exactly like a missing id."""
        scope = as_scope(sc)
        if not isinstance(memory_id, str) or not memory_id:
            raise ValidationError("memory id must be a non-empty string")
        try:
            uuid.UUID(memory_id)
        except ValueError as exc:
            raise NotFoundError(f"no memory with id {shorten(memory_id)}") from exc
        found = yield from call(self.backend.retrieve, "memories", [memory_id])
        if not found:
            raise NotFoundError(f"no memory with id {memory_id!r}")
        record = to_record(found[0].id, found[0].payload)
        if scope and not scope.contains(record):
            raise NotFoundError(f"no memory with id {memory_id!r} in this scope")
        return record, internal_fields(found[0].payload)

    # ------------------------------------------------------------------ writes
    def add(self, messages: Any, *, user_id: str | None = None, agent_id: str | None = None,
            session_id: str | None = None, observed_at: Any = None, metadata: Any = None,
            infer: bool = True, defer: bool = False) -> Op[AddResult]:
        self._open()
        sc = v.scope(user_id, agent_id, session_id)
        meta = v.metadata(metadata)
        call_time = to_utc(observed_at, field="observed_at")
        msgs = self._messages(messages, call_time)
        now = utcnow()
        episodic = [self._message_record(m, sc, meta, now) for m in msgs]

        existing = yield from call(self.backend.retrieve, "memories", [r.id for r in episodic])
        known = {p.id: to_record(p.id, p.payload) for p in existing}
        fresh = [r for r in episodic if r.id not in known]

        candidates: list[Candidate] = []
        roles = {r.source_ids[0]: r.role for r in fresh}
        info: ExtractionInfo | None = None
        queue: dict[str, Any] = {}  # defer: the episodic records carry the extraction queue marker
        if infer and not isinstance(self.extractor, NoExtractor):
            if defer:
                queue = pending_fields(call_time or now) if fresh else {}
                info = ExtractionInfo(extractor=getattr(self.extractor, "name", "extractor"), deferred=True)
            else:
                ctx = ExtractionContext(observed_at=call_time or now, **sc)
                # the stored (guarded) text, never a flagged message: an injection derives nothing
                new_msgs = [m.model_copy(update={"id": r.source_ids[0], "content": r.content})
                            for m, r in zip(msgs, episodic) if r.id not in known and INJECTION not in r.flags]
                candidates, info = yield from self._extract(new_msgs, ctx)

        derived = self._derived_records(candidates, sc, meta, now, roles)
        summarises = bool(self.settings.summary_every and "session_id" in sc)  # on_messages_added below
        self._permit("write", episodic + [r for _, r in derived],
                     **({"scope": sc, "kind": MemoryKind.SUMMARY.value} if summarises else {}))
        # one embedding batch for the messages and what was extracted from them; a failure here
        # leaves nothing written
        points = yield from self._embed(fresh + [r for _, r in derived])
        points, derived_points = points[:len(fresh)], points[len(fresh):]
        events: list[MemoryEvent] = []
        touched: list[MemoryRecord] = []
        yield from self._write(fresh, points, **queue)
        for r in fresh:
            events.append(self._event(r, "ADD", at=now, new=r.content))
        touched.extend(fresh)
        for r in episodic:
            if r.id in known:
                seen = yield from self._mark_seen(known[r.id], now)
                touched.append(seen)
                events.append(self._event(seen, "SEEN", at=now, count=seen.seen_count))

        written, evs = yield from self._settle(derived, derived_points, _derived_scope(sc), now)
        touched.extend(written)
        events.extend(evs)
        yield from self._log_events(events)
        if self.settings.summary_every and fresh:  # session summaries every N messages
            from ._summaries import on_messages_added
            yield from on_messages_added(self, sc, len(fresh))
        return AddResult(memories=touched, events=events, extraction=info)

    def _derived_records(self, candidates: Sequence[Candidate], sc: Mapping[str, str], meta: dict[str, Any],
                         now: datetime, roles: Mapping[str, str | None] | None = None,
                         ) -> list[tuple[Candidate, MemoryRecord]]:
        """The records extracted candidates would be written as, in the scope derived memories
        live in (inline and deferred extraction share this). ``roles`` (source id -> role)
        marks facts derived from assistant/tool messages, which are never pinned; a candidate
        the screen flags is dropped (an extractor can be talked into writing one)."""
        derived_scope = _derived_scope(sc)
        pairs = [(c, r) for c in candidates if (r := self._candidate_record(c, derived_scope, sc, meta, now, roles))]
        return [(c, r) for c, r in pairs if INJECTION not in r.flags]

    def _derive(self, candidates: Sequence[Candidate], sc: Mapping[str, str], meta: dict[str, Any],
                now: datetime, roles: Mapping[str, str | None] | None = None,
                ) -> Op[tuple[list[MemoryRecord], list[MemoryEvent]]]:
        pairs = self._derived_records(candidates, sc, meta, now, roles)
        self._permit("write", [r for _, r in pairs])
        points = yield from self._embed([r for _, r in pairs])
        return (yield from self._settle(pairs, points, _derived_scope(sc), now))

    def process_pending(self, limit: int | None = None) -> Op[int]:
        return (yield from process_pending(self, limit))

    def _messages(self, messages: Any, call_time: datetime | None) -> list[Message]:
        if isinstance(messages, str):
            messages = [{"role": "user", "content": messages}]
        elif isinstance(messages, (Mapping, Message)) or to_message_dict(messages) is not None:
            messages = [messages]
        if not isinstance(messages, Iterable):
            raise ValidationError("messages must be a string, a message dict or a list of them")
        out = []
        for i, m in enumerate(messages):
            if isinstance(m, str):
                m = {"role": "user", "content": m}
            elif isinstance(m, Message):
                m = m.model_dump(exclude_none=True)
            elif not isinstance(m, Mapping):  # a LangChain / LlamaIndex message object, duck-typed
                m = to_message_dict(m) or _not_a_message(i, m)
            v.content(m.get("content"), max_bytes=self.settings.max_content_bytes, field=f"message {i} content")
            v.role(m.get("role", "user"))
            v.label(m.get("name"), f"message {i} name", controls=True)
            v.label(m.get("id"), f"message {i} id")
            try:
                msg = Message.model_validate(dict(m))
            except (PydanticValidationError, TypeError, ValueError) as exc:
                raise ValidationError(f"message {i} is malformed: {shorten(str(exc), 200)}") from exc
            created = msg.created_at or call_time
            out.append(msg.model_copy(update={"created_at": created, "id": msg.id}))
        if not out:
            raise ValidationError("no messages to add")
        return out

    def _message_record(self, m: Message, sc: Mapping[str, str], meta: dict[str, Any], now: datetime) -> MemoryRecord:
        if m.id is not None:  # re-adding the same message is idempotent
            mid = message_id(sc, m.id)
            source = m.id
        else:
            mid = str(uuid.uuid4())
            source = mid
        observed = m.created_at or now
        text, flags = guard(m.content, self.settings, field="message content")
        return MemoryRecord(
            id=mid, content=text, kind=MemoryKind.EPISODIC, category="message", metadata=dict(meta),
            created_at=now, updated_at=now, observed_at=observed, valid_from=observed, source_ids=[source],
            role=m.role, name=m.name, hash=content_hash(text), last_seen_at=now, flags=flags, **sc,
        )

    def _extract(self, msgs: list[Message], ctx: ExtractionContext) -> Op[tuple[list[Candidate], ExtractionInfo]]:
        name = getattr(self.extractor, "name", type(self.extractor).__name__)
        if not msgs:
            return [], ExtractionInfo(extractor=name)
        try:
            result = yield from call(self.extractor.extract, msgs, context=ctx)
        except AgentMemoryError as exc:  # the messages are stored regardless
            log.warning("extraction with %s failed; messages stored without derived memories: %s", name, exc)
            return [], ExtractionInfo(extractor=name, warnings=[f"extraction failed: {exc}"])
        if isinstance(result, tuple):  # (candidates, ExtractionInfo) from extractors that report
            return list(result[0]), result[1]
        return list(result), ExtractionInfo(extractor=name)

    def _mark_seen(self, record: MemoryRecord, now: datetime) -> Op[MemoryRecord]:
        update = {"seen_count": record.seen_count + 1, "last_seen_at": now}
        yield from call(self.backend.set_payload, "memories", [record.id],
                        {"seen_count": update["seen_count"], "last_seen_at": iso(now)})
        return record.model_copy(update=update)

    def _neighbours(self, cand: Candidate, vector: list[float], sc: Mapping[str, str]) -> Op[list[Neighbour]]:
        base = all_of(v.scope_filter(sc), Match("kind", cand.kind.value), current_filter(None),
                      Not(Match("category", "message")))  # a stored message is never merged into
        near = yield from call(self.backend.nearest, vector, base, self.settings.consolidation_neighbours)
        found: dict[str, Neighbour] = {p.id: Neighbour(to_record(p.id, p.payload), p.score) for p in near}
        exact = [Match("hash", content_hash(cand.content))]
        if cand.attribute:
            exact.append(Match("attribute", cand.attribute))
        same = yield from call(self.backend.scroll, "memories", all_of(base, Or(tuple(exact))),
                               self.settings.consolidation_neighbours)
        if cand.ends is not None and cand.ends.attribute:  # the fact a closing statement ends, of any kind
            same += yield from call(self.backend.scroll, "memories", all_of(
                v.scope_filter(sc), current_filter(None), Match("attribute", cand.ends.attribute)),
                self.settings.consolidation_neighbours)
        for p in same:
            found.setdefault(p.id, Neighbour(to_record(p.id, p.payload), 1.0))
        return list(found.values())

    def _candidate_record(self, cand: Candidate, sc: Mapping[str, str], call_scope: Mapping[str, str],
                          meta: dict[str, Any], now: datetime,
                          roles: Mapping[str, str | None] | None = None) -> MemoryRecord | None:
        try:
            text = v.content(cand.content, max_bytes=self.settings.max_content_bytes)
            v.unit(cand.confidence, "confidence")
            metadata = v.metadata({**meta, **cand.metadata})
        except ValidationError as exc:
            log.warning("dropping an extracted memory out of bounds: %s", exc)
            return None
        text, flags = guard(text, self.settings)
        flags += sorted({f for s in cand.source_ids if (f := derived_flag((roles or {}).get(s, "user")))})
        category = _bounded_or_none(v.category, cand.category)
        attribute = _bounded_or_none(lambda a: v.label(a, "attribute"), cand.attribute)
        observed = cand.observed_at or now
        return MemoryRecord(
            id=str(uuid.uuid4()), content=text, kind=cand.kind, category=category,
            metadata={**metadata, **({"subject": cand.subject} if cand.subject else {}),
                      **({"event_time": iso(cand.event_time)} if cand.event_time else {}),
                      **({"origin_session_id": call_scope["session_id"]}
                         if "session_id" in call_scope and "session_id" not in sc else {})},
            created_at=now, updated_at=now, observed_at=observed, valid_from=observed,
            source_ids=list(dict.fromkeys(cand.source_ids)), hash=content_hash(text),
            confidence=cand.confidence, attribute=attribute, last_seen_at=now, flags=flags, **sc,
        )

    def _settle(self, pairs: Sequence[tuple[Candidate, MemoryRecord]], points: Sequence[PointIn],
                sc: Mapping[str, str], now: datetime) -> Op[tuple[list[MemoryRecord], list[MemoryEvent]]]:
        """Every candidate (already embedded) meets its neighbours and the consolidator's decision
        is applied, one after the other (a later candidate sees what an earlier one wrote). Reading
        the neighbours and writing the decision hold the tenant's lock (see ``_locks``), so
        concurrent writers in this process never both act on the same neighbours."""
        touched: list[MemoryRecord] = []
        events: list[MemoryEvent] = []
        # one lock per tenant: a user's scopes overlap (a (user, agent) read sees that user's
        # sessions), and so do user-less ones (a session-only read sees every agent's), so they share one
        key = ("consolidate", Scope.from_mapping(sc).user_id)
        for (cand, record), point in zip(pairs, points):
            cand = cand.model_copy(update={"content": record.content})  # the guarded text, never the raw one
            yield from call(self.locks.acquire, key)
            try:
                neighbours = yield from self._neighbours(cand, point.dense or [], sc)
                decision: Decision = yield from call(self.consolidator.decide, cand, neighbours)
                written, evs = yield from self._apply(decision, record, point, now)
            finally:
                self.locks.release(key)
            touched.extend(written)
            events.extend(evs)
        return touched, events

    def _apply(self, d: Decision, record: MemoryRecord, point: PointIn,
               now: datetime) -> Op[tuple[list[MemoryRecord], list[MemoryEvent]]]:
        target = d.target
        if d.action == "NONE":
            return [], []
        if d.action == "ADD" or target is None:
            yield from self._write([record], [point])
            return [record], [self._event(record, "ADD", at=now, new=record.content, reason=d.reason)]
        if d.action == "SEEN":
            seen = yield from self._mark_seen(target, now)
            merged_sources = list(dict.fromkeys(target.source_ids + record.source_ids))
            if merged_sources != target.source_ids:
                yield from call(self.backend.set_payload, "memories", [target.id], {"source_ids": merged_sources})
                seen = seen.model_copy(update={"source_ids": merged_sources})
            return [seen], [self._event(seen, "SEEN", at=now, count=seen.seen_count, reason=d.reason)]
        if d.action == "MERGE":
            content = d.content or target.content
            merged = target.model_copy(update={
                "content": content, "hash": content_hash(content), "updated_at": now,
                "source_ids": list(dict.fromkeys(target.source_ids + record.source_ids)),
                "seen_count": target.seen_count + 1, "last_seen_at": now,
                "confidence": max(target.confidence, record.confidence),
            })
            if content != target.content:
                (p,) = yield from self._embed([merged])
                yield from self._write([merged], [p])
            else:
                yield from call(self.backend.set_payload, "memories", [target.id], {
                    "source_ids": merged.source_ids, "seen_count": merged.seen_count,
                    "last_seen_at": iso(now), "updated_at": iso(now), "confidence": merged.confidence})
            return [merged], [self._event(merged, "MERGE", at=now, old=target.content, new=content,
                                          reason=d.reason, **d.details)]
        if d.action == "SUPERSEDE":
            # write the new fact first: a crash in between leaves both current, never neither
            yield from self._write([record], [point])
            ends = max(record.observed_at, target.valid_from)
            yield from call(self.backend.set_payload, "memories", [target.id],
                            {"valid_to": iso(ends), "superseded_by": record.id, "updated_at": iso(now)})
            old = target.model_copy(update={"valid_to": ends, "superseded_by": record.id, "updated_at": now})
            return [record, old], [
                self._event(record, "ADD", at=now, new=record.content, reason=d.reason, supersedes=target.id),
                self._event(old, "SUPERSEDE", at=now, old=target.content, new=record.content,
                            reason=d.reason, superseded_by=record.id),
            ]
        raise ValidationError(f"unknown consolidation action {d.action!r}")

    def remember(self, content: str, *, kind: Any = "profile", category: str | None = None,
                 user_id: str | None = None, agent_id: str | None = None, session_id: str | None = None,
                 metadata: Any = None, observed_at: Any = None, attribute: str | None = None,
                 confidence: float = 1.0) -> Op[MemoryRecord]:
        """Store an explicit fact; it goes through consolidation like an extracted one."""
        self._open()
        sc = v.scope(user_id, agent_id, session_id)
        meta = v.metadata(metadata)
        text = v.content(content, max_bytes=self.settings.max_content_bytes)
        cand = Candidate(content=text, kind=v.kind(kind), category=v.category(category),
                         confidence=v.unit(confidence, "confidence"), attribute=v.label(attribute, "attribute"),
                         observed_at=to_utc(observed_at, field="observed_at"))
        now = utcnow()
        record = self._candidate_record(cand, sc, sc, meta, now)
        if record is None:  # every field was checked above; this is a bug, not bad input
            raise ValidationError("the memory could not be built from these arguments")
        pairs = [(cand, record)]
        self._permit("write", [record])
        points = yield from self._embed([record])
        written, events = yield from self._settle(pairs, points, sc, now)
        yield from self._log_events(events)
        return written[0]

    def update(self, memory_id: str, *, content: str | None = None, metadata: Any = None,
               scope: Scope | Mapping[str, str] | None = None, actor: str | None = None) -> Op[MemoryRecord]:
        self._open()
        scope = as_scope(scope)
        if content is None and metadata is None:
            raise ValidationError("nothing to update: pass content and/or metadata")
        text = v.content(content, max_bytes=self.settings.max_content_bytes) if content is not None else None
        flags: list[str] = []
        if text is not None:
            text, flags = guard(text, self.settings)
        meta = v.metadata(metadata) if metadata is not None else None
        record, internal = yield from self._fetch_point(memory_id, scope)
        self._permit("update", [record])
        now = utcnow()
        changes: dict[str, Any] = {"updated_at": now}
        if text is not None:
            changes.update(content=text, hash=content_hash(text),
                           flags=merge_flags(record.flags, flags, recompute=True))
        if meta is not None:  # merged; a key set to None is removed; the result is bounded too
            changes["metadata"] = v.metadata({k: val for k, val in {**record.metadata, **meta}.items()
                                              if val is not None})
        updated = record.model_copy(update=changes)  # scope fields are never among the changes
        if text is not None:
            (p,) = yield from self._embed([updated])
            yield from self._write([updated], [p], **internal)  # e.g. a deferred extraction stays queued
        else:
            yield from call(self.backend.set_payload, "memories", [record.id],
                            {"metadata": updated.metadata, "updated_at": iso(now)})
        ev = self._event(updated, "UPDATE", at=now, old=record.content, new=updated.content,
                         metadata_changed=meta is not None, **({"via": actor} if actor else {}))
        yield from self._log_events([ev])
        return updated

    def delete(self, memory_id: str, *, scope: Mapping[str, str] | None = None,
               actor: str | None = None, purge: bool = False) -> Op[ErasureReceipt]:
        """Delete a memory and what was derived from it (see ``_erasure``)."""
        self._open()
        record = yield from self._fetch(memory_id, scope)
        self._permit("delete", [record])  # what was derived from it goes with it (see _erasure)
        plan = yield from erasure.plan_delete(self, record, actor)
        return (yield from erasure.run(self, plan, purge=purge))

    def delete_all(self, *, user_id: str | None = None, agent_id: str | None = None,
                   session_id: str | None = None, actor: str | None = None,
                   purge: bool = False) -> Op[ErasureReceipt]:
        """Delete every memory of a scope with its history, and what was derived from it elsewhere."""
        self._open()
        sc = v.scope(user_id, agent_id, session_id)
        self._permit("delete", scope=sc)
        plan = yield from erasure.plan_delete_all(self, sc, actor)
        return (yield from erasure.run(self, plan, purge=purge))

    def purge(self) -> Op[bool]:
        """Rewrite the embedded store's files so deleted content leaves no bytes behind."""
        self._open()
        return bool((yield from call(self.backend.purge)))

    def recover(self) -> Op[int]:
        """Finish erasures and imports a crash interrupted (run when the store is opened)."""
        done = yield from staging.recover(self, self._write_import)
        return done + (yield from erasure.recover(self))

    def import_(self, records: Iterable[Mapping[str, Any] | MemoryRecord]) -> Op[int]:
        """Write exported records back, keeping ids, times, validity and provenance; re-embeds.
        Needs an admin handle: an import sets any confidence, category or validity. All or nothing
        for bad input: every record is read and checked (bounds, and that no id
        exists in another scope) before the first write, so a refused import changes nothing."""
        self._open()
        self._permit("admin")
        batch, events = self._import_lines(records)
        size = self.settings.import_batch
        for start in range(0, len(batch), size):  # scope check of every batch first, then the writes
            existing = yield from call(self.backend.retrieve, "memories", [r.id for r in batch[start:start + size]])
            by_id = {r.id: r for r in batch[start:start + size]}
            for p in existing:
                if to_record(p.id, p.payload).scope != by_id[p.id].scope:
                    raise ScopeError(f"memory {p.id} exists with another scope; import cannot move a memory "
                                     "to another user, agent or session")
        # staged durably and committed in one step first: a kill from here on is rolled forward on open
        staged = yield from staging.stage(self, batch, events)
        yield from self._write_import(batch, events)
        yield from staging.clear(self, staged)
        return len(batch)

    def _write_import(self, batch: list[MemoryRecord], events: list[MemoryEvent]) -> Op[None]:
        """Write validated import lines; idempotent (ids are kept), so a committed import can be replayed."""
        size = self.settings.import_batch
        for start in range(0, len(batch), size):
            part = batch[start:start + size]
            points = yield from self._embed(part)
            yield from self._write(part, points)
            now = utcnow()
            yield from self._log_events([self._event(r, "IMPORT", at=now, new=r.content) for r in part])
        yield from export.import_events(self, events, {r.id: r for r in batch})

    def _import_lines(self, records: Any) -> tuple[list[MemoryRecord], list[MemoryEvent]]:
        """The records and history lines of an import, every one checked; nothing is written here."""
        if isinstance(records, (str, bytes, Mapping, MemoryRecord)) or not isinstance(records, Iterable):
            raise ValidationError(f"import_ takes a list of records, got {type(records).__name__}")
        out: dict[str, MemoryRecord] = {}
        events: list[MemoryEvent] = []  # history lines of a complete export (see _export)
        try:
            raw_records = list(records)  # materialised: a generator that fails half-way writes nothing
        except AgentMemoryError:
            raise
        except Exception as exc:
            raise ValidationError(f"the records could not be read: {shorten(str(exc), 200)}") from exc
        for i, raw in enumerate(raw_records):
            kind, raw = export.line_type(raw)
            if kind == export.EVENT:
                events.append(export.parse_event(raw, i))
                continue
            try:
                rec = raw if isinstance(raw, MemoryRecord) else MemoryRecord.model_validate(dict(raw))
            except (PydanticValidationError, TypeError, ValueError) as exc:
                raise ValidationError(f"record {i} is not a valid memory: {shorten(str(exc), 200)}") from exc
            try:
                self._check_record(rec)
            except ValidationError as exc:
                raise type(exc)(f"record {i}: {exc}") from exc
            text, flags = guard(rec.content, self.settings, field=f"record {i} content")
            out[rec.id] = rec.model_copy(update={"content": text, "hash": content_hash(text),
                                                 "flags": merge_flags(rec.flags, flags, recompute=False)})
        return list(out.values()), events

    def _check_record(self, rec: MemoryRecord) -> None:
        """Every bound a record written by ``add``/``remember`` would meet."""
        v.scope(rec.user_id, rec.agent_id, rec.session_id)
        v.memory_id(rec.id, "id")
        v.content(rec.content, max_bytes=self.settings.max_content_bytes)
        v.metadata(rec.metadata)
        v.category(rec.category)
        v.label(rec.attribute, "attribute")
        v.role(rec.role)
        v.label(rec.name, "name", controls=True)
        v.unit(rec.confidence, "confidence")
        v.unit(rec.importance, "importance")
        v.source_ids(rec.source_ids)
        if rec.superseded_by is not None:
            v.memory_id(rec.superseded_by, "superseded_by")
        if not 1 <= rec.seen_count <= v.MAX_SAFE_INT:
            raise ValidationError(f"seen_count {rec.seen_count} is out of range")

    # ------------------------------------------------------------------ reads
    def get(self, memory_id: str, *, scope: Scope | Mapping[str, str] | None = None) -> Op[MemoryRecord]:
        self._open()
        return (yield from self._fetch(memory_id, scope))

    def search(self, query: str, *, user_id: str | None = None, agent_id: str | None = None,
               session_id: str | None = None, kinds: Any = None, filters: Mapping[str, Any] | None = None,
               limit: int = 10, as_of: Any = None, include_superseded: bool = False,
               all_scopes: bool = False) -> Op[list[SearchHit]]:
        self._open()
        text = v.content(query, max_bytes=self.settings.max_content_bytes, field="query")
        flt = self._read_filter(user_id, agent_id, session_id, kinds, filters, as_of, include_superseded,
                                all_scopes)
        v.limit(limit)
        try:
            vector = yield from call(self.embedder.embed_query, text)
        except AgentMemoryError:
            raise
        except Exception as exc:
            raise ProviderError(f"embedder {self.embedder.name!r} failed: {exc}") from exc
        s = self.settings
        pool = retrieval.pool_size(s, limit)
        hq = HybridQuery(dense=vector, sparse=self.sparse.encode_query(text), filter=flt, limit=pool,
                         candidates=max(s.search_candidates, pool), weights=s.fusion_weights, rrf_k=s.rrf_k,
                         explain=s.explain)
        hits = yield from candidates(self, hq, text)
        fusion = "rrf" if hq.sparse and hq.sparse.indices else "dense"
        # ranks within this scope's results and the fused score, never the raw per-signal scores:
        # BM25 statistics are collection-wide, so a raw sparse score reflects other tenants' words
        return [SearchHit(memory=to_record(r.point.id, r.point.payload), score=r.score,
                          explanation={"fusion": fusion, **{k: x for k, x in r.point.signals.items()
                                                            if k not in _RAW_SIGNALS}, **r.signals})
                for r in retrieval.rank(text, hits, limit, s)]

    def _read_filter(self, user_id: str | None, agent_id: str | None, session_id: str | None, kinds: Any,
                     filters: Mapping[str, Any] | None, as_of: Any, include_superseded: bool,
                     all_scopes: bool) -> Node | None:
        sc = v.scope(user_id, agent_id, session_id, required=not all_scopes)
        ks = v.kinds(kinds)
        return all_of(
            v.scope_filter(sc),
            MatchAny("kind", tuple(k.value for k in ks)) if ks else None,
            current_filter(to_utc(as_of, field="as_of"), include_superseded=include_superseded),
            v.filters(filters),
        )

    def list(self, *, user_id: str | None = None, agent_id: str | None = None, session_id: str | None = None,
             kinds: Any = None, filters: Mapping[str, Any] | None = None, limit: int = 100,
             cursor: str | None = None, as_of: Any = None, include_superseded: bool = False,
             all_scopes: bool = False) -> Op[Page]:
        self._open()
        v.limit(limit)
        flt = self._read_filter(user_id, agent_id, session_id, kinds, filters, as_of, include_superseded,
                                all_scopes)
        if cursor is not None:
            seq, seen = _decode_cursor(cursor)
            flt = all_of(flt, Range("seq", lte=float(seq)), Not(HasId(tuple(seen))) if seen else None)
        points = yield from call(self.backend.scroll, "memories", flt, limit + 1)
        more = len(points) > limit
        points = points[:limit]
        items = [to_record(p.id, p.payload) for p in points]
        next_cursor = None
        if more and points:
            last = int(points[-1].payload["seq"])
            tied = [p.id for p in points if int(p.payload["seq"]) == last]
            next_cursor = _encode_cursor(last, tied)
        return Page(items=items, next_cursor=next_cursor)

    def history(self, memory_id: str, *, scope: Scope | Mapping[str, str] | None = None
                ) -> Op[list[MemoryEvent]]:
        self._open()
        sc = as_scope(scope)
        if not isinstance(memory_id, str) or not memory_id:
            raise ValidationError("memory id must be a non-empty string")
        if len(memory_id) > v.MAX_LABEL:
            raise NotFoundError(f"no history for memory {shorten(memory_id)}")
        flt = all_of(Match("memory_id", memory_id), sc.filter())  # events carry their memory's scope
        points = yield from call(self.backend.scroll, "events", flt, 10_000, descending=False)
        if not points:
            raise NotFoundError(f"no history for memory {shorten(memory_id)}")
        return [to_event(p.id, p.payload) for p in points]

    def stats(self, *, user_id: str | None = None, agent_id: str | None = None,
              session_id: str | None = None, all_scopes: bool = False) -> Op[dict[str, Any]]:
        """Counts within a scope; over every tenant (``by_user`` listing them) only with ``all_scopes``."""
        self._open()
        sc = v.scope(user_id, agent_id, session_id, required=not all_scopes)
        flt = v.scope_filter(sc)
        total = yield from call(self.backend.count, "memories", flt)
        current = yield from call(self.backend.count, "memories", all_of(flt, IsEmpty("valid_to")))
        kinds = yield from call(self.backend.facet, "memories", "kind", flt)
        users = yield from call(self.backend.facet, "memories", "user_id", flt)
        return {"total": total, "current": current, "superseded": total - current, "by_kind": kinds,
                "by_user": users}

    def close(self) -> Op[None]:
        if self.root is not self:  # a handle (as_actor, read_only) closes only itself
            self.closed = True
            return
        if not self.closed:
            self.closed = True
            yield from call(self.backend.close)
            for part in (self.extractor, self.consolidator, self.embedder, self.summarizer):  # HTTP connections
                if callable(getattr(part, "close", None)):
                    yield from call(part.close)
