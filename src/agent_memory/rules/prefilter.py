"""Skip a rewrite whose pattern cannot match: each pattern's necessary literals, read from the pattern itself.

The rules run ~90 clause rewrites and the contraction and pronoun lists on every clause, and most of them do
not apply; calling ``sub`` for each was most of the extractor's time. :func:`needles` derives, from the parsed
pattern, a few strings such that any match contains at least one of them ("home" for ``my home ?town``, the
alternatives of ``(?:teach|work|live)``); a rewrite runs only when one of them is in the text. The literals are
derived, never listed by hand, so a rule edited or added later stays correct; ``tests/test_rules_prefilter.py``
checks the derivation and that the cleaned clauses are the same with and without the filter.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

if sys.version_info >= (3, 11):
    from re import _constants as C  # noqa: N812
    from re import _parser as P  # noqa: N812
else:  # pragma: no cover - 3.10
    import sre_constants as C  # noqa: N812
    import sre_parse as P  # noqa: N812

MAX_NEEDLES = 24  # more alternatives cost about as much to test as the regex itself
Needles = tuple[str, ...]
Replacement = str | Callable[[re.Match[str]], str]


def _best(options: list[Needles]) -> Needles | None:
    """The most selective necessary set: the longest shortest string (short words are common), then the fewest."""
    usable = [o for o in options if o and min(map(len, o)) >= 2 and len(o) <= MAX_NEEDLES]
    return max(usable, key=lambda o: (min(6, *map(len, o)), -len(o))) if usable else None


def _item(op: Any, av: Any) -> Needles | None:
    if op is C.SUBPATTERN:
        return _sequence(av[-1])
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is C.BRANCH:  # every alternative must name its literals, else the branch has none
        out: set[str] = set()
        for alt in av[1]:
            found = _sequence(alt)
            if found is None:
                return None
            out.update(found)
        return tuple(sorted(out))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, _hi, sub = av
        return _sequence(sub) if lo >= 1 else None
    if op is C.ASSERT:  # a positive look-ahead/behind: its text is in the string too
        return _sequence(av[1])
    return None  # classes, ANY, anchors, negative assertions, group references: no literal


def _sequence(seq: Any) -> Needles | None:
    options: list[Needles] = []
    run: list[str] = []
    for op, av in seq:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(("".join(run).casefold(),))
            run = []
        found = _item(op, av)
        if found is not None:
            options.append(found)
    if run:
        options.append(("".join(run).casefold(),))
    return _best(options)


def needles(pattern: re.Pattern[str]) -> Needles | None:
    """Strings one of which every match of ``pattern`` contains (compared case-folded); None: no useful set."""
    return _sequence(P.parse(pattern.pattern, pattern.flags))


@dataclass(frozen=True)
class Rewrite:
    pattern: re.Pattern[str]
    replacement: Replacement
    needles: Needles | None

    def apply(self, text: str) -> str:
        return self.pattern.sub(self.replacement, text)


def _replacement(rep: Replacement) -> Replacement:
    # a template with group references is parsed on every ``sub`` call, match or not; expand it only on a match
    if isinstance(rep, str) and "\\" in rep:
        return lambda m: m.expand(rep)
    return rep


class Rewrites:
    """An ordered list of ``(pattern, replacement)`` applied in turn, each skipped when it cannot match."""

    def __init__(self, pairs: Iterable[tuple[re.Pattern[str], Replacement]]) -> None:
        self.items = [Rewrite(p, _replacement(r), needles(p)) for p, r in pairs]

    def apply(self, text: str) -> str:
        # only ASCII text is filtered: the case folding of some other letters differs from the regex engine's
        folded: str | None = text.casefold() if text.isascii() else None
        for rw in self.items:
            if folded is not None and rw.needles is not None:
                for n in rw.needles:  # a plain loop: a generator per rewrite costs more than the tests
                    if n in folded:
                        break
                else:
                    continue
            new = rw.apply(text)
            if new != text:
                text = new
                folded = text.casefold() if text.isascii() else None
        return text
