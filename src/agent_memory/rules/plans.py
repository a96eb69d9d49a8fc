"""Rules about what lies ahead: trips, bookings, scheduled things, dated possessions of the calendar."""

from __future__ import annotations

import re

from .base import Ctx, Fact, Rule, group_value, rule, simple
from .lexicon import BOOKED, CHILDREN, DOG_BREEDS, IDENTITY_THINGS, KIN_AND_PETS, PEOPLE, PETS
from .text import DATE_MARK, third_person

# pets in the plural only when counted: "two rabbits" is a household, "a love for horses" a taste
COUNTED_PETS = re.compile(r"^(?:two|three|four|five|six|\d+|a couple of|a few) ", re.IGNORECASE)


def going(m: re.Match[str], c: Ctx) -> Fact:
    verb = m.group("verb").lower()
    needs = verb not in ("planning", "moving", "relocating")  # "I'm going to bed" is not a plan
    return Fact("plan", f"{c.s} is {verb} to {group_value(m, cut=False)}", None, 0.8, dated=True, needs_date=needs)


def intends(m: re.Match[str], c: Ctx) -> Fact:
    """ "I plan to move to Rome next year" is a plan; without a date, "my plan is to switch careers" is a goal."""
    return Fact("plan" if c.date else "goal", f"{c.s} plans to {group_value(m, cut=False)}", None, 0.8, dated=True)


def scheduled(m: re.Match[str], c: Ctx) -> Fact | None:
    """Present tense with a date ahead: "I start my new job next Monday", "we leave for Rome on Friday"."""
    if c.date is None or c.date.relative_today and "tonight" not in m.group(0).lower():
        return None
    verb = m.group("verb").lower()
    return Fact("plan", f"{c.s} {third_person(verb)} {group_value(m, cut=False)}", None, 0.75, dated=True)


def away(m: re.Match[str], c: Ctx) -> Fact | None:
    if c.date is None or c.date.relative_today:
        return None  # "I'm at home today": passing
    return Fact("plan", f"{c.s} is {group_value(m, cut=False)}", None, 0.75, dated=True)


EVENT_NOUNS = r"(?:deadline|meeting|wedding|party|launch|exam|interview|appointment|conference|trip|flight|move" \
               r"|presentation|recital|game|match|race|concert|surgery|operation|ceremony|graduation|holiday" \
               r"|vacation|course|semester|term|lease|contract|release|demo|review|hearing|test|due date|shift)"


def scheduled_thing(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "My flight leaves at 6 tomorrow", "the deadline is next Friday": a plan, when a date is given."""
    if c.date is None or c.date.relative_today or m.group("verb").lower() == "are" and not m.group("my"):
        return None
    thing = (m.group("thing") or m.group("event")).lower()
    if m.group("my") and re.search(r"\b(?:mood|day|head)\b", thing):
        return None
    verb = m.group("verb").lower()
    return Fact("plan", f"{c.pos} {thing} {verb} {group_value(m, cut=False)}", None, 0.75, dated=True)


BREEDS = DOG_BREEDS | {"puppy", "kitten"}
PET_NAMED = re.compile(r"^(?:a|an|one) (?:[\w-]+ ){0,4}?(?P<kind>(?:[a-z-]+ )?(?P<pet>"
                       + "|".join(sorted(PETS | BREEDS)) + r")),? (?:called|named) "
                       # a pet's name may carry a title: "a tabby called Mr Whiskers", "a tortoise named Sir Reginald"
                       r"(?P<n>(?:(?-i:Mr|Mrs|Miss|Ms|Sir|Lady|Lord|Dr|Captain|Professor|Princess|King|Queen)\.? )?"
                       r"(?-i:[A-Z])[\w'-]*)$")


# a thing owned, named by its make: "a 2019 MacBook Air", "a Tesla", "an ancient iphone 8" (a few devices are typed
# in lower case), after how old or worn it is
OWNED = re.compile(r"^(?:a|an) (?:(?:old|ancient|new|trusty|battered|beat-up|refurbished|second-hand|little) )*"
                   r"(?:\d{4} )?(?:(?-i:[A-Z])\w|i(?-i:[A-Z])|(?:iphone|ipad|macbook|imac|thinkpad|kindle|pixel)\b)",
                   re.IGNORECASE)


def have(m: re.Match[str], c: Ctx) -> Fact | None:
    v = group_value(m, cut=False)
    if c.date is not None:
        return Fact("plan", f"{c.s} has {v}", None, 0.8, dated=True)
    named = PET_NAMED.match(v)
    if named:  # "a 3 year old golden retriever called Max": the pet's name is the fact
        pet = named.group("pet").lower()
        relation = "dog" if pet in BREEDS - {"kitten"} else "cat" if pet == "kitten" else pet
        return Fact("relationship", f"{c.pos} {named.group('kind')} is called {named.group('n')}", f"{relation}:name",
                    0.85)
    words = {w.strip(",.:;").lower() for w in v.split()[:8]}
    if re.search(r"\b\d+[ -]?(?:yo|y/o|years?[ -]old|yrs?[ -]old|months?[ -]old)\b", v, re.IGNORECASE):
        words.add("child")  # "a 4 yo and a newborn"
    if words & KIN_AND_PETS or words & PETS and COUNTED_PETS.match(v):
        slot = "children" if words & CHILDREN else "pets" if words & PETS else None
        return Fact("identity", f"{c.s} has {v}", slot, 0.8)
    breed = re.match(r"^(?:a|an|one) (?P<b>(?:[\w-]+ ){0,3}?(?:" + "|".join(sorted(DOG_BREEDS)) + r"))$", v)
    if breed:  # "a very loud beagle": a dog
        return Fact("identity", f"{c.s} has a dog ({breed.group('b')})", "pets", 0.8)
    if OWNED.match(v):
        return Fact("fact", f"{c.s} has {v}", None, 0.7)  # "a 2019 MacBook Air", "a Tesla"
    return None


def bare_appointment(m: re.Match[str], c: Ctx) -> Fact:
    v = group_value(m, cut=False).lower()
    article = "an" if v[0] in "aeiou" else "a"
    return Fact("plan", f"{c.s} has {article} {v}", None, 0.75, dated=True, needs_date=True)


def possessive(m: re.Match[str], c: Ctx) -> Fact | None:
    thing = m.group("thing").lower()
    v = group_value(m, cut=False)
    if c.date is not None and not re.search(r"\b(?:mood|day|head)\b", thing):
        return Fact("plan", f"{c.pos} {thing} is {v}", None, 0.75, dated=True)
    if thing in PEOPLE or thing.split()[0] in PEOPLE or len(thing.split()) > 3:  # "my colleague Dmitri is ..." too
        return None
    # only definite values ("a Tesla", "CET", "jon@example.com", "on Postgres 15"), not moods ("broken")
    if not re.match(r"^(?:(?:a|an|the|on|in|at) )?(?:[A-Z0-9$€£+]|i[A-Z]|\S*@|[\w-]+\.(?:com|org|net|io|dev|app)\b)",
                    v):
        return None
    category = "identity" if thing in IDENTITY_THINGS else "fact"
    return Fact(category, f"{c.pos} {thing} is {v}", thing, 0.7)


RULES: tuple[Rule, ...] = (
    rule("going", r"^(?:i am|we are) (?P<verb>planning|going|flying|travell?ing|driving|heading|moving|relocating|off) "
           r"to (?P<v>.+)$", going),
    rule("plan.plans_to", r"^(?:i|we) (?:plan|intend) to (?P<v>.+)$", intends),
    rule("plan.plans_to_2", r"^(?:my|our) plan is to (?P<v>.+)$", intends),
    simple("plan.is_planning", r"^(?:i am|we are) planning (?P<v>(?:a|an|our|my|the) .+)$",
           "plan", "{s} is planning {v}", None, 0.75, dated=True),
    simple("plan.is_expecting", r"^(?:i am|we are) expecting (?P<v>(?:a baby|twins|triplets|a (?:little )?(?:boy|girl)"
           r"|our (?:first|second|third|fourth) (?:child|baby|kid))\b.*)$",
           "plan", "{s} is expecting {v}", None, 0.8, dated=True),
    simple("plan.is_planning_on", r"^(?:i am|we are) planning on (?P<v>.+)$",
           "plan", "{s} is planning on {v}", None, 0.8, dated=True),
    simple("plan.has", r"^(?:i|we) (?:have )?(?:just |already |finally "
                       r"|recently )?(?P<verb>" + BOOKED + r") (?P<v>.+)$",
           "plan", "{s} has {verb} {v}", None, 0.8, dated=True),
    simple("plan.will", r"^(?:i|we) will (?P<v>.+)$",
           "plan", "{s} will {v}", None, 0.75, needs_date=True, dated=True),
    # (not a bare "aiming"/"hoping" before the date: "aiming for next summer" is the date of a goal, not a plan)
    simple("plan.is", r"^(?:i am|we are) (?!(?:aiming|hoping|trying|planning|looking)\s*\x00?\W*$)(?P<v>\w+ing\b.*)$",
           "plan", "{s} is {v}", None, 0.75, needs_date=True, dated=True),
    # a dropped subject before a new job ("starting at Monzo on monday as a data analyst"): a dated plan
    simple("plan.starting_at", r"^starting (?P<v>(?:a new job |work |my new job )?(?:at|with) (?-i:[A-Z]).+)$",
           "plan", "{s} is starting {v}", None, 0.75, needs_date=True, dated=True),
    # a bare noun and a date: "dentist appointment on the 20th, need to remember"
    rule("plan.bare_appointment", r"^(?:(?:a|an|my|our) )?(?P<v>(?:[\w'-]+ ){0,2}?(?:appointment|booking"
                                  r"|reservation|check-?up|consultation|interview|exam|scan|surgery|operation))\s*"
         + DATE_MARK + r"\s*(?:,.*)?$", bare_appointment),
    rule("scheduled", r"^(?:i|we) (?P<verb>start|begin|leave|fly|go|move|travel|graduate|return|arrive|head|retire"
                      r"|finish|visit"
           r"|meet|see|get married|compete|race|run|perform|present|defend|sit|turn) (?P<v>.*)$", scheduled),
    rule("away", r"^(?:i am|we are) (?P<v>(?:in|at|on|away|off|out of) .+)$", away),
    rule("scheduled_thing", r"^(?:(?P<my>my|our) (?P<thing>[\w' -]+?)"
                            r"|the (?P<event>(?:[\w'-]+ )?" + EVENT_NOUNS + r")) (?P<verb>starts"
           r"|begins|leaves|departs|arrives|ends|lands|takes off|kicks off|is due|is|are) (?P<v>.*)$", scheduled_thing),
    rule("have", r"^(?:i|we) (?:have|have got) (?P<v>(?:a|an|one|two|three|four|five|\d+|my|our|the"
                   r"|(?:kids|children|sons|daughters|twins|boys|girls)(?= aged\b)) .+)$", have),
    rule("possessive", r"^(?:my|our) (?P<thing>[a-z][\w' -]{1,40}?) (?:is|are) (?P<v>.+)$", possessive),
)
