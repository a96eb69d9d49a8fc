"""One message, one present value per slot.

A message often states a change in one breath: "I no longer work at the bank, I'm a baker now",
"I used to play the drums, now it's mostly guitar", "moved here from Antwerp, live in Ghent now".
Stored one by one, the closing half would be a second, stale-looking memory beside the new
value; what the speaker means is the new value, with the old one ended. So a closing statement
is dropped when the same message states a present value it gives way to (the same slot, or for a
closing statement without a slot, any later profile fact), and its ending moves to that value;
a past state ("used to play the drums", category ``fact``) is kept beside it as what it is, a
fact about the past (the labelling convention of ``benchmarks/extraction.py``).
Two present values of one slot in one message are the same fact said twice: the last one stays,
unless the slot holds a set ("I speak French and I'm learning... I also speak German": both stay)
or the values are different facets of it ("I'm vegan and gluten free": ``diet`` and ``diet:gluten``).
A statement that a named person or pet is gone ("had to put Pixel down", "split up with Luca")
ends what is kept about them.
"""

from __future__ import annotations

import re

from .._extraction import Candidate, Ending
from .._slots import canonical, facet, is_set, relation_of
from .lexicon import PETS
from .products import product_slot

# how a closing or negative statement reads once rewritten in the third person
CLOSING = re.compile(r"\b(?:no longer|used to|gave up|stopped|quit|left|not|never|moved (?:here|away) from)\b",
                     re.IGNORECASE)
_DATED = {"plan", "event", "goal"}
# a past state, kept beside the value that replaces it ("used to play the drums", "was a postman for 10 years",
# "lived in Kent for forty years"); a past action ("sold their Corolla") only hands on its ending
PAST_STATE = re.compile(r"\b(?:used to|was|were|previously|formerly)\b|\bfor (?:\w+ ){1,2}(?:years|decades)\b",
                        re.IGNORECASE)


def _closing(c: Candidate) -> bool:
    return c.ends is not None or bool(CLOSING.search(c.content))


def _gives_way(old: Candidate, i: int, new: Candidate, j: int) -> bool:
    if old.subject != new.subject or _closing(new):
        return False
    if old.attribute:
        return old.attribute == new.attribute
    return old.ends is not None and j > i and new.category not in _DATED


# a named person or pet gone, in the third person: "put Pixel down", "Pete passed away", "broke up with Luca"
PARTING = re.compile(r"\bput (?P<a>[A-Z][\w-]+) down\b|\bput down (?P<b>[A-Z][\w-]+)"
                     r"|\b(?P<c>[A-Z][\w-]+) (?:died|passed away|was put down|was put to sleep)\b"
                     r"|\b(?:split up|broke up|separated|parted ways) (?:with|from) (?P<d>[A-Z][\w-]+)")


# pets lost without a name: "lost both the rabbits", "we lost our cat in July" -- the kind ends (singular, so that
# "has a rabbit" and "has two rabbits" are both named)
LOST_PETS = re.compile(r"\blost (?:both |all )?(?:of )?(?:the|our|my|their|his|her) (?:(?:two|three|\d) )?(?:old )?"
                       r"(?P<v>" + "|".join(sorted(PETS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


# slots an ending may name instead of their value ("gave up their job", "sold the car")
WHOLE_SLOTS = frozenset({"job", "car", "diet"})


def _keyed(c: Candidate) -> Candidate:
    """The candidate with its slot narrowed to the facet its value names, and a parting's ending."""
    update: dict[str, object] = {}
    if (narrow := facet(c.attribute, c.content)) != c.attribute:
        update["attribute"] = narrow
    elif (klass := _product_class(c)) is not None:
        update["attribute"] = klass
    elif (shaped := _slot_by_shape(c)) is not None:
        update["attribute"] = shaped
    if c.ends is not None and c.ends.attribute is None and (slot := canonical(c.ends.value)) in WHOLE_SLOTS:
        update["ends"] = Ending(attribute=slot, value=slot)  # "quit their job": whatever the job is
    elif c.ends is not None and (narrow := facet(c.ends.attribute, c.ends.value)) != c.ends.attribute:
        update["ends"] = c.ends.model_copy(update={"attribute": narrow})
    elif c.ends is None and (lost := LOST_PETS.search(c.content)):
        kind = lost.group("v").lower()
        update["ends"] = Ending(attribute="pets", value=kind[:-1] if kind.endswith("s") else kind)
    elif c.ends is None and (m := PARTING.search(c.content)) and (who := m.group("a", "b", "c", "d")) \
            and (name := next(w for w in who if w)) != c.subject:
        update["ends"] = Ending(value=name)
    return c.model_copy(update=update) if update else c


# the speaker's own likings and habits that may name a product: "loves Apple Music" is the music service
_CLASSABLE = ("tool:", "preference:", "hobby:", "habit:")


# someone in the speaker's life "is in Berlin now" (a fact no rule keyed) is where they live: one slot with "lives in
# Munich"; a capital after "in" is a place, not "in the army" or "in hospital"
_PARTY_IN = re.compile(r"^[^']*'s? [\w -]+? (?:is|are) (?:now |still )?(?:down |up |out |over |back )?in "
                       r"(?!(?:Year|Grade|Form|Class|Reception|January|February|March|April|May|June|July|August"
                       r"|September|October|November|December)\b)(?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)?$")


def _slot_by_shape(c: Candidate) -> str | None:
    """The slot a third party's whereabouts holds, from the statement's shape."""
    if c.attribute and c.attribute.endswith(":fact") and _PARTY_IN.match(c.content):
        return f"{c.attribute.rpartition(':')[0]}:location"
    return None


def _product_class(c: Candidate) -> str | None:
    """The class slot of the product a speaker's liking or habit names (see :mod:`.products`)."""
    if c.category != "preference" or (c.attribute is not None and not c.attribute.startswith(_CLASSABLE)) \
            or relation_of(c.attribute, c.content) is not None:
        return None
    return product_slot(c.content)


def settle(found: list[Candidate]) -> list[Candidate]:
    found = [_keyed(c) for c in found]
    keep = [True] * len(found)
    out = list(found)
    for i, old in enumerate(found):
        if not _closing(old) or old.category in _DATED:
            continue  # "Left Oracle last spring, now freelancing": the dated happening is worth its own memory
        j = next((j for j, new in enumerate(found) if j != i and _gives_way(old, i, new, j)), None)
        if j is None:
            continue
        keep[i] = old.category == "fact" and bool(PAST_STATE.search(old.content))  # a fact about the past
        if old.ends is not None and out[j].ends is None:
            out[j] = out[j].model_copy(update={"ends": old.ends})
    for i, c in enumerate(found):  # the same slot twice, both present: the later statement stands
        if keep[i] and c.attribute and not _closing(c) and any(
                keep[j] and d.attribute == c.attribute and d.subject == c.subject and not _closing(d)
                and (not is_set(c.attribute) or d.content == c.content)
                for j, d in enumerate(found) if j > i):
            keep[i] = False
    return [c for i, c in enumerate(out) if keep[i]]
