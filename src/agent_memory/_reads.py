"""The read operations (get, search, list, history, stats) as effect generators over a kernel."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Mapping
from typing import Any

from . import _retrieval as retrieval
from . import _validate as v
from ._backends._base import HybridQuery
from ._effects import Op, call
from ._errors import NotFoundError, ValidationError
from ._filters import HasId, IsEmpty, Match, MatchAny, Node, Not, Range, all_of
from ._kernel import Kernel, as_scope, current_filter
from ._models import MemoryEvent, MemoryRecord, Page, SearchHit
from ._payload import to_event, to_record
from ._rounds import candidates
from ._scope import Scope, shorten
from ._time import to_utc

_RAW_SIGNALS = frozenset({"dense_score", "sparse_score"})  # kept out of SearchHit.explanation


def _encode_cursor(seq: int, ids: list[str]) -> str:
    return base64.urlsafe_b64encode(json.dumps({"s": seq, "i": ids}).encode()).decode()


def _decode_cursor(cursor: Any) -> tuple[int, list[str]]:
    if not isinstance(cursor, str) or len(cursor) > 200_000:
        raise ValidationError(f"cursor must be a string from Page.next_cursor, got {shorten(cursor)}")
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        seq, ids = data["s"], data["i"]
        if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 2**63 or not isinstance(ids, list):
            raise TypeError("bad cursor fields")
        return seq, [str(uuid.UUID(i)) for i in ids]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # binascii.Error is a ValueError
        raise ValidationError(f"malformed cursor {shorten(cursor)}") from exc


def read_filter(user_id: str | None, agent_id: str | None, session_id: str | None, kinds: Any,
                filters: Mapping[str, Any] | None, as_of: Any, include_superseded: bool,
                all_scopes: bool) -> Node | None:
    sc = Scope.of(user_id, agent_id, session_id, required=not all_scopes)
    ks = v.kinds(kinds)
    return all_of(
        sc.filter(),
        MatchAny("kind", tuple(kind.value for kind in ks)) if ks else None,
        current_filter(to_utc(as_of, field="as_of"), include_superseded=include_superseded),
        v.filters(filters),
    )


def get(k: Kernel, memory_id: str, *, scope: Scope | None = None) -> Op[MemoryRecord]:
    k.ensure_open()
    return (yield from k.fetch(memory_id, scope))


def search(k: Kernel, query: str, *, user_id: str | None = None, agent_id: str | None = None,
           session_id: str | None = None, kinds: Any = None, filters: Mapping[str, Any] | None = None,
           limit: int = 10, as_of: Any = None, include_superseded: bool = False,
           all_scopes: bool = False) -> Op[list[SearchHit]]:
    k.ensure_open()
    text = v.content(query, max_bytes=k.settings.max_content_bytes, field="query")
    flt = read_filter(user_id, agent_id, session_id, kinds, filters, as_of, include_superseded, all_scopes)
    v.limit(limit)
    vector = yield from k.embed_query(text)
    s = k.settings
    pool = retrieval.pool_size(s, limit)
    hq = HybridQuery(dense=vector, sparse=k.sparse.encode_query(text), filter=flt, limit=pool,
                     candidates=max(s.search_candidates, pool), weights=s.fusion_weights, rrf_k=s.rrf_k,
                     explain=s.explain)
    hits = yield from candidates(k, hq, text)
    fusion = "rrf" if hq.sparse and hq.sparse.indices else "dense"
    # ranks within this scope's results and the fused score, never the raw per-signal scores:
    # BM25 statistics are collection-wide, so a raw sparse score reflects other tenants' words
    return [SearchHit(memory=to_record(r.point.id, r.point.payload), score=r.score,
                      explanation={"fusion": fusion, **{key: x for key, x in r.point.signals.items()
                                                        if key not in _RAW_SIGNALS}, **r.signals})
            for r in retrieval.rank(text, hits, limit, s)]


def list_memories(k: Kernel, *, user_id: str | None = None, agent_id: str | None = None,
                  session_id: str | None = None, kinds: Any = None, filters: Mapping[str, Any] | None = None,
                  limit: int = 100, cursor: str | None = None, as_of: Any = None,
                  include_superseded: bool = False, all_scopes: bool = False) -> Op[Page]:
    k.ensure_open()
    v.limit(limit)
    flt = read_filter(user_id, agent_id, session_id, kinds, filters, as_of, include_superseded, all_scopes)
    if cursor is not None:
        seq, seen = _decode_cursor(cursor)
        flt = all_of(flt, Range("seq", lte=float(seq)), Not(HasId(tuple(seen))) if seen else None)
    points = yield from call(k.backend.scroll, "memories", flt, limit + 1)
    more = len(points) > limit
    points = points[:limit]
    items = [to_record(p.id, p.payload) for p in points]
    next_cursor = None
    if more and points:
        last = int(points[-1].payload["seq"])
        tied = [p.id for p in points if int(p.payload["seq"]) == last]
        next_cursor = _encode_cursor(last, tied)
    return Page(items=items, next_cursor=next_cursor)


def history(k: Kernel, memory_id: str, *, scope: Scope | None = None) -> Op[list[MemoryEvent]]:
    k.ensure_open()
    sc = as_scope(scope)
    if not isinstance(memory_id, str) or not memory_id:
        raise ValidationError("memory id must be a non-empty string")
    if len(memory_id) > v.MAX_LABEL:
        raise NotFoundError(f"no history for memory {shorten(memory_id)}")
    flt = all_of(Match("memory_id", memory_id), sc.filter())  # events carry their memory's scope
    points = yield from call(k.backend.scroll, "events", flt, 10_000, descending=False)
    if not points:
        raise NotFoundError(f"no history for memory {shorten(memory_id)}")
    return [to_event(p.id, p.payload) for p in points]


def stats(k: Kernel, *, user_id: str | None = None, agent_id: str | None = None,
          session_id: str | None = None, all_scopes: bool = False) -> Op[dict[str, Any]]:
    """Counts within a scope; over every tenant (``by_user`` listing them) only with ``all_scopes``."""
    k.ensure_open()
    flt = Scope.of(user_id, agent_id, session_id, required=not all_scopes).filter()
    total = yield from call(k.backend.count, "memories", flt)
    current = yield from call(k.backend.count, "memories", all_of(flt, IsEmpty("valid_to")))
    kinds = yield from call(k.backend.facet, "memories", "kind", flt)
    users = yield from call(k.backend.facet, "memories", "user_id", flt)
    return {"total": total, "current": current, "superseded": total - current, "by_kind": kinds,
            "by_user": users}
