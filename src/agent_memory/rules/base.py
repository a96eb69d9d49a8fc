"""What a rule is: a name, a compiled pattern over a normalised clause, and a handler that turns a
match into a :class:`Fact` (or declines with ``None``). Most rules need no code of their own:
:func:`simple` builds one from a :class:`Template`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .._extraction import Ending
from .dates import NOCASE, When
from .lexicon import CUT_TAIL, DEICTIC
from .text import key, reflect, third_person


@dataclass(frozen=True)
class Fact:
    category: str
    content: str  # may contain DATE_MARK where the date phrase stood
    attribute: str | None = None
    confidence: float = 0.8
    dated: bool = False  # True: the date belongs in the statement (plans, events, deadlines)
    needs_date: bool = False  # True: without a date this is not worth keeping ("I have to go")
    date_prep: str | None = None  # render the date with this preposition ("since April 2023")
    ends: Ending | None = None  # a current fact this statement closes ("I left Oracle": the job at Oracle)
    for_now: bool = False  # a state whose "at the moment" is the state itself ("not working at the moment")


@dataclass(frozen=True)
class Ctx:
    s: str  # "Caroline" / "The user"
    pos: str  # "Caroline's" / "The user's"
    date: When | None


Handler = Callable[[re.Match[str], Ctx], "Fact | None"]


@dataclass(frozen=True)
class Rule:
    name: str  # unique; the order test pins the sequence of names
    pattern: re.Pattern[str]
    handler: Handler


def rule(name: str, pattern: str, handler: Handler) -> Rule:
    return Rule(name, re.compile(pattern, NOCASE), handler)


def group_value(m: re.Match[str], group: str = "v", *, cut: bool = True) -> str:
    text = m.group(group) or ""
    if cut:
        text = CUT_TAIL.sub("", text)
    return reflect(text.strip(" ,.!"))


def is_cap(text: str) -> bool:
    return bool(text) and text[0].isupper()


LOWER = {"verb", "p", "rel", "thing", "be", "f", "how", "art"}  # groups a Template writes in lower case


@dataclass(frozen=True)
class Template:
    """A fact written from the match alone. ``template`` and ``attribute`` are filled with the
    speaker ({s}, {pos}), the value {v} (the ``v`` group, first person reflected; its tail cut at
    "because/but/…" when ``cut``), its short key {key}, and the other named groups: the ones in
    ``LOWER`` lower-cased ({verb}, with {verbs} its third-person form, {p}, {rel}, {thing}…), the rest
    reflected as they are. ``concrete``: nothing when the value is "this", "it", "you"…"""

    category: str
    template: str
    attribute: str | None = None
    confidence: float = 0.8
    cut: bool = False
    concrete: bool = False
    dated: bool = False
    needs_date: bool = False

    def __call__(self, m: re.Match[str], c: Ctx) -> Fact | None:
        groups = m.groupdict()
        if self.concrete and DEICTIC.match((groups.get("v") or "").strip()):
            return None  # "I love this song": about the conversation, not a lasting taste
        fields = {k: " ".join((g or "").lower().split()) if k in LOWER else reflect(g or "")
                  for k, g in groups.items() if k != "v"}
        if "verb" in fields:
            fields["verbs"] = third_person(fields["verb"])
        v = group_value(m, cut=self.cut) if "v" in groups else ""
        fields |= {"s": c.s, "pos": c.pos, "v": v, "key": key(v)}
        return Fact(self.category, " ".join(self.template.format_map(fields).split()),
                    self.attribute.format_map(fields) if self.attribute else None, self.confidence, self.dated,
                    self.needs_date)


def simple(name: str, pattern: str, category: str, template: str, attribute: str | None = None,
           confidence: float = 0.8, *, cut: bool = False, concrete: bool = False, dated: bool = False,
           needs_date: bool = False) -> Rule:
    """A rule that needs no code of its own (see :class:`Template`)."""
    return rule(name, pattern, Template(category, template, attribute, confidence, cut, concrete, dated, needs_date))
