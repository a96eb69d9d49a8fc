"""A message -> normalised first-person clauses, each matched by the rules on its own."""

from __future__ import annotations

import re

from .._slots import RELATIONS
from . import chat, learner
from .dates import DATE, NOCASE
from .lexicon import (
    CHILDREN,
    DIETS,
    DOG_BREEDS,
    FREQUENCY,
    HYPOTHETICAL_START,
    IMPAIRMENTS,
    JOB_WORDS,
    PAST_START,
    PERIOD,
    PETS,
    QUOTED,
    REPORTED,
    REQUEST,
)
from .only_one import one_of
from .openers import speaker_openers
from .possessed import possessed
from .prefilter import Rewrites, gated
from .reported import before_report
from .text import (
    APPOSITION,
    CLAUSES,
    CONTRACTIONS,
    COUPLE,
    ELIDED,
    ENDED_SINCE,
    FILLER,
    REASON_FIRST,
    REWRITES,
    SENTENCES,
    SUBORDINATE,
    base_form,
    present_perfect,
)
from .workplace import home_of_work

# "I used to play the drums, now it's mostly guitar": the same verb, a new object
USED_TO_NOW = gated(r"^(?P<s>i|we) used to (?P<verb>[a-z]+) (?P<x>.+?),?\s+(?:but |and )?(?:now|these days"
                         r"|nowadays),? (?:it is|it's|its|mostly|more|all)(?: (?:mostly|more|all|just))? (?P<y>.+)$",
                         NOCASE)
# "I'm vegetarian but I still eat fish": the exception belongs to the diet, it is no habit of its own
DIET_EXCEPTION = gated(r"\b(?P<d>" + DIETS + r"),? but (?P<i>i )?(?:still |do |also |will )*"
                            # "... again" after it: a restart, not an exception
                            r"(?P<verb>eat|have|drink)s? (?!(?:[\w-]+ ){1,2}?again\b)",
                            NOCASE)
# "..., so two dogs now", "..., that makes three kids": a new count stated by implication
COUNT_NOW = gated(r",?\s+(?:so|that makes|which makes)\s+(?:it is |it's |that is |that's |we have |now )?"
                       r"(?P<n>two|three|four|five|six|\d+) (?P<what>(?:dogs|cats|kids|children|sons|daughters|pets"
                       r"|rabbits|horses|birds|chickens|grandkids|grandchildren))(?: now| in total| total)?\W*$",
                       NOCASE)
# "my wife and I moved in together": keep who with
MOVED_IN = gated(r"\b(?:my|our) (?P<p>[\w'-]+(?: (?-i:[A-Z])[\w'-]+)?) and I (?:have )?(?:just |finally )?moved in"
                      r" together\b", NOCASE)
# "married with two kids": a status and a count
MARRIED_WITH = gated(r"^(?:(?:i am|we are) )?(?P<st>married|divorced|single|separated|widowed) with (?P<v>(?:a|one"
                          r"|two|three|four|five|\d) (?:kids?|children|child|sons?|daughters?|dogs?|cats?))\b",
                          NOCASE)
# a bare age opening a list of facts: "28, living in Lyon, ..."
# (with the sex of chat profiles: "52F, retired police officer, ...")
LEAD_AGE = re.compile(r"^(?P<n>[1-9]\d)(?:\s*(?:y/?o|yrs?(?: old)?|years old)|\s?/?[mf])?,\s+(?=\w)", NOCASE)
# verbs a clause may start with when it shares the subject of the one before ("... , live in Lyon and work ...")
# (not "love", "have", "enjoy": "Love the colours!", "Have fun!" are exclamations and wishes, not statements)
DROPPED = re.compile(r"^(?:live|work|study|teach|speak|own|would rather|would prefer|grew up|used to)\b", NOCASE)
# "allergic to penicillin and also shellfish": one allergy each (the last item is split off, then the next)
ALLERGY_LIST = gated(r"\b(?P<head>allergic to (?:[\w-]+ ){0,3}?[\w-]+?)(?:,\s*|,?\s+(?:and|&|as well as|plus)\s+)"
                          r"(?:also\s+)?(?!(?:carry|have|need|use|get|got|take|avoid|it|which|that|so|but|i|we)\b)"
                          # (a reaction after the list is no allergen: "allergic to literally everything, wild")
                          r"(?!(?:wild|crazy|insane|lol|lmao|haha\w*|omg|ugh|seriously|honestly|tbh|ridiculous"
                          r"|typical|classic|sadly|annoyingly)\W*$)"
                          r"(?P<last>[\w-]+(?: [\w-]+){0,2}?)\W*$", NOCASE)
# "Sam and I got engaged", "my girlfriend and I broke up": the partner stays in the statement
COUPLE_EVENT = gated(r"^(?P<p>(?:my|our) [\w'-]+(?: (?-i:[A-Z])[\w'-]+)?|(?-i:[A-Z])[\w'-]+) and I "
                          r"(?:have )?(?:just |finally |recently )?(?P<v>got (?:married|engaged)|broke up|split up"
                          r"|separated|divorced)\b",
                          NOCASE)
ME_AND = gated(r"^me and (?P<p>(?:my [\w'-]+(?: (?-i:[A-Z])[\w'-]+)?|(?-i:[A-Z])[\w'-]+)) (?=(?:have )?"
                    r"(?:just |finally |recently )?(?:got (?:married|engaged)|broke up|split up|separated|divorced"
                    r"|moved in together)\b)", NOCASE)
# "and studying", ", married to a nurse": "I am"
STATE = re.compile(r"\s*(?:studying|working|living|teaching|based|located|married to|engaged to)\b", NOCASE)
# a clause that goes on about the speaker without a subject: a bare age ("I'm Deepa, 29, ..."), or what they are
# doing ("..., doing my phd in Bergen", "now freelancing as a data engineer"); not a noun in -ing ("morning")
# nouns in -ing and the doings of a passing moment
NOT_DOING = (r"(?:nothing|something|anything|everything|morning|evening|thing|king|ring|spring|wedding|building"
             r"|ceiling|feeling|being|going|getting|having|hoping|thinking|wondering|waiting|looking|trying|dying"
             r"|kidding|joking|saying|asking|sleeping|drinking|eating|watching|sitting|standing|lying|struggling)")
GOES_ON = re.compile(r"^(?:(?P<age>[1-9]\d)(?:\s*(?:y/?o|yrs?(?: old)?|years old))?\W*$"
                     r"|(?:(?:now|currently|also|still|mostly|mainly) )?(?!" + NOT_DOING + r"\b)"
                     r"(?P<ing>[a-z]{2,}ing) (?=\S))[\s.!]*", NOCASE)
# "I'm 62 and retired": a status of the same subject after "and", "I am"
STATUS = re.compile(r"\s*(?:(?:recently|newly|happily|just) )?(?:retired|semi-retired|married|single|divorced|widowed"
                    r"|engaged|separated|rather|quite|very"
                    r"|a bit|slightly|strictly|" + DIETS[3:-1] + "|" + IMPAIRMENTS[3:-1] + r")\b", NOCASE)
# "I live in Leeds with my wife and two kids": the count is a fact of its own
COUNTED = re.compile(r"\b(?:my|our)(?: [\w'-]+ and)? (?P<n>two|three|four|five|six|\d) (?P<w>kids|children|sons"
                     r"|daughters|boys|girls|dogs|cats|rabbits|hamsters|horses|chickens|pets|parrots|guinea pigs)\b",
                     NOCASE)
# "my partner Jo works nights as a nurse": the schedule and the role, two statements (where is part of the schedule)
WORKS_SHIFTS = gated(r"^(?P<subj>.+?\bwork(?:s|ing)?) (?P<sched>nights|weekends|evenings|night shifts|early shifts"
                          r"|late shifts) (?P<rest>as .+)$", NOCASE)
# "Bart here, 52, ...", "Ravi - accountant, ...": a name introducing a list of facts about the speaker
INTRO = gated(r"^(?!(?:yes|yep|yeah|nope|no|sure|okay|ok|well|right|correct|hi|hey|hello|thanks|sorry)\b)"
                   r"(?P<n>(?-i:[A-Z])[a-z]+)(?: here,| - )\s*(?!(?:can|could|would|will|do|does|did|is|are|what|how"
                   r"|why|when|where|who|please|pls|help|quick|just|thanks|thank|sorry|hi|hey|hello)\b)"
                   r"(?=\d|(?:[\w/-]+ ){0,3}[\w/-]+,)", NOCASE)
# a bare job in such a list: "..., semi-retired electrician from Antwerp", "..., accountant, ..."
LIST_JOB = re.compile(r"^(?:(?:a|an) )?(?:[\w-]+ ){0,2}?(?:" + "|".join(sorted(JOB_WORDS))
                      + r")(?: (?:at|in|for|from) .+)?$", NOCASE)
# a statement that leads into the question it is asked for: "I'm training for a triathlon in May, how many days a
# week should I swim?", "We've got a toddler and a dog - any tips?"; "as a vegetarian, what should I cook?"
_ASKS = r"(?:what|what's|how|which|who|where|when|why|is|are|do|does|did|should|can|could|would|will|any|anything" \
        r"|help|thoughts|ideas|advice|tips|suggestions|recommendations)\b"
STATED_BEFORE_ASKING = re.compile(r"^(?P<s>(?:since |as |because |given that )?(?:I|we|my|our)\b.+?)"
                                  # ("my daughter is 2 so any tips for flying?": "so" before the ask, too)
                                  r"(?:,|\s+[-\u2013]|(?=\s+so\s))\s+(?:so |and |but )?"
                                  r"(?=" + _ASKS + ")", NOCASE)
# (a role only when the question is the speaker's: "as a rule, what do people eat?" says nothing of them)
AS_A = re.compile(r"^(?:as|being) (?:(?P<v>(?:a|an) [\w -]{3,40}?),?\s+(?=" + _ASKS + r".*\b(?:I|me|my)\b)"
                  r"|(?P<w>(?:a |an )?" + DIETS + r"|someone (?:with|who (?:has|is)) [\w' -]{2,40}?),?\s+(?=" + _ASKS
                  + r"(?!.*\byou\b)))", NOCASE)
# what leads into a question without being a fact: the asking itself
# (and a statement about today is about the task at hand: "I'm making pasta tonight, how long do I boil it?")
ABOUT_THE_QUESTION = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|right now"
                                r"|figure out|work out|wondering|wonder|not sure|unsure|curious|confused|stuck"
                                r"|thinking (?:about|of)|looking for|need (?:some )?(?:advice|help|tips|ideas)"
                                r"|question|quick one)\b", NOCASE)
_PEOPLE = "|".join(sorted(RELATIONS, key=len, reverse=True))
# the person a question names, for a "she"/"he" that opens the next sentence: "a gift for my wife? she loves gardening"
ASKED_ABOUT = re.compile(r"\b(?:my|our) (?:[\w-]+ )?(?:" + _PEOPLE + r")\b(?!.*\b(?:my|our)\b)", NOCASE)
# a relative clause on a relation is a statement about them: "looking after my mum who has Alzheimer's"
RELATIVE = re.compile(r"\b(?P<np>(?:my|our) (?:[\w-]+ )?(?:" + _PEOPLE + r")(?: (?-i:[A-Z])[\w'-]+)?),? "
                      r"who(?P<is>'s| is)? "
                      r"(?=(?:\d|has|have|lives|works|loves|likes|speaks|teaches|runs|owns|is|a|an|allergic"
                      r"|vegan|vegetarian|retired)\b|(?<='s )|(?<= is ))", NOCASE)
# ... and on a name given: "a lab called Rosie who is a nightmare on walks" (the pet and its name stand on their own)
NAMED_WHO = re.compile(r"\b(?P<c>(?:called|named) (?P<n>(?-i:[A-Z])[\w'-]+)),? who(?:'s| is) ", NOCASE)
# the name of whom the speaker lives or is with: "I live in Tucson with my husband Frank", "... with my wife, Margaret."
WITH_NAMED = re.compile(r"\bwith (?P<np>(?:my|our) (?:husband|wife|partner|boyfriend|girlfriend|fianc[eé]e?|son"
                        r"|daughter|spouse)),? (?P<n>(?-i:[A-Z])[a-z]+)\W*$", NOCASE)
# one predicate for two subjects: "I am a vegan and so is my partner"
SO_IS = re.compile(r"^(?P<head>(?:\w+,? )*?I am (?P<p>[\w -]+?)),? (?:and so is|as is) (?P<np>(?:my|our) [\w-]+)"
                   r"\b[,.]?",
                   NOCASE)
# dictation runs statements together: "my son is called Mateo he is four": a new subject after a name or a number
RUN_ON = re.compile(r"(?<=[\w])\s+(?=(?:he|she) (?:is|was|has|loves|likes|works|lives|started|goes|plays)\b)", NOCASE)
# a household listed in one breath: "we've got a toddler and a dog" is a child and a pet, two slots, two facts
# ("three cats and a rabbit" stays one fact about the pets)
_KIDS = "|".join(sorted(CHILDREN, key=len, reverse=True))
_ANIMALS = "|".join(sorted(PETS | DOG_BREEDS, key=len, reverse=True))
_COUNT = r"(?:a|an|one|two|three|four|five|six|\d+) (?:[\w-]+ ){0,2}?"
HAS_LIST = gated(r"\b(?P<h>(?:I|we) (?:have|have got|got|own)) (?P<a>" + _COUNT + r"(?:(?P<k>" + _KIDS + r")|"
                      + _ANIMALS + r"))(?:,| and| plus) (?=" + _COUNT + r"(?(k)(?:" + _ANIMALS + r")|(?:" + _KIDS
                      + r"))\b)", NOCASE)
# a dash before a new subject starts a statement of its own: "I'm Tom - I run a bakery", "for my wife's job - she's a
# surgeon" (a dash pair around an aside is read before, chat.asides)
DASH_SUBJECT = re.compile(r"\s+[-\u2013\u2014]\s+(?=(?:I|we|my|our|he|she)\b)", NOCASE)
# the condition a diet is for is a fact of its own: "I'm on a low FODMAP diet for my IBS"
DIET_FOR = re.compile(r"\b(?P<d>(?:I am|I'm) on (?:a |an )?(?:[\w-]+ ){0,3}diet) for my (?P<c>[\w' -]{2,30}?)"
                      r"(?=\W*$|[,.;!])", NOCASE)
# what the speaker has, listed with commas: "I've got coeliac disease, a bad knee, and ...", "we have two cats,
# Salt and Pepper, and a tortoise" (an item opens with a count or an article; names after a comma stay with theirs)
HAVE_HEAD = re.compile(r"\b(?:I|we) (?:have|have got|got|own)\b", NOCASE)
HAVE_ITEM = re.compile(r",\s+(?:and |plus |also )*(?=(?:a|an|one|two|three|four|five|six|\d+) (?!(?:bit|lot|few|little"
                       r"|couple|while|day|week|month|year|time|and|or)\b)[a-z-])", NOCASE)
COUNTED_ITEM = re.compile(r"^\s*(?:got )?(?:two|three|four|five|six|[2-9]) ", NOCASE)
AM_A_AND_A = re.compile(r"\b(?P<first>I am (?:a|an) [\w -]+?) and (?=(?:a|an) [\w-]+)", NOCASE)
# work of two kinds in one breath: "I do freelance design and part-time bar work"
_WORK_KIND = r"(?:freelance|part-time|part time|full-time|contract|agency|temp|casual|seasonal|shift|voluntary)"
WORK_KINDS = re.compile(r"\bI do (?P<a>" + _WORK_KIND + r" [\w -]+?) and (?=" + _WORK_KIND + r" )", NOCASE)
# a life event named in passing is the status it left: "after the divorce I moved back in with my parents"
AFTER_EVENT = gated(r"^(?P<lead>(?:so |and |but )?(?:basically )?)(?:after|since) (?P<det>the|my|our) "
                         r"(?P<e>divorce"
                         r"|separation|wedding|retirement|break-?up)\b,?\s*(?=(?:I|we)\b)", NOCASE)
_LEFT_BY = {"divorce": "divorced", "separation": "separated", "wedding": "married", "retirement": "retired",
            "breakup": "single", "break-up": "single"}
BOTH = re.compile(r"^(?P<np>(?:my|our) [\w-]+(?: (?-i:[A-Z])[\w'-]+)?) and I are both (?P<p>[\w -]+?)\W*$", NOCASE)
# back in with someone, and where: "just moved back home with my parents in Leeds" is where the speaker lives now
MOVED_BACK_IN = re.compile(r"^(?:(?P<s>I|we) )?(?:have )?(?:just |recently |finally )?moved back (?:home |in )?with "
                           r"(?P<who>(?:my|our) [\w' -]+?) (?P<p>in|near|outside) (?P<where>(?-i:[A-Z])[\w'-]+"
                           r"(?: (?-i:[A-Z])[\w'-]+)*)", NOCASE)
# an age said with what the speaker is doing at it: "I'm learning to swim at 41", "going back to uni at 35 to study"
# (not "retiring at 60": an age ahead; not "running at 12 km/h")
AGE_AT = re.compile(r"^(?:I am |I'm |we are )?(?:(?:only |just |finally )?(?:learning|going back|starting|studying"
                    r"|training|becoming|retraining|taking up|getting into|back at)\b[^,.;!?]*?)"
                    r"(?P<at> at (?P<n>[1-9]\d))\b"
                    r"(?! ?(?:km|mph|kph|%|percent|degrees|am|pm|o'clock|kg|lbs|per)\b)", NOCASE)
# alone, and where, in one breath: "I live alone in a studio flat in Leipzig", "been living on my own in Galway"
LIVE_ALONE_IN = re.compile(r"(?:\b(?P<s>I|we) (?:am |are |have been )?|^(?:have been |been )?)(?:live|living) "
                           r"(?P<who>alone|on (?:my|our) own|by (?:myself|ourselves))"
                           r"(?: (?:in|near|outside) (?:a|an|our|my|the) (?:[\w-]+ ){0,2}(?:flat|house|apartment|place"
                           r"|home|cottage|studio|room|bedsit|village|town))?"
                           r" (?P<p>in|near|outside|just outside) (?P<where>(?-i:[A-Z])[\w'-]+"
                           r"(?: (?-i:[A-Z])[\w'-]+)*)", NOCASE)
# with whom and where, in one breath: "i live with my girlfriend and her two cats in a flat in brighton"
LIVE_WITH_IN = re.compile(r"\b(?P<s>I|we) live with (?P<who>(?:my|our) [\w' -]+?)(?: and (?:her|his|their) [\w' -]+?)?"
                          r" in (?P<where>(?:(?:a|an|our|my) (?:[\w-]+ )?(?:flat|house|apartment|place|home|cottage)"
                          r" in )?"
                          r"[\w' -]+)$", NOCASE)
# dictation runs the speaker's statements together: "I am a chef I work in a hotel kitchen" (a capital "I" with a
# verb, after a word that cannot lead into it: not "I think I am", "so I work")
RUN_ON_I = re.compile(r"(?<=[a-z0-9])\s+(?=I (?:am|work|live|have|do|love|like|hate|speak|study|teach|own|drive|play"
                      r"|go|was|came|moved|left|grew up|got)\b)")
# ... and where a date phrase ends one and "my <thing> is" starts the next: "... drive this year my test is in march"
RUN_ON_MY = re.compile(r"\b(?P<d>year|month|week|weekend|today|tomorrow|tonight|summer|winter|spring|autumn)\s+"
                       r"(?=(?:my|our) [\w-]+ (?:is|are|was)\b)", NOCASE)
_LEADS_IN = {"that", "what", "when", "where", "if", "because", "as", "so", "and", "but", "or", "than", "since", "until",
             "while", "before", "after", "how", "why", "who", "which", "whether", "think", "know", "guess", "hope",
             "said", "says", "say", "wish", "believe", "mean", "once", "though", "although", "unless", "like",
             "thought",
             "feel", "felt", "suppose", "reckon", "bet", "swear", "whenever", "cos", "cause", "coz", "then",
             "now", "yes", "yeah", "no", "ok", "okay", "well", "also", "sure", "actually", "honestly", "basically",
             # someone else's view of the speaker: "my therapist thinks I have ADHD" is no statement of theirs
             "thinks", "believes", "reckons", "suspects", "suspected", "assumes", "assumed", "feels", "knows",
             "worries", "worried", "suggests", "suggested", "insists", "claims"}
# "my late husband": the speaker is widowed
LATE_PARTNER = re.compile(r"\bmy late (?:husband|wife|partner|spouse)\b", NOCASE)
# a pet named right after it was adopted: "just adopted a kitten 🐱 her name is Mochi" -> "... a kitten named Mochi"
PET_NAMED_AFTER = re.compile(r"\b(?P<a>(?:adopted|rescued|got|have|yes,?) )?(?P<np>(?:a|an) (?:[\w-]+ )?(?:"
                             + "|".join(sorted(PETS | DOG_BREEDS))
                             # (when it came may come between: "adopted a greyhound last weekend!! her name is Luna")
                             + r"))(?P<d> (?:last|this|on|yesterday|today)(?: [\w]+){0,2}?)?[^\w.?]*\s*"
                             r"(?:(?:her|his|its) name is|(?:she|he|it) is called) "
                             r"(?P<n>(?-i:[A-Z])[\w'-]+)",
                             NOCASE)
# where the speaker ended up: "I served in the Navy for 22 years before settling in Plymouth"
SETTLED_IN = re.compile(r",?\s+(?:before|and then|then) (?:finally )?(?:settling|moving|relocating|retiring) (?:down )?"
                        r"(?:in|to) (?=(?-i:[A-Z]))", NOCASE)
# formal requests: "I should be grateful if you would keep your answers brief" -> "please keep your answers brief"
POLITE = re.compile(r"^(?:i|we) (?:should|would|will) (?:be (?:most |very |so |really )?(?:grateful|obliged|thankful)"
                    r"|(?:really )?appreciate it) if you (?:would|could|can|will|might) (?:please )?", NOCASE)


def _have_items(sentence: str) -> str:
    """ "I've got X, a Y, and a Z" -> "I've got X; I've got a Y; I've got a Z": each item a fact (its reader
    decides)."""
    head = HAVE_HEAD.search(sentence)
    if head is None:
        return sentence
    items: list[str] = []
    for item in HAVE_ITEM.split(sentence[head.end():]):
        if items and COUNTED_ITEM.match(items[-1]) and "," not in items[-1] and re.match(r"^(?:a|an) ", item, NOCASE):
            items[-1] = f"{items[-1]}, {item}"  # "two dogs, a pug and a staffy": the count spelled out
        else:
            items.append(item)
    return sentence if len(items) == 1 else sentence[:head.end()] + f"; {head.group(0)} ".join(
        i.strip() if n else i for n, i in enumerate(items))


def _diet_exception(m: re.Match[str]) -> str:
    """ "I'm vegetarian but I still eat fish" -> "vegetarian but eats fish"; "my husband is vegetarian but I eat meat"
    names two people, and the "I" stays."""
    if m.group("i") and not re.search(r"\b(?:i|we)\b", m.string[:m.start()], NOCASE):
        return m.group(0)
    return f"{m.group('d')} but {m.group('verb')}s "


def _as_a(role: str) -> str:
    """ "a vegetarian" -> "I am a vegetarian"; "someone with ADHD" -> "I have ADHD"; "someone who is deaf" -> "I am
    deaf"."""
    return re.sub(r"^someone (?:with|who has)\b", "I have", re.sub(r"^someone who is\b", "I am", role, flags=NOCASE),
                  flags=NOCASE) if role.lower().startswith("someone") else f"I am {role}"


def _people_and_lists(sentence: str) -> str:
    """The pass-5 sentence rewrites, each tried only when a word it needs is there (most sentences have none)."""
    low = sentence.lower()
    if " he " in low or " she " in low:
        sentence = _run_on(sentence)
    if " i " in low or low.startswith("i "):
        sentence = _run_on_i(sentence)
    if " who" in low:
        sentence = RELATIVE.sub(lambda m: f"{m.group('np')}; {m.group('np')} {'is ' if m.group('is') else ''}",
                                sentence)
        sentence = NAMED_WHO.sub(r"\g<c>; \g<n> is ", sentence)
    if "alone" in low or " own " in low or "by myself" in low or "by ourselves" in low:
        sentence = LIVE_ALONE_IN.sub(lambda m: f"{m.group('s') or 'I'} live {m.group('who')}; {m.group('s') or 'I'} "
                                               f"live {m.group('p')} {m.group('where')}", sentence)
    if " at " in low and (age := AGE_AT.match(sentence)) is not None:
        sentence = f"I am {age.group('n')}; {sentence}"
    if "moved back" in low:
        sentence = MOVED_BACK_IN.sub(lambda m: f"{m.group('s') or 'I'} live with {m.group('who')}; "
                                               f"{m.group('s') or 'I'} live {m.group('p')} {m.group('where')}",
                                     sentence)
    if " live with " in low:
        sentence = LIVE_WITH_IN.sub(r"\g<s> live with \g<who>; \g<s> live in \g<where>", sentence)
    if " both " in low:
        sentence = BOTH.sub(r"I am \g<p>; \g<np> is \g<p>", sentence)
    if "so is " in low or "as is " in low:
        sentence = SO_IS.sub(r"\g<head>; \g<np> is \g<p>;", sentence)
    if "settling" in low or "moving" in low or "relocating" in low or "retiring" in low:
        sentence = SETTLED_IN.sub("; I moved to ", sentence)
    while (" and " in low or "," in low) and (listed := HAS_LIST.search(sentence)) is not None:
        sentence = f"{sentence[:listed.start()]}{listed.group('h')} {listed.group('a')}; {listed.group('h')} " \
                   f"{sentence[listed.end():]}"
    if " diet for my " in low:
        sentence = DIET_FOR.sub(r"\g<d>; I have \g<c>", sentence)
    if "," in low and (" have " in low or " got " in low or " own " in low):
        sentence = _have_items(sentence)
    if " and a" in low:  # "I am a retired headmistress and a keen gardener": two of what the speaker is
        sentence = AM_A_AND_A.sub(r"\g<first>; I am ", sentence)
    if "i do " in low:
        sentence = WORK_KINDS.sub(r"I do \g<a>; I do ", sentence)
    if (event := AFTER_EVENT.match(sentence)) is not None and (
            event.group("det").lower() != "the" or event.group("e").lower() not in ("wedding", "retirement")):
        # (not "after the wedding we had cake": whose wedding is not said)
        sentence = f"I am {_LEFT_BY[event.group('e').lower()]}; {sentence[event.end():]}"
    if "my late " in low and LATE_PARTNER.search(sentence):
        # what is said of the late partner is past ("My late husband, Arthur, was a keen fisherman"): only the status
        about_them = re.match(r"^my late [\w-]+\b(?!,? (?:[A-Z][\w'-]+,? )?and I\b)", sentence, NOCASE)
        sentence = "I am widowed" if about_them else f"{sentence}; I am widowed"
    return sentence


def _run_on_i(sentence: str) -> str:
    """ "ok so I am a chef I work in a hotel kitchen": in dictation (no punctuation at all) a statement of the speaker
    ends where the next "I" starts, unless the word before leads into it. Typed text is left whole: there "something
    I love", "the friends I have" are relative clauses without "that"."""
    if re.search(r"[,!?;:\-]|\.(?!$)", sentence) or not re.match(r"^(?:\w+ ){0,3}?i\b", sentence, NOCASE):
        return sentence
    sentence = RUN_ON_MY.sub(r"\g<d>; ", sentence)
    if not re.match(r"^(?:\w+ ){0,3}?I (?:am|work|live|have|do)\b", sentence) or re.match(
            r"^(?:since|because|as|when|whenever|after|before|once|if|now that|ever since|while|until|although"
            r"|though)\b", sentence, NOCASE):
        return sentence  # "Since I moved to Denver I've taken up skiing": a subordinate clause and its main one
    out, last = [], 0
    for m in RUN_ON_I.finditer(sentence):
        before = sentence[:m.start()].split()
        if len(before) > 2 and before[-1].strip("'\"").lower() not in _LEADS_IN:
            out.append(sentence[last:m.start()])
            last = m.end()
    return "; ".join([*out, sentence[last:]]) if out else sentence


def _run_on(sentence: str) -> str:
    """Split dictated run-on statements only after a name or a number ("called Mateo he is four"), where no
    subordinate clause can start ("the day she was born" is left whole)."""
    out, last = [], 0
    for m in RUN_ON.finditer(sentence):
        prev = sentence[:m.start()].split()[-1]
        if (prev[:1].isupper() and prev != "I" and len(sentence[:m.start()].split()) > 1) or prev.isdigit():
            out.append(sentence[last:m.start()])
            last = m.end()
    return "; ".join([*out, sentence[last:]]) if out else sentence


# an aside in brackets, a few words with one in lower case: not a smiley ":)", pronouns "(she/her)" nor a name
# in apposition "my hometown (Derby)"
# (a hyphen joins words as a space does: "colourblind (red-green)")
ASIDE = re.compile(r"\s*\((?=[^()]*[\s-])(?=[^()]*\b(?-i:[a-z])[a-z]+\b)[^()/]{3,60}\)", NOCASE)
# a past stretch of life that a comma cut off from its statement: "As a kid, I lived in Lagos"
PERIOD_ONLY = re.compile(r"(?:" + PERIOD + r")[\s,.]*", NOCASE)
PERIOD_FIRST = gated(r"^(?P<lead>" + PERIOD + r"),? (?P<rest>(?:i|we) .+)$", NOCASE)
DATE_LEAD = re.compile(r"(?:back|earlier|later|sometime|just|and|but|so)", NOCASE)  # "back in 2015"


def is_date_only(text: str) -> bool:
    """ "Last week," / "Back in 2015,": a date phrase that a comma cut off from its statement."""
    t = re.sub(r"^" + DATE_LEAD.pattern + r"\s+", "", FILLER.sub("", text).strip(" ,.!"), flags=NOCASE)
    m = DATE.match(t)
    return bool(t) and m is not None and m.end() == len(t)


_OPEN_PHRASE = re.compile(r"\b(?:a|an|the|my|our|his|her|their|this|that|some|very|so|really|more|most)\s+[\w-]+$",
                          NOCASE)


_FRAGMENT = re.compile(r"(?:i|we|my|our|he|she|please|been|living|teaching|working|studying|originally|based|live"
                       r"|now|still"
                       r"|just|also|up|carry|have|had|moved|left|started|turned|got|bought|sold|switched|quit"
                       r"|joined"
                       # (the pieces "and" splits off before these too: "I'm a nurse and trying to save for a house")
                       r"|trying|hoping|planning|saving|going|moving|flying|heading|relocating|relocated|finished"
                       r"|graduated|retired|took|recently|finally|if|married|engaged|passed|lost|completed|adopted"
                       # (what "so" split off: "we don't have a car so everything has to be near a train")
                       r"|it|everything|anything|nothing)\b",
                       NOCASE)


# names only: "two cats, Pixel and Nori", "Paris, France" (the pronoun I is not a name)
_NAMES = re.compile(r"^(?!UTC|GMT)(?-i:(?!I\b)[A-Z])[\w'-]+(?:(?:,\s*|\s+(?:and|&)\s+)(?-i:(?!I\b)[A-Z])[\w'-]+)*"
                    r"[\s.!]*$")


# a person named before their statement: "our youngest, Bea, started school" is one clause about Bea
_MENTION = re.compile(r"^(?:my|our) (?:[\w'-]+ )?(?:" + "|".join(sorted(RELATIONS, key=len, reverse=True))
                      + r")(?:,? (?-i:[A-Z])[\w'-]+)?$", NOCASE)


def _rejoin(pieces: list[str]) -> list[str]:
    """A comma inside a noun phrase ("a safe, inviting place") or before names in apposition ("two
    cats, Pixel and Nori") is not a clause boundary."""
    out: list[str] = []
    for piece in pieces:
        # (not what the speaker goes on to say: "our cat Mochi, work as a barista")
        if out and (_NAMES.match(piece) or _MENTION.match(out[-1]) and not DROPPED.match(piece)
                    or _OPEN_PHRASE.search(out[-1])
                    and piece[:1].islower() and not _FRAGMENT.match(piece)):
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece)
    return out


# a self-description written as a form: "Name: Oskar. Age: 27. Hobbies: chess and climbing"; each field is said the
# way a sentence would say it, and a message with a field of another kind ("Subject: ...") is some other form
FORM_FIELDS = {
    "name": "my name is {}", "age": "I am {}", "job": "I work as {}", "occupation": "I work as {}",
    "profession": "I work as {}", "location": "I live in {}", "city": "I live in {}", "based": "I am based in {}",
    "home": "I live in {}", "from": "I am from {}", "hometown": "I am from {}", "hobbies": "I enjoy {}",
    "hobby": "I enjoy {}", "interests": "I enjoy {}", "likes": "I like {}", "dislikes": "I dislike {}",
    "allergies": "I am allergic to {}", "allergy": "I am allergic to {}", "diet": "I am {}", "languages": "I speak {}",
    "language": "I speak {}", "pronouns": "my pronouns are {}"}
FORM_OPENERS = {"about me", "background", "context", "quick intro", "intro", "fyi", "note", "quick note", "update",
                "re"}
FIELD = re.compile(r"(?:^|(?<=[.;!])\s*|(?<=,)\s*|\s+-\s+)(?P<k>[a-z][a-z ]{1,14}?)\s*:\s*(?P<v>.+?)"
                   r"(?=\s*(?:[.;!](?:\s|$)|$|,\s*[a-z][a-z ]{1,14}?\s*:|\s+-\s+))", NOCASE)
# the value a field needs: a place or a name with a capital, an age in digits
FIELD_VALUE = {"name": r"(?-i:[A-Z])\S*", "location": r"(?-i:[A-Z]).*", "city": r"(?-i:[A-Z]).*",
               "home": r"(?-i:[A-Z]).*", "from": r"(?-i:[A-Z]).*", "hometown": r"(?-i:[A-Z]).*",
               "based": r"(?-i:[A-Z]).*", "age": r"\d{1,3}"}


def _form(text: str) -> str:
    """ "Name: Oskar. Age: 27." -> "my name is Oskar. I am 27." (only when every "key:" of the message is a field)."""
    keys = re.findall(r"(?:^|[.;!,]\s*|\s-\s)([A-Za-z][A-Za-z ]{0,19}?)\s*:", text)
    if not keys or any(k.strip().lower() not in FORM_FIELDS and k.strip().lower() not in FORM_OPENERS for k in keys):
        return text

    def said(m: re.Match[str]) -> str:
        k, v = m.group("k").strip().lower(), m.group("v").strip()
        if k not in FORM_FIELDS or not re.fullmatch(FIELD_VALUE.get(k, ".+"), v):
            return m.group(0)
        return f"; {FORM_FIELDS[k].format(v)}"

    return re.sub(r"[\s.,;]*;\s*", "; ", FIELD.sub(said, text)).lstrip("; ")


# a request ending in a colon hands over material to work on: "Translate to French please: I have two daughters"
MATERIAL = re.compile(r"(?:^|(?<=[.!?])\s+)(?P<req>[^.!?:\n]{3,80}):\s.*$", re.DOTALL)


def split_clauses(text: str) -> list[str]:
    if ":" in text and (material := MATERIAL.search(text)) and REQUEST.match(FILLER.sub("", material.group("req"))):
        text = text[:material.start()]  # what follows the colon is the material, not the speaker's statement
    if ":" in text:
        text = _form(text)
    text = QUOTED.sub(" ", text)  # quoted words are someone's words, not the speaker's statement
    text = chat.asides(text)  # "my wife - shes a nurse - works nights", "my son (he's 6) ...": statements apart
    text = ASIDE.sub("", text)  # "I'm a translator (German to English mostly)": the aside qualifies, the clause states
    text = _CONTRACTIONS.apply(text)
    text = chat.normalise(text)  # "whats", "bc", "I'm kind of ...", a bulleted "About me:" list
    text = learner.normalise(text)
    text = one_of(text)  # "I'm the only vegan in my office": a vegan
    if " & " in text:
        text = text.replace(" & ", " and ")  # "me & my wife run a vineyard"
    text = possessed(text)  # "my wife's job at the bank is ...": she works at a bank (possessed.py)
    if " name is " in text or " called " in text:
        text = PET_NAMED_AFTER.sub(lambda m: f"{m.group('a') or ''}{m.group('np')} named {m.group('n')}"
                                   f"{m.group('d') or ''}", text)
    out: list[str] = []
    asked_about: str | None = None  # "my wife" in "a gift for my wife?", for "she loves ..." next
    carried = False  # the sentence before ended with the speaker: "im 34. Software engineer."
    for sentence in SENTENCES.split(text.strip()):
        sentence = sentence.strip()
        if " if you " in sentence:
            sentence = POLITE.sub("please ", sentence)
        if asked_about:
            sentence = re.sub(r"^(?:she|he)\b", asked_about, sentence, flags=NOCASE)
            asked_about = None
        bare = FILLER.sub("", sentence)
        if sentence.endswith("?") and chat.uptalk(sentence, bare, text):
            # "I think I'm coeliac?", "I'm allergic to peanuts I think?": a statement, its "?" a rising tone
            sentence = bare = _TRAILING_HEDGE.sub("", bare.rstrip("? "))
        # (a question may go without its "?": "as a diabetic what snacks are ok for a long drive")
        if (sentence.endswith("?") or AS_A.match(bare)) and not HYPOTHETICAL_START.match(bare):
            named = ASKED_ABOUT.search(bare)
            asked_about = named.group(0) if named else None
            as_a = AS_A.match(bare)
            stated = STATED_BEFORE_ASKING.match(bare)
            sentence = _as_a(as_a.group("v") or as_a.group("w")) if as_a else stated.group("s") if stated else ""
            if ABOUT_THE_QUESTION.search(sentence):
                sentence = ""  # "I'm trying to figure out how to pick the right ones - any advice?": no fact
            bare = sentence
        if HYPOTHETICAL_START.match(bare) and (actual := chat.ACTUALLY.search(bare)) is not None:
            sentence = bare = bare[actual.end():]  # "if i get the job i'll move to Leeds, right now i live in Hull"
        if REQUEST.match(bare) and (stated := chat.STATED_AFTER_REQUEST.search(bare)) is not None:
            sentence = bare = bare[stated.end():]  # "write me a cover letter, i'm a nurse with 10 yrs experience"
        if REPORTED.search(sentence) and (own := before_report(sentence)) is not None:
            sentence = bare = own  # "my brother-in-law is a mechanic, he said the clutch is gone": the first part
        if (not sentence or HYPOTHETICAL_START.match(bare) or REQUEST.match(bare)
                or REPORTED.search(sentence)):
            continue  # "If I had the money, I'd move to Lisbon", "Translate ...", "She said ...": not the case
        sentence = _people_and_lists(sentence)
        sentence = USED_TO_NOW.sub(r"\g<s> used to \g<verb> \g<x>; \g<s> \g<verb> \g<y>", sentence)
        sentence = WORKS_SHIFTS.sub(r"\g<subj> \g<rest>; \g<subj> \g<sched>", sentence)
        sentence = MARRIED_WITH.sub(r"I am \g<st>; I have \g<v>", sentence)
        sentence = INTRO.sub(r"I am \g<n>, ", sentence)
        sentence = LEAD_AGE.sub(r"I am \g<n>, ", sentence)
        while (allergy := ALLERGY_LIST.search(sentence)) is not None:  # anchored at the end: nothing follows
            sentence = f"{sentence[:allergy.start()]}{allergy.group('head')}; I am allergic to {allergy.group('last')}"
        sentence = COUNT_NOW.sub(r"; we have \g<n> \g<what>", sentence)
        sentence = DIET_EXCEPTION.sub(_diet_exception, sentence)
        sentence = ME_AND.sub(r"\g<p> and I ", sentence)  # "me and Sam broke up" -> "Sam and I broke up"
        sentence = MOVED_IN.sub(r"I moved in with my \g<p>", sentence)
        couple = COUPLE_EVENT.match(sentence)
        if couple and not re.match(r"(?:oh|so|and|but|yes|yeah|well|now|also|then)$", couple.group("p"), NOCASE):
            prep = "to" if couple.group("v").lower().startswith("got") else "from" if couple.group("v").lower() in (
                "separated", "divorced") else "with"
            sentence = f"I {couple.group('v')} {prep} {couple.group('p')}{sentence[couple.end():]}"
        sentence = COUPLE.sub("we", sentence)  # "My wife and I are expecting" -> "we are expecting"
        sentence = REASON_FIRST.sub("", sentence)  # "because of the new job we moved to Leeds": the move
        sentence = ENDED_SINCE.sub("; ", sentence)  # "... my new thing since I quit bouldering": and the ending
        if "- " in sentence or "\u2013" in sentence or "\u2014" in sentence:
            sentence = DASH_SUBJECT.sub("; ", sentence)
        sub = SUBORDINATE.match(sentence)  # "Since I moved to Denver I've taken up skiing": two statements
        while (apposed := APPOSITION.sub(r"\g<name>, I am ", sentence)) != sentence:  # "I'm Jon, a nurse"
            sentence = apposed
        parts = [sub.group("a"), sub.group("b")] if sub else sentence.split("; ")
        # a comma inside a noun phrase is rejoined within a part, never across the parts split off above
        clauses = [c for part in parts for c in _rejoin([c.strip() for c in CLAUSES.split(part) if c and c.strip()])]
        said_by_speaker = False  # an earlier clause of this sentence has the speaker as its subject
        for i, clause in enumerate(clauses):
            bare = FILLER.sub("", clause)
            if i + 1 < len(clauses) and (is_date_only(clause) or PERIOD_ONLY.fullmatch(bare)):
                clauses[i + 1] = f"{clause}, {clauses[i + 1]}"  # "Last week, I adopted a cat": keep the date
                continue
            subject = re.match(r"^(i|we)\b", bare, NOCASE)
            if subject is None and re.match(r"^(?:my|our) ", bare, NOCASE):
                said_by_speaker = False  # "widowed, my kids are grown up and live abroad": the kids live abroad
            if subject is None and said_by_speaker and (DROPPED.match(bare) or STATE.match(bare) and out
                                                         and re.match(r"^i am\b", out[-1], NOCASE)):
                # "... , live in Lyon and work as a barista", "I'm 23 and studying law": the speaker still speaks
                clause = f"I {'am ' if STATE.match(bare) else ''}{bare}"
                subject = re.match(r"^(I)\b", clause)
            elif subject is None and said_by_speaker and LIST_JOB.match(bare.rstrip(" .!")) and not STATE.match(bare):
                # (not "working as a translator": a doing, read below)
                clause = chat.as_job(bare.rstrip(" .!"))
                subject = re.match(r"^(I)\b", clause)
            elif subject is None and said_by_speaker and (goes_on := GOES_ON.match(bare)) is not None \
                    and not re.match(r"^i\b", clean(bare), NOCASE) \
                    and not (goes_on.group("ing") and out and re.search(r"\bbeen \w+ing\b", out[-1], NOCASE)):
                # (a rewrite that knows the fragment comes first; after "I've been reading about novels", "studying
                # characters" goes on with that activity)
                clause = f"I am {goes_on.group('age')}" if goes_on.group("age") else f"I am {bare}"
                subject = re.match(r"^(I)\b", clause)
            elif subject is None and (said_by_speaker or carried) and (
                    said := chat.fragment(bare.rstrip(" .!"))) is not None:
                clause = said  # "..., 3 kids", "..., vegetarian", "..., play rugby on saturdays": still the speaker
                subject = re.match(r"^(I)\b", clause)
            elif subject is None and not said_by_speaker and re.match(r"^i\b", clean(clause), NOCASE):
                said_by_speaker = True  # "Grew up in Pune, now a data analyst": a subject dropped at the start
                # ... and its second verb is the speaker's too: "Been vegetarian since 12 and went vegan in 2020"
                # (after "and"/"but" only: "not living in London anymore" is one statement)
                first, *more = ELIDED.split(clause) if " and " in clause or " but " in clause else [clause]
                if any(not re.search(r"\b(?:and|but)\s+$", clause[:clause.find(p)]) for p in more):
                    first, more = clause, []
                out.append(first.strip())
                out.extend(f"I {'am ' if STATE.match(p) or STATUS.match(p) else ''}{p.strip()}"
                           for p in more if p.strip())
                continue
            if subject is None:
                out.append(clause)
                continue
            said_by_speaker = True
            named = WITH_NAMED.search(clause)
            if named:
                out.append(f"{named.group('np')} is called {named.group('n')}")
            if (home := home_of_work(clause, text)) is not None:  # "I'm a paramedic in Glasgow" (workplace.py)
                out.append(home)
            counted = COUNTED.search(clause)
            if counted and not re.match(r"^(?:i|we) (?:have|have got|got)\b", clause, NOCASE):
                out.append(f"{subject.group(1)} have {counted.group('n')} {counted.group('w')}")
            pieces = ELIDED.split(clause)
            out.append(pieces[0].strip())
            be = "am" if subject.group(1).lower() == "i" else "are"
            out.extend(f"{subject.group(1)} {be if STATE.match(p) or STATUS.match(p) else ''} {p.strip()}"
                       .replace("  ", " ")
                       for p in pieces[1:] if p.strip())  # "... and live in Oslo", "I'm 23 and studying law"
        # (a one- or two-word sentence between does not break the list: "im 34. F. Dublin. Software engineer.")
        carried = said_by_speaker or (carried and len(clauses) == 1 and len(clauses[0].split()) <= 2)
    return chat.own(out)


# a place or an employer without a verb, made lasting by "now" or "for good": "I'm in Busan now for good",
# "now I'm at Klarna" (without the marker, "I'm in Rome" and "I'm at Heathrow" are passing)
_LASTING = r"(?:now|for good|permanently|these days|full[- ]time|for work)"  # "for work": why one lives there
_SETTLED = Rewrites((re.compile(p, NOCASE), r) for p, r in (
    (r"^(?:now,? )?(?P<s>i am|we are) (?:now )?in (?P<v>(?-i:[A-Z])[\w'-]*(?: (?-i:[A-Z])[\w'-]*)*)"
     r"(?: " + _LASTING + r")+\W*$", r"\g<s> living in \g<v>"),
    (r"^now,? i am (?:at|with) (?P<v>(?-i:[A-Z])[\w&.'-]*(?: (?-i:[A-Z])[\w&.'-]*)*)\W*$", r"I work at \g<v>"),
    (r"^i am (?:now )?(?:at|with) (?P<v>(?-i:[A-Z])[\w&.'-]*(?: (?-i:[A-Z])[\w&.'-]*)*)(?: (?:for good"
     r"|permanently|full[- ]time))+\W*$", r"I work at \g<v>")))

_TRAILING_HEDGE = re.compile(r",?\s+(?:I think|I guess|I reckon|I believe|I suppose|lol)$", NOCASE)
_CONTRACTIONS = Rewrites(CONTRACTIONS)
_REWRITES = Rewrites(REWRITES)


# an activity with a date ahead and no subject: "running my first marathon on sunday", "hosting xmas this year"
DROPPED_DOING = gated(r"^(?:running|doing|taking|sitting|attending|hosting|playing|competing in|racing|flying"
                           r"|driving|celebrating|throwing|performing|presenting|speaking at)"
                           r" (?:my|our|a|an|the|in|at)\b", NOCASE)
# work going on, without a date, is the work one does: "I'm teaching yoga part time", "running a bike shop"
STANDING_DOING = gated(r"^(?P<s>i|we) (?:am|are) (?P<v>teaching|running|managing|owning)"
                            r"(?= (?!(?:my|our|him|her|them|me|myself|us|late|out|away|around|a (?:bit|little)"
                            r"|behind|low|short)\b))", NOCASE)
# a habit said as what one is doing, with how often: "playing five-a-side every tuesday", "I'm cycling to work twice a
# week" (not "waiting for the bus every morning is the worst": a verdict on it)
HABIT_DOING = re.compile(r"^(?:(?P<s>i|we) (?:am|are) )?(?:(?:also|still|mostly|usually) )?(?!" + NOT_DOING
                         + r"\b)(?P<ing>[a-z]{2,}ing) (?!(?:late|behind|low|short|out)\b)"
                         r"(?P<rest>(?:(?!\b(?:is|was|are|were|makes|feels)\b).)+)$", NOCASE)
# a stretch that makes the doing passing: "I'm working every weekend this month"
FOR_NOW = re.compile(r"\b(?:this (?:week|month|year|term|summer|winter|spring|autumn|season)|for now|at the moment"
                     r"|lately|until|till)\b", NOCASE)
_DOES = {"teaching": "teach", "running": "run", "managing": "manage", "owning": "own"}
NOT_AHEAD = re.compile(r"\b(?:ago|last|yesterday|earlier|this morning|today|tonight)\b", NOCASE)


def clean(clause: str) -> str:
    clause = _SETTLED.apply(clause.strip())  # before the fillers go ("now, I'm at Klarna") and after ("ngl I'm in
    clause = FILLER.sub("", clause.strip())  # Daegu now")
    clause = _SETTLED.apply(clause)
    clause = re.sub(r"[\s,]*(?:\bnow\b|\banymore\b(?=$)|\bthough\b)?[\s.!,]*$",
                    lambda m: " anymore" if "anymore" in m.group(0) else "", clause)
    clause = _REWRITES.apply(speaker_openers(clause))  # short first-person forms of chat (openers.py)
    if (doing := HABIT_DOING.match(clause)) and FREQUENCY.search(doing.group("rest")) \
            and not FOR_NOW.search(doing.group("rest")):
        clause = f"{doing.group('s') or 'I'} {base_form(doing.group('ing'))} {doing.group('rest')}"
    if (doing := STANDING_DOING.match(clause)) and DATE.search(clause) is None:
        clause = f"{doing.group('s')} {_DOES[doing.group('v').lower()]}{clause[doing.end():]}"
    if DROPPED_DOING.match(clause) and (when := DATE.search(clause)) and not NOT_AHEAD.search(when.group(0)):
        clause = f"I am {clause}"  # "running my first marathon on sunday": a plan without its subject
    late = re.match(r"^(?P<s>i|we) (?P<rest>.+?),? (?P<adv>recently|just now)$", clause, NOCASE)
    if late and PAST_START.match(clause):
        clause = f"{late.group('s')} recently {late.group('rest')}"
    clause = re.sub(r"\s+now$", "", clause.strip(" ,"), flags=NOCASE)  # "... now since the move" -> "..."
    clause = PERIOD_FIRST.sub(r"\g<rest> \g<lead>", clause)  # "When I was little, I did ballet": not a "when" question
    return present_perfect(clause)
