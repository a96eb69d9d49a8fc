"""Changes said through the change itself, found on change cases written apart from the rules (issue 17,
session 8): a home said without "live", a present value said "at the moment", a "since" opener, retiring,
a new role, a job or an allergy that is over, a divorce under way, a new partner, "don't X anymore" said
without its subject, the replacement said bare after what ended. Each reading beside a look-alike that must
stay silent, then end to end through ``Memory`` on Qdrant Edge: the old value stops being current."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from agent_memory import Memory
from agent_memory._extraction import ExtractionContext
from agent_memory._models import Message
from agent_memory._slots import same_slot
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.testing import HashEmbedder

from .turns import current, say

T0 = datetime(2025, 3, 13, 10, 0, tzinfo=UTC)
PAST = re.compile(r"\b(?:no longer|gave up|used to|stopped|quit|left)\b")  # an old value kept as over


def facts(text: str) -> list[tuple[str, str | None, str]]:
    msg = Message(role="user", content=text, id="m1", created_at=T0)
    return [(c.category, c.attribute, c.content)
            for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0))]


@pytest.mark.parametrize(("text", "expected"), [
    # a home said without "live"
    ("home is Tallinn for me these days", ("identity", "location", "The user lives in Tallinn")),
    ("Valencia is home now", ("identity", "location", "The user lives in Valencia")),
    ("we're still in Leeds, the move fell through", ("identity", "location", "The user lives in Leeds")),
    # a one-value slot "at the moment" is its present value; a "since" opener moves behind its statement
    ("living in Nairobi at the moment", ("identity", "location", "The user lives in Nairobi at the moment")),
    ("since january I'm living in Lyon", ("identity", "location", "The user lives in Lyon")),
    # retiring is the job now (dated when a date is given); a retired teacher is what one is
    ("retired as of yesterday, 30 years at the post office", ("identity", "job",
                                                              "The user has been retired since 12 March 2025")),
    ("retired nurse here", ("identity", "job", "The user is a retired nurse")),
    # a new role; a job or an allergy that is over; a divorce under way; a new partner
    ("finally landed the senior designer role at Figma", ("identity", "job",
                                                          "The user works as a senior designer at Figma")),
    ("got promoted to head of sales", ("identity", "job", "The user was promoted to head of sales")),
    ("I'm no longer a pharmacist", ("fact", None, "The user is no longer a pharmacist")),
    ("turns out I'm not allergic to penicillin anymore", ("constraint", "allergy:penicillin",
                                                          "The user is no longer allergic to penicillin")),
    ("we're getting divorced after 12 years", ("identity", "relationship", "The user is getting divorced")),
    ("seeing a guy called Ruben now", ("relationship", "partner:name", "The user is dating Ruben")),
    # the speaker's own habit said without a subject, and a diet named as the upshot
    ("don't drink coffee anymore", ("constraint", "diet:coffee", "The user does not eat or drink coffee anymore")),
    ("started eating chicken again, so not vegetarian, flexitarian I guess", None),
    ("eating meat again since the anemia diagnosis", ("constraint", "diet", "The user eats meat again")),
    ("started eating fish again, so pescatarian now", ("constraint", "diet", "The user is pescatarian")),
    # what replaced an activity that ended, said bare
    ("gave up football, climbing instead", ("preference", "hobby:climb", "The user climbs instead")),
    ("dropped German, doing Italian now because of work", ("goal", "learning:italian",
                                                            "The user is learning Italian")),
    ("quit medicine, doing a history degree in York now", ("identity", "education",
                                                           "The user is doing a history degree in York")),
    ("pls email me from now on", ("preference", "channel", "The user prefers to be contacted by email")),
    ("sold the car, the bus is fine", ("fact", None, "The user sold their car")),
    ("it's all sour beers for me now", ("preference", "preference:sour beers", "The user prefers sour beers")),
])
def test_a_change_said_through_the_change(text: str, expected: tuple[str, str | None, str] | None) -> None:
    got = facts(text)
    if expected is None:
        assert got and not [c for _, _, c in got if "is vegetarian" in c], got  # "not vegetarian" is no diet
    else:
        assert expected in got, got


@pytest.mark.parametrize("text", [
    "living in London is expensive",  # a verdict on the place
    "Dublin is home to half of Europe's tech firms",  # no home of the speaker's
    "I'm not a morning person anymore",  # no job
    "I'm not a teacher, I just help out",  # what one is not, not what ended
    "don't use emojis anymore",  # this one does ask the assistant
    "would you say retired people are happier?",  # a question
    "got the job?",  # a question, and no title
    "it's all about the money for me",  # no liking
])
def test_look_alikes_give_no_change(text: str) -> None:
    got = facts(text)
    assert not [f for f in got if f[1] in ("location", "job", "relationship") or f[0] == "fact"], got
    if text.startswith("don't use"):
        assert got and got[0][1] == "instruction:use emojis", got


def test_graduating_ends_the_student_job_and_nothing_else() -> None:
    msg = Message(role="user", content="graduated from Leiden in june!!", id="m1", created_at=T0)
    (cand,) = RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0))
    assert cand.attribute == "education" and cand.ends is not None
    assert (cand.ends.attribute, cand.ends.value) == ("job", "student")


@pytest.mark.parametrize(("turns", "latest", "stale"), [
    (["I work as a plumber", "retired as of last month, my knees are done"], "retired", "plumber"),
    (["I'm a waiter", "not a waiter anymore!! got the sous chef job"], "sous chef", "waiter"),
    (["I'm a student at Leiden", "graduated from Leiden in june!!"], None, "student"),
    (["I'm allergic to penicillin", "had the test and I'm not allergic to penicillin anymore"], None,
     "allergic to penicillin"),
    (["I'm married", "we're getting divorced, it's for the best"], "divorced", "is married"),
    (["I'm vegetarian", "eating meat again since the anemia diagnosis"], "meat", "vegetarian"),
    (["I swim every morning", "stopped swimming after the shoulder thing, cycling instead now"], "cycl", "swim"),
    (["I'm learning German", "gave up on German, doing Italian now since the move"], "Italian", "German"),
    (["I'm studying law at Leiden", "quit law, doing a nursing degree in Utrecht now"], "nursing", "law"),
    (["Home is Porto for me", "I moved to Lisbon last month"], "Lisbon", "Porto"),
])
def test_the_old_value_stops_being_current(tmp_path, turns: list[str], latest: str | None, stale: str) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u1", list(zip(("2023-01-10", "2023-05-10", "2023-09-10"), turns, strict=False)))
        say(mem, "u2", [("2023-01-10", "I'm a nurse")])  # another tenant is untouched
        now, other = current(mem, "u1"), current(mem, "u2")
    assert not [c for c in now if stale.casefold() in c.casefold() and not PAST.search(c)], now
    if latest is not None:
        assert any(latest.casefold() in c.casefold() for c in now), now
    assert other == {"The user is a nurse"}


def test_a_sister_moving_leaves_the_speakers_home_current(tmp_path) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u1", [("2024-01-10", "Tartu is home"),
                        ("2024-06-10", "my sister moved to Riga, I'm still in Tartu though")])
        now = current(mem, "u1")
    assert {"The user lives in Tartu", "The user's sister lives in Riga"} <= now, now


@pytest.mark.parametrize(("a", "b", "meet"), [
    ("preference:good ipa", "preference:ipas", True),  # a qualifier and a plural: one liking
    ("allergy:peanuts", "allergy:peanut", True),
    ("son:allergy:berries", "son:allergy:berry", True),
    ("hobby:run", "hobby:run", True),
    ("preference:chess", "preference:ches", False),  # "chess" is no plural
    ("preference:cats", "preference:dogs", False),
    ("preference:cats", "allergy:cats", False),  # another slot
    ("location", "locations", False),  # only the free-worded slots are compared loosely
    (None, "preference:cats", False),
])
def test_keys_meet_across_number_and_qualifiers_only(a: str | None, b: str, meet: bool) -> None:
    assert same_slot(a, b) is meet and same_slot(b, a) is meet


def test_a_liking_said_another_way_supersedes_the_old_one(tmp_path) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        mem.add([{"role": "user", "content": "I love a good IPA"}], user_id="u1", observed_at="2024-01-10T10:00:00Z")
        mem.add([{"role": "user", "content": "I love a good IPA"}], user_id="u2", observed_at="2024-01-10T10:00:00Z")
        mem.add([{"role": "user", "content": "don't like IPAs anymore"}], user_id="u1",
                observed_at="2024-06-10T10:00:00Z")
        mine = [m.content for m in mem.list(user_id="u1", kinds=["profile"], limit=100).items]
        theirs = [m.content for m in mem.list(user_id="u2", kinds=["profile"], limit=100).items]
    assert mine == ["The user no longer likes IPAs"], mine
    assert theirs == ["The user loves a good IPA"], theirs
