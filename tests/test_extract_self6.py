"""The rule extractor and the category conventions pinned in ``benchmarks/extraction.py`` (issue 17, session 7):
past states are ``fact`` (with the ending of the current value they name), negations keep their negation,
self-imposed limits and access needs are ``constraint``, habits (a night owl, a coffee drinker) ``preference``.
Each family has look-alikes that must stay silent or keep their old reading."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory._extraction import Candidate, Ending, ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor

SAT_5_DEC = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def extract(text: str) -> list[Candidate]:
    msg = Message(role="user", content=text, name="Noor", id="m1", created_at=SAT_5_DEC)
    return RuleExtractor().extract([msg], context=ExtractionContext(observed_at=SAT_5_DEC))


def facts(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(c.category, c.attribute, c.content) for c in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # past states: "used to", "was a <job>", "previously", a past stretch of life, a past span of years
        ("I used to play the piano.", [("fact", None, "Noor used to play the piano")]),
        ("I used to be a teacher", [("fact", None, "Noor used to be a teacher")]),
        ("I was a postman for 10 years.", [("fact", None, "Noor was a postman for 10 years")]),
        ("I was a nurse.", [("fact", None, "Noor was a nurse")]),
        ("I previously lived in Leeds.", [("fact", None, "Noor previously lived in Leeds")]),
        ("Back in college I played rugby.", [("fact", None, "Noor played rugby back in college")]),
        ("I played rugby back in college.", [("fact", None, "Noor played rugby back in college")]),
        ("As a kid, I lived in Lagos.", [("fact", None, "Noor lived in Lagos as a kid")]),
        ("When I was little, I did ballet for years.",
         [("fact", None, "Noor did ballet for years when they were little")]),
        ("I lived in Japan for three years.", [("fact", None, "Noor lived in Japan for three years")]),
        ("Back in college, I was captain of the chess team.",
         [("fact", None, "Noor was captain of the chess team back in college")]),
        # a present state stays present
        ("I have been a nurse for 10 years.", [("identity", "job", "Noor is a nurse")]),
        ("I've lived in Leeds for 10 years", [("identity", "location", "Noor lives in Leeds")]),
        # negations keep their word
        ("I no longer smoke.", [("constraint", "smoke", "Noor no longer smokes")]),
        ("I don't drive.", [("constraint", "drive", "Noor does not drive")]),
        # self-imposed limits and access needs
        ("I try not to drink coffee after 2pm.", [("constraint", "limit:drink coffee",
                                                   "Noor tries not to drink coffee after 2pm")]),
        ("I never drink on weeknights", [("constraint", "limit:drink", "Noor never drinks on weeknights")]),
        ("No caffeine after 2pm for me.", [("constraint", "limit:caffeine", "Noor has no caffeine after 2pm")]),
        ("I limit myself to one coffee a day", [("constraint", "limit:one coffee a day",
                                                  "Noor limits themself to one coffee a day")]),
        ("I'm cutting back on screen time.", [("constraint", "limit:screen time",
                                               "Noor is cutting back on screen time")]),
        ("I need step-free access", [("constraint", "access:step-free access", "Noor needs step-free access")]),
        # habits named as a kind of person
        ("I'm a night owl.", [("preference", "habit:sleep", "Noor is a night owl")]),
        ("I'm not a morning person.", [("preference", "habit:sleep", "Noor is not a morning person")]),
        ("I'm an introvert.", [("identity", None, "Noor is an introvert")]),
    ],
)
def test_convention_readings(text: str, expected: list[tuple[str | None, str | None, str]]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Back then I was scared of the dark.",
        "I'd rather you keep things in writing than suggest calls",  # nothing "prefers to you keep"
        "I left in the summer",
        "I've gone camping a few times but never tried mountain climbing",
        "When I was younger I thought it was cool.",
        "As a kid I loved it.",
        "I was there for years.",
        "When is the best time to visit?",
        "I try not to eat it after midnight",
        "I need a minute",
        "I was in a rush this morning",
    ],
)
def test_look_alikes_stay_silent(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("I lived in Berlin for years", Ending(attribute="location", value="Berlin")),
        ("I previously worked at Oracle", Ending(attribute="job", value="Oracle")),
        ("I was a postman for 10 years", Ending(attribute="job", value="postman")),
        ("I used to live in Madrid", Ending(attribute="location", value="Madrid")),
    ],
)
def test_a_past_home_or_job_ends_the_current_one(text: str, ends: Ending) -> None:
    (c,) = extract(text)
    assert c.category == "fact" and c.ends == ends


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an opener before a statement that leads into a question
        ("hey! quick one - I teach maths at a secondary school in Leicester, any tips for year 9s?",
         [("identity", "job", "Noor teaches maths at a secondary school in Leicester")]),
        # an aside in brackets is dropped; a name in apposition is kept
        ("I'm a freelance translator (German to English mostly) so my hours are all over the place",
         [("identity", "job", "Noor is a freelance translator")]),
        ("we moved back to my hometown (Derby)", [("identity", "location", "Noor lives in Derby")]),
        # the subject carried over "but" and a status with an adverb
        ("I love jazz but hate opera",
         [("preference", "preference:jazz", "Noor loves jazz"),
          ("preference", "preference:opera", "Noor hates opera")]),
        ("i'm 67 and recently widowed",
         [("identity", "age", "Noor is 67 years old"), ("identity", "relationship", "Noor is widowed")]),
        ("I'm a total homebody, would rather stay in with a book",
         [("preference", "habit:total homebody", "Noor is a total homebody"),
          ("preference", "preference:stay", "Noor prefers to stay in with a book")]),
        # a team named by its trade, a habit verb's past, a diet beside an ended one
        ("I manage a small team of electricians", [("identity", "job", "Noor manages a team of electricians")]),
        ("I grew up speaking Arabic at home", [("fact", None, "Noor grew up speaking Arabic at home")]),
        ("I'm not vegan anymore, I eat fish now",
         [("constraint", "diet", "Noor is no longer vegan"), ("constraint", "diet:fish", "Noor eats fish")]),
        ("I'm slowly getting into anime", [("preference", "preference:anime", "Noor is getting into anime")]),
        ("I'm not on any social media", [("preference", "tool:social media", "Noor is not on social media")]),
        ("I'd rather you email me these days", [("preference", "channel", "Noor prefers to be contacted by email")]),
        ("I'm saving up to buy a flat in Leeds", [("goal", None, "Noor is saving up to buy a flat in Leeds")]),
        ("i work most evenings and weekends",
         [("constraint", "work schedule", "Noor works most evenings and weekends")]),
    ],
)
def test_general_readings(text: str, expected: list[tuple[str | None, str | None, str]]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm fine but tired",
        "I swim most mornings, usually around 6",  # the habit, and nothing read from "usually around 6"
        "my pronouns are (she/her) :)",
        "I'm not on the list, can you check?",
        "I'm getting into the car now",
        "my team of developers is great",
    ],
)
def test_general_look_alikes(text: str) -> None:
    got = facts(text)
    assert all("arounds" not in c and "(" not in c and "getting into" not in c and "team of" not in c
               for _, _, c in got), got
