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
from collections.abc import Callable

from .dates import NOCASE
from .kin import WORDS
from .lexicon import CONDITIONS, DOG_BREEDS, NAMED_PLACE
from .prefilter import Rewrites

# where a clause starts: the message, a sentence, a comma or a joining word
_START = r"(?:^|(?<=[.!?;\n] )|(?<=[.!?;\n])|(?<=, )|(?<=\band )|(?<=\bbut )|(?<=\bso )|(?<=\bbtw )|(?<=\btbh ))"
# the person and the possessive mark, typed with or without its apostrophe ("my husbands tesla", "my kids' school")
_WHOSE = (_START + r"(?P<np>(?:my|our) (?:(?:little|older|younger|big|eldest|oldest|youngest|best) )?(?:" + WORDS
          + r"))(?:'s|s'|'|s) (?:new |current )?")
_PETS = "|".join(sorted({"dog", "cat", "puppy", "kitten", "hamster", "rabbit", "parrot", "horse", "tortoise", "pony",
                         "budgie", "ferret", "gecko", "snake"} | DOG_BREEDS, key=len, reverse=True))
_PLACE = NAMED_PLACE
# what is said of the thing next, or nothing: the end of the clause
_THEN = (r"(?P<rest>(?=[\s,]*(?:[.!?;\n]|$))|\s+(?=(?:is|are|was|were|has|have|had|just|got|finally|still|really"
         r"|never|always|[a-z]+ed|[a-z]+s)\b))")


def _said(template: str) -> Callable[[re.Match[str]], str]:
    def rewrite(m: re.Match[str]) -> str:  # what is said of the thing, if anything, is said of "it"
        return m.expand(template) + ("; it " if m.group("rest") else "")
    return rewrite


_POSSESSED = Rewrites((re.compile(_WHOSE + p + _THEN, NOCASE), _said(r)) for p, r in (
    # "my wife's job at the bank", "my husband's office in Canary Wharf": where they work
    (r"(?:job|work|office|workplace) (?P<p>at|in|with) (?P<x>(?:the |a |an )?(?:[\w&'-]+ ){0,2}?[\w&'-]+)",
     r"\g<np> works \g<p> \g<x>"),
    # "my dad's place in Leeds", "my mum's flat in Brighton" (not an "old" one: where they lived)
    (r"(?:place|flat|house|home|apartment|bungalow|cottage|farmhouse) (?P<p>in|near|outside) (?P<x>" + _PLACE + ")",
     r"\g<np> lives \g<p> \g<x>"),
    # "my son's school in Didsbury", "my daughter's nursery in Clapham"
    (r"(?P<s>school|nursery|primary school|secondary school|uni|university|college|sixth form) (?P<p>in|near) "
     r"(?P<x>" + _PLACE + ")", r"\g<np> goes to \g<s> \g<p> \g<x>"),
    # "my brother's restaurant in Soho", "my uncle's farm in Devon": a business of their own
    (r"(?P<b>restaurant|cafe|café|bakery|shop|salon|pub|bar|farm|business|company|gym|studio|clinic|practice|garage"
     r"|vineyard) (?P<p>in|near|on) (?P<x>" + _PLACE + ")", r"\g<np> has a \g<b> \g<p> \g<x>"),
    # "my sister's dog Max", "my girlfriend's cat Pickles"
    (r"(?P<pet>" + _PETS + r") (?P<n>(?!I\b)(?-i:[A-Z])[a-z][\w'-]*)", r"\g<np> has a \g<pet> called \g<n>"),
    # "my son's asthma", "my dad's dementia": a condition they have
    (r"(?P<c>" + CONDITIONS + r")", r"\g<np> has \g<c>"),
    # "my boyfriend's band": one they play in
    (r"band", r"\g<np> is in a band"),
))
# a person placed by where they live, then what is said of them: "my wife's parents in Lagos are coming to stay",
# "my sister out in Perth just had a baby"
_PLACED = re.compile(_START + r"(?P<np>(?:my|our) (?:(?:little|older|younger|big|eldest|oldest|youngest|best) )?(?:"
                     + WORDS + r")) (?:(?:out|over|down|up|back) )?in (?P<x>" + _PLACE + r")"
                     r"(?=\s+(?:is|are|was|were|has|have|had|just|got|finally|still|works?|loves?)\b)", NOCASE)


def possessed(text: str) -> str:
    """The text with each possessive of the kinds above said as a statement about its owner."""
    text = _POSSESSED.apply(text)
    return _PLACED.sub(r"\g<np> lives in \g<x>; \g<np>", text) if " in " in text else text
