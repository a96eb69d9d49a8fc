"""Plans called off: "Japan is off", "we scrapped the Canada move", "cancelled the Lisbon trip". The plan
that named the place (or the thing: "called off the wedding") stops being current; what is kept says so
with a past marker ("no longer going to Japan"), so the old plan is not stated again. Only a named place
or a planned thing is read: "the heating is off" or "Monday is off" end nothing."""

from __future__ import annotations

import re

from .._extraction import Ending
from .base import Ctx, Fact, Rule, rule
from .lexicon import DEICTIC
from .text import key, reflect

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
        # a wedding called off is an engagement ended too: the status slot's new value (and the plan naming it ends)
        status = "relationship" if what == "wedding" else None
        return Fact("plan", f"{c.s} no longer has the {what} planned", status, 0.75, ends=Ending(value=what))
    verb = "moving to" if what == "move" else "going to"
    return Fact("plan", f"{c.s} is no longer {verb} {where}", None, 0.75, ends=Ending(value=where))


# a place typed in lower case before a trip word ("the japan trip is off"), never a kind of trip ("the work trip")
# (the kinds are looked up in the handler: a long alternation tried on every clause costs more than the rule)
_KINDS = frozenset((
    "work school family class company office team camping ski skiing road day weekend birthday hen stag business field"
    " summer winter spring autumn beach girls boys lads fishing golf big little next last whole house flat uni college"
    " group club boat cruise city long shopping surprise anniversary staff annual study research sales training"
    " work's our my the this that").split())


def lower_off(m: re.Match[str], c: Ctx) -> Fact | None:
    if m.group("low") in _KINDS:
        return None
    where = m.group("low").capitalize()
    verb = "moving to" if m.group("what").lower() == "move" else "going to"
    return Fact("plan", f"{c.s} is no longer {verb} {where}", None, 0.75, ends=Ending(value=where))


# what can be moved to another date (looked up in the handler, not tried as an alternation on every clause)
_MOVABLE = frozenset(PLANNED[3:-1].replace("?", "").split("|")) | {"plan", "surgery", "operation", "op", "appointment",
                                                                   "exam", "interview", "scan", "gig", "concert",
                                                                   "launch", "match", "ceremony", "graduation",
                                                                   "christening", "funeral"}


def not_going(m: re.Match[str], c: Ctx) -> Fact | None:
    if m.group("neg").lower() == "not" and not m.group("tail"):
        return None  # "not going to Tesco": today's errand; "not going to Spain anymore" ends a plan
    verb = "moving to" if m.group("what").lower() in ("moving", "relocating", "emigrating") else "going to"
    return Fact("plan", f"{c.s} is no longer {verb} {m.group('v')}", None, 0.75, ends=Ending(value=m.group("v")))


def moved(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "the wedding got moved to september", "my surgery was postponed": the plan's new date (or none yet), and the
    plan as it stood ends."""
    what = reflect(m.group("what").strip())
    if what.split()[-1].lower() not in _MOVABLE:
        return None  # "the sofa got moved": no plan
    if c.date is None:
        return Fact("plan", f"{c.pos} {what} is postponed", None, 0.75, ends=Ending(value=key(what)))
    return Fact("plan", f"{c.pos} {what} is", None, 0.75, dated=True, ends=Ending(value=key(what)))


def changed_mind(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "changed my mind about the masters", "decided against the move": the plan that named it ends."""
    what = reflect(m.group("what").strip(" ,.!"))
    named = _NAMED_PLAN.match(what)  # "the Lisbon move" ends the plan that names Lisbon
    thing = named.group(1) if named else key(what)
    if DEICTIC.match(what) or not thing:
        return None  # "changed my mind about that": the thing is in an earlier turn
    the = f"{reflect(m.group('the'))} " if m.group("the") else ""
    return Fact("plan", f"{c.s} changed their mind about {the}{what}", None, 0.75, ends=Ending(value=thing))


_NAMED_PLAN = re.compile(rf"^({NAME}) {PLANNED}$")


RULES: tuple[Rule, ...] = (
    # "Japan is off", "the Rome trip got cancelled", "our Canada move is not happening"
    rule("called_off.is_off", r"^(?:the |our |my )?(?P<v>" + NAME + r")(?: (?P<what>" + PLANNED + r"))? (?:is|are"
                              r"|has been|have been|got|was) (?:now |officially )?" + _OFF + r"\W*$", called_off),
    # "we scrapped the Canada move", "had to cancel the trip to Lisbon", "called off the wedding"
    rule("called_off.cancelled", r"^(?:(?:i|we) )?(?:have |had to )?(?:just |finally )?(?:cancell?ed|cancel|called off"
                                 r"|call off|scrapped|scrap|shelved|ditched|binned) (?:the|our|my) (?:(?P<v>" + NAME
         + r") )?(?P<what>" + PLANNED + r")(?: to (?P<v2>" + NAME + r"))?\W*$", called_off),
    # "changed my mind about the masters, gonna stay at work", "decided against the Lisbon move"
    rule("called_off.changed_mind", r"^(?:(?:i|we) )?(?:have )?(?:changed (?:my|our) minds? (?:about|on)"
                                    r"|decided against) (?P<the>the |my |our )?(?P<what>[\w' -]{3,40}?)(?:,.*)?$",
         changed_mind),
    rule("called_off.is_off_lower", r"^(?:the |our |my )?(?P<low>(?-i:[a-z])[\w'-]{2,}+) (?P<what>trip|holiday"
                                    r"|vacation|move|visit|honeymoon|tour) (?:is|has been|got|was)"
                                    r" (?:now |officially )?" + _OFF + r"\W*$", lower_off),
    # "wedding got moved to september", "my op has been pushed back to june", "the move is postponed"
    rule("called_off.moved", r"^(?:the |our |my )?(?P<what>[\w'-]++(?: [\w'-]++){0,2}?)(?: date)? (?:has been"
                             r"|have been|got|was|were|is|are|is being) (?:moved|pushed back|pushed|postponed"
                             r"|rescheduled|brought forward|put back|bumped)(?: (?:to|till|until|for)(?= ?\x00))?"
                             r"\s*\x00?\W*$", moved),
    # "we're not going to Spain anymore", "not moving to Canada after all": the plan that named the place ends
    rule("called_off.not_going", r"^(?:(?:i am|we are) )?(?P<neg>not|no longer) (?P<what>going|moving|travell?ing"
                                 r"|flying|heading|relocating|emigrating) to (?P<v>" + NAME + r")"
                                 r"(?P<tail> (?:any ?more|after all))?\W*$", not_going),
)
