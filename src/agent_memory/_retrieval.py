"""Ranking after fusion: query analysis, rescoring and diversity. Pure functions, no I/O.

The backend returns a pool of candidates (dense + BM25, weighted RRF, see ``_fusion``; a second
round may have joined it, see ``_rounds``). This module reorders that pool with signals that are
cheap to read from each candidate's payload (who said it, whether it carries a time expression,
which session it belongs to) and picks the final ``limit``, optionally spreading picks across
neighbouring turns or with maximal marginal relevance. Its cost depends on the pool size only,
never on the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ._backends._base import PointOut
from ._config import Settings

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)

# "When did...", "What year...", "How long ago..." ask for a time: the memory that answers
# usually carries a time expression ("last week", "in 2022", "yesterday").
_TEMPORAL_QUERY = re.compile(
    r"\b(when|what (?:year|month|day|date|time)|which (?:year|month|day|date)|how long (?:ago|has|have|did|was)"
    r"|since when|what time)\b",
    re.IGNORECASE,
)
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend"
_TIME_EXPR = re.compile(
    rf"\b(yesterday|today|tonight|tomorrow|ago|recently|lately|last (?:\w+ )?(?:{_DAYS}|week|month|year|night"
    rf"|summer|winter|spring|fall|autumn|time)|next (?:{_DAYS}|week|month|year)|this (?:{_DAYS}|week|month"
    rf"|year|morning|afternoon|evening|summer|winter|spring|fall)|the other day|(?:19|20)\d\d|{_MONTHS}|{_DAYS}"
    r"|\d+ (?:days?|weeks?|months?|years?))\b",
    re.IGNORECASE,
)


def words(text: str) -> list[str]:
    """Case-folded word tokens; a trailing possessive is dropped ("Caroline's" -> "caroline")."""
    out = []
    for w in _WORD.findall(text.casefold()):
        out.append(w[:-2] if w.endswith("'s") else w)
    return out


def is_temporal_query(query: str) -> bool:
    return bool(_TEMPORAL_QUERY.search(query))


def has_time_expression(text: str) -> bool:
    return bool(_TIME_EXPR.search(text))


def named_speakers(query: str, names: set[str]) -> set[str]:
    """The speaker names (as stored in the memories' ``name``) that the query mentions. A name
    matches on any of its words ("Caroline" for "Caroline Smith")."""
    q = set(words(query))
    return {n for n in names if n and q & set(words(n))}


@dataclass
class Ranked:
    point: PointOut
    score: float
    signals: dict[str, Any] = field(default_factory=dict)


def rescoring_enabled(s: Settings) -> bool:
    return (s.speaker_boost > 0 or s.temporal_boost > 0 or s.mmr_lambda < 1.0 or s.session_boost > 0
            or s.neighbour_penalty > 0)


def pool_size(s: Settings, limit: int) -> int:
    """How many fused candidates to ask the backend for."""
    return max(limit, s.rescore_pool) if rescoring_enabled(s) else limit


def rescore(query: str, pool: list[PointOut], s: Settings) -> list[Ranked]:
    """Multiply each candidate's fused score by the boosts it earns; sort by the result."""
    temporal = s.temporal_boost > 0 and is_temporal_query(query)
    named = named_speakers(query, {str(p.payload.get("name") or "") for p in pool}) if s.speaker_boost > 0 else set()
    out = []
    for p in pool:
        factor = 1.0
        sig: dict[str, Any] = {}
        if named and p.payload.get("name") in named:
            factor *= 1.0 + s.speaker_boost
            sig["speaker_boost"] = s.speaker_boost
        if temporal and has_time_expression(str(p.payload.get("content") or "")):
            factor *= 1.0 + s.temporal_boost
            sig["temporal_boost"] = s.temporal_boost
        out.append(Ranked(p, p.score * factor, sig))
    if s.session_boost > 0:
        _aggregate_sessions(out, s.session_boost)
    out.sort(key=_order)
    return out


def _aggregate_sessions(ranked: list[Ranked], share: float) -> None:
    """Several weak hits from one session add up: each candidate gains ``share`` times the summed
    score of the other candidates of its session (a session that keeps coming up is about the
    question even when no single turn of it says it all)."""
    totals: dict[str, float] = {}
    for r in ranked:
        key = str(r.point.payload.get("session_id") or "")
        totals[key] = totals.get(key, 0.0) + r.score
    for r in ranked:
        key = str(r.point.payload.get("session_id") or "")
        if key:
            bonus = share * (totals[key] - r.score)
            r.score += bonus
            r.signals["session_bonus"] = round(bonus, 6)


def _adjacent(a: PointOut, b: PointOut, window: int) -> bool:
    # turns written by one add call carry consecutive seq numbers (see _payload.SeqClock)
    sa, sb = a.payload.get("seq"), b.payload.get("seq")
    return (a.payload.get("session_id") == b.payload.get("session_id") and isinstance(sa, int)
            and isinstance(sb, int) and abs(sa - sb) <= window)


def spread(ranked: list[Ranked], limit: int, penalty: float, window: int) -> list[Ranked]:
    """Greedy pick that discounts a candidate next to an already picked turn of the same session
    (score x (1 - penalty)): indexed with their neighbours' words, adjacent turns often rank
    together and crowd out the other sessions a multi-hop question needs."""
    if penalty <= 0 or len(ranked) <= 1:
        return ranked[:limit]
    chosen: list[Ranked] = []
    left = list(ranked)
    while left and len(chosen) < limit:
        def value(r: Ranked) -> float:
            near = any(_adjacent(r.point, c.point, window) for c in chosen)
            return r.score * (1.0 - penalty) if near else r.score
        best = max(left, key=value)  # max keeps the first of equal values: the _order tie-break
        left.remove(best)
        chosen.append(best)
    return chosen


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def mmr(ranked: list[Ranked], limit: int, lam: float) -> list[Ranked]:
    """Maximal marginal relevance: each pick maximises ``lam * relevance - (1 - lam) * redundancy``,
    with relevance the score scaled to [0, 1] and redundancy the word-set overlap (Jaccard) with
    the closest memory already picked. ``lam=1`` keeps the order untouched."""
    if lam >= 1.0 or len(ranked) <= 1:
        return ranked[:limit]
    top = ranked[0].score or 1.0
    bags = [set(words(str(r.point.payload.get("content") or ""))) for r in ranked]
    chosen: list[int] = []
    left = list(range(len(ranked)))
    while left and len(chosen) < limit:
        def value(i: int) -> float:
            red = max((jaccard(bags[i], bags[j]) for j in chosen), default=0.0)
            return lam * ranked[i].score / top - (1.0 - lam) * red
        best = max(left, key=value)
        left.remove(best)
        chosen.append(best)
    return [ranked[i] for i in chosen]


def _order(r: Ranked) -> tuple[float, float, str]:
    # RRF gives exact ties (dense #1 + sparse #2 vs dense #2 + sparse #1) that the engine returns
    # in arbitrary order: break them by semantic similarity, then id, so results are repeatable
    return (-r.score, -float(r.point.signals.get("dense_score", 0.0)), r.point.id)


def rank(query: str, pool: list[PointOut], limit: int, s: Settings) -> list[Ranked]:
    """The final order of a fused candidate pool."""
    if not rescoring_enabled(s):
        return sorted((Ranked(p, p.score) for p in pool), key=_order)[:limit]
    ranked = rescore(query, pool, s)
    if s.neighbour_penalty > 0:
        ranked = spread(ranked, len(ranked), s.neighbour_penalty, s.neighbour_window)
    return mmr(ranked, limit, s.mmr_lambda)
