"""Being "the only <role>" somewhere says the speaker is one: "I'm the only vegan in my office", "I'm the only nurse on
the ward". Read as "I am a <role> ...", so the rules that read a diet or a job read it; the uniqueness is colour."""

from __future__ import annotations

import re

from .lexicon import DIETS, JOB_ENDINGS, JOB_WORDS

_ROLES = "|".join(sorted(JOB_WORDS, key=len, reverse=True))
# only a known diet or job after "the only": not "the only one who cares", "the only girl in my class"
ONLY_ONE = re.compile(r"\b(?P<s>I am|I'm|im) the only (?P<role>" + DIETS + "|" + _ROLES + "|" + JOB_ENDINGS.pattern
                      + r")\b(?! (?:who|that|to|left|here)\b)", re.IGNORECASE)


def one_of(text: str) -> str:
    """The text with "I'm the only <diet or job>" read as "I am a <diet or job>"."""
    return ONLY_ONE.sub(lambda m: f"I am a {m.group('role')}", text) if " only " in text else text
