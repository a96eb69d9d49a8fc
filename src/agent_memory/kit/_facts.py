"""Explicit saves speak the extractor's language, so both meet in one consolidation path.

A model saving "Alice is vegetarian" for user ``alice`` and the rule extractor reading the user's
"I'm vegetarian" must end up as ONE current fact. The saved sentence is turned back into the
user's first person ("I am vegetarian") when its subject is the user — "the user", "user", or the
user id (or its leading name part: ``alice-42`` -> "alice") — and read by the same rule extractor
that reads conversations: same content ("The user is vegetarian"), same attribute ("diet"), so
consolidation counts, merges or supersedes it like any extracted fact. A sentence the rules do not
read is saved as it is, without an attribute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from .._extraction import ExtractionContext
from .._models import Message
from .._scope import Scope
from ..rules import RuleExtractor

_EXTRACTOR = RuleExtractor()
_IRREGULAR = {"is": "am", "was": "was", "has": "have", "does": "do", "isn't": "am not", "doesn't": "don't",
              "hasn't": "haven't", "wasn't": "wasn't"}
_ES = re.compile(r"(?:ss|sh|ch|x|z|o)es$")


@dataclass(frozen=True)
class Fact:
    content: str
    attribute: str | None = None
    category: str | None = None


def aliases(scope: Scope) -> list[str]:
    """Names a saved sentence may use for the scope's user, longest first."""
    names = {"the user", "user"}
    if scope.user_id:
        names.add(scope.user_id.casefold())
        lead = re.match(r"[^\W\d_]{2,}", scope.user_id)
        if lead:
            names.add(lead.group(0).casefold())
    return sorted(names, key=len, reverse=True)


def _verb(word: str) -> str:
    low = word.casefold()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + "y"
    if _ES.search(low):
        return word[:-2]
    if low.endswith("s") and not low.endswith("ss"):
        return word[:-1]
    return word


def first_person(content: str, scope: Scope) -> str | None:
    """``content`` in the user's first person, or None when its subject is not the user."""
    text = content.strip()
    folded = text.casefold()
    for name in aliases(scope):
        if not folded.startswith(name):
            continue
        rest = text[len(name):]
        if rest[:3] in ("'s ", "’s "):
            return "My " + rest[3:]
        if rest[:1] == " " and rest.strip():
            verb, _, tail = rest.strip().partition(" ")
            return f"I {_verb(verb)} {tail}".strip()
    return None


def normalise(content: str, scope: Scope) -> Fact:
    """What an explicit save stores: the extractor's reading of it when the rules understand it."""
    said = first_person(content, scope) or content
    ctx = ExtractionContext(observed_at=datetime.now(timezone.utc), **scope.owner.as_dict())
    found = _EXTRACTOR.extract([Message(role="user", content=said, id="save")], context=ctx)
    if len(found) == 1:  # one reading: anything else is a compound sentence, kept whole
        return Fact(found[0].content, found[0].attribute, found[0].category)
    return Fact(content.strip())
