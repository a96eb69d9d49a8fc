"""The context builder's I/O: one engine operation (an effect generator, see ``_effects``) that
runs the searches and hands the hits to the pure :func:`agent_memory._context.build_context`."""

from __future__ import annotations

from typing import Any

from . import _reads as reads
from . import _validate as v
from ._context import MemoryContext, build_context, candidates, get_tokenizer, is_pinned
from ._effects import Op
from ._errors import ValidationError
from ._kernel import Kernel
from ._models import MemoryKind, MemoryRecord, SearchHit
from ._scope import Scope

SEARCH_LIMIT = 40  # hits considered for the episodic/profile/summary sections together
PINNED_SCAN = 200  # current profile facts scanned for identity/preferences


def context_reads(user_id: str | None, agent_id: str | None, session_id: str | None,
                  wanted: list[MemoryKind]) -> list[tuple[Scope, list[MemoryKind]]]:
    """Which scope each kind is read from. Long-term memory is about the subject, not one
    conversation: facts live without a session (``Scope.owner``). A user's sessions are that
    user's, so everything of the user is read across them; sessions without a user may be
    different people, so their messages and summaries are read from that session only, and just
    the agent-level facts are shared."""
    sc = Scope.of(user_id, agent_id, session_id)
    owner = sc.owner
    if sc.user_id is not None or owner == sc:
        return [(owner, wanted)]
    facts: list[MemoryKind] = [k for k in wanted if k is MemoryKind.PROFILE]
    rest: list[MemoryKind] = [k for k in wanted if k is not MemoryKind.PROFILE]
    return [(s, ks) for s, ks in ((owner, facts), (sc, rest)) if ks]


def context(engine: Kernel, query: str, *, user_id: str | None = None, agent_id: str | None = None,
            session_id: str | None = None, max_tokens: int = 1000, kinds: Any = None,
            as_of: Any = None, filters: Any = None) -> Op[MemoryContext]:
    if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or not 1 <= max_tokens <= 1_000_000:
        raise ValidationError("max_tokens must be an integer in 1..1,000,000")
    wanted = v.kinds(kinds) or list(MemoryKind)
    hits: list[SearchHit] = []
    pinned: list[MemoryRecord] = []
    for sc, ks in context_reads(user_id, agent_id, session_id, wanted):
        hits += yield from reads.search(engine, query, user_id=sc.user_id, agent_id=sc.agent_id,
                                        session_id=sc.session_id, kinds=ks, limit=SEARCH_LIMIT, as_of=as_of,
                                        filters=filters)
        if MemoryKind.PROFILE in ks:
            page = yield from reads.list_memories(engine, user_id=sc.user_id, agent_id=sc.agent_id,
                                                  session_id=sc.session_id, kinds=[MemoryKind.PROFILE],
                                                  limit=PINNED_SCAN, as_of=as_of, filters=filters)
            pinned = [r for r in page.items if is_pinned(r)]
    hits.sort(key=lambda h: -h.score)
    return build_context(candidates(hits[:SEARCH_LIMIT], pinned, engine.settings.flagged_in_context),
                         max_tokens=max_tokens, tokenizer=get_tokenizer())
