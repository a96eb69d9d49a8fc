"""The public data model: what a memory is, and what the API returns."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ._time import to_utc


class MemoryKind(str, Enum):
    """The three kinds of memory."""

    PROFILE = "profile"  # stable facts and preferences about the subject
    EPISODIC = "episodic"  # what happened: messages, events, tool outputs
    SUMMARY = "summary"  # condensed from other memories

    def __str__(self) -> str:
        return self.value


SCOPE_FIELDS = ("user_id", "agent_id", "session_id")

# ERASE: an erasure's plan filed before it runs (see _erasure), removed when it has finished
EventType = Literal["ADD", "UPDATE", "MERGE", "SUPERSEDE", "SEEN", "DELETE", "IMPORT", "EXPIRE", "ERASE"]


def normalize_content(text: str) -> str:
    """The form two contents are compared in: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(text: str) -> str:
    return hashlib.sha256(normalize_content(text).encode("utf-8")).hexdigest()


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # every datetime field becomes aware UTC (only those fields: building records from hits stays cheap)
    @field_validator("created_at", "updated_at", "observed_at", "valid_from", "valid_to", "last_seen_at",
                     "expires_at", "at", mode="before", check_fields=False)
    @classmethod
    def _utc(cls, value: Any, info: Any) -> Any:
        if isinstance(value, (str, datetime)):
            return to_utc(value, field=info.field_name)
        return value


class MemoryRecord(_Model):
    """One memory. Scope fields (user_id, agent_id, session_id) never change after creation."""

    id: str
    content: str
    kind: MemoryKind
    category: str | None = None
    user_id: str | None = None
    agent_id: str | None = None
    session_id: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    created_at: datetime
    updated_at: datetime
    observed_at: datetime  # when it was said or happened, not when it was stored
    valid_from: datetime
    valid_to: datetime | None = None  # None: currently true
    superseded_by: str | None = None
    source_ids: list[str] = Field(default_factory=list)  # provenance: message ids
    role: str | None = None  # for messages
    name: str | None = None  # speaker
    hash: str
    confidence: float = 1.0
    attribute: str | None = None  # what the fact is about ("location"), for conflicts
    seen_count: int = 1
    last_seen_at: datetime | None = None
    importance: float = 1.0
    expires_at: datetime | None = None
    # safety markers set at write time: "injection" (the screen, _screen), "pii:<type>" (_pii),
    # "from:assistant" / "from:tool" (derived from what an assistant or tool said: never pinned)
    flags: list[str] = Field(default_factory=list)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None and self.superseded_by is None

    @property
    def scope(self) -> dict[str, str]:
        return {f: getattr(self, f) for f in SCOPE_FIELDS if getattr(self, f) is not None}


class Message(_Model):
    """An OpenAI-style chat message as accepted by ``add``."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    role: str = "user"
    content: str
    name: str | None = None
    id: str | None = None
    created_at: datetime | None = None


class MemoryEvent(_Model):
    """One entry of the append-only audit history."""

    id: str
    memory_id: str
    event: EventType
    at: datetime
    actor: str | None = None  # the agent_id (or "system") that made the change
    user_id: str | None = None
    agent_id: str | None = None
    session_id: str | None = None
    old_content: str | None = None
    new_content: str | None = None
    details: dict[str, Any] = Field(default_factory=dict)


class ExtractionInfo(_Model):
    extractor: str
    fallback: bool = False  # True when the configured extractor failed and rules were used
    deferred: bool = False
    warnings: list[str] = Field(default_factory=list)


class AddResult(_Model):
    """What ``add`` did: the memories it wrote or touched, and one event per change."""

    memories: list[MemoryRecord]
    events: list[MemoryEvent]
    extraction: ExtractionInfo | None = None

    @property
    def ids(self) -> list[str]:
        return [m.id for m in self.memories]


class ErasureReceipt(_Model):
    """What ``delete`` / ``delete_all`` erased, per kind (see README "Erasure")."""

    scope: dict[str, str] | None = None  # delete_all's scope; None for delete by id
    messages: int = 0  # stored messages deleted
    facts: int = 0  # derived memories (profile, extracted events) deleted
    summaries: int = 0  # summaries deleted (not regenerated: nothing left to summarise)
    facts_rederived: int = 0  # derived memories that kept other sources, re-derived from them
    facts_reopened: int = 0  # facts superseded by a deleted one, current again
    summaries_regenerated: int = 0  # summaries rewritten from what remains
    events_scrubbed: int = 0  # history events whose content was removed (tombstones stay)
    events_removed: int = 0  # history events deleted with their scope
    neighbours_reindexed: int = 0  # turns re-embedded without the erased turn as context
    physically_erased: bool = False  # the store's files were rewritten without the erased bytes

    @property
    def total(self) -> int:
        """Memories deleted."""
        return self.messages + self.facts + self.summaries


class SearchHit(_Model):
    memory: MemoryRecord
    score: float
    explanation: dict[str, Any] = Field(default_factory=dict)  # the signals that ranked it


class Page(_Model):
    items: list[MemoryRecord]
    next_cursor: str | None = None  # pass back as ``cursor=`` for the next page; None at the end

    def __iter__(self) -> Iterator[MemoryRecord]:  # type: ignore[override]  # the items, not pydantic's fields
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
