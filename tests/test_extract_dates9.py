"""Dates are resolved whole or not at all (issue 17: "never half-resolved"): a season keeps its own year, "the end
of <month>" is one phrase, and a day of the month said of something scheduled lies ahead."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agent_memory import ExtractionContext, Message
from agent_memory.rules import RuleExtractor

SAID = datetime(2025, 9, 1, 12, tzinfo=UTC)


def contents(text: str) -> list[str]:
    msg = Message(role="user", content=text, created_at=SAID)
    return [c.content for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=SAID))]


@pytest.mark.parametrize(("text", "expected"), [
    ("we're relocating to Porto in spring 2027", "The user is relocating to Porto in spring 2027"),
    ("I'm getting married in the summer of 2026", "The user is getting married in summer 2026"),
    ("I start my master's in autumn next year", "in autumn 2026"),
    ("we're moving at the end of january", "The user is moving in January 2026"),
    ("my contract ends at the end of November 2026", "in November 2026"),
    ("my driving test is scheduled for the 15th", "on 15 September 2025"),
    ("I had my driving test on the 15th", "on 15 August 2025"),
])
def test_a_date_phrase_is_resolved_whole(text: str, expected: str) -> None:
    got = contents(text)
    assert any(expected in c for c in got), got
    # nothing of the phrase is left behind beside the resolved date
    assert not any(w in c for c in got for w in (" the in ", " at the in ", "2026 2026", "2025 2027", " next year",
                                                 "end of"))


def test_a_season_without_a_preposition_is_still_no_date() -> None:
    assert contents("I love summer") == ["The user loves summer"]


@pytest.mark.parametrize(("text", "kept"), [
    # owning a place is not living there (a second home, a let); renting or moving into one is
    ("I own a house in Spain", None),
    ("we're renting a flat in Leith", "The user lives in Leith"),
    # a budget is an amount or a size, not a verdict
    ("my budget is a joke", None),
    ("my budget is around two grand", "The user's budget is around two grand"),
    ("our budget is tight", "The user's budget is tight"),
    # a moment told long is not a stretch of a life
    ("I studied the menu for ages", None),
    ("I was in the queue for ages", None),
    ("I lived in Spain for ages", "The user lived in Spain for ages"),
])
def test_look_alikes_of_a_home_a_budget_and_a_past_state(text: str, kept: str | None) -> None:
    got = contents(text)
    assert not any("lives in Spain" in c or "budget is a joke" in c or "for ages" in c and "Spain" not in c
                   for c in got), got
    if kept is not None:
        assert kept in got, got
