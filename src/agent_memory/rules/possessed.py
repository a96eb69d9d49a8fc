"""What a person in the speaker's life has, said possessively, as a statement about them.

"my wife's job at the bank is killing her" says the wife works at a bank; "my dad's new place in Leeds is gorgeous"
that he lives in Leeds; "my sister's dog Max chewed my shoes" that she has a dog called Max; "my son's asthma is
worse" that he has asthma. Read as written, the possessive makes the thing the subject and its verdict the predicate,
which no rule keeps. The possessive is said as the statement it carries, and what is said of the thing goes on as a
clause of its own about "it" ("my wife works at the bank; it is killing her"), which no rule reads either.

Only at the start of a sentence or a clause: "we stayed at my dad's new place in Leeds" says where they stayed.
"""

from __future__ import annotations

import re

from .dates import NOCASE
from .identity import CAR_BRANDS
from .kin import WORDS
from .lexicon import CONDITIONS, DOG_BREEDS, NAMED_PLACE

# where a clause starts: the message, a sentence, a comma or a joining word (tested on what precedes a match: a
# look-behind tried at every position of every message would cost more than all the rest)
_START = re.compile(r"(?:[.!?;\n]\s?|,\s|\b(?:and|but|so|btw|tbh)\s)$", NOCASE)


def _at_start(m: re.Match[str]) -> bool:
    return m.start() == 0 or _START.search(m.string[max(0, m.start() - 5):m.start()]) is not None


_PETS = "|".join(sorted({"dog", "cat", "puppy", "kitten", "hamster", "rabbit", "parrot", "horse", "tortoise", "pony",
                         "budgie", "ferret", "gecko", "snake"} | DOG_BREEDS, key=len, reverse=True))
# what is said of the thing next, or nothing: the end of the clause
_THEN = (r"(?P<rest>(?=[\s,]*(?:[.!?;\n]|$))|\s+(?=(?:is|are|was|were|has|have|had|just|got|finally|still|really"
         r"|never|always|won|lost|went|made|came|did|can|will|[a-z]+ed|[a-z]+s)\b))")
# one pattern for every kind (one scan of a message): the person, then the possessive mark, typed with or without its
# apostrophe ("my husbands tesla"), and the thing; or the person placed where they live
_POSSESSED = re.compile(
    r"\b(?P<np>(?:my|our) (?:(?:little|older|younger|big|eldest|oldest|youngest|best) )?(?:" + WORDS + r"))"
    r"(?:(?:'s|s'|'|s) (?:new |current )?(?:"
    # "my wife's job at the bank", "my husband's office in Canary Wharf": where they work
    r"(?P<work>(?:job|work|office|workplace) (?P<wp>at|in|with) (?:the |a |an )?(?:[\w&'-]+ ){0,2}?[\w&'-]+)"
    # "my dad's place in Leeds", "my mum's flat in Brighton" (not an "old" one: where they lived)
    r"|(?:place|flat|house|home|apartment|bungalow|cottage|farmhouse) (?P<home>(?:in|near|outside) " + NAMED_PLACE + ")"
    # "my son's school in Didsbury", "my daughter's nursery in Clapham"
    r"|(?P<school>(?:school|nursery|primary school|secondary school|uni|university|college|sixth form) (?:in|near) "
    + NAMED_PLACE + ")"
    # "my brother's restaurant in Soho", "my uncle's farm in Devon": a business of their own
    r"|(?P<business>(?:restaurant|cafe|café|bakery|shop|salon|pub|bar|farm|business|company|gym|studio|clinic|practice"
    r"|garage|vineyard) (?:in|near|on) " + NAMED_PLACE + ")"
    # "my sister's dog Max", "my girlfriend's cat Pickles"
    r"|(?P<pet>(?:" + _PETS + r")) (?P<name>(?!I\b)(?-i:[A-Z])[a-z][\w'-]*)"
    # "my son's asthma", "my dad's dementia": a condition they have
    r"|(?P<condition>" + CONDITIONS + r")"
    # "my boyfriend's band": one they play in
    r"|(?P<band>band)"
    # "my son's football team won their league": a game they play
    r"|(?P<sport>football|rugby|netball|hockey|cricket|basketball|volleyball|baseball|softball|lacrosse|water polo)"
    r" (?:team|club|squad|league)"  # (not a match or a training: "my son's football match got rained off" is news)
    # "my husbands tesla is in the garage AGAIN": a car they have (not "my son's golf": the game)
    r"|(?P<car>(?!(?:golf|polo|seat|mini|leaf)\b)" + CAR_BRANDS + r")"
    r")" + _THEN +
    # "my partner's PhD is on marine biology": what they study
    r"|(?:'s|s'|'|s) (?P<study>phd|masters|master's|degree|dissertation|thesis) (?:is )?(?P<topic>(?:on|in|about) "
    r"[^.,;!?\n]+)" +
    # a person placed by where they live, then what is said of them: "my wife's parents in Lagos are coming to stay",
    # "my sister out in Perth just had a baby"
    r"| (?:(?:out|over|down|up|back) )?in (?P<placed>" + NAMED_PLACE + r")"
    r"(?=\s+(?:is|are|was|were|has|have|had|just|got|finally|still|works?|loves?)\b))", NOCASE)


def _said(m: re.Match[str]) -> str:
    if not _at_start(m):
        return m.group(0)
    np = m.group("np")
    if m.group("placed"):
        return f"{np} lives in {m.group('placed')}; {np}"
    if m.group("work"):
        said = f"{np} works {m.group('work').split(maxsplit=1)[1]}"
    elif m.group("home"):
        said = f"{np} lives {m.group('home')}"
    elif m.group("school"):
        said = f"{np} goes to {m.group('school')}"
    elif m.group("business"):
        said = f"{np} has a {m.group('business')}"
    elif m.group("pet"):
        said = f"{np} has a {m.group('pet')} called {m.group('name')}"
    elif m.group("condition"):
        said = f"{np} has {m.group('condition')}"
    elif m.group("sport"):
        said = f"{np} plays {m.group('sport')}"
    elif m.group("car"):
        said = f"{np} has a {m.group('car')}"
    elif m.group("study"):
        return f"{np} is doing a {m.group('study')} {m.group('topic')}"
    else:
        said = f"{np} is in a band"
    return said + ("; it " if m.group("rest") else "")  # what is said of the thing, if anything, is said of "it"


def possessed(text: str) -> str:
    """The text with each possessive of the kinds above said as a statement about its owner."""
    low = text.lower()
    if "my " not in low and "our " not in low:
        return text
    return _POSSESSED.sub(_said, text)
