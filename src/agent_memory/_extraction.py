"""The extraction hook of ``add(..., infer=True)``: messages in, candidate memories out.

An extractor is any object with ``name`` and ``extract(messages, *, context) -> list[Candidate]``;
``aextract`` is used by the async API when present (LLM extractors), otherwise ``extract``
runs in a worker thread. Every candidate then goes through consolidation, whichever
extractor made it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from ._models import ExtractionInfo, MemoryKind, Message


class Ending(BaseModel):
    """What a statement about the past ends: the current fact under ``attribute`` (under any
    attribute when None) whose content names ``value``. "I left Oracle" ends the job "works at
    Oracle" but not "works at Google"; "I used to live in Berlin" ends "lives in Berlin" only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    attribute: str | None = None
    value: str = Field(min_length=1, max_length=200)


class Candidate(BaseModel):
    """A memory proposed by an extractor, before consolidation."""

    model_config = ConfigDict(extra="forbid")

    content: str  # short third-person statement: "Caroline prefers answers in Spanish"
    kind: MemoryKind = MemoryKind.PROFILE
    category: str | None = None  # identity, preference, constraint, goal, plan, event, ...
    confidence: float = Field(default=0.8, ge=0.0, le=1.0)
    source_ids: list[str] = Field(default_factory=list)  # ids of the messages it came from
    subject: str | None = None  # who it is about (the speaker's name, or "user")
    attribute: str | None = None  # what it says about the subject ("location", "favorite:player"):
    #                                 a newer candidate with the same subject+attribute supersedes
    ends: Ending | None = None  # a current fact this statement closes (it is itself stored as written)
    observed_at: datetime | None = None  # when it was said (defaults to the source message's time)
    event_time: datetime | None = None  # the time the fact refers to, resolved to an absolute date
    metadata: dict[str, Any] = Field(default_factory=dict)


class ExtractionContext(BaseModel):
    """What an extractor may know besides the messages."""

    model_config = ConfigDict(extra="forbid")

    user_id: str | None = None
    agent_id: str | None = None
    session_id: str | None = None
    observed_at: datetime  # the time of the call (messages carry their own created_at)


@runtime_checkable
class Extractor(Protocol):
    name: str

    def extract(self, messages: Sequence[Message], *, context: ExtractionContext
                ) -> list[Candidate] | tuple[list[Candidate], ExtractionInfo]:
        """The candidates (optionally with an :class:`ExtractionInfo` saying how they were made)."""
        ...


class NoExtractor:
    """Stores the messages only (``infer=False`` behaves the same)."""

    name = "none"

    def extract(self, messages: Sequence[Message], *, context: ExtractionContext) -> list[Candidate]:
        return []
