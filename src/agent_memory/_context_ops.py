"""The context builder's I/O: one engine operation (an effect generator, see ``_effects``) that
runs the searches and hands the hits to the pure :func:`agent_memory._context.build_context`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _validate as v
from ._context import MemoryContext, build_context, candidates, get_tokenizer, is_pinned
from ._effects import Op
from ._errors import ValidationError
from ._models import MemoryKind, MemoryRecord

if TYPE_CHECKING:
    from ._engine import Engine

SEARCH_LIMIT = 40  # hits considered for the episodic/profile/summary sections together
PINNED_SCAN = 200  # current profile facts scanned for identity/preferences


def context_scope(user_id: str | None, agent_id: str | None, session_id: str | None) -> dict[str, str]:
    """Long-term memory is about the subject, not one conversation: facts are stored without a
    session_id, so a session_id only narrows the scope when it is the only key given."""
    sc = v.scope(user_id, agent_id, session_id)
    if "session_id" in sc and len(sc) > 1:
        del sc["session_id"]
    return sc


def context(engine: Engine, query: str, *, user_id: str | None = None, agent_id: str | None = None,
            session_id: str | None = None, max_tokens: int = 1000, kinds: Any = None,
            as_of: Any = None, filters: Any = None) -> Op[MemoryContext]:
    if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
        raise ValidationError("max_tokens must be a positive integer")
    sc = context_scope(user_id, agent_id, session_id)
    wanted = v.kinds(kinds) or list(MemoryKind)
    hits = yield from engine.search(query, **sc, kinds=wanted, limit=SEARCH_LIMIT, as_of=as_of, filters=filters)
    pinned: list[MemoryRecord] = []
    if MemoryKind.PROFILE in wanted:
        page = yield from engine.list(**sc, kinds=[MemoryKind.PROFILE], limit=PINNED_SCAN, as_of=as_of,
                                      filters=filters)
        pinned = [r for r in page.items if is_pinned(r)]
    return build_context(candidates(hits, pinned, engine.settings.flagged_in_context), max_tokens=max_tokens,
                         tokenizer=get_tokenizer())
