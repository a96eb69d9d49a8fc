"""Settings that tune behaviour (not where data lives: that is the Memory constructor)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from ._errors import ConfigError


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except PydanticValidationError as exc:  # translated here: an invalid option is a ConfigError
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in exc.errors())
            raise ConfigError(f"invalid Settings: {problems[:300]}") from exc

    max_content_bytes: int = Field(32 * 1024, gt=0)  # per memory, UTF-8
    near_duplicate_threshold: float = Field(0.9, ge=0.0, le=1.0)  # cosine for MERGE
    consolidation_neighbours: int = Field(5, ge=1)
    search_candidates: int = Field(100, ge=1)  # per prefetch (dense, sparse) before fusion
    fusion_weights: tuple[float, float] = (0.5, 1.0)  # dense, sparse (Qdrant RRF: a rank counts as rank / weight)
    rrf_k: int = Field(10, ge=1)  # RRF constant: smaller = the top ranks of each list weigh more
    explain: bool = True  # report per-signal ranks in SearchHit.explanation
    search_threads: int | None = Field(1, ge=1)  # Qdrant Edge search pool
    embed_threads: int | None = Field(None, ge=1)  # ONNX threads of the embedder (None: usable CPUs, max 8)
    import_batch: int = Field(256, ge=1)
    # Summaries and maintenance (see _summaries, _maintenance)
    summary_every: int | None = Field(None, ge=1)  # refresh a session's summary every N new messages
    summary_max_chars: int = Field(1200, ge=100)  # extractive summaries' length
    ttl: dict[str, timedelta] = Field(default_factory=dict)  # "kind" or "kind:category" -> age deleted at
    importance_half_life: timedelta | None = timedelta(days=30)  # episodic importance decay
    importance_floor: float = Field(0.1, ge=0.0, le=1.0)
    maintenance_batch: int = Field(256, ge=1, le=10_000)  # a page of list(): at most MAX_LIMIT
    # Retrieval (see _indexing and _retrieval; benchmarks/locomo.py --ablation measures each one)
    index_date: bool = True  # the date a memory was observed is part of its indexed text
    index_context: int = Field(1, ge=0)  # previous turns of the same batch indexed as context
    index_context_next: int = Field(0, ge=0)  # following turns of the same batch, likewise
    index_context_sparse: int = Field(2, ge=0)  # previous turns as words in the BM25 text (0: none)
    context_vector_weight: float = Field(0.5, ge=0.0)  # dense: mix context turns' vectors in (0: as text)
    rescore_pool: int = Field(50, ge=1)  # fused candidates reordered when a rescoring signal is on
    speaker_boost: float = Field(0.2, ge=0.0)  # x(1+b) for turns of a speaker the query names
    temporal_boost: float = Field(0.5, ge=0.0)  # x(1+b) for turns with a time expression, on "when" queries
    mmr_lambda: float = Field(1.0, ge=0.0, le=1.0)  # 1 = no diversity reordering
    # Multi-hop and open-domain (issue 16). id@5 cats 1-4 / c1 / c3 / c5 on the LoCoMo dev split,
    # benchmarks/RESULTS_locomo.md: session_boost 0.05 +0.008 (c3 +0.045, c5 +0.06); 0.02 and 0.15
    # less. second_round_seeds 5 a further +0.006 (c1 +0.019), one more Qdrant query, no embedding;
    # embedding the 2nd round's query too (second_round_dense) adds nothing. neighbour_penalty 0.3:
    # -0.056 (answers sit next to the question turn), kept off. second_round_profile 3 (with --infer):
    # -0.006, open-domain -0.019, kept off.
    session_boost: float = Field(0.05, ge=0.0)  # + b x the other pool hits' scores of the same session
    neighbour_penalty: float = Field(0.0, ge=0.0, le=1.0)  # x(1-p) next to a picked turn of the same batch
    neighbour_window: int = Field(2, ge=1)  # turns (seq steps) that count as "next to"
    second_round_seeds: int = Field(5, ge=0)  # top hits whose entities seed a 2nd BM25 round (0: off)
    second_round_weight: float = Field(0.5, ge=0.0)  # the 2nd round's fused scores count this much
    second_round_dense: bool = False  # the 2nd round embeds its query too (one more embedding)
    second_round_profile: int = Field(0, ge=0)  # profile facts nearest the query lend the 2nd round their words
    # Safety (see _screen, _pii, SECURITY.md)
    screen: bool = True  # flag instruction-like content ("injection") at write time
    flagged_in_context: Literal["omit", "warn"] = "omit"  # flagged records in Memory.context
    pii: Literal["allow", "flag", "redact", "reject"] = "allow"  # emails, phones, cards, IBANs, ids, IPs, secrets


def default_path() -> Path:
    """$AGENT_MEMORY_PATH, else the user's data directory."""
    env = os.environ.get("AGENT_MEMORY_PATH")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("agent-memory", appauthor=False) / "store"
