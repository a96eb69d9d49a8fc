"""The one write-time hook for content: the PII policy (``_pii``), then the injection screen
(``_screen``), applied wherever a message, an explicit fact, an update or an import becomes a
record, before it is embedded or shown to an extractor."""

from __future__ import annotations

from . import _pii
from ._config import Settings
from ._screen import screen_flags

SAFETY_PREFIXES = ("pii:", "injection")  # flags this hook owns (recomputed when content changes)


def guard(text: str, settings: Settings, *, field: str = "content") -> tuple[str, list[str]]:
    """The content to store (redacted under ``pii="redact"``) and its safety flags; raises
    ``ValidationError`` under ``pii="reject"`` when personal data is found."""
    text, flags = _pii.apply(text, settings.pii, field=field)
    return text, flags + (screen_flags(text) if settings.screen else [])


def merge_flags(old: list[str], new: list[str], *, recompute: bool) -> list[str]:
    """``new`` added to ``old``; with ``recompute`` the content changed, so the old content's
    safety flags go (its provenance flags, ``from:*``, stay)."""
    kept = [f for f in old if not (recompute and f.startswith(SAFETY_PREFIXES))]
    return list(dict.fromkeys(kept + new))
