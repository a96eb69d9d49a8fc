"""Deferred extraction: ``add(..., defer=True)`` stores the messages at once and queues the
extraction; ``process_pending()`` runs it later through the same engine code as inline extraction.

The queue lives in the store itself, so a crash loses nothing: every episodic record of a
deferred ``add`` carries ``extract_pending = <batch id>`` (keyword-indexed) and the call time in
``extract_observed_at``. Processing a batch extracts, consolidates, then clears the marker; a
crash in between re-runs the batch, and consolidation turns the repeats into SEEN, not copies.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from ._derive import derive
from ._effects import Op, call
from ._extraction import ExtractionContext
from ._filters import IsEmpty, Match, Not
from ._kernel import Kernel
from ._models import MemoryRecord, Message
from ._payload import to_record
from ._scope import Scope
from ._screen import INJECTION
from ._time import iso, to_utc, utcnow

PENDING = "extract_pending"  # payload field: the batch id of a queued extraction
PENDING_AT = "extract_observed_at"  # payload field: the observed_at of the deferred call
_BATCH_LIMIT = 10_000  # messages of one add call (an add is one batch)


def pending_fields(observed_at: datetime) -> dict[str, Any]:
    """Internal payload fields that queue the records of one ``add`` for extraction."""
    return {PENDING: uuid.uuid4().hex, PENDING_AT: iso(observed_at)}


def as_message(r: MemoryRecord) -> Message:
    """A stored message record as the extractor reads it (deferred extraction and erasure's re-derivation)."""
    return Message(role=r.role or "user", content=r.content, name=r.name,
                   id=r.source_ids[0] if r.source_ids else r.id, created_at=r.observed_at)


def process_pending(engine: Kernel, limit: int | None = None) -> Op[int]:
    """Run the queued extractions, oldest first; returns how many deferred ``add`` calls were
    processed (at most ``limit``)."""
    engine.ensure_open()
    engine.permit("admin")  # writes for whoever queued the batch
    done = 0
    while limit is None or done < limit:
        head = yield from call(engine.backend.scroll, "memories", Not(IsEmpty(PENDING)), 1, descending=False)
        if not head:
            break
        batch = head[0].payload[PENDING]
        points = yield from call(engine.backend.scroll, "memories", Match(PENDING, batch), _BATCH_LIMIT,
                                 descending=False)
        records = [to_record(p.id, p.payload) for p in points]
        first = records[0]
        observed = to_utc(points[0].payload.get(PENDING_AT), field=PENDING_AT) or first.observed_at
        scope = Scope.from_mapping(first.scope)
        ctx = ExtractionContext(observed_at=observed, **scope.fields())
        # a message the screen flagged derives nothing (it stays stored)
        msgs = [as_message(r) for r in records if INJECTION not in r.flags]
        candidates, info = yield from engine.extract(msgs, ctx)
        now = utcnow()
        # facts from assistant/tool messages are never pinned
        roles: dict[str, str | None] = {m.id: m.role for m in msgs if m.id is not None}
        _, events = yield from derive(engine, candidates, scope, dict(first.metadata), now, roles)
        yield from engine.log_events(events)
        # cleared last: a crash before this line re-runs the batch (duplicates become SEEN)
        yield from call(engine.backend.set_payload, "memories", [p.id for p in points],
                        {PENDING: None, PENDING_AT: None})
        done += 1
    return done
