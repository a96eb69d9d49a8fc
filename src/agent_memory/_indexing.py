"""How a memory is written before it is embedded (dense) and tokenised (BM25)."""

from __future__ import annotations

import math
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


def context_positions(records: Sequence[MemoryRecord], settings: Settings, *,
                      back: int | None = None) -> list[list[int]]:
    """For each record, the batch positions of its context: the ``index_context`` turns before
    it (``back`` when given) and the ``index_context_next`` turns after it, of the same
    conversation stretch. One ``add`` call is one stretch of a conversation: a reply such as
    "Yes, last Friday!" means little without the question it answers."""
    back = settings.index_context if back is None else back
    ahead = settings.index_context_next
    out = []
    for i, r in enumerate(records):
        near = [*range(max(0, i - back), i), *range(i + 1, min(len(records), i + 1 + ahead))]
        out.append([j for j in near if _same_thread(records[j], r)])
    return out


def _with_context(records: Sequence[MemoryRecord], own: Sequence[str], positions: Sequence[Sequence[int]]) -> list[str]:
    out = []
    for i, (text, near) in enumerate(zip(own, positions)):
        before = [embedding_text(records[j]) for j in near if j < i]
        after = [embedding_text(records[j]) for j in near if j > i]
        if before:
            text += f" (after: {' '.join(before)})"
        if after:
            text += f" (before: {' '.join(after)})"
        out.append(text)
    return out


def index_texts(records: Sequence[MemoryRecord], settings: Settings) -> tuple[list[str], list[str]]:
    """(dense texts, BM25 texts) for a batch of records. The context turns (see
    ``context_positions``) are written after the turn, so truncation cuts the context first.
    The BM25 text carries the ``index_context_sparse`` previous turns (and the
    ``index_context_next`` following ones) as words: a keyword of the question often sits in
    the turn before the answer, or the one before that. The dense text carries the
    ``index_context`` turns only when ``context_vector_weight`` is 0 (otherwise the context joins
    the dense side as vectors, see ``mix_context``, which costs no extra embedding)."""
    own = [embedding_text(r, date=settings.index_date) for r in records]
    back, sparse_back = settings.index_context, settings.index_context_sparse
    dense_ctx = None
    if settings.context_vector_weight > 0:
        dense = own
    else:
        dense = dense_ctx = _with_context(records, own, context_positions(records, settings))
    if sparse_back <= 0:
        return dense, own
    if sparse_back == back and dense_ctx is not None:
        return dense, list(dense_ctx)
    return dense, _with_context(records, own, context_positions(records, settings, back=sparse_back))


def mix_context(vectors: Sequence[Sequence[float]], positions: Sequence[Sequence[int]],
                weight: float) -> list[list[float]]:
    """Each vector plus ``weight`` times its context turns' own vectors, renormalised: the turn's
    meaning stays first and its context leans on it. Measured on LoCoMo as good as embedding the
    turn with its context as text, at half the embedding cost (the context is not embedded twice)."""
    out = []
    for vec, near in zip(vectors, positions):
        if not near or weight <= 0:
            out.append(list(vec))
            continue
        mixed = list(vec)
        for j in near:
            mixed = [a + weight * b for a, b in zip(mixed, vectors[j])]
        norm = math.sqrt(sum(x * x for x in mixed)) or 1.0
        out.append([x / norm for x in mixed])
    return out
