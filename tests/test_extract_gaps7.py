"""Second turns that used to yield nothing (issue 17, seventh pass): a new value said through the change
itself ("53 as of today", "they made me store manager", "back on low carb", "returned to Vienna"), an
ending said without a new value ("I don't drive anymore", "called off the engagement", "not working at the
moment"), each as a family, each beside a look-alike that must stay silent (a question, a hypothetical,
someone else, another sense of the same verb). Then end to end through ``Memory`` on Qdrant Edge: the old
value stops being current."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory import Memory
from agent_memory._consolidation import naming
from agent_memory._extraction import ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.testing import HashEmbedder

T0 = datetime(2024, 1, 10, 10, 0, tzinfo=UTC)


def facts(text: str) -> list[tuple[str, str | None, str]]:
    msg = Message(role="user", content=text, id="m1", created_at=T0)
    return [(c.category, c.attribute, c.content)
            for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0))]


def ending(text: str) -> tuple[str | None, str] | None:
    msg = Message(role="user", content=text, id="m1", created_at=T0)
    ends = [c.ends for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0)) if c.ends]
    return (ends[0].attribute, ends[0].value) if ends else None


@pytest.mark.parametrize(("text", "expected"), [
    # a count as of today is the new age
    ("53 as of today, cake for breakfast", ("identity", "age", "The user is 53 years old")),
    ("another year older, 39 today", ("identity", "age", "The user is 39 years old")),
    ("I'm 61 today!", ("identity", "age", "The user is 61 years old")),
    # a job given by someone else
    ("they made me store manager last week", ("identity", "job", "The user was promoted to store manager")),
    ("my boss promoted me to team lead", ("identity", "job", "The user was promoted to team lead")),
    # a favourite that overtook another
    ("ramen has overtaken pho as my favourite food",
     ("preference", "favorite:food", "The user's favourite food is ramen")),
    ("Dune has replaced Alien as my favourite film",
     ("preference", "favorite:film", "The user's favourite film is Dune")),
    # things moved to a new home
    ("moved all my notes over to Obsidian", ("preference", "tool:notes", "The user uses Obsidian for their notes")),
    ("we migrated our photos to Immich", ("preference", "tool:immich", "The user uses Immich for their photos")),
    # a return is a home
    ("returned to Vienna in May, Graz never felt like home", ("identity", "location", "The user lives in Vienna")),
    # a diet taken up again, or put on by a carer
    ("back on low carb since Monday", ("constraint", "diet", "The user is on a low carb diet")),
    ("I'm back on keto", ("constraint", "diet", "The user is on a keto diet")),
    ("Doctor put me on a low-sodium diet", ("constraint", "diet", "The user is on a low-sodium diet")),
    ("my GP has put me on a low fat diet", ("constraint", "diet", "The user is on a low fat diet")),
    ("still gluten free but I eat fish again", ("constraint", "diet", "The user eats fish again")),
    # endings with no new value
    ("we called off the engagement", ("identity", "relationship", "The user is no longer engaged")),
    ("I'm not working at the moment, back injury", ("identity", "job", "The user is not working")),
    ("I'm out of work right now", ("identity", "job", "The user is not working")),
    ("I've been widowed since March, still getting used to the quiet",
     ("identity", "relationship", "The user is widowed")),
    # contact channels
    ("I deleted WhatsApp, call me instead",
     ("preference", "channel", "The user prefers to be contacted by phone call")),
    ("text me on Signal", ("preference", "channel", "The user prefers to be contacted on Signal")),
    ("email me instead", ("preference", "channel", "The user prefers to be contacted by email")),
    # where one is, said as where one lives
    ("I'm in Toronto for work", ("identity", "location", "The user lives in Toronto")),
    # a count of children without a verb
    ("two grown-up kids", ("relationship", "children", "The user has two grown-up kids")),
    ("three teenage daughters", ("relationship", "children", "The user has three teenage daughters")),
])
def test_a_change_said_through_the_change_is_read(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)


@pytest.mark.parametrize("text", [
    "it's 30 today, way too hot",  # a temperature
    "I'm 39 next week",  # not yet: a date other than today
    "are you 39 today?",  # a question
    "they made me dinner last week",  # "made me" without a job
    "they made me cry",
    "if they made me store manager I'd quit",  # a hypothetical
    "my boss promoted my colleague to team lead",  # someone else
    "has ramen overtaken pho as my favourite food?",  # a question
    "I moved my car to the other side of the street",  # not a tool or a service
    "I returned to Paris? no, never",  # a question
    "I came back to London yesterday",  # the end of a trip, not a home
    "we went back to Monzo for a coffee",
    "back on the road tomorrow",  # not a diet
    "my friend put me on to this podcast",  # not a carer, not a diet
    "should I go back on keto?",
    "my sister called off her engagement",  # someone else
    "I'm not working this weekend",  # a day off
    "I'm not working on that today",
    "if I deleted WhatsApp you couldn't reach me",  # a hypothetical
    "call me when you're done",  # not a channel preference
    "call me Liz",  # a name, read elsewhere
    "I saw two grown-up kids fighting over a toy",  # not the speaker's
])
def test_look_alikes_stay_silent(text: str) -> None:
    got = facts(text)
    assert not [f for f in got if f[1] in {"age", "job", "location", "diet", "relationship", "channel", "children"}
                or f[1] and f[1].startswith(("favorite:", "tool:"))], got


@pytest.mark.parametrize(("text", "expected"), [
    ("honestly I don't drive anymore, my eyesight isn't good enough", ("car", "car")),  # the habit's slot empties
    ("I deleted WhatsApp", (None, "WhatsApp")),
    ("dropped the knitting, no time", (None, "knitting")),
    ("moved all my notes over to Obsidian", (None, "notes")),
])
def test_an_ending_names_what_it_ends(text: str, expected: tuple[str | None, str]) -> None:
    assert ending(text) == expected


@pytest.mark.parametrize("text", [
    "I don't drive",  # a standing fact, nothing was current
    "I dropped the kids at school",  # another sense of "dropped"
    "did you delete WhatsApp?",
])
def test_look_alike_endings_end_nothing(text: str) -> None:
    assert ending(text) is None


def test_an_ing_value_names_its_verb_and_not_another_word() -> None:
    assert naming("knitting").search("The user knits in the evenings")
    assert naming("baking").search("The user bakes bread on Sundays")
    assert naming("knitting").search("The user loves knitting")
    assert not naming("knitting").search("The user knows a knight")
    assert not naming("string").search("The user strs")  # no verb inside
    assert not naming("evening").search("The user likes even numbers")  # a thing, not an activity


@pytest.mark.parametrize(("turns", "latest", "stale"), [
    (["I drive a Corolla, mostly for the school run", "honestly I don't drive anymore"], None, "Corolla"),
    (["I'm 52", "53 as of today, cake for breakfast"], "53", "52"),
    (["I'm an assistant manager at Tesco", "they made me store manager last week"], "store manager", "assistant"),
    (["Pho is my favourite food", "ramen has overtaken pho as my favourite food"], "ramen", "Pho is"),
    (["I use Notion for all my notes", "moved all my notes over to Obsidian"], "Obsidian", "Notion"),
    (["I'm engaged to Tomás", "we called off the engagement"], None, "Tomás"),
    (["I'm a courier for DPD", "I'm not working at the moment, back injury"], None, "courier"),
    (["I knit in the evenings", "dropped the knitting, no time"], None, "knits"),
    (["I'm vegan and gluten free", "still gluten free but I eat fish again"], "gluten", "vegan"),
    (["I'm living in Vienna", "we've relocated to Graz", "returned to Vienna in May"], "Vienna", "Graz"),
])
def test_the_old_value_stops_being_current(tmp_path, turns: list[str], latest: str | None, stale: str) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        for i, text in enumerate(turns):
            mem.add([{"role": "user", "content": text}], user_id="u1",
                    observed_at=datetime(2023, 1 + i * 4, 10, tzinfo=UTC))
        mem.add([{"role": "user", "content": "I'm a nurse"}], user_id="u2")  # another tenant is untouched
        current = [m.content for m in mem.list(user_id="u1", kinds=["profile"], limit=100).items]
        other = [m.content for m in mem.list(user_id="u2", kinds=["profile"], limit=100).items]
    assert not [c for c in current if stale.casefold() in c.casefold()], current
    if latest is not None:
        assert any(latest.casefold() in c.casefold() for c in current), current
    assert other == ["The user is a nurse"]


@pytest.mark.parametrize(("text", "expected"), [
    ("I get migraines if I skip meals", [("constraint", "health:migraines", "The user has migraines")]),
    ("I get hay fever if I mow the lawn", [("constraint", "health:hay fever", "The user has hay fever")]),
    # a supposition, a reaction that is no health matter, a trigger ahead of the statement, someone else
    ("I would get migraines if I skipped meals", []),
    ("I get migraines if I were to skip meals", []),
    ("I get grumpy if I skip breakfast", []),
    ("my son gets migraines if he skips meals", []),
])
def test_if_after_a_whole_statement_of_a_reaction_is_no_hypothetical(text: str,
                                                                      expected: list[tuple[str, str, str]]) -> None:
    assert [f for f in facts(text) if f[0] == "constraint"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("cancelled my PureGym membership, I just run outside now", [("preference", "hobby:run", "The user runs outside")]),
    ("I mostly swim instead", [("preference", "hobby:swim", "The user swims instead")]),
    ("I just walk", []),  # too thin: a way to get somewhere as much as a pastime
    ("I just run to the shop", []),  # an errand
    ("my husband just runs outside", []),  # someone else
])
def test_a_routine_said_in_place_of_what_ended(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [f for f in facts(text) if (f[1] or "").startswith("hobby:")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("I've stopped drinking completely", ("constraint", "diet:alcohol", "The user no longer drinks alcohol")),
    ("I gave up drinking", ("constraint", "diet:alcohol", "The user no longer drinks alcohol")),
])
def test_stopped_drinking_is_alcohol_not_an_adverb(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)
    assert not facts("I've stopped drinking coffee after lunch") == [expected]  # another drink, kept as said
