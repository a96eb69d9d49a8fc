"""How a memory is written before it is embedded (dense) and tokenised (BM25)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from ._config import Settings
from ._models import MemoryKind, MemoryRecord


def embedding_text(record: MemoryRecord, *, date: bool = False) -> str:
    """The memory as a line of dialog: the speaker's name is part of what was said, and the day
    it was said lets "when" questions and date words meet it."""
    text = f"{record.name}: {record.content}" if record.name else record.content
    if date:
        d = record.observed_at
        text = f"[{d.day} {d:%B %Y}] {text}"
    return text


_STRETCH = timedelta(days=1)


def _same_thread(a: MemoryRecord, b: MemoryRecord) -> bool:
    # same conversation stretch: same scope, and said within a day (an import batch can hold
    # messages of one scope from sessions months apart)
    return (a.kind == b.kind == MemoryKind.EPISODIC and a.category == b.category == "message"
            and a.scope == b.scope and abs(a.observed_at - b.observed_at) <= _STRETCH)


def index_texts(records: Sequence[MemoryRecord], settings: Settings) -> tuple[list[str], list[str]]:
    """(dense texts, BM25 texts) for a batch of records. A message is embedded with the
    ``index_context`` turns that precede it in the same batch and scope (one ``add`` call is one
    stretch of a conversation): a reply such as "Yes, last Friday!" means little without the
    question it answers; ``index_context_next`` adds the turns that follow (the answer to a
    question). The context comes after the turn, so truncation cuts the context first."""
    own = [embedding_text(r, date=settings.index_date) for r in records]
    back, ahead = settings.index_context, settings.index_context_next
    if back <= 0 and ahead <= 0:
        return own, list(own)
    dense = []
    for i, r in enumerate(records):
        before = [records[j] for j in range(max(0, i - back), i) if _same_thread(records[j], r)]
        after = [records[j] for j in range(i + 1, min(len(records), i + 1 + ahead)) if _same_thread(records[j], r)]
        text = own[i]
        if before:
            text += f" (after: {' '.join(embedding_text(b) for b in before)})"
        if after:
            text += f" (before: {' '.join(embedding_text(a) for a in after)})"
        dense.append(text)
    return dense, (list(dense) if settings.index_context_sparse else own)
