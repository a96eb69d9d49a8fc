"""Category alignment (issue 17, session 9): what the rules understand is filed under the category the pinned
conventions of ``benchmarks/extraction.py`` give it. The speaker's own retirement is the job they have now
(``identity``, as "I'm retired" is), dated or not; a third party's stays their dated ``event``."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory._extraction import ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor

AT = datetime(2025, 9, 10, 9, 0, tzinfo=UTC)


def extract(text: str):
    msg = Message(role="user", content=text, name=None, id="m1", created_at=AT)
    return RuleExtractor().extract([msg], context=ExtractionContext(observed_at=AT))


@pytest.mark.parametrize("text,term", [
    ("I retired from the fire service in 2021", "fire service"),
    ("finally retired last spring after 28 yrs teaching maths", "maths"),
    ("we retired to the coast in 2019, best move ever", "coast"),
])
def test_own_retirement_is_the_job_now(text: str, term: str) -> None:
    facts = [c for c in extract(text) if "retired" in c.content]
    assert facts, [c.content for c in extract(text)]
    assert all(c.category == "identity" and c.attribute == "job" for c in facts), facts
    assert any(term in c.content for c in facts)


def test_third_party_retirement_stays_an_event() -> None:
    facts = extract("my uncle retired from the railways in 2018")
    assert [c.category for c in facts] == ["event"], facts


@pytest.mark.parametrize("text", [
    "should I retire in 2027 or wait?",
    "what if I retired next year, could we afford it",
    "my friend said 'I retired at 50 and got bored'",
])
def test_retirement_talk_that_is_no_fact_stays_silent(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize("text,term", [
    ("been contracting for a bank in Canary Wharf since 2022", "contracting"),
    ("I've been temping at a law firm for six months", "temping"),
    ("ive been freelancing as a translator since I left uni", "translator"),
])
def test_earning_a_living_as_an_activity_is_the_job(text: str, term: str) -> None:
    facts = extract(text)
    assert [(c.category, c.attribute) for c in facts] == [("identity", "job")], facts
    assert term in facts[0].content


@pytest.mark.parametrize("text", [
    "have you been freelancing long?",
    "my sister has been freelancing since March",
    "if I'd been contracting since 2020 I'd be rich",
])
def test_earning_talk_that_is_not_the_speakers_job_stays_out(text: str) -> None:
    assert not [c for c in extract(text) if c.category == "identity" and c.attribute == "job"]


def test_pastimes_said_as_an_activity_stay_preferences() -> None:
    facts = extract("I've been playing the violin since I was seven")
    assert facts and all(c.category == "preference" for c in facts), facts


@pytest.mark.parametrize("text,who", [
    ("my stepson started year 9 last week", "stepson"),
    ("our little one started kindergarten on monday, no tears!", "little one"),
])
def test_someones_dated_school_start_is_their_event(text: str, who: str) -> None:
    facts = [c for c in extract(text) if c.attribute and c.attribute.endswith(":education")]
    assert [c.category for c in facts] == ["event"], extract(text)


def test_someones_undated_school_start_stays_a_standing_fact() -> None:
    facts = extract("my grandson has just started at primary school")
    assert [c.category for c in facts] == ["relationship"], facts


def test_own_dated_school_start_is_still_identity() -> None:
    facts = extract("I started college in september, bit scary")
    assert facts and all(c.category == "identity" for c in facts), facts
