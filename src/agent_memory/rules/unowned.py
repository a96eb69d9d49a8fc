"""Relatives and partners named without "my", as chat names them: "husband's at work till 6", "gf is vegetarian",
"the wife's vegan", "brother lives in Dubai now".

A relation word that opens a clause and is followed straight away by what is said of the person can only be the
speaker's own relative: nobody else has been named as its owner. It is rewritten to "my <relation>" so that every
reader of :mod:`.people` and :mod:`.others` (and their guards for questions, hypotheticals and the like) serves it.
What stays as said: a relation word with an owner ("Sarah's husband", "her brother"), one that is not followed by a
predicate ("the husband in that film", "wife material", "mum jokes are ..."), plurals said of people in general
("wives always say that"), and words inside quotes or after a question's verb ("is mum's birthday on friday?").
"""

from __future__ import annotations

import re

from .dates import NOCASE
from .prefilter import gated

# the relations chat names bare; friends, exes and pets stay out ("friend is a nurse" is rarely the speaker's friend,
# and "ex" or "baby" open too many other sentences); the chat forms of a partner come with them
_BARE = ("husband", "hubby", "wife", "wifey", "missus", "missis", "partner", "other half", "girlfriend", "boyfriend",
         "gf", "bf", "fiance", "fiancé", "fiancee", "fiancée", "mum", "mom", "mam", "mother", "dad", "father",
         "step dad", "step mum", "step mom", "stepdad", "stepmum", "stepmom", "step-dad", "step-mum", "step-mom",
         "brother", "sister", "son", "daughter", "grandma", "grandpa", "granny", "grandad", "nan", "nana", "gran",
         "uncle", "aunt", "auntie", "aunty", "cousin", "niece", "nephew", "kids", "parents", "twins", "in-laws",
         "mother-in-law", "father-in-law", "sister-in-law", "brother-in-law")
_REL = "|".join(sorted((re.escape(w) for w in _BARE), key=len, reverse=True))
# what may come between a clause's start and the relation word: a filler, never a word that names an owner
_LEAD = r"(?:(?:ok|okay|so|anyway|btw|well|oh|also|and|but|lol|haha|update:?)[,:]?\s+)*"
# the predicate must follow at once: a verb (or "'s"), perhaps after an adverb; "the husband in that film" has none
_VERB = (r"(?:'s\b|\s+(?:(?:still|now|also|just|recently|finally|never|always|only|actually|literally)\s+)?"
         r"(?:is|are|was|were|works|worked|lives|lived|has|had|got|moved|started|turned|plays|loves|likes|hates"
         r"|eats|speaks|teaches|studies|runs|owns|can't|cannot|doesn't|does|won't|isn't|aren't"
         # a change said of them: "dad finally retired in may", "sister relocated to Cork"
         r"|retired|quit|left|relocated|emigrated|joined|switched|graduated|became|split|broke up|sold|bought)\b)")
_BARE_PARTY = gated(r"(?:^|(?<=[.!?;\n]\s)|(?<=[.!?;\n]))(?P<lead>\s*" + _LEAD + r")(?P<the>the\s+)?"
                    r"(?P<rel>" + _REL + r")(?=" + _VERB + r")", NOCASE, limit=40)  # ~35 relation words
# step relations said in two words are one relation word ("step dad" -> "stepdad")
_STEP = re.compile(r"^step[ -]", NOCASE)


# a story being talked about: "the wife is the killer" there is a character ("the wife's vegan" is the speaker's)
_STORY = re.compile(r"\b(?:film|movie|show|series|episode|season|sitcom|book|novel|character|plot|killer|villain"
                    r"|murderer|scene|finale|spoilers?|netflix|actor|actress|ending|storyline|cast)s?\b", NOCASE)


def _owned(m: re.Match[str]) -> str:
    return f"{m.group('lead')}my {_STEP.sub('step', m.group('rel'))}"


def _owned_unless_story(m: re.Match[str]) -> str:
    # (said with "the" only, and looked for only then: "wife's a fan of the show" is hers)
    if m.group("the") and _STORY.search(m.string) is not None:
        return m.group(0)
    return _owned(m)


def rewrite(text: str) -> str:
    """``text`` with each relation opening a clause without an owner given one: "my <relation>"."""
    return _BARE_PARTY.sub(_owned_unless_story, text)
