"""The kernel every operation runs over: the store's state (settings, backend, embedder, extractor,
locks, clock, policy) and the I/O primitives the operations share (embed, write, log events, fetch,
extract). Operations are functions over a kernel in modules grouped by concern (``_writes``,
``_reads``, ``_derive``, ``_pending``, ``_summaries``, ``_maintenance``, ``_erasure``...); they import
this module and it imports none of them, so the import graph has no cycle (``tests/test_architecture``)."""

from __future__ import annotations

import copy
import json
import logging
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

from ._backends._base import Backend, PointIn
from ._config import Settings
from ._consolidation import Consolidator
from ._effects import Op, call
from ._embeddings import BM25Encoder, Embedder, check_vectors
from ._errors import AgentMemoryError, NotFoundError, ProviderError, StoreUnavailableError, ValidationError
from ._extraction import Candidate, ExtractionContext, Extractor, NoExtractor
from ._filters import IsEmpty, Node, Or, Range, all_of
from ._indexing import context_positions, index_texts, mix_context
from ._locks import KeyedLocks
from ._models import EventType, ExtractionInfo, MemoryEvent, MemoryRecord, Message
from ._payload import SeqClock, event_payload, internal_fields, to_payload, to_record
from ._policy import OWNER, Action, Actor, Policy, Target, check
from ._scope import Scope, shorten
from ._time import iso, utcnow

log = logging.getLogger("agent_memory")

_ID_NAMESPACE = uuid.UUID("6f1c2b1e-5d0a-4c1e-9a57-2d7f0f3c9b11")
_K = TypeVar("_K", bound="Kernel")


class Summarizer(Protocol):
    def summarize(self, texts: Sequence[str]) -> str: ...


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


def as_scope(sc: Scope | None) -> Scope:
    """The scope an id-addressed call (get/update/delete/history) is limited to; empty = unscoped."""
    return sc if sc is not None else Scope()


def message_id(sc: Scope, message: str) -> str:
    """The id of a message with a caller-given id: re-adding it is idempotent. The key is a JSON
    array, so no two (scope, message id) pairs share it (joined strings could)."""
    key = json.dumps([sc.user_id, sc.agent_id, sc.session_id, message])
    return str(uuid.uuid5(_ID_NAMESPACE, key))


class Kernel:
    """State and I/O primitives; every operation is a function over a kernel (``Memory`` holds one)."""

    def __init__(self, *, backend: Backend, embedder: Embedder, sparse: BM25Encoder, extractor: Extractor | None,
                 consolidator: Consolidator, settings: Settings, summarizer: Summarizer | None = None,
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
        self.root: Kernel = self  # the kernel that owns the backend (handles share it)

    def as_actor(self: _K, actor: Actor) -> _K:
        """A handle on the same store acting for ``actor`` (see ``_policy``)."""
        handle = copy.copy(self)
        handle.actor = actor
        return handle

    def permit(self, action: Action, records: Iterable[MemoryRecord] = (), *, scope: Scope | None = None,
               kind: str | None = None) -> None:
        """The write check every changing operation makes before its first write (``_policy``)."""
        targets = [Target(r.kind.value, r.category, r.agent_id) for r in records]
        if scope is not None:
            targets.append(Target(kind, None, scope.agent_id))
        check(self.policy, self.actor, action, targets)

    def ensure_open(self) -> None:
        if self.closed or self.root.closed:
            raise StoreUnavailableError("this Memory is closed")

    def embed(self, records: Sequence[MemoryRecord]) -> Op[list[PointIn]]:
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

    def embed_query(self, text: str) -> Op[list[float]]:
        try:
            return (yield from call(self.embedder.embed_query, text))
        except AgentMemoryError:
            raise
        except Exception as exc:
            raise ProviderError(f"embedder {self.embedder.name!r} failed: {exc}") from exc

    def write(self, records: Sequence[MemoryRecord], points: Sequence[PointIn], **internal: Any) -> Op[None]:
        """Upsert embedded records; ``internal`` payload fields (e.g. a queued extraction) ride along."""
        seqs = self.clock.take(len(records))
        for p, r, s in zip(points, records, seqs):
            p.payload = to_payload(r, s, **internal)
        yield from call(self.backend.upsert, "memories", list(points))

    def event(self, record: MemoryRecord, event: EventType, *, at: datetime, old: str | None = None,
              new: str | None = None, actor: str | None = None, **details: Any) -> MemoryEvent:
        # the actor is the handle's; an internal label ("summarizer") names the owner's own processes
        who = self.actor.name if self.actor is not OWNER else (actor or record.agent_id or "system")
        return MemoryEvent(id=str(uuid.uuid4()), memory_id=record.id, event=event, at=at, actor=who,
                           user_id=record.user_id, agent_id=record.agent_id, session_id=record.session_id,
                           old_content=old, new_content=new, details=details)

    def log_events(self, events: Sequence[MemoryEvent]) -> Op[None]:
        if events:
            points = [PointIn(e.id, event_payload(e, s)) for e, s in zip(events, self.clock.take(len(events)))]
            yield from call(self.backend.upsert, "events", points)

    def fetch(self, memory_id: str, sc: Scope | None = None) -> Op[MemoryRecord]:
        record, _ = yield from self.fetch_point(memory_id, sc)
        return record

    def fetch_point(self, memory_id: str, sc: Scope | None = None) -> Op[tuple[MemoryRecord, dict[str, Any]]]:
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

    def extract(self, msgs: list[Message], ctx: ExtractionContext) -> Op[tuple[list[Candidate], ExtractionInfo]]:
        """The extractor's candidates; a failing extractor derives nothing (the messages stay stored)."""
        name = getattr(self.extractor, "name", type(self.extractor).__name__)
        if not msgs:
            return [], ExtractionInfo(extractor=name)
        try:
            result = yield from call(self.extractor.extract, msgs, context=ctx)
        except AgentMemoryError as exc:
            log.warning("extraction with %s failed; messages stored without derived memories: %s", name, exc)
            return [], ExtractionInfo(extractor=name, warnings=[f"extraction failed: {exc}"])
        if isinstance(result, tuple):  # (candidates, ExtractionInfo) from extractors that report
            return list(result[0]), result[1]
        return list(result), ExtractionInfo(extractor=name)

    def mark_seen(self, record: MemoryRecord, now: datetime) -> Op[MemoryRecord]:
        count = record.seen_count + 1
        yield from call(self.backend.set_payload, "memories", [record.id],
                        {"seen_count": count, "last_seen_at": iso(now)})
        return record.model_copy(update={"seen_count": count, "last_seen_at": now})

