"""The candidate pool of a search: one fused retrieval round, and an optional second round seeded
by what the first one found (multi-hop questions whose evidence is spread over sessions).

The second round asks BM25 again with the question plus the names, numbers and dates of the
first round's top hits, so that turns sharing an entity with a strong hit join the pool; its
fused scores are added to the first round's at ``second_round_weight``. It costs one more
backend query and no embedding (the dense side reuses the question's vector).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ._backends._base import HybridQuery, PointOut
from ._effects import Op, call
from ._filters import Match, all_of
from ._kernel import Kernel

# Proper names (a capitalised word not opening the text), numbers and years: what a later turn
# about the same thing repeats.
_ENTITY = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b|\b\d{2,4}\b")


def seed_terms(query: str, seeds: list[PointOut], limit: int = 12) -> list[str]:
    """Entity words of the seed hits (their speakers too) not already in the query, in hit order."""
    have = set(query.casefold().split())
    out: list[str] = []
    for p in seeds:
        text = str(p.payload.get("content") or "")
        for word in [str(p.payload.get("name") or ""), *_ENTITY.findall(text)]:
            if word and word.casefold() not in have and word not in out:
                out.append(word)
    return out[:limit]


def merge(first: list[PointOut], second: list[PointOut], weight: float) -> list[PointOut]:
    """One pool: a point's score is its first-round score plus ``weight`` x its second-round one."""
    pool = {p.id: p for p in first}
    for p in second:
        add = weight * p.score
        target = pool.setdefault(p.id, PointOut(p.id, p.payload, 0.0))
        target.score += add
        target.signals["second_round"] = round(add, 6)
    return sorted(pool.values(), key=lambda p: (-p.score, p.id))


def candidates(engine: Kernel, hq: HybridQuery, query: str) -> Op[list[PointOut]]:
    """The fused pool for ``query`` (see the module docstring)."""
    first: list[PointOut] = yield from call(engine.backend.hybrid, hq)
    s = engine.settings
    if (s.second_round_seeds <= 0 and s.second_round_profile <= 0) or not first or hq.sparse is None:
        return first
    terms = seed_terms(query, first[: s.second_round_seeds])
    if s.second_round_profile > 0:  # the profile facts nearest the question lend it their words
        profile: list[PointOut] = yield from call(engine.backend.hybrid, replace(
            hq, filter=all_of(hq.filter, Match("kind", "profile")), limit=s.second_round_profile, explain=False))
        terms += [str(p.payload.get("content") or "") for p in profile]
    if not terms:
        return first
    text = f"{query} {' '.join(terms)}"
    dense = hq.dense
    if s.second_round_dense:
        dense = yield from engine.embed_query(text)  # errors translated as for the question itself
    second: list[PointOut] = yield from call(engine.backend.hybrid, replace(
        hq, dense=dense, sparse=engine.sparse.encode_query(text), explain=False))
    return merge(first, second, s.second_round_weight)
