"""Settings that tune behaviour (not where data lives: that is the Memory constructor)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_content_bytes: int = Field(32 * 1024, gt=0)  # per memory, UTF-8
    near_duplicate_threshold: float = Field(0.9, ge=0.0, le=1.0)  # cosine for MERGE
    consolidation_neighbours: int = Field(5, ge=1)
    search_candidates: int = Field(50, ge=1)  # per prefetch (dense, sparse) before fusion
    fusion_weights: tuple[float, float] = (1.0, 1.0)  # dense, sparse
    rrf_k: int = Field(60, ge=1)
    explain: bool = True  # report per-signal ranks in SearchHit.explanation
    search_threads: int | None = Field(1, ge=1)  # Qdrant Edge search pool
    embed_threads: int | None = Field(1, ge=1)  # ONNX threads of the default embedder
    import_batch: int = Field(256, ge=1)


def default_path() -> Path:
    """$AGENT_MEMORY_PATH, else the user's data directory."""
    env = os.environ.get("AGENT_MEMORY_PATH")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("agent-memory", appauthor=False) / "store"
