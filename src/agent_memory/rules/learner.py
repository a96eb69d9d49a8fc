"""English as learners and dictation write it, brought to the form the rules read: "I have 45 years",
"I not eat pork", "working like nurse since 3 years", "my wife she is from Brazil", "I am seventy-eight".
Applied to a whole message, after contractions and before it is cut into sentences; every rewrite
keeps to one sentence ([^.!?]) so that it cannot join two statements."""

from __future__ import annotations

import re
from collections.abc import Callable

from .._slots import RELATIONS
from .dates import NOCASE
from .lexicon import CONDITIONS, JOB_WORDS

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
NUMBER = (r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(_UNITS) + r"))?|" + "|".join(_TEENS) + ")")


def number(words: str) -> int:
    """ "seventy-eight" -> 78, "eighteen" -> 18 (the words ``NUMBER`` matches)."""
    parts = re.split(r"[- ]", words.lower())
    return sum(_TENS.get(p, 0) + _TEENS.get(p, 0) + _UNITS.get(p, 0) for p in parts)


_PEOPLE = "|".join(sorted(RELATIONS, key=len, reverse=True))
_JOBS = "|".join(sorted(JOB_WORDS, key=len, reverse=True))


def _article(m: re.Match[str]) -> str:
    job = m.group("j")
    return f"{m.group('b')} {'an' if job[0].lower() in 'aeiou' else 'a'} {job}"


Replacement = str | Callable[[re.Match[str]], str]

# (words one of which the message must contain, pattern, replacement): the words spare most messages the patterns
REWRITES: list[tuple[tuple[str, ...], re.Pattern[str], Replacement]] = [(t, re.compile(p, NOCASE), r) for t, p, r in (
    (("years of age",),
     r"\b(?P<n>\d+|" + NUMBER + r") years of age\b", r"\g<n> years old"),
    # an age in words: "I am seventy-eight", "turning forty", "I'm 34" stays as it is
    (("am ", "turn"),
     r"\b(?P<b>I am|turning|turned|I turn) (?P<n>" + NUMBER + r")\b(?= *(?:years old|$|[,.!;]| and| now| today|"
     r" next| this| in| so| but))",
     lambda m: f"{m.group('b')} {number(m.group('n'))}"),
    # "I am not drinking alcohol since 5 years": a span of not doing it, said in the progressive
    (("not ",),
     r"\bI am not (?P<v>drinking|smoking)(?= [^.!?]*\b(?:since|for) (?:\d+|a few|a couple of|many|two|three|four|five"
     r"|six|seven|eight|nine|ten) (?:years?|months?|weeks?)\b)",
     lambda m: "I have not " + ("drunk" if m.group("v").lower() == "drinking" else "smoked")),
    # "I am a student in second year of medicine": the year of a course
    (("student",),
     r"\bI am (?:a )?student in (?:the |my )?(?P<o>first|second|third|fourth|fifth|sixth|final|last) year of ",
     r"I am in my \g<o> year of "),
    # "I am coming from Peru" (a calque of "vengo de"): where the speaker is from
    (("coming from",),
     r"\bI am coming from (?=(?-i:[A-Z])[\w-]+(?:,| but| and|$|[.!]))", "I am from "),
    # "I came to Poland two years ago": a move, said the way many languages say it
    (("came to",),
     r"\b(?P<s>I|we) came to (?=(?-i:[A-Z])[\w-]+\b(?! (?:to|for|on)\b))", r"\g<s> moved to "),
    # "a diabetes type 2": the type after the condition
    (("type",),
     r"\b(?:a )?diabetes type (?P<t>[12])\b", r"type \g<t> diabetes"),
    # "I want learn to drive": the "to" a learner leaves out
    (("want ", "need ", "like ", "hope ", "plan "),
     r"\b(?P<v>I want|I need|I would like|I hope|I plan|we want|we need|we hope|we plan) (?=(?:learn|go|buy|move|find"
     r"|get|become|make|start|study|work|visit|open|live|travel|improve|lose|save)\b)", r"\g<v> to "),
    # "I have 45 years" (a calque of "tengo / ho / j'ai 45 ans"): an age, not a span of time
    (("years",),
     r"\bI have (?P<n>[1-9]\d) years(?: old)?\b(?! (?:of|in|at|as|with|experience|ago|since|left|to)\b)",
     r"I am \g<n>"),
    # "I not eat pork": the auxiliary a learner leaves out
    ((" not ",),
     r"\b(?P<s>I|we) not (?=(?:eat|drink|like|have|smoke|speak|live|work|want|need|use|own|drive|drink|go)\b)",
     r"\g<s> do not "),
    # "since 3 years", "married since 10 years": a span, said the way French/German/Italian say it
    (("since ",),
     r"\bsince (?P<n>\d+|a few|a couple of|many|one|two|three|four|five|six|seven|eight|nine|ten) (?P<u>years?"
     r"|months?|weeks?|decades?)\b", r"for \g<n> \g<u>"),
    # "working like nurse": the role
    ((" like ",),
     r"\b(?P<w>work|works|working|worked) like (?=(?:a |an )?[a-z])", r"\g<w> as "),
    (("child",),
     r"\bchild(?:s|rens)\b", "children"),
    # a topic restated by its pronoun: "Me I like ...", "my wife she is from Brazil"
    (("me ", "me,"),
     r"(?:^|(?<=[.!?]\s))(?:me|as for me),? (?=I\b)", ""),
    ((" he ", " she ", " they "),
     r"\b(?P<np>(?:my|our) (?:[\w-]+ )?(?:" + _PEOPLE + r")) (?:he|she|they) (?=(?:is|are|was|were|has|have|lives?"
     r"|works?|loves?|likes?|speaks?|comes?|owns?|runs?)\b)", r"\g<np> "),
    # a condition said in the progressive: "my mother is having diabetes", "I am having asthma"
    ((" having ",),
     r"\b(?P<s>I am|(?:my|our) [\w-]+(?: [\w-]+)? (?:is|are)) having (?=" + CONDITIONS + r")",
     lambda m: "I have " if m.group("s").lower() == "i am" else re.sub(r" is$", " has ", re.sub(
         r" are$", " have ", m.group("s"), flags=NOCASE), flags=NOCASE)),
    # "I has a dog", "I am having two kids" (Indian English: have), "a dog name Rocky": the verb and the word meant
    (("i has",),
     r"\bI has\b", "I have"),
    ((" having ",),
     r"\b(?P<s>I|we) (?:am|are) having (?=(?:a|an|one|two|three|four|five|\d) (?:[\w-]+ )?(?:kids?|children|sons?"
     r"|daughters?|brothers?|sisters?|siblings|dogs?|cats?|pets?)\b)", r"\g<s> have "),
    ((" name ",),
     r"\b(?P<k>dog|cat|puppy|kitten|rabbit|hamster|parrot|horse|" + _PEOPLE + r") name (?=(?-i:[A-Z])[\w'-]+\b)",
     r"\g<k> named "),
    # "I like very much the football": the adverb before the object
    (("much", "a lot"),
     r"\b(?P<s>I|we) (?P<v>like|love|enjoy|prefer) (?:very much|so much|a lot) (?:the )?(?=\w)",
     r"\g<s> really \g<v> "),
    (("supporter",),
     r"\bI am (?:a )?(?:big |great |huge )?supporter of\b", "I support"),
    # a job without its article: "I am electrician", "working as nurse"
    (("i am ", " as "),
     r"\b(?P<b>I am|working as|work as|works as) (?!a |an |the |my |our )(?P<j>(?:(?!(?:no|not|such|your|his|her"
     r"|their|this|that|like|more|less|the)\b)[\w-]+ )?(?:" + _JOBS + r"))\b"
     r"(?! of\b)(?!')", _article),
    # a present tense with a past date: "I finish my master last year" -> "I finished"
    (("last ", " ago", "yesterday"),
     r"\b(?P<s>I|we) (?P<v>finish|start|move|graduate|begin|marry|buy|sell|leave|meet|lose|come|go)\b(?=[^.!?]*\b"
     r"(?:last (?:year|month|week|summer|spring|autumn|winter|fall|\w+day)|\w+ (?:years?|months?|weeks?|days?) ago"
     r"|yesterday)\b)",
     lambda m: f"{m.group('s')} " + {"begin": "began", "buy": "bought", "sell": "sold", "leave": "left",
                                     "meet": "met", "lose": "lost", "come": "came", "go": "went"}.get(
         m.group("v").lower(), m.group("v").rstrip("e") + "ed")),
)]


def normalise(text: str) -> str:
    low = text.lower()
    for words, pat, rep in REWRITES:
        if any(w in low for w in words):
            text = pat.sub(rep, text)
            low = text.lower()
    return text
