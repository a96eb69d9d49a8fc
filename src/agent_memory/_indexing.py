"""How a memory is written before it is embedded (dense) and tokenised (BM25)."""

from __future__ import annotations

from ._models import MemoryRecord


def embedding_text(record: MemoryRecord) -> str:
    """The text the vectors are made from. The speaker's name is part of what was said."""
    if record.name:
        return f"{record.name}: {record.content}"
    return record.content
