"""Changes of mind, tenth pass (issue 17): a value said in another wording lands on the old value's slot
(favourite kinds, a school named by its kind, a home told through its keys), a change of someone else's ends
their slot, not the speaker's (a party's ending, a past verb after a party's clause, a bare relation word), a
reached aim ends its goal, a plan dropped by a change of mind, a correction said with "I'm". Extraction first,
then end to end through a real ``Memory`` (Qdrant Edge, hash embedder)."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory import Memory
from agent_memory._extraction import Ending, ExtractionContext
from agent_memory._models import Message
from agent_memory._slots import canonical, slot_of
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.rules.corrections import corrections
from agent_memory.testing import HashEmbedder

from .turns import current, say

SAT_8_MAR_2025 = datetime(2025, 3, 8, 12, 0, tzinfo=UTC)


def facts(text: str) -> list[tuple[str | None, str | None, str, Ending | None]]:
    msg = Message(role="user", content=text, id="m1", created_at=SAT_8_MAR_2025)
    return [(c.category, c.attribute, c.content, c.ends)
            for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=SAT_8_MAR_2025))]


# ------------------------------------------------------------------------------ slots
@pytest.mark.parametrize(("attribute", "slot"), [
    ("favourite:movie", "favorite:film"), ("favorite:movies", "favorite:films"), ("favorite:novel", "favorite:book"),
    ("favorite:dish", "favorite:food"), ("favorite:football team", "favorite:team"),
    ("partner:favorite:movie", "partner:favorite:film"), ("favorite:band", "favorite:band"),
])
def test_one_kind_of_favourite_is_one_slot_whatever_it_is_called(attribute, slot):
    assert canonical(attribute) == slot


@pytest.mark.parametrize(("content", "slot"), [
    ("The user has a Pixel 6", "phone"), ("The user got an iPhone 15", "phone"), ("The user has a dog", "pets"),
    ("The user has a pixel art blog", None),
])
def test_a_phone_named_by_its_make_is_the_phone_slot(content, slot):
    assert slot_of(content, "fact") == slot


# ------------------------------------------------------------------------------ extraction
@pytest.mark.parametrize(("text", "expected"), [
    ("we finally got the keys to our new flat in Leith!!", ("identity", "location", "The user lives in Leith")),
    ("picked up the keys to the house in Didsbury", ("identity", "location", "The user lives in Didsbury")),
    ("my daughter started at Ridgeway Academy", ("relationship", "daughter:education",
                                                 "The user's daughter started at Ridgeway Academy")),
    ("I started at Leeds uni", ("identity", "education", "The user started at Leeds uni")),
    ("he's driving for DPD now", None),  # no one named before: not the speaker's job
    ("I'm driving for Uber now", ("identity", "job", "The user drives for Uber")),
    ("I'm a junior developer now after the bootcamp", ("identity", "job", "The user is a junior developer")),
    ("graduated!!! officially a registered nurse", ("identity", "job", "The user is a registered nurse")),
    ("dad finally retired!", ("relationship", "father:job", "The user's dad is retired")),
    ("sister relocated to Cork", ("relationship", "sister:location", "The user's sister lives in Cork")),
    ("my mum sold her house and moved to Spain", ("relationship", "mother:location", "The user's mum lives in Spain")),
    ("upgraded to a Pixel 9, bye iphone", ("preference", "phone", "The user switched to Pixel 9")),
    ("got an electric car, a Kia Niro", ("fact", "car", "The user drives a Kia Niro")),
    ("I take the bus now since the knee surgery", ("preference", "habit:commute", "The user takes the bus")),
    ("I smoke about 10 a day, trying to cut down", ("constraint", "smoking", "The user smokes about 10 a day")),
    ("started smoking again, stress", ("constraint", "smoking", "The user smokes")),
    ("my daughter's moved to Glasgow", ("relationship", "daughter:location", "The user's daughter lives in Glasgow")),
    ("my brother's gone vegan", ("relationship", "brother:diet", "The user's brother is vegan")),
    ("my husband got made redundant", ("event", "partner:job", "The user's husband was made redundant")),
    ("my sister got engaged", ("event", "sister:relationship", "The user's sister got engaged")),
    ("so I'm seeing someone... her name is Priya", ("relationship", "partner:name", "The user is dating Priya")),
    ("I'm dating a guy, his name's Marco", ("relationship", "partner:name", "The user is dating Marco")),
    ("wedding got moved to september, venue double booked us",
     ("plan", None, "The user's wedding is in September 2025")),  # ahead, though said in the past tense
    ("my op has been pushed back to june", ("plan", None, "The user's op is in June 2025")),
])
def test_a_new_value_said_another_way_lands_on_its_slot(text, expected):
    got = [(c, a, t) for c, a, t, _ in facts(text)]
    if expected is None:
        assert all(a != "job" for _, a, _ in got)
    else:
        assert expected in got


@pytest.mark.parametrize(("text", "ends"), [
    ("my wife left the NHS", Ending(attribute="partner:job", value="NHS")),  # hers, not the speaker's
    ("I left Deloitte", Ending(attribute="job", value="Deloitte")),
    ("my brother quit his job", Ending(attribute="brother:job", value="brother:job")),  # his, whichever it was
    ("my mum moved in with us in Bristol", Ending(attribute="mother:location", value="mother:location")),
    ("I passed my driving test first time!!", Ending(attribute="goal", value="driving test")),
    ("I finished the Berlin marathon in 4:12", Ending(attribute="goal", value="Berlin marathon")),
    ("I've gone off sushi", Ending(value="sushi")),
    ("changed my mind about the masters, staying at work", Ending(value="masters")),
    ("we decided against the Lisbon move", Ending(value="Lisbon")),
    ("the japan trip is off", Ending(value="Japan")),
    ("the wedding got pushed back to may", Ending(value="wedding")),
    ("we're not going to Spain anymore", Ending(value="Spain")),
    ("we're no longer moving to Canada", Ending(value="Canada")),
    ("I'm no longer learning Spanish", Ending(value="spanish")),
    ("our dog died", Ending(attribute="pets", value="dog")),
    ("we had our old cat put to sleep", Ending(attribute="pets", value="cat")),
])
def test_a_change_ends_what_it_replaces(text, ends):
    assert ends in [e for *_, e in facts(text)]


@pytest.mark.parametrize("text", [
    "I left Deloitte for a while", "I left Tom a note", "the work trip is off", "the school trip got cancelled",
    "I went off to uni in 2010", "the milk has gone off", "changed my mind about that", "I'm driving to Leeds",
    "our flight got delayed", "I take the train", "I'm not going to Tesco now", "lol I died", "Elvis died",
])
def test_look_alikes_end_nothing(text):
    assert all(e is None or e.value.lower() not in ("work", "school", "deloitte", "uni", "milk", "that", "tom",
                                                     "tesco")
               for *_, e in facts(text))
    assert "lol I died" != text or facts(text) == []
    assert all(a != "job" for _, a, *_ in facts(text)) or text == "I left Deloitte for a while"


@pytest.mark.parametrize(("text", "pair"), [
    ("actually I'm 34 not 33, forgot my own birthday lol", ("34", "33")),
    ("sorry I'm in Leeds not Manchester", ("Leeds", "Manchester")),
    ("typo, it's 3,500 not 3,000", ("3,500", "3,000")),
])
def test_a_correction_said_with_im(text, pair):
    assert list(corrections(text)) == [pair]


def test_no_correction_without_a_cue_or_of_a_common_word():
    assert list(corrections("I'm 34 not 33")) == []  # no cue: a plain statement
    assert list(corrections("actually I'm fine not great")) == []


# ------------------------------------------------------------------------------ end to end
CASES = [
    ("favourite", [("2023-02-11", "my favourite film is Inception"),
                   ("2024-01-20", "ok new favourite movie: Past Lives. wrecked me")],
     {"Past Lives"}, {"Inception"}),
    ("keys", [("2023-02-11", "we're renting in Glasgow rn"),
              ("2024-01-20", "finally got the keys to our place in Leith!!")], {"Leith"}, {"Glasgow"}),
    ("age", [("2023-02-11", "I'm 33"), ("2024-01-20", "actually I'm 34 not 33, forgot my own birthday lol")],
     {"34"}, {"33"}),
    ("goal", [("2023-02-11", "my goal is to pass my driving test this year"),
              ("2024-01-20", "PASSED MY DRIVING TEST first time!!")], {"passed"}, {"to pass"}),
    ("masters", [("2023-02-11", "I'm going to do a masters in data science next year"),
                 ("2024-01-20", "changed my mind about the masters, gonna stay at work and save up")],
     set(), {"do a masters"}),
    ("trip", [("2023-02-11", "we're going to Japan in october, so excited"),
              ("2024-01-20", "the japan trip is off, flights got way too expensive")], set(),
     {"is going to Japan"}),
    ("wife", [("2023-02-11", "my wife works at the NHS as a physio"),
              ("2024-01-20", "my wife left the NHS and opened her own clinic")], set(), {"NHS as"}),
    ("mum", [("2023-02-11", "my mum lives in Cork"),
             ("2024-01-20", "mum moved in with us in Bristol after dad passed")],
     {"Bristol"}, {"Cork"}),
    ("school", [("2023-02-11", "my daughter is at St Mary's primary"),
                ("2024-01-20", "my daughter started at Ridgeway secondary")], {"Ridgeway"}, {"St Mary's"}),
    ("husband", [("2023-02-11", "my husband is a chef at a hotel in town"),
                 ("2024-01-20", "my husband quit the restaurant game, he's driving for DPD now")], {"DPD"}, {"chef"}),
    ("phone", [("2023-02-11", "I've got a Pixel 6"), ("2024-01-20", "upgraded to an iPhone 15, bye android")],
     {"iPhone 15"}, {"Pixel 6"}),
    ("sushi", [("2023-02-11", "my favourite food is sushi"), ("2024-01-20", "ok I've gone off sushi")],
     set(), {"favourite food is sushi"}),
    ("commute", [("2023-02-11", "I cycle to work every day, 8km each way"),
                 ("2024-01-20", "I take the bus now since the knee surgery")], {"bus"}, {"cycle"}),
    ("redundant", [("2023-02-11", "my husband works at Ford on the line"),
                   ("2024-01-20", "my husband got made redundant, gutted for him")], {"redundant"}, {"works at Ford"}),
    ("called off", [("2023-02-11", "my sister is engaged to Daniel"),
                    ("2024-01-20", "my sister called off the wedding, she and Daniel are done")],
     set(), {"is engaged"}),
    ("pepper", [("2023-02-11", "we've got two cats, Salt and Pepper"),
                ("2024-01-20", "Pepper died in the autumn, Salt is still going strong at 17")], {"Salt"},
     {"Salt and Pepper"}),
    ("smoking", [("2023-02-11", "I smoke about 10 a day"), ("2024-01-20", "I quit smoking in the summer!!")],
     set(), {"smokes about"}),
    ("smoke-free", [("2023-02-11", "I smoke like 20 a day"), ("2024-01-20", "8 months smoke free today!")],
     {"8 months"}, {"smokes like"}),
    ("dog", [("2023-02-11", "we've got a border collie called Skye"), ("2024-01-20", "our dog died in the night")],
     set(), {"has a border collie"}),
    ("spain", [("2023-02-11", "we're moving to Spain next year!!"),
               ("2024-01-20", "we're not moving to Spain anymore, house prices")], set(), {"is moving to Spain"}),
    ("wedding", [("2023-02-11", "my wedding is on 14 june at the botanic gardens"),
                 ("2024-01-20", "wedding got moved to september, venue double booked us")], {"September 2024"},
     {"14 June"}),
]


@pytest.mark.parametrize(("user", "turns", "latest", "stale"), CASES, ids=[c[0] for c in CASES])
def test_the_latest_value_is_the_current_one(tmp_path, user, turns, latest, stale):
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, user, turns)
        now = current(mem, user)
    assert all(any(v.casefold() in c.casefold() for c in now) for v in latest), now
    assert not [c for c in now for v in stale if v.casefold() in c.casefold()], now


def test_a_partys_ending_leaves_the_speakers_own_value(tmp_path):
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u", [("2023-02-11", "I work at the NHS as a nurse"), ("2024-01-20", "my wife left the NHS")])
        now = current(mem, "u")
    assert "The user works at the NHS as a nurse" in now, now
