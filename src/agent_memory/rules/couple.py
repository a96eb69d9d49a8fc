"""The speaker's relationship status and household, said the way chat says them, rewritten into the plain statements
the identity rules read ("I am married", "I am a single dad; I have two girls aged 8 and 11").

Chat rarely says "I am married": it says how long ("married 22 years this month", "we've been married 40 years come
June"), it says it through the partner ("me and the wife ..."), or it folds the status into a role ("single mum of
two"). Each shape here is a status or a count the speaker states of themselves; a question or a hypothetical around
it is still caught by the guards downstream, which see the rewritten clause.
"""

from __future__ import annotations

import re

from .dates import NOCASE

_COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|\d{1,2})"
_KIDS = r"(?:kids?|children|child|boys?|girls?|sons?|daughters?|teenagers|teens)"
_REWRITES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, NOCASE), r) for p, r in (
    # "me and the wife", "the missus and I": the speaker's own partner, said with "the"
    (r"\b(?:me and|I and) the (?P<p>wife|missus|missis|hubby|husband|other half)\b", r"my \g<p> and I"),
    (r"(?:^|(?<=[.!?]\s))the (?P<p>wife|missus|missis|hubby|husband|other half) and (?:I|me)\b", r"my \g<p> and I"),
    # how long is no part of the status: "we've been married 40 years come June" -> "we have been married"
    (r"\b(?P<h>have been|'ve been|been) married (?:for )?(?:" + _COUNT + r"|\d+|almost|nearly|over|about|\s)+"
     r"(?:years?|yrs?|decades?)(?: (?:come|this|next|in) (?:\w+))?\b", r"\g<h> married"),
    # a status opening the message with its subject dropped: "married 22 years this month", "widowed 3 years ago",
    # "separated from my husband, ...", "widower, live alone"
    (r"^(?:(?:happily|recently|newly) )?(?P<st>married|widowed|divorced|separated)\b(?=\s+(?:for |since |over |almost "
     r"|nearly )?(?:" + _COUNT + r"|\d+)\b|\s+(?:since|from)\b|,)", r"I am \g<st>"),
    (r"^(?:a )?(?P<st>widow(?:er)?)\b(?=\s+(?:for|since)\b|,)", r"I am a \g<st>"),
    # the speaker's children said with "the", living with them: "the kids live with me half the week"
    (r"(?:^|(?<=, )|(?<=[.!?] ))the (?P<k>kids|children|boys|girls|twins) (?=live with (?:me|us)\b)", r"my \g<k> "),
    # how long is no part of the status, nor the anniversary it is said with: "I am married 22 years this month to ..."
    (r"^(?P<st>I am (?:married|widowed|divorced|separated)) (?:for |almost |nearly |over |about )*(?:a couple of|a few"
     r"|" + _COUNT + r") (?:years?|yrs?|months?|decades?)\b(?! ago)(?: now)?(?: (?:this|next|last|in) \w+)?"
     r"(?: to\b[^.;!?]*)?", r"\g<st>"),
    # someone new, named in the next breath: "I'm seeing someone... her name is Priya" -> "seeing someone called Priya"
    (r"\b(?P<lead>(?:seeing|dating|met|going out with) (?:someone|somebody|a (?:guy|girl|man|woman|lad|lass)))"
     r"(?:\s*(?:\.{2,}|\u2026|,|-|!+)\s*|\s+)(?:and )?(?:her|his|their) name(?:'s| is) (?P<n>(?-i:[A-Z])[\w'-]+)",
     r"\g<lead> called \g<n>"),
    # the children counted, then said to live with the speaker: "two teenage boys who live with me half the week"
    (r"(?<=, )(?P<c>" + _COUNT + r" (?:[\w-]+ )?" + _KIDS + r") (?:who|that) live with (?:me|us)\b[^,.;!?]*",
     r"\g<c>"),
)]


# a status folded into a role: "single mum of two", "a single dad of two girls, 8 and 11", "a single dad with three
# boys" (with: only children, not "with two jobs")
_SINGLE_PARENT = re.compile(r"(?P<lead>^(?:I am |I'm )?|\b)(?:a )?single (?P<r>mum|mom|dad|mother|father|parent) "
                            r"(?:of|with(?= " + _COUNT + r" " + _KIDS + r"\b)) "
                            r"(?P<n>" + _COUNT + r")(?: (?P<w>" + _KIDS + r"))?(?:,? (?:aged )?(?P<ages>\d{1,2}"
                            r"(?:(?:,| and| &) \d{1,2})+)|,? aged (?P<age>\d{1,2}))?", NOCASE)


def _single_parent(m: re.Match[str]) -> str:
    ages = m.group("ages") or m.group("age")
    kind = m.group("w") or ("kid" if m.group("n").lower() in ("a", "an", "one", "1") else "kids")
    lead = "I am " if m.start() == 0 else m.group("lead")  # "single dad of three": the speaker is
    return f"{lead}a single {m.group('r')}; I have {m.group('n')} {kind}{f' aged {ages}' if ages else ''}"


# a couple living somewhere is whom the speaker lives with and where, two facts: "my wife and I live in Bristol",
# "me and my gf live together in Leeds" -> "I live with my wife; I live in Bristol"
_PARTNER = r"(?:wife|husband|partner|girlfriend|boyfriend|gf|bf|fianc[eé]e?|hubby|other half)"
_COUPLE_LIVES = re.compile(r"\b(?:(?:my|our) (?P<p>" + _PARTNER + r") and (?:I|me)|(?:me|I) and my (?P<q>" + _PARTNER
                           + r")) (?:live|are living|have been living|have lived)(?: together)? (?P<prep>in|near"
                           r"|outside|just outside) ", NOCASE)


def _couple_lives(m: re.Match[str]) -> str:
    return f"I live with my {m.group('p') or m.group('q')}; I live {m.group('prep')} "


_CUES = ("married", "widow", "divorced", "separated", "single", "the wife", "the missus", "the missis", "the hubby",
         "the husband", "the other half", " who live", " that live", " live with", " name")


def rewrite(text: str) -> str:
    """``text`` with the speaker's status and household said plainly (see the module docstring)."""
    low = text.lower()
    if " live" in low and " and " in low:
        text = _COUPLE_LIVES.sub(_couple_lives, text)
    if not any(w in low for w in _CUES):
        return text
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return _SINGLE_PARENT.sub(_single_parent, text) if "single" in low else text
