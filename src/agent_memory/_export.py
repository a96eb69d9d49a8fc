"""A person's whole record: ``export(<scope>, include_history=True)`` yields the memories and then
their history events, each line marked with its ``"type"`` (``"memory"`` / ``"event"``), and
``import_`` takes such lines back (an untyped line is a memory, as exports without history are).

Events keep their ids, so importing twice writes them once. An event must belong to a memory of
the same import with the same scope, or be a tombstone of a memory the store does not hold; one
that names another scope's memory is refused (:class:`ScopeError`), as are erasure intents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from ._backends._base import PointIn
from ._effects import Op, call
from ._erasure import INTENT_MEMORY_ID
from ._errors import ScopeError, ValidationError
from ._filters import HasId, MatchAny, Node, Not, Range, all_of
from ._kernel import Kernel
from ._models import MemoryEvent, MemoryRecord
from ._payload import event_payload, to_event, to_record
from ._scope import Scope
from ._staging import COMMIT_ID, STAGE_ID

PAGE = 500
MEMORY, EVENT = "memory", "event"

_INTERNAL = (INTENT_MEMORY_ID, STAGE_ID, COMMIT_ID)  # bookkeeping points, never part of a record


Resume = tuple[int, list[str]]  # (seq, ids already returned at that seq)


def events_page(engine: Kernel, *, user_id: str | None = None, agent_id: str | None = None,
                session_id: str | None = None, all_scopes: bool = False,
                after: Resume | None = None) -> Op[tuple[list[MemoryEvent], Resume | None]]:
    """One page of a scope's history, oldest first, and where the next page starts (None: the end)."""
    engine.ensure_open()
    sc = Scope.of(user_id, agent_id, session_id, required=not all_scopes)
    flt: Node | None = all_of(sc.filter(), Not(MatchAny("memory_id", _INTERNAL)))
    if after is not None:
        seq, tied = after
        flt = all_of(flt, Range("seq", gte=float(seq)), Not(HasId(tuple(tied))) if tied else None)
    points = yield from call(engine.backend.scroll, "events", flt, PAGE, descending=False)
    events = [to_event(p.id, p.payload) for p in points]
    if len(points) < PAGE:
        return events, None
    last = int(points[-1].payload["seq"])
    tied = [p.id for p in points if int(p.payload["seq"]) == last]
    if after is not None and after[0] == last:
        tied += after[1]
    return events, (last, tied)


def line_type(raw: Any) -> tuple[str, Any]:
    """``("memory" | "event", the line without its type mark)``."""
    if isinstance(raw, Mapping) and "type" in raw:
        kind = raw["type"]
        if kind not in (MEMORY, EVENT):
            raise ValidationError(f"unknown export line type {kind!r}; expected 'memory' or 'event'")
        return kind, {k: val for k, val in raw.items() if k != "type"}
    return MEMORY, raw


def parse_event(raw: Any, i: int) -> MemoryEvent:
    try:
        event = MemoryEvent.model_validate(dict(raw))
    except (PydanticValidationError, TypeError, ValueError) as exc:
        raise ValidationError(f"line {i} is not a valid history event: {exc}") from exc
    if event.event == "ERASE" or event.memory_id in _INTERNAL:
        raise ValidationError(f"line {i}: erasure intents are not importable")
    Scope.of(event.user_id, event.agent_id, event.session_id)
    return event


def import_events(engine: Kernel, events: Sequence[MemoryEvent], imported: Mapping[str, MemoryRecord]) -> Op[int]:
    """Write history events back after their memories (see the module docstring for the rule)."""
    if not events:
        return 0
    unknown = list({e.memory_id for e in events if e.memory_id not in imported})
    stored: dict[str, MemoryRecord] = {}
    for start in range(0, len(unknown), PAGE):
        found = yield from call(engine.backend.retrieve, "memories", unknown[start:start + PAGE])
        stored.update({p.id: to_record(p.id, p.payload) for p in found})
    for e in events:
        owner = imported.get(e.memory_id) or stored.get(e.memory_id)
        scope = {k: val for k in ("user_id", "agent_id", "session_id") if (val := getattr(e, k)) is not None}
        if owner is not None and owner.scope != scope:
            raise ScopeError(f"event {e.id} belongs to memory {e.memory_id} of another scope; "
                             "import cannot move history to another user, agent or session")
    for start in range(0, len(events), PAGE):
        batch = events[start:start + PAGE]
        points = [PointIn(e.id, event_payload(e, s)) for e, s in zip(batch, engine.clock.take(len(batch)))]
        yield from call(engine.backend.upsert, "events", points)
    return len(events)
