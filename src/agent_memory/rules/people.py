"""Facts about the people and pets in the speaker's life.

"My husband Marco is a firefighter" is read as the clause "I am a firefighter" said by "the
user's husband Marco", so every first-person rule also serves third parties; the relation goes
into the conflict key ("partner:job"), so a later "my husband is a teacher now" supersedes it.
Family, partners, friends (the pinned convention keeps them) and pets; not colleagues. What no first-person rule
reads about a party is kept by :func:`.others.fallback`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import NOCASE
from .kin import GROUPS, KIN, WORDS
from .lexicon import DOG_BREEDS
from .prefilter import gated

# "my parents live in Cork": read as "I live in Cork", then said in the plural
PLURAL = {"kids", "children", "parents", "twins", "grandparents", "in-laws", "grandkids", "grandchildren", "stepkids",
           "brothers", "sisters", "siblings", "boys", "girls",
           "parents-in-law", "parents in law"} | GROUPS
# a breed is a pet like its kind: "my labrador Max turned 10", "our tabby is 16"
_PETS = {"dog", "cat", "puppy", "kitten", "hamster", "rabbit", "parrot", "horse", "tortoise", "guinea pig"} | DOG_BREEDS
# words after "my sister" that are not her name written in lower case ("my sister priya is a nurse")
_NOT_NAMES = ("just", "recently", "finally", "also", "still", "now", "really", "always", "never", "usually", "often",
              "currently", "actually", "who", "and", "too", "here", "there", "then", "is", "was", "has", "had", "does",
              "did", "got", "and", "but", "apparently", "literally", "basically", "definitely", "probably", "only",
              "mostly", "mainly", "even", "both", "all")
_WORDS = WORDS + "|" + "|".join(sorted(_PETS - set(KIN), key=len, reverse=True))
THIRD_PARTY = gated(
    r"^(?P<mention>(?:my|our) (?:(?:little|lil|older|younger|big|baby|eldest|oldest|youngest|twin|new|late|best|two"
    r"|three|four|\d) )?(?P<rel>" + _WORDS + r"))(?:'s (?P<thing>[\w -]+?)(?= (?:is|are)\b)"
    r"| (?P<name>(?-i:[A-Z])[\w'-]+(?: (?:and|&) (?-i:[A-Z])[\w'-]+)?)(?=\s)"
    r"| (?P<lname>(?!(?:" + "|".join(_NOT_NAMES) + r")\b)(?-i:[a-z])[\w'-]+)(?= (?:is|was|has|had|works|lives|got"
    r"|moved|started|turned|plays|loves|just|recently|finally)\b)"
                                     r"|,\s+(?P<name2>(?-i:[A-Z])[\w'-]+),)?\s+(?P<pred>.+)$", NOCASE)
BIRTH_OR_DEATH = re.compile(r"^(?:was born|were born|passed away|died)\b", NOCASE)
# "... and she's a vet", "my partner's name is Robin, they're a teacher": the person just mentioned
PRONOUN = re.compile(r"^(?:he|she|they(?= are\b))\b", NOCASE)
_ADVERBS = {"just", "recently", "finally", "also", "still", "now", "really", "always", "never", "usually", "often",
            "currently", "actually", "only", "mostly", "mainly", "even"}
_FIRST = {"is": "am", "are": "am", "were": "was", "was": "was", "has": "have", "does": "do", "goes": "go"}


# people a party knows, whom the speaker only knows of (the pinned convention keeps none of their facts: "my
# daughter's friend is from Ukraine"; a party's kin is the speaker's kin: "my sister's twins are 3"); a pet of the
# household's is the speaker's own ("my son's hamster")
_KNOWN_OF = frozenset({"teacher", "teachers", "boss", "friend", "friends", "mate", "mates", "bestie", "buddy", "pal",
                       "colleague", "colleagues", "coworker", "neighbour", "neighbor", "neighbours", "doctor", "coach",
                       "teammate", "classmate", "classmates", "manager", "landlord", "girlfriend", "boyfriend", "ex",
                       "flatmate", "roommate", "housemate"})
_HOUSEHOLD = {"partner", "son", "daughter", "child", "children", "stepson", "stepdaughter", "baby", "twins"}


# the name a statement gives: "my kid's name is Ollie", "my dog is called Rex"
_CALLED = re.compile(r"^is (?:called|named)\b", NOCASE)
_GIVEN = re.compile(r"^is (?:called |named )?(?P<n>(?-i:[A-Z])[\w'-]+)\W*$", NOCASE)
_SPEAKERS_TIME = re.compile(r",?\s+(?:when|before|after|while|until|till|because|as soon as) (?:I|we)\b.*$", NOCASE)


@dataclass(frozen=True)
class Party:
    relation: str  # the relation in the key: "partner" for husband, wife, boyfriend ...
    who: str  # how the statement names them: "husband Marco", "dog"
    mention: str  # "my husband": what a following "she"/"he" stands for
    clause: str  # the statement as the party would say it: "I am a firefighter"
    pet: bool
    plural: bool = False
    pred: str = ""  # what is said of them, in the third person ("is a firefighter"); "" for "my son's school is ..."
    named: str = ""  # the name this statement gives them ("my kid's name is Ollie"), for what is said of them next

    @property
    def then(self) -> str:
        """How the next clause names them when it opens with "he"/"she" or its verb: "my kid Ollie" once named."""
        head = f"{self.mention.split()[0]} {self.who}"
        return f"{head} {self.named}" if self.named and " " not in self.who else head

    def agree(self, content: str) -> str:
        """The verb after a plural party in the plural: "the user's parents lives" -> "the user's parents live"."""
        if not self.plural:
            return content
        if f"{self.who}'s name is " in content and re.match(r"^are (?:called|named) ", self.pred):
            # "my sons are called Ali and Omar": all of their names, as said (a name rule reads one)
            return f"{content.partition(self.who)[0]}{self.who} {self.pred.rstrip(' .!')}"
        head, sep, rest = content.partition(f"{self.who} ")
        if not sep:
            return content
        verb, _, tail = rest.partition(" ")
        plural = {"is": "are", "has": "have", "was": "were", "does": "do", "goes": "go"}.get(verb) or (
            verb[:-3] + "y" if re.fullmatch(r"\w+[^aeiou]ies", verb) else verb[:-1]
            if re.fullmatch(r"\w+[^su]s", verb) else verb)
        return f"{head}{sep}{plural} {tail}".rstrip()


def _first_person(pred: str) -> str:
    words = pred.split()
    i = 0
    while i < len(words) - 1 and words[i].lower() in _ADVERBS:
        i += 1
    verb = words[i].lower()
    if verb in _FIRST:
        words[i] = _FIRST[verb]
    elif re.fullmatch(r"\w+[^aeiou]ies", verb):
        words[i] = verb[:-3] + "y"
    elif re.fullmatch(r"\w+(?:sh|ch|ss|x|z|o)es", verb):
        words[i] = verb[:-2]
    elif re.fullmatch(r"\w+[^su]s", verb):
        words[i] = verb[:-1]
    return "I " + " ".join(words)


def third_party(clause: str) -> Party | None:
    """The party and its first-person clause, or None when ``clause`` is not about one."""
    m = THIRD_PARTY.match(clause)
    if m is None:
        return None
    word = m.group("rel").lower()
    if word not in _PETS and BIRTH_OR_DEATH.match(m.group("pred")):
        return None  # "my son was born on 2 May", "my dad passed away": events, read by the event rules
    if (thing := (m.group("thing") or "").lower().split()[-1:]) and (
            thing[0] in _KNOWN_OF or thing[0].rstrip("s") in _PETS and KIN.get(word, word) not in _HOUSEHOLD):
        return None  # "my son's teacher is called Mr Brown", "my brother's cats are ...": someone they know
    name = m.group("name") or m.group("name2") or (m.group("lname") or "").capitalize() or None
    # a time told by the speaker's own life is theirs, not the party's: "my parents split up when I was 10" (read as
    # the party's first person, "when I was 10" would become the parents' age); "since I ..." stays, it makes a state
    pred = _SPEAKERS_TIME.sub("", m.group("pred")) or m.group("pred")
    first = f"my {m.group('thing')} {pred}" if m.group("thing") else _first_person(pred)
    # children told apart by name ("my child Jack is 7; my child Ella is 5", see .children): one slot each
    relation = f"child:{name.lower()}" if word == "child" and name else KIN.get(word, word)
    given = _GIVEN.match(pred) if (m.group("thing") or "").lower() == "name" or _CALLED.match(pred) else None
    return Party(relation, f"{word} {name}" if name else word, m.group("mention"), first,
                 word in _PETS, word in PLURAL, "" if m.group("thing") else pred,
                 given.group("n") if given and word not in PLURAL else "")
