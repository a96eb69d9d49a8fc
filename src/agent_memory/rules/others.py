"""Standing facts about the people in the speaker's life, however the person is named.

Three general mechanisms around :mod:`.people` (which reads "my <relation> [<Name>] <predicate>"):

* :func:`name_parties` rewrites the other ways chat names a party into that shape: "Ana, my sister, is ...",
  "my sister (Ana) ...", "Marco - my husband - ...", "my friend Sam from uni ...", "my wifes job", "both my kids",
  "my wife and my mum both speak Polish" (one statement each), "our puppy, a beagle, is called Pip";
* :func:`expand` gives a party's dropped subject back ("my parents are teachers and live in Cork": "... live in Cork"
  is theirs, not the speaker's) and splits "<party> is 94 and lives in Bray" into one statement per verb;
* :func:`fallback` keeps a lasting, present-tense statement about a party that no first-person rule reads
  ("my eldest, Sofia, is in year 9") as a ``relationship`` fact in the third person, keyed
  ``<relation>:<slot>``. Every guard of the first-person path has already run; here only what is said of
  someone else can be passing: "my kids are driving me crazy", "my brother is so annoying".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import children, couple, unowned
from .base import Fact
from .dates import NOCASE
from .kin import GROUPS, WORDS
from .lexicon import (
    CONDITIONS,
    CUT_TAIL,
    DEICTIC,
    DIETS,
    DOG_BREEDS,
    IMPAIRMENTS,
    JOB_ENDINGS,
    JOB_WORDS,
    LANGUAGES,
    PAST_IRREGULAR,
    PETS,
)
from .people import PLURAL, THIRD_PARTY, Party
from .prefilter import gated
from .text import key, reflect, third_person

_REL = WORDS
_ADJ = (r"(?:(?:little|lil|older|younger|big|baby|eldest|oldest|youngest|twin|new|best|dear|lovely|two|three|four"
        r"|\d) )?")
_NP = r"(?:my|our) " + _ADJ + r"(?:" + _REL + r")"
_PET_NP = r"(?:my|our) (?:" + "|".join(sorted(PETS | DOG_BREEDS, key=len, reverse=True)) + r")"
# a name, capitalised, or lower case when set off on both sides ("ana, my sister, ..."), never a filler word
_NAME = r"(?!(?:well|so|yes|yeah|ok|okay|oh|and|but|also|hi|hey|like|anyway|btw|honestly|basically|plus|then|now)\b)" \
        r"[A-Za-z][\w'-]+"
_OPEN, _CLOSE = r"\s*(?:,|\(|\s[-\u2013\u2014])\s*", r"\s*(?:,|\)|\s?[-\u2013\u2014])\s+"
# the verbs that go on about a party after an aside ("my son (14) wants to be a pilot")
_NEXT_VERB = (r"(?:is|are|has|have|lives|works|loves|likes|hates|adores|enjoys|plays|goes|wants|studies|speaks|does"
              r"|attends|supports|runs|owns|needs)")
# each shape with the words one of which the message must contain (none: always tried): most messages skip most
# shapes, and every shape scans for a relation word at each position
_SHAPES: list[tuple[re.Pattern[str], str, tuple[str, ...]]] = [(re.compile(p, NOCASE), r, cues) for p, r, cues in (
    # chat shorthand for a partner, spelled out so that every shape below sees the relation: "my bf and I ..."
    (r"\b(?P<d>my|our) bf\b", r"\g<d> boyfriend", (" bf",)),
    # a friend as close as kin is a friend: "Jay is my brother from another mother"
    (r"\b(?:brother|bro|sister|sis) from another (?:mother|mister)\b", "best friend", ("another m",)),
    # who someone is, said as a statement of its own: "Tom is my husband", "Jay is my best friend, known him for years"
    (r"(?:^|(?<=[.!?;]\s))(?P<n>(?!(?:This|That|He|She|It|There|Here|Who|What|Which|Mine)\b)(?-i:[A-Z])[a-z][\w'-]*)"
     r" is (?P<np>" + _NP + r")(?=\s*(?:[,.!;]|$|\s+(?:and|but|so)\b))", r"\g<np> \g<n>", (" is my ", " is our ")),
    (r"\b(?P<d>my|our) gf\b", r"\g<d> girlfriend", (" gf",)),
    # "Ana, my sister, is a nurse", "Tom (my partner) is a nurse", "Marco - my husband - is a firefighter"
    (r"(?:^|(?<=[.!?;]\s))(?P<n>" + _NAME + r")" + _OPEN + r"(?P<np>" + _NP + r")" + _CLOSE + r"(?=\w)",
     r"\g<np> \g<n> ", ()),
    # "our rabbit, Clover, is ...", "our two boys, Finn and Alfie, play ...": the name(s) in commas
    (r"\b(?P<np>" + _NP + r"|" + _PET_NP + r"), (?P<n>(?-i:[A-Z])[\w'-]+(?: (?:and|&) (?-i:[A-Z])[\w'-]+)?), "
     r"(?=(?:both |all |also |still )?[a-z])", r"\g<np> \g<n> ", (", ",)),
    # an aside in brackets is a statement of its own: "my son Jake (he's 14) is into coding", "my son Jake (14) ..."
    (r"\b(?P<np>" + _NP + r"(?: (?-i:[A-Z])[\w'-]+)?) \((?:(?:he|she|they)(?:'s| is| are) (?P<x>[^)]{1,40}?)"
     r"|(?P<age>\d{1,2}))\) (?=" + _NEXT_VERB + r"\b)",
     r"\g<np> is \g<x>\g<age>; \g<np> ", ("(",)),
    # ... and an age said in a relative clause without commas: "my son who is 6 loves dinosaurs"
    (r"\b(?P<np>" + _NP + r"(?: (?-i:[A-Z])[\w'-]+)?) who(?:'s| is) (?P<age>\d{1,2}(?: months)?) (?=" + _NEXT_VERB
     + r"\b)", r"\g<np> is \g<age>; \g<np> ", (" who",)),
    # "my sister Ana - she's a vet": what follows the dash is said of her
    (r"\b(?P<np>" + _NP + r"(?: (?-i:[A-Z])[\w'-]+)?)\s+[-\u2013\u2014]\s+(?:she|he)(?:'s| is)\s", r"\g<np> is ",
     (" -", "\u2013", "\u2014")),
    # "my sister (Ana) works ...", "my sister - Ana - works ..."
    (r"\b(?P<np>" + _NP + r")\s*(?:\(|\s[-\u2013\u2014])\s*(?P<n>(?-i:[A-Z])[\w'-]+)\s*(?:\)|\s[-\u2013\u2014])",
     r"\g<np> \g<n>", ("(", " -", "\u2013", "\u2014")),
    # where the speaker knows them from says nothing about them: "my friend Sam from uni works at Google"
    (r"\b(?P<np>" + _NP + r"(?: (?-i:[A-Z])[\w'-]+)?) from (?:uni|university|college|school|work|the office|church"
     r"|the gym|home|back home|childhood|next door|down the road|my old job)\b", r"\g<np>",
     (" from ",)),
    # a possessive typed without its apostrophe ("my wifes job", "my dads been"): only relations that are never plural
    (r"\b(?P<np>(?:my|our) (?:husband|wife|partner|boyfriend|girlfriend|fianc[eé]e?|dad|mum|mom|mother|father"
     r"|stepdad|stepmum|stepmom|grandad|grandma|grandpa|nan))s\b(?!')", r"\g<np>'s", ()),
    # "'s" before a past participle is "has": "my daughter's moved to Glasgow", "my dad's retired" stays "is"
    (r"\b(?P<np>" + _NP + r"(?: (?-i:[A-Z])[\w'-]+)?)'s (?=(?:just |finally |recently |now |also |since )?(?:moved"
     r"|relocated|emigrated|gone back|started|left|quit|joined|switched|changed|become|got engaged|got married"
     r"|split up|broken up|gone vegan|gone vegetarian|taken up|given up)\b)", r"\g<np> has ", ("'s ",)),
    (r"\bboth (?P<np>(?:my|our) )(?=\w)", r"\g<np>", ("both ",)),  # "both my kids go to ..." -> "my kids go to ..."
    (r"\b(?P<np>" + _NP + r"(?: (?-i:[A-Z])[\w'-]+(?: (?:and|&) (?-i:[A-Z])[\w'-]+)?)?) (?:both|all) (?=[a-z])",
     r"\g<np> ", (" both ", " all ")),  # "my boys Finn and Alfie both play ..."
    # a party with their own family, where they live or work: "my brother and his wife live in Sydney" (he does)
    (r"\b(?P<np>" + _NP + r"(?: (?-i:[A-Z])[\w'-]+)?) and (?:his|her|their) (?:wife|husband|partner|girlfriend"
     r"|boyfriend|kids|children|family|fianc[eé]e?)(?= (?:now |still )?(?:live|work|run|own|moved)\b)", r"\g<np>",
     (" and his ", " and her ", " and their ")),
    # an apposition that is not a name: "our puppy, a 4-month-old beagle, is called Pip"
    (r"\b(?P<np>" + _NP + r"), (?:a|an) [\w' -]{1,40}?, (?=(?:is|are|has|have)\b)", r"\g<np> ", (", a ", ", an ")),
)]
# "me and my girlfriend live together", "my bf and I live together in Leeds": a household, said of the couple (as "we"
# it would lose who the partner is, and whom a following "she" means)
_TOGETHER = re.compile(r"\b(?:me and (?P<a>" + _NP + r"(?: (?-i:[A-Z])[\w'-]+)?)|(?P<b>" + _NP
                       + r"(?: (?-i:[A-Z])[\w'-]+)?) and (?:I|me)) (?:now |still |have |'ve )?(?P<v>live|lived|living"
                       r"|been|are) together\b", NOCASE)
# a name said without the possessive: "my wife name is Fatima"
_NAME_IS = re.compile(r"\b(?P<np>" + _NP + r") name is\b", NOCASE)
# ... or with its apostrophe left out: "my sons name is Ali", "my cats called Pixel" (never "my sons are called ...")
_UNMARKED = re.compile(r"\b(?P<np>(?:my|our) (?:son|daughter|dog|cat|puppy|kitten|brother|sister|boy|girl|baby|kid"
                       r"|friend|cousin|nephew|niece|grandson|granddaughter|rabbit|hamster|horse|parrot))s (?=name is\b"
                       r"|(?P<c>called|named)\b)", NOCASE)
# two parties, one predicate: "my wife and my mum both speak Polish" -> one statement each
_TWO = re.compile(r"\b(?P<a>" + _NP + r"(?: (?-i:[A-Z])[\w'-]+)?) and (?P<b>" + _NP + r"(?: (?-i:[A-Z])[\w'-]+)?)"
                  r" (?:both |all |also )?(?P<v>are|have|live|work|speak|love|like|hate|play|go|run|own|support"
                  r"|study|teach|eat|drink|do) (?P<rest>[^.!?;]+)", NOCASE)
# a verb that opens a statement whose subject was left out, or a second predicate after "and"
_PRESENT = r"(?:is|are|has|have|lives?|works?|loves?|likes?|hates?|adores?|enjoys?|plays?|speaks?|runs?|owns?" \
           r"|drives?|goes|go|does|do|teach(?:es)?|stud(?:ies|y)|supports?|attends?|eats?|drinks?|keeps?|needs?" \
           r"|uses?|volunteers?|trains?|coaches?|sings?|writes?|cooks?|paints?|swims?|wants? to|hopes? to|collects?" \
           r"|bakes?|makes?|builds?|grows?|rides?|reads?|watches|walks?|dances?|knows?|visits?|cares? for|helps?)"
_STATE = r"(?:obsessed with|allergic to|addicted to|into|crazy about|mad about|scared of|afraid of|married|retired" \
         r"|vegan|vegetarian|" + DIETS[3:-1] + r")"
# a recent happening after "and" is a predicate of its own: "is 67 and just retired" (the age stands without it)
# (a move or a milestone needs no "just": "my mum has dementia and moved into a care home in october")
_JUST_DID = r"(?:(?:just|recently|finally) (?:\w+ed|got|began|became|left|won|sold|bought|started)" \
            r"|moved|retired|graduated|passed away|died)\b"
_AND_VERB = re.compile(r",?\s+and (?:she |he |they )?(?=(?:still |also |now |really |totally |super )?(?:cannot|can't"
                       r"|does not|doesn't|" + _PRESENT
                       + r"|" + _STATE + r")\b|" + _JUST_DID
                       # a verdict after "and" goes on its own, to be dropped as passing: "is 30 and so annoying"
                       + r"|(?:really|so|very|super|quite|kinda|a bit) [\w-]+\W*$)", NOCASE)
_DROPPED = re.compile(r"^(?:and |but )?(?:still |also )?(?:" + _PRESENT + r")\b", NOCASE)
# a change told in the past after a party's clause is theirs too, a past verb agreeing with any subject: "my mum sold
# her house and moved to Spain", "my brother quit his job, relocated to Leeds" (not the speaker's move)
_DROPPED_PAST = re.compile(r"^(?:and |but )?(?:then |also )?(?:just |recently |finally |eventually )?(?:moved|relocated"
                           r"|emigrated|retired|quit|left|started|joined|switched|graduated|retrained|went back)\b",
                           NOCASE)


# a party's allergies listed in one breath: one statement each, all theirs (the speaker's own list is split later)
_ALLERGIES = re.compile(r"\b(?P<np>" + _NP + r"(?: (?-i:[A-Z])[\w'-]+)?)(?P<be>'s| is| are) "
                        r"(?P<how>(?:severely |very )?allergic to) (?P<a>[\w -]+?),? (?:and|&) "
                        r"(?P<b>[\w-]+(?: [\w-]+)?)(?=\W*$|[.!;])", NOCASE)


def name_parties(text: str) -> str:
    """The message with every party named as "my <relation> <Name>" (see the module docstring)."""
    text = children.rewrite(couple.rewrite(unowned.rewrite(text)))
    low = text.lower()
    if "my " not in low and "our " not in low:
        return text
    for pat, rep, cues in _SHAPES:
        if not cues or any(cue in low for cue in cues):
            text = pat.sub(rep, text)
    if "name" in low or " called" in low or " named" in low:
        text = _UNMARKED.sub(lambda m: f"{m.group('np')} is " if m.group("c") else f"{m.group('np')}'s ", text)
        text = _NAME_IS.sub(r"\g<np>'s name is", text)
    if " together" in low:
        # (a couple "together" for years says no more than that: "I have been with my boyfriend")
        text = _TOGETHER.sub(lambda m: f"I {'have been' if m.group('v').lower() in ('been', 'are') else 'live'} with "
                                       f"{m.group('a') or m.group('b')}", text)
    if "allergic to" in low:
        text = _ALLERGIES.sub(lambda m: f"{m.group('np')}{m.group('be')} {m.group('how')} {m.group('a')}; "
                                        f"{m.group('np')}{m.group('be')} {m.group('how')} {m.group('b')}", text)
    if " and my " in low or " and our " in low:
        text = _TWO.sub(lambda m: f"{m.group('a')} {third_person(m.group('v'))} {m.group('rest')}; "
                                  f"{m.group('b')} {third_person(m.group('v'))} {m.group('rest')}", text)
    return text


_ANYWHERE = gated(r"\b" + _NP + r"(?: (?-i:[A-Z])[\w'-]+)?\b(?!'s)", NOCASE)


# one child, sibling or pet introduced as had: "I have a son, he's 10", "we've got a little girl, Ava, she's 2"
_HAS_ONE = gated(r"^(?:I|we) (?:have|have got|got) (?:a|an|one) (?:(?:little|baby|young|older|younger|big|teenage"
                      r"|grown-up|\d+[ -]year[ -]old) )?(?P<w>son|daughter|boy|girl|stepson|stepdaughter|brother|sister"
                      r"|dog|cat|puppy|kitten)(?:,? (?:called |named )?(?P<n>(?-i:[A-Z])[a-z]+))?\W*$", NOCASE)
_ONE_OF = {"boy": "son", "girl": "daughter"}


# one party named as the owner of a thing (not of a person: "my sister's husband ... he" is not the sister)
_OWNS_A_THING = re.compile(r"\b(?P<np>" + _NP + r")'s (?!(?:[\w-]+ )?(?:" + _REL + r")\b)(?=[\w-]+)(?!.*\b(?:my|our) )",
                           NOCASE)


def named_in(clause: str) -> str | None:
    """The one party a clause names in passing ("my bf and I have been together 5 years"), for a "he"/"she" that
    follows; None when it names none or several."""
    found = [m.group(0) for m in _ANYWHERE.finditer(clause)]  # (gated: a clause without "my"/"our" is not searched)
    if not found and "'s " in clause and (owner := _OWNS_A_THING.search(clause)) is not None:
        return owner.group("np")  # "for my wife's job - she's a surgeon": she is the wife
    if not found and (had := _HAS_ONE.match(clause)) is not None:
        word = had.group("w").lower()
        return f"my {_ONE_OF.get(word, word)}{' ' + had.group('n') if had.group('n') else ''}"
    return found[0] if len({f.lower() for f in found}) == 1 else None


# "my husband Tom", "our daughter Sara's recital": a person of the speaker's life and the name they go by
_NAMED = gated(r"\b(?:my|our) " + _ADJ + r"(?P<rel>" + _REL + r"),? (?P<name>(?-i:[A-Z][a-z]+))\b", NOCASE)
_NOT_A_NAME = frozenset({"and", "is", "was", "has", "had", "just", "who", "the", "but", "so"})


# the partner a status names: "I'm married to Ana", "engaged to Marco", "Jonas and I got engaged in March"
_WED = re.compile(r"\b(?:married|engaged) to (?P<to>(?-i:[A-Z][a-z]+))\b"
                  r"|^(?P<and>(?-i:[A-Z][a-z]+)) and (?:I|me) (?:just )?(?:got|are|have been|were) (?:just )?"
                  r"(?:married|engaged)\b", NOCASE)


def names(statement: str) -> Iterator[tuple[str, str]]:
    """Each (relation word, name) a statement names in passing: ("husband", "Tom") in "my husband Tom is lovely",
    ("spouse", "Ana") in "I am married to Ana"; never for several people ("my two boys Finn and Alfie": one name is
    not theirs)."""
    for m in _NAMED.finditer(statement):
        if m.group("name").lower() not in _NOT_A_NAME and m.group("rel").lower() not in PLURAL:
            yield m.group("rel").lower(), m.group("name")
    low = statement.lower()
    if ("married" in low or "engaged" in low) and (wed := _WED.search(statement)) is not None:
        name = wed.group("to") or wed.group("and")
        if name.lower() not in _NOT_A_NAME:
            yield "fiancé" if "engaged" in wed.group(0).lower() else "spouse", name


def listed(clause: str) -> bool:
    """Whether ``clause`` is only a party, split off a list ("I called my mum and | my sister"): after it, "she"
    could be either."""
    return _ANYWHERE.fullmatch(clause.strip(" .!,")) is not None


_INTERJECTION = gated(r"^(?:ugh+|omg|lol|haha+|argh+|oof|yay|wow|aww+|welp|meh|sigh|plus|also|and|but|so)\W*\s+"
                           r"(?=(?:my|our)\b)", NOCASE)


# where a party is, said after a comma without a verb: "my brother is a pilot, based in Dubai" (his base, not the
# speaker's: on its own the fragment would read as "I am based in Dubai")
_WHERE = re.compile(r"^(?:and |but )?(?:(?:now|currently|still) )?(?:based|stationed|living|located|posted) "
                    r"(?:in|at|near|outside|out of)\b", NOCASE)


def antecedent(mention: str, clause: str) -> str | None:
    """Whom a "he"/"she" opening ``clause`` stands for, given the last person named: never a group ("my parents");
    after "my husband's parents are from Lagos", "he" is the husband."""
    if not re.match(r"^(?:he|she)\b", clause, NOCASE):
        return mention
    words = mention.lower().split()
    if not any(w in PLURAL or w.endswith(tuple(GROUPS)) for w in words[1:3]):
        return mention
    owner = re.match(r"^(?P<np>(?:my|our) [\w-]+)'s ", mention, NOCASE)
    return owner.group("np") if owner else None


def _first_person_verb(bare: str, last: str) -> bool:
    """Whether the verb opening a subjectless ``bare`` cannot agree with the singular party ``last``: "live in Leeds"
    after "my sister ..." (she "lives")."""
    if any(w.lower() in PLURAL for w in last.split()[1:]):
        return False
    verb = _LEAD.sub("", bare).split()[0].lower() if _LEAD.sub("", bare).split() else ""
    return bool(verb) and verb not in ("is", "has", "does", "goes") and not verb.endswith("s")


def expand(clause: str, last: str | None) -> list[str]:
    """``clause`` as statements with a subject each: ``last`` (the party of the clause before, if any) for a clause
    that starts with its verb, and one statement per predicate of a party joined by "and"."""
    bare = _INTERJECTION.sub("", clause.strip())
    if last and (_DROPPED_PAST.match(bare) or _DROPPED.match(bare) and not _first_person_verb(bare, last)):
        bare = f"{last} {re.sub(r'^(?:and|but) ', '', bare, flags=NOCASE)}"
    elif last and _DROPPED.match(bare) and not re.match(r"^(?:and|but) ", bare, NOCASE):
        bare = f"I {bare}"  # "my sister is a nurse, live in Leeds": "live" is not hers, the speaker goes on
    elif last and _WHERE.match(bare):
        bare = f"{last} is {re.sub(r'^(?:and|but) ', '', bare, flags=NOCASE)}"
    m = THIRD_PARTY.match(bare)
    if m is None or m.group("thing"):
        return [bare]
    subject, pred = bare[:m.start("pred")].rstrip(" ,"), m.group("pred")
    parts = _AND_VERB.split(pred)
    if len(parts) == 1:
        return [bare]
    be = "are" if re.match(r"^(?:are|have)\b", pred, NOCASE) else "is"
    # "is 7 and obsessed with horses": a state after "and" takes the first verb; "and loves it" says nothing alone
    return [f"{subject} {p if i == 0 or _DROPPED.match(p) or re.match(_JUST_DID, p, NOCASE) else f'{be} {p}'}"
            for i, p in enumerate(parts)
            if p.strip() and not (i and re.fullmatch(r"(?:\w+ )+(?:it|this|that|them)\W*", p, NOCASE))]


# what is said of someone else that passes or is the speaker's feeling about them, not a fact about them
PASSING = re.compile(
    r"\b(?:me|us) (?:crazy|mad|nuts|insane|up the wall|round the bend)\b|\bon my nerves\b"
    r"|^(?:is|are) being\b"  # "my kids are being so loud this morning"
    r"|^(?:is|are) (?:(?:so|such|really|very|too|super|a bit|kind of|kinda) )+(?!(?:into|good at)\b)"
    r"(?:an? )?[\w-]+(?: [\w-]+)?\W*$"
    r"|^(?:is|are) (?:(?:an? )?(?:[\w-]+ )?(?:amazing|awesome|great|lovely|wonderful|brilliant|hilarious|annoying|cute"
    r"|adorable|sweet|legend|saint|angel|nightmare|pain|idiot|good (?:boy|girl)|worrier|drama queen)"
    r"(?: (?:sometimes|at times|honestly|tbh|lol|haha|to be honest))?\W*$"  # "a great cook" says what they do
    r"|the (?:best|worst|one|type|kind|sort)\b|(?:a bit of|such) an? |late\b)"
    # what they are to the speaker is a sentiment: "our kids are our future", "my friend has been my rock"
    r"|^(?:is|are|has been|have been) (?:(?:my|our|your|their|everything|all) |the (?:world|light|love|reason)\b)"
    r"|^(?:has|have) no (?:idea|clue)\b"
    # a passing illness: "my dog has fleas", "my son has a cold"
    r"|^(?:has|have|(?:has|have) got) (?:fleas|worms|lice|nits|ticks|chickenpox|a cold|the flu|flu|a cough|a fever"
    r"|a temperature|a bug|a tummy bug|a sore \w+|an? (?:\w+ )?infection|a rash|covid)\b", NOCASE)
# where someone is or what they are doing for now: a dated one is a plan ("is coming to stay next weekend"), an
# undated one is not kept ("my son is at school", "my wife is visiting her sister")
AWAY = re.compile(r"^(?:is|are) (?:here|home|away|out|back|off|visiting|coming|staying|asleep|awake|late|on (?:holiday"
                  r"|vacation|(?:a|the|her|his|their|my|our) (?:way|phone|trip))|at (?:work|school|home|the \w+)"
                  r"|in (?:bed|hospital))\b",
                  NOCASE)
# present, lasting: a present verb (optionally after "still", "also" ...), or "has been ... for/since"
_LASTING = re.compile(r"^(?:(?:still|also|now|really|always|usually|actually|currently|even|only|mostly|mainly) )*"
                      r"(?:(?:has|have) (?:just |recently )?been\b"
                      r"|(?:is|are|has|have)\b(?! (?:been|got|just|recently|finally|never)\b)"
                      r"|(?:does|do) not\b|wants to (?:be|become)\b"
                      r"|(?!(?:was|has|thinks|says|tells|asks|wants|wishes|hopes|feels|seems"
                      r"|looks|sounds|gets|makes|means|reckons|believes|knows|keeps)\b)\w+[^s\W]s\b)", NOCASE)
_PLURAL_LASTING = re.compile(r"^(?:(?:still|also|both|all|now|really|always|usually) )*(?:" + _PRESENT
                             + r")\b(?<!s)", NOCASE)
# future, hypothetical or past anywhere in it ("is 7 and went to ..."); "retired", "married" alone are states
_NOT_NOW = re.compile(r"^(?:is|are) (?:(?!(?:retired|married|qualified|trained|experienced|talented|skilled|licensed"
                      r"|registered|certified|gifted|dedicated|devoted|self-employed)\b)\w+ed|built|made|done|gone|got|seen|taken|written|bought|sold|won|lost|left)"
                      r" (?!(?:to|with|in|by|of|at|for|about|on|from|as)\b)"  # "he's built two apps": has built
                      r"|\b(?:will|would|could|might|may|should|must|can|cannot|going to|gonna|used to"
                      r"|wants? to(?! (?:be|become)\b)"
                      r"|was|were)\b|\band (?:\w+ )?(?:\w+ed|" + PAST_IRREGULAR + r")\b"
                      # a perfect is a happening, not a state: "both our kids have flown the nest"
                      r"|^(?:has|have) (?:(?:just|already|recently|finally|never|now|all) )*(?!been\b)(?:\w+ed|flown"
                      r"|built"
                      r"|run|taught|sent|caught|read|spent|broken|chosen|forgotten|ridden|sung|swum|thrown|worn"
                      r"|gone|done|seen|taken|given|grown|become|written|driven|known|shown|fallen|eaten|begun|won|lost"
                      r"|left|made|bought|sold|found|met|had|got|gotten)\b", NOCASE)
_LEAD = re.compile(r"^(?:(?:still|also|now|really|always|usually|actually|currently|even|both|all|only|mostly"
                   r"|mainly) )+", NOCASE)
_JOBS = "|".join(sorted(JOB_WORDS))
_NUMBER = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven" \
          r"|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen" \
          r"|sixteen|seventeen|eighteen|nineteen)"
_SLOTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((slot, re.compile(p, NOCASE)) for slot, p in (
    ("name", r"^(?:is|are) (?:called|named)\b"),
    ("age", r"^(?:is|are|turns) (?:\d{1,3}|" + _NUMBER + r"|\w+-?(?:year|month)s?-old|(?:\d+|a|" + _NUMBER
            + r") (?:years?|months?)(?: old)?)\W*$"),
    ("household", r"^lives? with\b"),
    ("location", r"^(?:lives?|is based|are based|resides?) (?:in|near|on|at|outside|by|abroad|overseas|nearby|close by"
                 r"|next door|round the corner|around the corner|down the road)\b"),
    ("education", r"^(?:(?:goes|go|is going|are going) to|attends?|(?:is|are) (?:at|in|doing|studying|a student at"
                  r"|a student of))\b.*\b(?:school|academy|college|uni|university|nursery|primary|secondary"
                  r"|kindergarten|year \d+|grade \d+|phd|degree|masters?|a-levels?|gcses?)\b"
                  r"|^(?:is|are) (?:studying|doing a"
                  r" (?:phd|degree|masters))|^stud(?:y|ies)\b"),
    ("job", r"^(?:is|are) (?:an? |the )?(?:(?:retired|former|trainee|junior|senior|head|chief|assistant|freelance|self"
            r"-employed|[\w-]+) ){0,2}?(?:" + _JOBS + r"|" + JOB_ENDINGS.pattern + r")s?\b"
            r"|^works? (?:as|at|for|in|with|from)\b|^runs? (?:a|an|the|her|his|their|its) "
            r"|^owns? (?:a|an|the) (?:[\w-]+ )?(?:restaurant|shop|business|company|bakery|caf[eé]|bar|pub|salon|farm"
            r"|firm|garage|store|gym|practice)\b|\bfor a living\b"
            r"|^(?:is|are) (?:self-employed|unemployed|retired)\b"),
    ("allergy", r"^(?:is|are) (?:severely |very |badly )?allergic to\b"),
    ("health", r"^(?:has|have|(?:has|have) (?:just |recently )?been diagnosed with) " + CONDITIONS
               + r"|^(?:is|are) " + IMPAIRMENTS),
    ("diet", r"^(?:is|are|(?:has|have) been) (?:a |an )?(?:strict |fully |mostly )?" + DIETS
             + r"|^(?:does|do) not eat\b"),
    ("languages", r"^speaks? (?:fluent )?" + LANGUAGES + r"\b|^speaks?\b"),
    ("pets", r"^(?:has|have) (?:a|an|two|three|four|\d+) (?:[\w-]+ )?(?:" + "|".join(sorted(PETS | DOG_BREEDS))
             + r")s?\b"),
    ("favorite:team", r"^supports?\b|^(?:is|are) (?:a )?(?:huge |big |massive )?[\w ]+ fans?\b"),
    ("relationship", r"^(?:is|are|(?:has|have) been) (?:married|divorced|engaged|single|separated|widowed)\b"),
))
_LIKES = re.compile(r"^(?:loves?|likes?|hates?|adores?|enjoys?|(?:is|are) (?:obsessed with|into|crazy about|mad about"
                    r"|scared of|afraid of)|cannot stand|can't stand) (?P<v>.+)$", NOCASE)
_PLAYS = re.compile(r"^(?:plays?|does|do|goes|go) (?P<v>[\w -]+?)(?: (?:every|each|on|at|twice|once|most)\b.*)?$",
                    NOCASE)


def slot(pred: str) -> str:
    """The slot a predicate about a party fills ("lives in Leeds": location; "loves horses": preference:horses), or the
    verb itself ("drives a bus": drives) when no slot is evident."""
    p = _LEAD.sub("", pred)
    found = next((name for name, pattern in _SLOTS if pattern.search(p)), None)
    if found == "allergy":
        return f"allergy:{key(re.sub(r'^.*?allergic to ', '', p, flags=NOCASE))}"
    if found is not None:
        return found
    if (liked := _LIKES.match(p)) is not None:
        return f"preference:{key(liked.group('v'))}"
    if (played := _PLAYS.match(p)) is not None and not p.lower().startswith(("is ", "are ")):
        return f"hobby:{key(played.group('v'))}"
    verb = p.split()[0].lower() if p.split() else "fact"
    return re.sub(r"(?<=[^s])s$", "", verb) if verb not in ("is", "are", "has", "have", "does") else "fact"


_ADVERB = re.compile(r"\b(?:still|also|now|really|always|usually|actually|currently|even|only|mostly|mainly|never"
                     r"|basically|literally|pretty much"
                     r"|sometimes|often|just)\s+", NOCASE)


def passing(pred: str) -> bool:
    """Whether what is said of a party passes or is the speaker's feeling about them (adverbs aside: "my friend is
    always late" is "is late")."""
    return PASSING.search(_ADVERB.sub("", pred)) is not None


def fallback(party: Party, s: str) -> Fact | None:
    """A lasting present statement about ``party`` (named ``s``: "Ola's friend Jo") that no rule read, in the third
    person, or None."""
    pred = CUT_TAIL.sub("", party.pred).strip(" ,.!")
    lasting = _PLURAL_LASTING if party.plural else _LASTING
    if (len(pred.split()) < 2 or not lasting.match(pred) or passing(pred) or AWAY.match(_ADVERB.sub("", pred))
            or _NOT_NOW.search(re.sub(r"\bsince\b.*$", "", _LEAD.sub("", pred)))):
        return None
    if DEICTIC.match(pred.split(maxsplit=1)[1]):
        return None  # "my aunt loves it": about something in the conversation
    kind = slot(pred)
    if kind == "fact" and re.fullmatch(r"(?:is|are) \S+", _ADVERB.sub("", pred), NOCASE):
        return None  # "my kids are loud", "my dad is tall": a bare trait, no slot of theirs the speaker would keep
    return Fact("relationship", f"{s} {reflect(pred)}", kind, confidence=0.7)
