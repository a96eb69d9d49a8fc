"""Record <-> Qdrant payload. The payload is the record as JSON plus internal bookkeeping fields."""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any

from ._models import MemoryEvent, MemoryRecord

_RECORD_FIELDS = frozenset(MemoryRecord.model_fields)
_EVENT_FIELDS = frozenset(MemoryEvent.model_fields)


class SeqClock:
    """Strictly increasing integers (microseconds since the epoch, bumped on ties): the sort key
    for newest-first listing and cursors, unique within a process."""

    def __init__(self) -> None:
        self._last = 0
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            self._last = max(self._last + 1, time.time_ns() // 1000)
            return self._last

    def take(self, n: int) -> list[int]:
        return [self.next() for _ in itertools.repeat(None, n)]


def to_payload(record: MemoryRecord, seq: int, **internal: Any) -> dict[str, Any]:
    payload = record.model_dump(mode="json", exclude={"id"})
    payload["seq"] = seq
    payload.update(internal)
    return payload


def to_record(point_id: str, payload: dict[str, Any]) -> MemoryRecord:
    data = {k: v for k, v in payload.items() if k in _RECORD_FIELDS}
    data["id"] = point_id
    return MemoryRecord.model_validate(data)


def internal_fields(payload: dict[str, Any]) -> dict[str, Any]:
    """The bookkeeping fields of a stored payload (queue markers...), which a rewrite of the
    record must carry over; ``seq`` is not among them (a rewrite takes a new one)."""
    return {k: v for k, v in payload.items() if k not in _RECORD_FIELDS and k != "seq"}


def event_payload(event: MemoryEvent, seq: int) -> dict[str, Any]:
    payload = event.model_dump(mode="json", exclude={"id"})
    payload["seq"] = seq
    return payload


def to_event(point_id: str, payload: dict[str, Any]) -> MemoryEvent:
    data = {k: v for k, v in payload.items() if k in _EVENT_FIELDS}
    data["id"] = point_id
    return MemoryEvent.model_validate(data)
