"""The identity/relationship line, session 10 (issue 17): by the pinned category conventions the speaker's children,
pets and household (and grandchildren) are ``relationship`` facts, their own relationship status stays ``identity``,
and a partner a status names ("married to Ana") is a ``relationship`` fact beside it. The slots (the conflict keys)
are unchanged, so a new value still supersedes the old one, and the household stays pinned in the context."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory import Memory
from agent_memory._context import is_pinned
from agent_memory._extraction import Candidate, ExtractionContext
from agent_memory._models import Message
from agent_memory._slots import category_of
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.testing import HashEmbedder

from .turns import current, say

SUN_6_DEC = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def extract(text: str) -> list[Candidate]:
    msg = Message(role="user", content=text, name="Noor", id="m1", created_at=SUN_6_DEC)
    return RuleExtractor().extract([msg], context=ExtractionContext(observed_at=SUN_6_DEC))


def facts(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(c.category, c.attribute, c.content) for c in extract(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # children: how many, ages, said as a role
    ("I have two kids", ("relationship", "children", "Noor has two kids")),
    ("my husband and I have 3 kids", ("relationship", "children", "Noor has 3 kids")),
    ("i have a 17 year old son and a 13 year old daughter", ("relationship", "children",
                                                              "Noor has a 17 year old son and a 13 year old daughter")),
    ("as a new mum, how much sleep should I expect?", ("relationship", "children", "Noor is a new mum")),
    ("I'm a stepmum to two teenagers", ("relationship", "children", "Noor is a stepmum to two teenagers")),
    ("I have 3 grandkids", ("relationship", "grandchildren", "Noor has 3 grandkids")),
    # pets
    ("we have three cats and a rabbit", ("relationship", "pets", "Noor has three cats and a rabbit")),
    ("I have a greyhound", ("relationship", "pets", "Noor has a dog (greyhound)")),
    # the household, with since-when or how long said beside it
    ("I live with my girlfriend", ("relationship", "household", "Noor lives with their girlfriend")),
    ("my partner and I moved in together", ("relationship", "household", "Noor lives with their partner")),
    ("I live alone since my husband passed", ("relationship", "household", "Noor lives alone")),
    ("i live on my own since 2019", ("relationship", "household", "Noor lives on their own")),
    ("I'm living alone these days", ("relationship", "household", "Noor lives alone")),
    ("separated from my husband, the kids live with me", ("relationship", "children:household",
                                                          "Noor's kids live with them")),
    # having none is the household too
    ("I don't have any kids", ("relationship", "children", "Noor does not have any kids")),
    ("34, teacher, no kids", ("relationship", "children", "Noor does not have any kids")),
    ("nope, no pets", ("relationship", "pets", "Noor does not have any pets")),
])
def test_the_speakers_family_and_household_are_relationship_facts(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text), facts(text)


@pytest.mark.parametrize(("text", "content"), [
    ("I'm married", "Noor is married"),
    ("divorced, three kids, live in Tulsa", "Noor is divorced"),
    ("single mum of two", "Noor is a single mum"),
    ("widower, live alone with my dog", "Noor is a widower"),
    ("separated from my husband, the kids live with me", "Noor is separated from their husband"),
])
def test_the_speakers_status_stays_identity(text: str, content: str) -> None:
    assert ("identity", "relationship", content) in facts(text), facts(text)


@pytest.mark.parametrize(("text", "status", "partner"), [
    ("I'm married to Ana.", "Noor is married to Ana", "Noor's spouse's name is Ana"),
    ("I'm engaged to Marco, wedding is next september", "Noor is engaged to Marco", "Noor's fiancé's name is Marco"),
    ("Jonas and I got engaged in March", "Noor got engaged to Jonas in March 2026", "Noor's fiancé's name is Jonas"),
])
def test_a_partner_named_by_a_status_is_a_relationship_fact_beside_it(text: str, status: str, partner: str) -> None:
    got = facts(text)
    assert ("identity", "relationship", status) in got, got
    assert ("relationship", "partner:name", partner) in got, got


@pytest.mark.parametrize("text", [
    "me and Sam broke up last week",  # an ex is no partner
    "I'm married to my job lol",  # no name
    "my sister is engaged to Tom",  # not the speaker's status
])
def test_no_partner_name_where_the_status_names_none_of_the_speakers(text: str) -> None:
    assert not [f for f in facts(text) if f[1] == "partner:name" and f[2].startswith("Noor's")], facts(text)


@pytest.mark.parametrize("text", ["no kids allowed in the pub", "no kids today, they're at their gran's"])
def test_no_kids_said_of_a_place_or_a_day_is_no_household(text: str) -> None:
    assert not [f for f in facts(text) if f[1] == "children"], facts(text)


def test_a_household_naming_its_pet_or_partner_keeps_the_name_too() -> None:
    got = facts("widower, live alone with my dog Rex")
    assert ("relationship", "household", "Noor lives alone with their dog Rex") in got, got
    assert ("relationship", "dog:name", "Noor's dog's name is Rex") in got, got


def test_a_couple_living_somewhere_is_the_household_and_the_place() -> None:
    got = facts("my wife and I live in Bristol")
    assert ("relationship", "household", "Noor lives with their wife") in got, got
    assert ("identity", "location", "Noor lives in Bristol") in got, got


@pytest.mark.parametrize(("category", "attribute", "expected"), [
    ("identity", "children", "relationship"), ("identity", "pets", "relationship"),
    ("identity", "household", "relationship"), ("identity", "daughter:name", "relationship"),
    ("identity", "grandchildren", "relationship"),
    ("identity", "relationship", "identity"),  # the status
    ("identity", "location", "identity"), ("identity", None, "identity"),
    ("constraint", "children", "relationship"), ("constraint", "car", "constraint"),
    ("event", "pets", "event"),  # a dated happening stays one
    ("preference", "children", "preference"),
])
def test_category_of(category: str, attribute: str | None, expected: str) -> None:
    assert category_of(category, attribute) == expected


def test_the_household_and_family_still_change_and_stay_pinned(tmp_path) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u1", [("2026-01-10", "I live with my boyfriend in Leeds"),
                        ("2026-06-02", "we broke up in may so I live alone now")])
        say(mem, "u2", [("2025-03-01", "I'm married to Ana"), ("2026-09-01", "Ana and I got divorced last year")])
        say(mem, "u3", [("2025-03-01", "I have two kids"), ("2026-09-01", "we have three kids now")])
        one, two, three = current(mem, "u1"), current(mem, "u2"), current(mem, "u3")
        kids = [m for m in mem.list(user_id="u3", kinds=["profile"]).items if m.attribute == "children"]
    assert "The user lives alone" in one and not any("boyfriend" in c for c in one), one
    assert any("divorced" in c for c in two) and not any("married" in c or "Ana" in c and "spouse" in c
                                                           for c in two), two
    assert any("three kids" in c for c in three) and not any("two kids" in c for c in three), three
    assert [(m.category, is_pinned(m)) for m in kids] == [("relationship", True)], kids
