"""The rules in the order they are tried; the first that yields a fact for a clause wins.

Order is priority: specific patterns before the general ones that would also match ("I am a
nurse" is a job before it is a trait; "I love hiking" is a preference before "I <verb> ..." is a
habit). ``tests/test_extract_rules.py`` pins the sequence of names."""

from __future__ import annotations

from . import constraints, events, goals, identity, past, plans, preferences, shifts, transitions
from .base import Rule
from .prefilter import ByFirstChar

RULES: tuple[Rule, ...] = (
    *past.RULES,  # a past state marked as over ("back in college I played rugby") before any present reading
    *transitions.RULES,
    *shifts.RULES,  # a new value said through the change ("they made me store manager", "53 as of today")
    *identity.RULES,
    *constraints.RULES,
    *preferences.RULES,
    *goals.RULES,
    *plans.RULES,
    *events.RULES,
)

# the rules a clause can match, by its first character (the rest could not match it)
BY_FIRST_CHAR = ByFirstChar(RULES, lambda r: r.pattern)
