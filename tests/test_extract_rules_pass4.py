"""Pass 4 of the rule extractor on real chat (issue 17): pastimes and languages that ended, a new job
that starts on a date, appointments on a bare day of the month, dogs named by breed, a second child,
"I do <pastime>". Each family has look-alike messages that must stay silent."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory import Memory
from agent_memory._extraction import Candidate, Ending, ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor

WED_8_MAY = datetime(2024, 5, 8, 10, 0, tzinfo=UTC)


def extract(text: str) -> list[Candidate]:
    msg = Message(role="user", content=text, name="Noor", id="m1", created_at=WED_8_MAY)
    return RuleExtractor().extract([msg], context=ExtractionContext(observed_at=WED_8_MAY))


def facts(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(c.category, c.attribute, c.content) for c in extract(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("starting at Monzo on monday as a data analyst",
     [("plan", None, "Noor is starting at Monzo on 13 May 2024 as a data analyst")]),
    ("got a hairdresser booking on the 27th", [("plan", None, "Noor has got a hairdresser booking on 27 May 2024")]),
    ("dentist on the 20th", []),  # no appointment word: left out rather than guessed
    ("dentist appointment on the 20th, need to remember",
     [("plan", None, "Noor has a dentist appointment on 20 May 2024")]),
    ("eye exam on the 3rd", [("plan", None, "Noor has an eye exam on 3 June 2024")]),
    ("we've got a very loud beagle", [("relationship", "pets", "Noor has a dog (very loud beagle)")]),
    ("I have a greyhound", [("relationship", "pets", "Noor has a dog (greyhound)")]),
    ("we adopted a cocker spaniel puppy called Biscuit",
     [("relationship", "pets", "Noor has a cocker spaniel puppy called Biscuit")]),
    ("we adopted a kitten called Mo", [("relationship", "pets", "Noor has a kitten called Mo")]),
    ("We adopted a second cat", [("event", None, "Noor adopted a second cat")]),  # no breed, no name: the event
    ("our second was born on saturday so im running on zero sleep",
     [("event", None, "Noor's second child was born on 4 May 2024")]),
    ("our third arrived last Thursday, a little girl", [("event", None, "Noor's third child was born on 2 May 2024")]),
    ("I do yoga", [("preference", "hobby:yoga", "Noor does yoga")]),
    ("Bart here, 52, semi-retired electrician from Antwerp", [
        ("identity", "name", "Noor's name is Bart"), ("identity", "age", "Noor is 52 years old"),
        ("identity", "job", "Noor is a semi-retired electrician from Antwerp")]),
    ("Ravi - accountant, based in Leicester", [
        ("identity", "name", "Noor's name is Ravi"), ("identity", "job", "Noor is an accountant"),
        ("identity", "location", "Noor lives in Leicester")]),
    ("been teetotal since 2021", [("constraint", "diet", "Noor is teetotal")]),
    ("Signed up for a half marathon in October",
     [("plan", None, "Noor has signed up for a half marathon in October 2024")]),
    ("favourite band at the moment is Wet Leg", [("preference", "favorite:band", "Noor's favourite band is Wet Leg")]),
    ("I do a bit of woodworking at the weekends", [("preference", "hobby:woodworking",
                                                    "Noor does woodworking at the weekends")]),
])
def test_pass4_chat_phrasings_become_facts(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(("text", "content", "ends"), [
    ("So I'm no longer into pottery", "Noor is no longer into pottery", Ending(value="pottery")),
    ("i'm not into running anymore tbh", "Noor is no longer into running", Ending(value="running")),
    ("I'm not into golf anymore, too slow", "Noor is no longer into golf", Ending(value="golf")),
    ("I don't speak French anymore", "Noor no longer speaks French", Ending(attribute="languages", value="French")),
    ("I no longer speak german", "Noor no longer speaks German", Ending(attribute="languages", value="German")),
])
def test_what_is_no_longer_so_ends_the_current_fact(text, content, ends):
    (c,) = extract(text)
    assert (c.content, c.ends) == (content, ends)


@pytest.mark.parametrize("text", [
    "are you into pottery at all?",
    "my friend says she's no longer into yoga, weird right",
    "if I started at Monzo on monday would I get paid this month?",
    "starting at Monzo soon",  # no date: not a plan worth keeping
    "what's happening on the 20th in London?",
    "an appointment on the 20th?",
    "that beagle next door barked all night",
    "should I get a labrador or a spaniel?",
    "do you speak French?",
    "the article said nobody speaks Latin anymore",
    "no longer hungry, thanks",
    "I do think it'll rain tomorrow",
    "I do not know what to cook tonight",
    "can you translate 'I do yoga every day' into Spanish?",
    "our second guest arrived late",
    "booked it",
    "Sarah - can you check this, please",
    "Tom here, quick question",
    "Dave - thanks, that worked",
    "nurse",  # a bare job word with no list of facts about the speaker before it
    "been thinking about it",
    "my favourite thing right now is this",
    "I hate meetings right now",
])
def test_pass4_look_alikes_stay_silent(text):
    assert extract(text) == []


def test_a_pastime_no_longer_pursued_is_no_longer_current():
    with Memory(location=":memory:", extractor=RuleExtractor()) as mem:
        mem.add([{"role": "user", "content": "I'm really into pottery", "name": "Bo"}], user_id="bo",
                observed_at="2024-01-01T10:00:00Z")
        mem.add([{"role": "user", "content": "I'm no longer into pottery", "name": "Bo"}], user_id="bo",
                observed_at="2024-06-01T10:00:00Z")
        current = [m.content for m in mem.list(user_id="bo", kinds=["profile"], limit=50).items]
        assert current == ["Bo is no longer into pottery"]
        ended = [m for m in mem.list(user_id="bo", kinds=["profile"], include_superseded=True, limit=50).items
                 if m.content != "Bo is no longer into pottery"]
        assert [m.content for m in ended] == ["Bo is a big fan of pottery"] and ended[0].valid_to is not None
