"""Weighted reciprocal rank fusion of the dense and BM25 candidate lists. Pure, no I/O.

The fusion is done here, not inside Qdrant, so that a search gives the same answer every time the
same data is indexed. BM25 scores tie often (turns of equal length sharing one query word), and
Qdrant returns tied points in an order that changes from one build of a store to the next; its RRF
then gives the tied points different ranks, hence different fused scores (LoCoMo dev id@5 moved by
~0.002 between two ingestions of the same data). Here equal scores share a rank, a tie group that
straddles a list's cut is left out whole, and the final order breaks ties by dense score, then id.
The formula is Qdrant's: a point at (1-based) rank r of a list with weight w adds 1 / (k - 1 + r / w).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ._backends._base import PointOut

Scored = tuple[str, float]  # (point id, score), best first


def settled(hits: Sequence[Scored], limit: int) -> list[Scored]:
    """The top ``limit`` of a list fetched with ``limit + 1``: when scores tie across the cut, which
    of the tied points the engine returned is arbitrary, so the whole tie group is dropped."""
    if len(hits) <= limit:
        return list(hits)
    cut = hits[limit][1]
    return [h for h in hits[:limit] if h[1] != cut]


def competition_ranks(scores: Sequence[float]) -> list[int]:
    """1-based ranks of scores sorted best first, equal scores sharing the best rank (1, 2, 2, 4)."""
    out: list[int] = []
    for i, s in enumerate(scores):
        out.append(out[-1] if i and s == scores[i - 1] else i + 1)
    return out


def rrf(dense: Sequence[Scored], sparse: Sequence[Scored], *, k: int, weights: tuple[float, float],
        limit: int, explain: bool = True) -> list[PointOut]:
    """Fuse two best-first lists (see ``settled``) into the top ``limit`` points (payload not yet
    filled in), each with its fused score and, with ``explain``, its rank and score in each list."""
    fused: dict[str, PointOut] = {}
    dense_score: dict[str, float] = {}
    for label, hits, weight in (("dense", dense, weights[0]), ("sparse", sparse, weights[1])):
        ranks = competition_ranks([score for _, score in hits])
        for (pid, score), r in zip(hits, ranks):
            p = fused.setdefault(pid, PointOut(pid, {}, 0.0))
            if weight > 0:
                p.score += 1.0 / (k - 1 + r / weight)
            if label == "dense":
                dense_score[pid] = score
            if explain:
                p.signals[f"{label}_rank"], p.signals[f"{label}_score"] = r, score
    out = sorted(fused.values(), key=lambda p: (-p.score, -dense_score.get(p.id, -2.0), p.id))[:limit]
    if explain:
        for p in out:
            p.signals["fused_score"] = p.score
    return out


def with_payloads(fused: list[PointOut], found: Sequence[PointOut]) -> list[PointOut]:
    """The fused points, in order, with the payloads fetched for them (a point deleted in between
    is left out)."""
    payloads: Mapping[str, PointOut] = {p.id: p for p in found}
    out = []
    for p in fused:
        if p.id in payloads:
            p.payload = payloads[p.id].payload
            out.append(p)
    return out
