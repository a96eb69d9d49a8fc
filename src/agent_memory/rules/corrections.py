"""A correction of something said before: "actually it's Porto not Lisbon", "typo, it's KPMG not Deloitte",
"autocorrect, his name is Mac not Max". The message names no slot, only the value that was wrong and the
one that is right, so what it says is only known beside the fact that named the wrong value: the extractor
proposes it (``metadata["corrects"]`` and ``["corrected_to"]``) and consolidation puts that fact right, or
drops the correction when nothing current names the wrong value (see ``_consolidation.correction``).

Read on the whole message, since the cue ("sorry", "typo yesterday") is often a clause of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from .._extraction import Candidate, Ending

# a word that says the speaker is putting something right; "I go by Kit, not Katherine" has none and is a
# plain statement
CUE = re.compile(r"\b(?:actually|sorry|soz|oops|whoops|typo|autocorrect|auto-correct|correction|i meant|my bad"
                 r"|mistake|misspoke|misspelt|misspelled|i mean)\b", re.IGNORECASE)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# a value: a name (capitalised, 1-3 words), or a day, a month, a number; never a common word ("not bad")
_NAME = r"(?-i:[A-Z0-9][\w&'.-]*)(?: (?-i:[A-Z][\w&'.-]*)){0,2}"
_VALUE = rf"(?:{_WEEKDAY}|{_MONTH}|\d+(?:[:.,]\d+)*|{_NAME})"
# ("I'm 34 not 33": the speaker's own value put right, an age or a count as often as a name)
FIX = re.compile(rf"\b(?:it'?s|it is|that'?s|that is|is|was|meant|should be|should have said|should've said"
                 rf"|i'?m|i am|we'?re|we are|(?:he|she)'?s|they'?re|they are)\s+(?:(?:in|at|from) )?"
                 rf"(?P<new>{_VALUE}),?\s+not\s+(?P<old>{_VALUE})(?![\w'-])", re.IGNORECASE)


def _kind(value: str) -> str:
    if re.fullmatch(_WEEKDAY, value, re.IGNORECASE):
        return "weekday"
    if re.fullmatch(_MONTH, value, re.IGNORECASE):
        return "month"
    return "number" if value[:1].isdigit() else "name"


def corrections(text: str) -> Iterator[tuple[str, str]]:
    """(right, wrong) for each correction in ``text``; both of one kind ("Porto not Lisbon", "Thursday
    not Tuesday"), never "it's Tuesday not March"."""
    if "not " not in text.casefold() or not CUE.search(text):  # (the cheap test first: most messages have no "not")
        return
    for m in FIX.finditer(text):
        new, old = m.group("new"), m.group("old")
        if _kind(new) == _kind(old) and new.casefold() != old.casefold():
            yield new, old


def corrected(text: str, *, s: str, subject: str, said_at: datetime, source_ids: list[str]) -> list[Candidate]:
    """The corrections in a message as candidates: each names the wrong value as what it ends, so that
    consolidation finds the fact that named it."""
    return [Candidate(content=f"{s} corrected {old} to {new}", category="fact", confidence=0.7,
                      source_ids=source_ids, subject=subject, ends=Ending(value=old), observed_at=said_at,
                      metadata={"extractor": "rules", "corrects": old, "corrected_to": new})
            for new, old in corrections(text)]
