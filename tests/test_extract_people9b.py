"""The rule extractor on relatives and partners named without "my" (issue 17, session 9): a relation word opening a
clause with its predicate straight after is the speaker's own ("wife's a midwife", "the hubby works for BT"), while
an owned, generic, fictional, quoted or questioned relation word stays silent."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory._extraction import Candidate, ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.rules.unowned import rewrite

SUN_6_DEC = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def extract(text: str) -> list[Candidate]:
    msg = Message(role="user", content=text, name="Noor", id="m1", created_at=SUN_6_DEC)
    return RuleExtractor().extract([msg], context=ExtractionContext(observed_at=SUN_6_DEC))


@pytest.mark.parametrize(("text", "attribute", "words"), [
    ("wife's a midwife at the Royal Free", "partner:job", ("wife", "midwife")),
    ("the hubby works for BT these days", "partner:job", ("husband", "BT")),
    ("bf is from Porto", "partner:origin", ("boyfriend", "Porto")),
    ("mam lives in Cork still", "mother:location", ("mum", "Cork")),
    ("ok so nephew is a paramedic now", "nephew:job", ("nephew", "paramedic")),
    ("Great news. Sister lives in Madrid now", "sister:location", ("sister", "Madrid")),
    ("anyway, grandpa lives in Swansea", "grandfather:location", ("grandpa", "Swansea")),
])
def test_a_relation_opening_a_clause_is_the_speakers_own(text: str, attribute: str, words: tuple[str, ...]) -> None:
    facts = [c for c in extract(text) if c.category == "relationship"]
    assert any(c.attribute == attribute and all(w.lower() in c.content.lower() for w in words) for c in facts), facts


@pytest.mark.parametrize("text", [
    "is dad's flight on monday?",  # a question
    "does your mum still work at the bank?",
    "Priya's husband is a dentist in Leeds",  # someone else's relative
    "her sister works for Deloitte",
    "the mother in that show is a lawyer",  # fiction: no predicate after the relation word
    "total husband material that one",  # not a husband
    "dad jokes are the best jokes",
    "sons always leave the fridge open",  # people in general
    "'wife is a pilot' is how the ad began",  # a quote
])
def test_a_relation_with_an_owner_or_no_statement_stays_silent(text: str) -> None:
    assert [c for c in extract(text) if c.category == "relationship"] == []


@pytest.mark.parametrize(("text", "out"), [
    ("husband's at work", "my husband's at work"),
    ("The missus is vegan", "my missus is vegan"),
    ("step mum is a nurse", "my stepmum is a nurse"),
    ("I'm fine. brother still lives in Hull", "I'm fine. my brother still lives in Hull"),
    ("Sarah's husband is a chef", "Sarah's husband is a chef"),
    ("my wife is a chef", "my wife is a chef"),
    ("the husband in that film", "the husband in that film"),
    ("wives always say that", "wives always say that"),
])
def test_rewrite(text: str, out: str) -> None:
    assert rewrite(text) == out


@pytest.mark.parametrize(("text", "words"), [
    ("sister's dyslexic, any tips for revision?", ("sister", "dyslexic")),
    ("my dad's epileptic so no strobe lights", ("dad", "epileptic")),
])
def test_a_condition_after_s_is_a_state(text: str, words: tuple[str, ...]) -> None:
    facts = [c for c in extract(text) if c.category == "relationship"]
    assert any(all(w in c.content for w in words) for c in facts), facts


def test_a_thing_owned_after_s_is_no_state() -> None:
    assert [c for c in extract("my son's gluten free bread is in the freezer") if c.category == "relationship"] == []


def test_what_a_hedge_helps_with_is_no_condition() -> None:
    facts = extract("gran is a retired nurse if it helps for the first aid bit")
    assert any("gran" in c.content and "nurse" in c.content for c in facts), facts
    assert extract("if my gran was a nurse she would know") == []
