"""Which search hits an integration may hand to a model (retrievers, the search tool).

Memories the write-time screen flagged as injections are withheld, as the context block drops
them, unless the application asks for them (``include_flagged=True``); every hit shown carries its
flags so a chain can still tell.
"""

from __future__ import annotations

from collections.abc import Iterable

from .._models import SearchHit
from .._screen import INJECTION


def shown(hits: Iterable[SearchHit], *, include_flagged: bool = False) -> list[SearchHit]:
    return [h for h in hits if include_flagged or INJECTION not in h.memory.flags]
