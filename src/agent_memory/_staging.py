"""All-or-nothing ``import_``: stage, commit, write, clear.

The validated lines of an import are first staged durably in the events collection (points with no
scope, under ``STAGE_ID``), then ONE commit marker is written (a single-point upsert: the atomic
step), then the memories are written and the staging removed. When a store is opened, a committed
import is rolled forward (writing it again is idempotent: ids are kept) and an uncommitted one is
discarded, so a kill at any moment leaves the store as it was before the import or as after it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from ._effects import Op, call
from ._filters import Match
from ._kernel import Kernel
from ._models import MemoryEvent, MemoryRecord
from ._time import utcnow

_NS = uuid.UUID("0b6f3d52-8f0e-4c8e-a1d7-5e2b9c4f6a10")
STAGE_ID = str(uuid.uuid5(_NS, "import-stage"))    # memory_id of a staged line
COMMIT_ID = str(uuid.uuid5(_NS, "import-commit"))  # memory_id of a commit marker
_SCAN = 1_000_000

WriteImport = Callable[[list[MemoryRecord], list[MemoryEvent]], Op[None]]


def _point(memory_id: str, details: dict[str, Any]) -> MemoryEvent:
    return MemoryEvent(id=str(uuid.uuid4()), memory_id=memory_id, event="IMPORT", at=utcnow(), actor="system",
                       details=details)


def stage(engine: Kernel, batch: Sequence[MemoryRecord], events: Sequence[MemoryEvent]) -> Op[list[str]]:
    """Write the staged lines, then the commit marker; returns the point ids, marker first (see ``clear``)."""
    import_id = str(uuid.uuid4())
    lines = [_point(STAGE_ID, {"import": import_id, "record": r.model_dump(mode="json")}) for r in batch]
    lines += [_point(STAGE_ID, {"import": import_id, "event": e.model_dump(mode="json")}) for e in events]
    marker = _point(COMMIT_ID, {"import": import_id})
    yield from engine.log_events(lines)
    yield from engine.log_events([marker])
    return [marker.id, *(line.id for line in lines)]


def clear(engine: Kernel, point_ids: Sequence[str]) -> Op[None]:
    """Delete staging points, markers first: a crash in between leaves lines without a marker, which
    the next open discards (the memories are already written)."""
    if point_ids:
        yield from call(engine.backend.delete, "events", list(point_ids))


def recover(engine: Kernel, write: WriteImport) -> Op[int]:
    """Roll committed imports forward and discard uncommitted staging (run when a store opens)."""
    markers = yield from call(engine.backend.scroll, "events", Match("memory_id", COMMIT_ID), _SCAN)
    committed = {str((p.payload.get("details") or {}).get("import")) for p in markers}
    lines = yield from call(engine.backend.scroll, "events", Match("memory_id", STAGE_ID), _SCAN, descending=False)
    staged: dict[str, tuple[list[MemoryRecord], list[MemoryEvent]]] = {}
    for p in lines:
        details = p.payload.get("details") or {}
        records, events = staged.setdefault(str(details.get("import")), ([], []))
        if "record" in details:
            records.append(MemoryRecord.model_validate(details["record"]))
        elif "event" in details:
            events.append(MemoryEvent.model_validate(details["event"]))
    for import_id in committed:
        records, events = staged.get(import_id, ([], []))
        yield from write(records, events)
    yield from clear(engine, [p.id for p in markers] + [p.id for p in lines])
    return len(committed)
