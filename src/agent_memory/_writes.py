"""The write operations (add, remember, update, delete, delete_all, purge, recover, import_, close)
as effect generators over a kernel (see ``_kernel``); ``Memory`` and ``AsyncMemory`` drive them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, NoReturn

from pydantic import ValidationError as PydanticValidationError

from . import _erasure as erasure
from . import _export as export
from . import _staging as staging
from . import _validate as v
from ._derive import candidate_record, derived_records, settle
from ._effects import Op, call
from ._errors import AgentMemoryError, ScopeError, ValidationError
from ._extraction import Candidate, ExtractionContext, NoExtractor
from ._guard import guard, merge_flags
from ._kernel import Kernel, as_scope, message_id
from ._message_objects import to_message_dict
from ._models import (
    AddResult,
    ErasureReceipt,
    ExtractionInfo,
    MemoryEvent,
    MemoryKind,
    MemoryRecord,
    Message,
    content_hash,
)
from ._payload import to_record
from ._pending import pending_fields
from ._scope import Scope, shorten
from ._screen import INJECTION
from ._summaries import on_messages_added
from ._time import iso, to_utc, utcnow


def _not_a_message(i: int, m: Any) -> NoReturn:
    raise ValidationError(f"message {i} must be a dict, a string or a chat message object (with a role "
                          f"or type, and content), got {type(m).__name__}")


def add(k: Kernel, messages: Any, *, user_id: str | None = None, agent_id: str | None = None,
        session_id: str | None = None, observed_at: Any = None, metadata: Any = None,
        infer: bool = True, defer: bool = False) -> Op[AddResult]:
    k.ensure_open()
    sc = Scope.of(user_id, agent_id, session_id)
    meta = v.metadata(metadata)
    call_time = to_utc(observed_at, field="observed_at")
    msgs = _messages(k, messages, call_time)
    now = utcnow()
    episodic = [_message_record(k, m, sc, meta, now) for m in msgs]

    existing = yield from call(k.backend.retrieve, "memories", [r.id for r in episodic])
    known = {p.id: to_record(p.id, p.payload) for p in existing}
    fresh = [r for r in episodic if r.id not in known]

    candidates: list[Candidate] = []
    roles = {r.source_ids[0]: r.role for r in fresh}
    info: ExtractionInfo | None = None
    queue: dict[str, Any] = {}  # defer: the episodic records carry the extraction queue marker
    if infer and not isinstance(k.extractor, NoExtractor):
        if defer:
            queue = pending_fields(call_time or now) if fresh else {}
            info = ExtractionInfo(extractor=getattr(k.extractor, "name", "extractor"), deferred=True)
        else:
            ctx = ExtractionContext(observed_at=call_time or now, **sc.fields())
            # the stored (guarded) text, never a flagged message: an injection derives nothing
            new_msgs = [m.model_copy(update={"id": r.source_ids[0], "content": r.content})
                        for m, r in zip(msgs, episodic) if r.id not in known and INJECTION not in r.flags]
            candidates, info = yield from k.extract(new_msgs, ctx)

    derived = derived_records(k, candidates, sc, meta, now, roles)
    summarises = bool(k.settings.summary_every and sc.session_id is not None)  # on_messages_added below
    k.permit("write", episodic + [r for _, r in derived], scope=sc if summarises else None,
                kind=MemoryKind.SUMMARY.value if summarises else None)
    # one embedding batch for the messages and what was extracted from them; a failure here
    # leaves nothing written
    points = yield from k.embed(fresh + [r for _, r in derived])
    points, derived_points = points[:len(fresh)], points[len(fresh):]
    events: list[MemoryEvent] = []
    touched: list[MemoryRecord] = []
    yield from k.write(fresh, points, **queue)
    for r in fresh:
        events.append(k.event(r, "ADD", at=now, new=r.content))
    touched.extend(fresh)
    for r in episodic:
        if r.id in known:
            seen = yield from k.mark_seen(known[r.id], now)
            touched.append(seen)
            events.append(k.event(seen, "SEEN", at=now, count=seen.seen_count))

    written, evs = yield from settle(k, derived, derived_points, sc.owner, now)
    touched.extend(written)
    events.extend(evs)
    yield from k.log_events(events)
    if k.settings.summary_every and fresh:  # session summaries every N messages
        yield from on_messages_added(k, sc, len(fresh))
    return AddResult(memories=touched, events=events, extraction=info)


def _messages(k: Kernel, messages: Any, call_time: datetime | None) -> list[Message]:
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
        v.content(m.get("content"), max_bytes=k.settings.max_content_bytes, field=f"message {i} content")
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


def _message_record(k: Kernel, m: Message, sc: Scope, meta: dict[str, Any], now: datetime) -> MemoryRecord:
    if m.id is not None:  # re-adding the same message is idempotent
        mid = message_id(sc, m.id)
        source = m.id
    else:
        mid = str(uuid.uuid4())
        source = mid
    observed = m.created_at or now
    text, flags = guard(m.content, k.settings, field="message content")
    return MemoryRecord(
        id=mid, content=text, kind=MemoryKind.EPISODIC, category="message", metadata=dict(meta),
        created_at=now, updated_at=now, observed_at=observed, valid_from=observed, source_ids=[source],
        role=m.role, name=m.name, hash=content_hash(text), last_seen_at=now, flags=flags, **sc.fields(),
    )


def remember(k: Kernel, content: str, *, kind: Any = "profile", category: str | None = None,
             user_id: str | None = None, agent_id: str | None = None, session_id: str | None = None,
             metadata: Any = None, observed_at: Any = None, attribute: str | None = None,
             confidence: float = 1.0) -> Op[MemoryRecord]:
    """Store an explicit fact; it goes through consolidation like an extracted one."""
    k.ensure_open()
    sc = Scope.of(user_id, agent_id, session_id)
    meta = v.metadata(metadata)
    text = v.content(content, max_bytes=k.settings.max_content_bytes)
    cand = Candidate(content=text, kind=v.kind(kind), category=v.category(category),
                     confidence=v.unit(confidence, "confidence"), attribute=v.label(attribute, "attribute"),
                     observed_at=to_utc(observed_at, field="observed_at"))
    now = utcnow()
    record = candidate_record(k, cand, sc, sc, meta, now)
    if record is None:  # every field was checked above; this is a bug, not bad input
        raise ValidationError("the memory could not be built from these arguments")
    pairs = [(cand, record)]
    k.permit("write", [record])
    points = yield from k.embed([record])
    written, events = yield from settle(k, pairs, points, sc, now)
    yield from k.log_events(events)
    return written[0]


def update(k: Kernel, memory_id: str, *, content: str | None = None, metadata: Any = None,
           scope: Scope | None = None, actor: str | None = None) -> Op[MemoryRecord]:
    k.ensure_open()
    scope = as_scope(scope)
    if content is None and metadata is None:
        raise ValidationError("nothing to update: pass content and/or metadata")
    text = v.content(content, max_bytes=k.settings.max_content_bytes) if content is not None else None
    flags: list[str] = []
    if text is not None:
        text, flags = guard(text, k.settings)
    meta = v.metadata(metadata) if metadata is not None else None
    record, internal = yield from k.fetch_point(memory_id, scope)
    k.permit("update", [record])
    now = utcnow()
    changes: dict[str, Any] = {"updated_at": now}
    if text is not None:
        changes.update(content=text, hash=content_hash(text),
                       flags=merge_flags(record.flags, flags, recompute=True))
    if meta is not None:  # merged; a key set to None is removed; the result is bounded too
        changes["metadata"] = v.metadata({key: val for key, val in {**record.metadata, **meta}.items()
                                          if val is not None})
    updated = record.model_copy(update=changes)  # scope fields are never among the changes
    if text is not None:
        (p,) = yield from k.embed([updated])
        yield from k.write([updated], [p], **internal)  # e.g. a deferred extraction stays queued
    else:
        yield from call(k.backend.set_payload, "memories", [record.id],
                        {"metadata": updated.metadata, "updated_at": iso(now)})
    details: dict[str, Any] = {"metadata_changed": meta is not None, **({"via": actor} if actor else {})}
    ev = k.event(updated, "UPDATE", at=now, old=record.content, new=updated.content, **details)
    yield from k.log_events([ev])
    return updated


def delete(k: Kernel, memory_id: str, *, scope: Scope | None = None,
           actor: str | None = None, purge: bool = False) -> Op[ErasureReceipt]:
    """Delete a memory and what was derived from it (see ``_erasure``)."""
    k.ensure_open()
    record = yield from k.fetch(memory_id, scope)
    k.permit("delete", [record])  # what was derived from it goes with it (see _erasure)
    plan = yield from erasure.plan_delete(k, record, actor)
    return (yield from erasure.run(k, plan, purge=purge))


def delete_all(k: Kernel, *, user_id: str | None = None, agent_id: str | None = None,
               session_id: str | None = None, actor: str | None = None,
               purge: bool = False) -> Op[ErasureReceipt]:
    """Delete every memory of a scope with its history, and what was derived from it elsewhere."""
    k.ensure_open()
    sc = Scope.of(user_id, agent_id, session_id)
    k.permit("delete", scope=sc)
    plan = yield from erasure.plan_delete_all(k, sc, actor)
    return (yield from erasure.run(k, plan, purge=purge))


def purge(k: Kernel) -> Op[bool]:
    """Rewrite the embedded store's files so deleted content leaves no bytes behind."""
    k.ensure_open()
    return bool((yield from call(k.backend.purge)))


def recover(k: Kernel) -> Op[int]:
    """Finish erasures and imports a crash interrupted (run when the store is opened)."""
    done = yield from staging.recover(k, lambda batch, events: _write_import(k, batch, events))
    return done + (yield from erasure.recover(k))


def import_(k: Kernel, records: Iterable[Mapping[str, Any] | MemoryRecord]) -> Op[int]:
    """Write exported records back, keeping ids, times, validity and provenance; re-embeds.
    Needs an admin handle: an import sets any confidence, category or validity. All or nothing
    for bad input: every record is read and checked (bounds, and that no id
    exists in another scope) before the first write, so a refused import changes nothing."""
    k.ensure_open()
    k.permit("admin")
    batch, events = _import_lines(k, records)
    size = k.settings.import_batch
    for start in range(0, len(batch), size):  # scope check of every batch first, then the writes
        existing = yield from call(k.backend.retrieve, "memories", [r.id for r in batch[start:start + size]])
        by_id = {r.id: r for r in batch[start:start + size]}
        for p in existing:
            if to_record(p.id, p.payload).scope != by_id[p.id].scope:
                raise ScopeError(f"memory {p.id} exists with another scope; import cannot move a memory "
                                 "to another user, agent or session")
    # staged durably and committed in one step first: a kill from here on is rolled forward on open
    staged = yield from staging.stage(k, batch, events)
    yield from _write_import(k, batch, events)
    yield from staging.clear(k, staged)
    return len(batch)


def _write_import(k: Kernel, batch: list[MemoryRecord], events: list[MemoryEvent]) -> Op[None]:
    """Write validated import lines; idempotent (ids are kept), so a committed import can be replayed."""
    size = k.settings.import_batch
    for start in range(0, len(batch), size):
        part = batch[start:start + size]
        points = yield from k.embed(part)
        yield from k.write(part, points)
        now = utcnow()
        yield from k.log_events([k.event(r, "IMPORT", at=now, new=r.content) for r in part])
    yield from export.import_events(k, events, {r.id: r for r in batch})


def _import_lines(k: Kernel, records: Any) -> tuple[list[MemoryRecord], list[MemoryEvent]]:
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
            _check_record(k, rec)
        except ValidationError as exc:
            raise type(exc)(f"record {i}: {exc}") from exc
        text, flags = guard(rec.content, k.settings, field=f"record {i} content")
        out[rec.id] = rec.model_copy(update={"content": text, "hash": content_hash(text),
                                             "flags": merge_flags(rec.flags, flags, recompute=False)})
    return list(out.values()), events


def _check_record(k: Kernel, rec: MemoryRecord) -> None:
    """Every bound a record written by ``add``/``remember`` would meet."""
    Scope.of(rec.user_id, rec.agent_id, rec.session_id)
    v.memory_id(rec.id, "id")
    v.content(rec.content, max_bytes=k.settings.max_content_bytes)
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


def close(k: Kernel) -> Op[None]:
    if k.root is not k:  # a handle (as_actor, read_only) closes only itself
        k.closed = True
        return
    if not k.closed:
        k.closed = True
        yield from call(k.backend.close)
        for part in (k.extractor, k.consolidator, k.embedder, k.summarizer):  # HTTP connections
            closer = getattr(part, "close", None)  # optional: the protocols do not require it
            if callable(closer):
                yield from call(closer)
