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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

if sys.version_info >= (3, 11):
    from re import _constants as C  # noqa: N812
    from re import _parser as P  # noqa: N812
else:  # pragma: no cover - 3.10
    import sre_constants as C  # noqa: N812
    import sre_parse as P  # noqa: N812

MAX_NEEDLES = 24  # more alternatives cost about as much to test as the regex itself
Needles = tuple[str, ...]
T = TypeVar("T")
Replacement = str | Callable[[re.Match[str]], str]


def _best(options: list[Needles], limit: int) -> Needles | None:
    """The most selective necessary set: the longest shortest string (short words are common), then the fewest;
    single characters only where they are digits (a date's "3rd", a count's "2") or not ASCII (an emoji)."""
    usable = [o for o in options
              if o and _tests(o) <= limit and all(len(n) >= 2 or n.isdigit() or not n.isascii() for n in o)]
    return max(usable, key=lambda o: (min(6, *map(_selectivity, o)), -len(o))) if usable else None


# words in nearly every clause select nothing ("in " of "in 3 weeks": the unit is the better test); digits are rare
_COMMON = frozenset({"a", "an", "and", "at", "for", "i", "in", "is", "it", "my", "of", "on", "the", "this", "to"})


def _tests(found: Needles) -> int:
    """What testing the set costs, in strings: the ten digits of a \\d cost about one."""
    digits = sum(n.isdigit() for n in found)
    return len(found) - digits + (digits > 0)


def _selectivity(needle: str) -> int:
    return 6 if needle.isdigit() or not needle.isascii() else 1 if needle.strip() in _COMMON else len(needle)


_DIGITS = tuple("0123456789")


def _item(op: Any, av: Any, limit: int) -> Needles | None:
    if op is C.SUBPATTERN:
        return _sequence(av[-1], limit)
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(av, limit)
    if op is C.BRANCH:  # every alternative must name its literals, else the branch has none
        out: set[str] = set()
        for alt in av[1]:
            found = _sequence(alt, limit)
            if found is None:
                return None
            out.update(found)
        # a string holding another of the set adds no test: "the day before yesterday" when "yesterday" is there
        return tuple(sorted(n for n in out if not any(m != n and m in n for m in out)))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, _hi, sub = av
        return _sequence(sub, limit) if lo >= 1 else None
    if op is C.ASSERT:  # a positive look-ahead/behind: its text is in the string too
        return _sequence(av[1], limit)
    if op is C.IN and av == [(C.CATEGORY, C.CATEGORY_DIGIT)]:  # \d: one of ten characters
        return _DIGITS
    return None  # other classes, ANY, anchors, negative assertions, group references: no literal


def _sequence(seq: Any, limit: int) -> Needles | None:
    options: list[Needles] = []
    run: list[str] = []
    for op, av in seq:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(("".join(run).casefold(),))
            run = []
        found = _item(op, av, limit)
        if found is not None:
            options.append(found)
    if run:
        options.append(("".join(run).casefold(),))
    return _best(options, limit)


def needles(pattern: re.Pattern[str], *, limit: int = MAX_NEEDLES) -> Needles | None:
    """Strings one of which every match of ``pattern`` contains (compared case-folded); None: no useful set.
    ``limit``: the most strings worth testing (a costly pattern is worth more of them)."""
    return _sequence(P.parse(pattern.pattern, pattern.flags), limit)


def _first(seq: Any) -> tuple[frozenset[str], bool] | None:
    """The case-folded characters a match of ``seq`` can start with, and whether it can match nothing;
    None: any character."""
    chars: set[str] = set()
    for op, av in seq:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # takes no character: the next item takes the first
        item = _first_item(op, av)
        if item is None:
            return None
        chars |= item[0]
        if not item[1]:
            return frozenset(chars), False
    return frozenset(chars), True


def _first_item(op: Any, av: Any) -> tuple[frozenset[str], bool] | None:
    if op is C.LITERAL:
        return frozenset({chr(av).casefold()}), False
    if op is C.IN:
        out: set[str] = set()
        for kind, value in av:
            if kind is C.LITERAL:
                out.add(chr(value).casefold())
            elif kind is C.RANGE and value[1] - value[0] < 128:
                out.update(chr(c).casefold() for c in range(value[0], value[1] + 1))
            else:
                return None  # a category, a negated set: too many characters
        return frozenset(out), False
    if op is C.SUBPATTERN:
        return _first(av[-1])
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _first(av)
    if op is C.BRANCH:
        chars: set[str] = set()
        empty = False
        for alt in av[1]:
            found = _first(alt)
            if found is None:
                return None
            chars |= found[0]
            empty = empty or found[1]
        return frozenset(chars), empty
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, _hi, sub = av
        found = _first(sub)
        return None if found is None else (found[0], found[1] or lo == 0)
    return None


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The case-folded characters a ``match`` of ``pattern`` can start with; None: any (or the empty string)."""
    found = _first(P.parse(pattern.pattern, pattern.flags))
    return None if found is None or found[1] else found[0]


def opening_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """For a pattern anchored at the start of the text (``^``, not multi-line), the characters its matches open
    with, found anywhere by ``sub`` or ``search`` too; None for the others."""
    parsed: Any = P.parse(pattern.pattern, pattern.flags)
    anchored = len(parsed) > 0 and parsed[0][0] is C.AT and parsed[0][1] in (C.AT_BEGINNING, C.AT_BEGINNING_STRING)
    return first_chars(pattern) if anchored and not pattern.flags & re.MULTILINE else None


class ByFirstChar(Generic[T]):
    """Items with a ``pattern`` tried with ``match`` in order, first one wins: only those whose pattern can start
    with the text's first character are offered (a clause opening "that" never tries the ~150 rules that open
    with "i" or "we"). Same order, same winner (``tests/test_rules_prefilter.py``)."""

    def __init__(self, items: Sequence[T], pattern: Callable[[T], re.Pattern[str]]) -> None:
        self.items = tuple(items)
        firsts = [first_chars(pattern(it)) for it in self.items]
        self.always = tuple(it for it, f in zip(self.items, firsts, strict=True) if f is None)
        chars = set().union(*(f for f in firsts if f is not None))
        self.by_char = {c: tuple(it for it, f in zip(self.items, firsts, strict=True) if f is None or c in f)
                        for c in chars if c.isascii()}

    def candidates(self, text: str) -> tuple[T, ...]:
        head = text[:1]
        if not head.isascii():
            return self.items  # other letters fold differently from the regex engine's case-insensitive match
        return self.by_char.get(head.casefold(), self.always)


@dataclass(frozen=True)
class Rewrite:
    pattern: re.Pattern[str]
    replacement: Replacement
    needles: Needles | None
    first: frozenset[str] | None = None  # an anchored pattern's possible first characters (None: not anchored)

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
        self.items = [Rewrite(p, _replacement(r), needles(p), opening_chars(p)) for p, r in pairs]

    def apply(self, text: str) -> str:
        # only ASCII text is filtered: the case folding of some other letters differs from the regex engine's
        folded: str | None = text.casefold() if text.isascii() else None
        for rw in self.items:
            if folded is not None and rw.first is not None and folded[:1] not in rw.first:
                continue  # "^(?:heading|flying) to": a clause opening with "I" is not one
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


_FOLDED: tuple[str, str | None] = ("", "")  # the last text folded: the gates of one clause ask about the same string


def _folded(text: str) -> str | None:
    global _FOLDED
    last, folded = _FOLDED  # (one tuple, read and replaced whole: safe across threads)
    if text is not last:
        folded = text.casefold() if text.isascii() else None
        _FOLDED = (text, folded)
    return folded


class Gated:
    """A compiled pattern that answers "no match" without running when none of its literals is in the text.

    For the hot guards and clause rewrites that search a whole clause (``REPORTED.search``, ``COUPLE.sub``):
    most clauses hold none of their words, and a miss of a long unanchored pattern costs several microseconds
    where the literal test costs a fraction of one. Same answers as the pattern (``tests/test_rules_prefilter.py``
    runs the extractor with and without the gates)."""

    __slots__ = ("compiled", "first", "needles", "opening")

    def __init__(self, compiled: re.Pattern[str], *, limit: int = MAX_NEEDLES) -> None:
        self.compiled = compiled
        self.needles = needles(compiled, limit=limit)
        self.first = first_chars(compiled)  # what a match at the start opens with (match, fullmatch)
        self.opening = opening_chars(compiled)  # the same for a pattern anchored with "^" (any method)

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    @property
    def flags(self) -> int:
        return self.compiled.flags

    def absent(self, text: str, first: frozenset[str] | None = None) -> bool:
        """True when the pattern cannot match ``text``: none of its literals is in it, or (``first``) the text
        opens with a character no match opens with."""
        if (folded := _folded(text)) is None:
            return False
        first = first or self.opening
        if first is not None and folded[:1] not in first:
            return True
        if self.needles is None:
            return False
        for n in self.needles:
            if n in folded:
                return False
        return True

    def search(self, string: str) -> re.Match[str] | None:
        return None if self.absent(string) else self.compiled.search(string)

    def match(self, string: str) -> re.Match[str] | None:
        return None if self.absent(string, self.first) else self.compiled.match(string)

    def fullmatch(self, string: str) -> re.Match[str] | None:
        return None if self.absent(string, self.first) else self.compiled.fullmatch(string)

    def sub(self, repl: Replacement, string: str, count: int = 0) -> str:
        return string if self.absent(string) else self.compiled.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return [string] if self.absent(string) else self.compiled.split(string, maxsplit)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        return iter(()) if self.absent(string) else self.compiled.finditer(string)

    def findall(self, string: str) -> list[Any]:
        return [] if self.absent(string) else self.compiled.findall(string)


def gated(pattern: str, flags: int = 0, *, limit: int = MAX_NEEDLES) -> Gated:
    """``re.compile`` for a pattern tried on most clauses and matching few of them (see :class:`Gated`)."""
    return Gated(re.compile(pattern, flags), limit=limit)
