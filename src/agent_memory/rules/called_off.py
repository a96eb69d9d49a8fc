"""Plans called off: "Japan is off", "we scrapped the Canada move", "cancelled the Lisbon trip". The plan
that named the place (or the thing: "called off the wedding") stops being current; what is kept says so
with a past marker ("no longer going to Japan"), so the old plan is not stated again. Only a named place
or a planned thing is read: "the heating is off" or "Monday is off" end nothing."""

from __future__ import annotations

import re

from .._extraction import Ending
from .base import Ctx, Fact, Rule, rule

_NOT_A_PLACE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June" \
               r"|July|August|September|October|November|December|Today|Tonight|Tomorrow|Work|School|Everything)"
NAME = r"(?-i:(?!" + _NOT_A_PLACE + r"\b)[A-Z][\w'-]+(?: [A-Z][\w'-]+)?)"
# what a plan is called when it is called off
PLANNED = r"(?:trip|holiday|vacation|move|visit|plans?|wedding|honeymoon|party|reunion|tour)"
_OFF = r"(?:off|cancell?ed|called off|scrapped|not happening)"


def called_off(m: re.Match[str], c: Ctx) -> Fact | None:
    where = m.group("v") or m.groupdict().get("v2")
    what = (m.group("what") or "").lower()
    if where is None and not what:
        return None
    if where is None:
        return Fact("plan", f"{c.s} no longer has the {what} planned", None, 0.75, ends=Ending(value=what))
    verb = "moving to" if what == "move" else "going to"
    return Fact("plan", f"{c.s} is no longer {verb} {where}", None, 0.75, ends=Ending(value=where))


RULES: tuple[Rule, ...] = (
    # "Japan is off", "the Rome trip got cancelled", "our Canada move is not happening"
    rule("called_off.is_off", r"^(?:the |our |my )?(?P<v>" + NAME + r")(?: (?P<what>" + PLANNED + r"))? (?:is|are"
                              r"|has been|have been|got|was) (?:now |officially )?" + _OFF + r"\W*$", called_off),
    # "we scrapped the Canada move", "had to cancel the trip to Lisbon", "called off the wedding"
    rule("called_off.cancelled", r"^(?:(?:i|we) )?(?:have |had to )?(?:just |finally )?(?:cancell?ed|cancel|called off"
                                 r"|call off|scrapped|scrap|shelved|ditched|binned) (?:the|our|my) (?:(?P<v>" + NAME
         + r") )?(?P<what>" + PLANNED + r")(?: to (?P<v2>" + NAME + r"))?\W*$", called_off),
)
