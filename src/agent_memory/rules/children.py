"""The speaker's children counted, then named or aged in the same breath.

"I have 3 kids, 12, 9 and 4" and "both my kids are at the same primary, Jack is 7 and Ella is 5" say the children's
ages (and names) right after the speaker has said they have children. Alone, "Jack is 7" is about nobody the speaker
has introduced (no rule keeps it); after the children are mentioned, a name with an age is one of them. The ages are
rewritten as statements of their own ("my kids are 12, 9 and 4", "my child Jack is 7") that the child rules read.
"""

from __future__ import annotations

import re

from .dates import NOCASE
from .prefilter import Rewrites, gated

_KIDS = r"(?:kids|children|boys|girls|sons|daughters|twins|lot)"
# the children mentioned: "I have 3 kids", "we've got two boys", "both my kids ..."
_MENTION = (r"(?:\b(?:I|we)(?: have| have got|'ve got|'ve| got) (?:(?:two|three|four|five|\d) )?(?:[\w-]+ )?" + _KIDS
            + r"|\b(?:my|our) (?:(?:two|three|four|five|\d) )?" + _KIDS + r"\b[^,.;!?]*)")
_AGE = r"\d{1,2}(?: (?:months?|years?|yrs?|yo)(?: old)?)?(?: now| already)?"
# their ages in a row after a comma, once counted: "I have 3 kids, 12, 9 and 4" (one fact: "has 3 kids aged ...")
_AGES = re.compile(r"(?P<m>\b(?:I|we)(?: have| have got|'ve got|'ve| got) (?:two|three|four|five|\d) (?:[\w-]+ )?"
                   + _KIDS + r"),? (?:aged |ages )?(?P<a>\d{1,2}(?:, \d{1,2})*,? (?:and|&) \d{1,2})"
                   r"(?=\s*(?:[,.;!\u2014\u2013-]|$))(?P<dash>\s*[\u2014\u2013]\s*|\s+-\s+)?", NOCASE)
# a name with an age, then more: ", Jack is 7 and Ella is 5" (not in a question: "..., Tom is 6 and Ella is 3?")
_NAMED_AGES = re.compile(r"(?P<m>" + _MENTION + r"),\s+(?P<list>(?-i:[A-Z])[a-z]+ (?:is|'s) " + _AGE
                         + r"(?:(?:,| and|,? &)\s+(?-i:[A-Z])[a-z]+ (?:is|'s) " + _AGE + r")*)(?=\s*(?:[,.;!]|$))",
                         NOCASE)
_ONE = re.compile(r"(?P<n>(?-i:[A-Z])[a-z]+) (?:is|'s) (?P<a>\d{1,2}(?: (?:months?|years?|yrs?|yo)(?: old)?)?)", NOCASE)


def _named(m: re.Match[str]) -> str:
    kids = "; ".join(f"my child {one.group('n')} is {one.group('a')}" for one in _ONE.finditer(m.group("list")))
    return f"{m.group('m')}; {kids}"


_KIDS_SAID = gated(r"\b" + _KIDS + r"\b", NOCASE)


# a birth as chat announces it, said as the statements the child rules read: "baby girl arrived tuesday" (was born),
# "we named her Ada" (a daughter called Ada), "welcome to the world Isla Rose" (a baby called Isla Rose, born),
# "our son Arlo was born on Friday" (a son called Arlo, and his birth)
_NAME = r"(?-i:[A-Z])[a-z'-]+(?: (?-i:[A-Z])[a-z'-]+)?"
# a birth said in the message: "we named her Ada" is a daughter's name only then ("I named her Tilly": a toy, a pet)
_BIRTH_SAID = re.compile(r"\b(?:baby|born|newborn|arrived|little one|welcome to the world|due date|labou?r)\b", NOCASE)


def _named_child(m: re.Match[str]) -> str:
    if _BIRTH_SAID.search(m.string) is None:
        return m.group(0)
    return f"our {'daughter' if m.group('p').lower() == 'her' else 'son'} is called {m.group('n')}"


_BABY = r"(?:new |little |baby |newborn )?(?:son|daughter|baby|boy|girl|little one)"
_BIRTHS = Rewrites((re.compile(p, NOCASE), r) for p, r in (
    (r"(?:^|(?<=[.!?;\n] )|(?<=[.!?;\n])|(?<=, ))(?:(?:our|my|the) )?(?P<k>(?:new )?(?:baby|baby girl|baby boy"
     r"|little girl|little boy|little one))(?: has)? (?:finally |safely )?(?:arrived|came)"
     r"(?=\s+(?:on|at|last|this|yesterday|early|late|today|tonight|mon|tues|wednes|thurs|fri|satur|sun)|\W*(?:[,.!;\n-]|$))",
     lambda m: f"our {'baby' if m.group('k').lower().endswith('one') else m.group('k')} was born"),
    (r"\b(?:we|I)(?: have|'ve)? (?:just )?(?:named|called) (?P<p>her|him) (?P<n>" + _NAME + ")", _named_child),
    (r"(?:^|(?<=[.!?;\n] ))welcome to the world,? (?:little |baby )?(?P<n>" + _NAME + r")(?:,? born\b)?",
     r"our baby \g<n> was born"),
    (r"(?:^|(?<=[.!?;\n] ))the baby'?s name is (?P<n>" + _NAME + ")", r"our baby is called \g<n>"),
    (r"\b(?P<np>(?:my|our) " + _BABY + r") (?P<n>" + _NAME + r") (?=(?:was|were) born\b)",
     lambda m: f"{m.group('np')} is called {m.group('n')}; {m.group('np')} {m.group('n').split()[0]} "),
))


def rewrite(text: str) -> str:
    """``text`` with the ages (and names) said after the children are mentioned as statements of their own."""
    text = _BIRTHS.apply(text)
    if not _KIDS_SAID.search(text):
        return text
    # (a dash after the ages starts another thought: "12, 9 and 4 - yes I'm tired")
    text = _AGES.sub(lambda m: f"{m.group('m')} aged {m.group('a')}{'. ' if m.group('dash') else ''}", text)
    return _NAMED_AGES.sub(_named, text)
