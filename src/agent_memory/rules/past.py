"""Rules about past states: what the speaker did or was for a stretch of their life, now over.

"Back in college I played rugby", "I lived in Japan for three years", "I previously worked at Oracle":
a past fact (category ``fact``), not a present taste or job. A bare past tense without such a marker
("I played rugby") is a happening, left to the event rules; a past home or job named here ends the
current value that names it, as "I used to live in Berlin" does."""

from __future__ import annotations

import re

from .._extraction import Ending
from .base import Ctx, Fact, Rule, group_value, rule
from .lexicon import DIETS, JOB_ENDINGS, JOB_WORDS, PERIOD
from .text import reflect

# verbs of a lasting state or habit, not of a one-off happening ("I broke my arm as a kid" is an anecdote)
STATE_PAST = (r"(?:lived|worked|played|was|were|did|studied|taught|ran|owned|had|swam|danced|sang|rode|collected"
              r"|learned|learnt|spoke|loved|hated|liked|raced|coached|managed|trained|competed|skated|surfed"
              r"|climbed|hiked|boxed|fenced|rowed|sailed|acted|drew|painted|wrote|volunteered|served|attended"
              r"|went to|used to|grew up|smoked|drank|ate|cycled|biked|fished|hunted|modelled|modeled|drove|owned"
              r"|belonged to|kept|bred|spent)")
DURATION = (r"(?:for (?:(?:about |almost |nearly |over |more than |around )?(?:[\w-]+|a few|a couple of"
            r"|many|several) (?:years?|decades?|months|summers|winters|seasons)|ages|a long time|most of my life"
            r"|a decade|decades|years))")


def _ends(verb: str, v: str) -> Ending | None:
    """A past home or workplace named with the verb ends the current value naming it."""
    place = re.match(r"^(?:in|near) (?P<v>(?-i:[A-Z])[\w' -]*?)$", v)
    if verb == "lived" and place:
        return Ending(attribute="location", value=place.group("v"))
    org = re.match(r"^(?:at|for) (?P<v>(?-i:[A-Z])[\w&.' -]*?)$", v)
    if verb == "worked" and org:
        return Ending(attribute="job", value=org.group("v"))
    job = re.match(r"^(?:a|an) (?P<v>[\w' -]+?)$", v)
    if verb == "was" and job and (job.group("v").split()[-1].lower() in JOB_WORDS
                                  or JOB_ENDINGS.fullmatch(job.group("v").split()[-1])):
        return Ending(attribute="job", value=job.group("v"))
    return None


def past_state(m: re.Match[str], c: Ctx) -> Fact | None:
    groups = m.groupdict()
    verb = " ".join(m.group("verb").lower().split())
    v = group_value(m)
    if not v or re.match(r"^(?:it|this|that|so|just|there|here|to (?:think|say|believe|be))\b", v, re.IGNORECASE):
        return None  # "as a kid I loved it", "years ago I was there": nothing lasting said of the speaker
    if verb in ("was", "were") and not re.match(r"^(?:a|an|the|my|our|in|on|at|into|part|captain|head|member"
                                                r"|president|one of|" + DIETS + r")\b", v, re.IGNORECASE):
        return None  # "back then I was scared of the dark": a feeling of the time, not a state worth keeping
    when = reflect(" ".join(x.lower() for x in (groups.get("dur"), groups.get("lead")) if x))
    when = when.replace("they was", "they were")  # "when I was little" -> "when they were little"
    adv = f"{groups['adv'].lower()} " if groups.get("adv") else ""
    core = re.sub(r"\s+(?:for|since)\s*$", "", v)
    return Fact("fact", " ".join(f"{c.s} {adv}{verb} {core} {when}".split()), None, 0.7,
                ends=_ends(verb, core.split(" for ")[0]))


RULES: tuple[Rule, ...] = (
    # "I played rugby back in college", "I lived in Spain as a kid" (a lead period is moved behind by ``clean``)
    rule("past.period_tail", r"^(?:i|we) (?P<verb>" + STATE_PAST + r") (?P<v>.+?),? (?P<lead>" + PERIOD + r")$",
         past_state),
    # "I grew up speaking Arabic at home", "grew up riding horses"
    rule("past.grew_up_doing", r"^(?:i|we) (?P<verb>grew up) (?P<v>\w+ing\b.+)$", past_state),
    # "I previously lived in Leeds", "I once worked at a bank"
    rule("past.previously", r"^(?:i|we) (?P<adv>previously|formerly|once|briefly) (?P<verb>" + STATE_PAST
         + r") (?P<v>.+)$", past_state),
    # "I lived in Japan for three years", "worked at Oracle for a decade" ("I was in the queue for ages", "studied the
    # menu for a long time": a moment told long, not a stretch of a life)
    rule("past.duration", r"^(?:i|we) (?!(?:was|were|studied) .+ for (?:ages|a long time)$)"
                          r"(?P<verb>lived|worked|was|were|played|taught|studied|ran|owned|served|coached"
                          r"|managed|volunteered|danced|sang|trained|competed|smoked) (?P<v>.+?) (?P<dur>"
         + DURATION + r")(?:,? (?:before|until|till|then|but|and)(?: .*)?)?$", past_state),  # "... years before."
    # a past job named as such: "I worked as a bartender in Sydney after uni" (not "worked as hard as I could")
    rule("past.worked_as", r"^(?:i|we) (?P<verb>worked) (?P<v>as (?:a|an) [\w' -]+?(?: (?:in|at|for) .+)?)$",
         past_state),
)
