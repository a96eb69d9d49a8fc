"""Short single-fact messages that used to yield nothing (issue 17, session 10, silent10): a trade said as a bare
noun phrase ("freelance graphic designer here"), a home said in other words ("I stay in Bandra", "Melbourne
based", "our flat in Leith"), an age ("me 34 years old", "the big 4-0"), a language ("native Welsh speaker"), a
condition ("suffer from migraines", "living with MS"), a dislike ("jazz is not my cup of tea"), learner forms ("i has
a dog name Rocky"). Each reading beside look-alikes that must stay silent, then end to end through a real
``Memory``: the new value said the short way supersedes the old one."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory import Memory
from agent_memory._extraction import ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.testing import HashEmbedder

from .turns import current, say

T0 = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)


def facts(text: str) -> list[tuple[str | None, str | None, str]]:
    msg = Message(role="user", content=text, id="m1", created_at=T0)
    return [(c.category, c.attribute, c.content)
            for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0))]


@pytest.mark.parametrize(("text", "expected"), [
    # a trade as a bare noun phrase, with a modifier, a workplace or a marker ("here", "by trade")
    ("freelance graphic designer here 👋", ("identity", "job", "The user is a freelance graphic designer")),
    ("software dev at a fintech startup", ("identity", "job", "The user is a software dev at a fintech startup")),
    ("head chef at a gastropub in Bath", ("identity", "job", "The user is a head chef at a gastropub in Bath")),
    ("sparky by trade", ("identity", "job", "The user is a sparky")),
    ("stay at home mum to be honest", ("identity", "job", "The user is a stay at home mum")),
    ("I'm in tech sales", ("identity", "job", "The user works in tech sales")),
    ("I do the books for a plumbing firm", ("identity", "job", "The user does the books for a plumbing firm")),
    ("my job is fixing lifts, not glamorous lol", ("identity", "job", "The user's job is fixing lifts")),
    ("been driving a cab for 20 years", ("identity", "job", "The user is a cab driver")),
    ("been at Tesco nearly 8 years now", ("identity", "job", "The user works at Tesco")),
    ("arvo shifts at Bunnings again", ("identity", "job", "The user works at Bunnings")),
    ("doing my MBA from IIM Ahmedabad", ("identity", "education", "The user is studying MBA at IIM Ahmedabad")),
    # a home or an origin said another way
    ("I stay in Bandra with my parents", ("identity", "location", "The user lives in Bandra")),
    ("we're Melbourne based fwiw", ("identity", "location", "The user lives in Melbourne")),
    ("a Kiwi living in Perth, mate", ("identity", "location", "The user lives in Perth")),
    ("our flat in Leith is tiny but we love it", ("identity", "location", "The user lives in Leith")),
    ("back home in Cork nobody locks their door", ("identity", "origin", "The user is originally from Cork")),
    ("born and bred in Glasgow me", ("identity", "origin", "The user is originally from Glasgow")),
    ("my native place is Kerala", ("identity", "origin", "The user is originally from Kerala")),
    ("spent most of my childhood in Nairobi", ("identity", "origin", "The user is originally from Nairobi")),
    ("just a small town girl from Ohio tbh", ("identity", "origin", "The user is originally from Ohio")),
    # an age
    ("me 34 years old", ("identity", "age", "The user is 34 years old")),
    ("27 yo btw", ("identity", "age", "The user is 27 years old")),
    ("hit the big 4-0 last week 🎉", ("identity", "age", "The user is 40 years old")),
    ("at 19 I'm the youngest on my team", ("identity", "age", "The user is 19 years old")),
    # a language
    ("native Welsh speaker actually", ("identity", "languages", "The user speaks Welsh natively")),
    ("can get by in Spanish but not much more", ("identity", "languages", "The user speaks some Spanish")),
    ("my Italian is pretty good", ("identity", "languages", "The user speaks Italian")),
    # a condition, an allergy, a diet
    ("suffer from migraines", ("constraint", "health:migraines", "The user has migraines")),
    ("living with MS since my twenties", ("constraint", "health:ms", "The user has MS")),
    ("bad hayfever every summer", ("constraint", "health:bad hayfever", "The user has bad hayfever")),
    ("dodgy knee from my rugby days", ("constraint", "health:bad knee", "The user has a bad knee")),
    ("peanuts will literally kill me", ("constraint", "allergy:peanuts", "The user is allergic to peanuts")),
    ("reckon I'm the only vego in my family", ("constraint", "diet", "The user is a vegetarian")),
    ("coeliac so gluten is a no go", ("constraint", "diet:gluten", "The user is coeliac")),
    # tastes, habits, goals, past states
    ("jazz is not my cup of tea", ("preference", "preference:jazz", "The user does not like jazz")),
    ("not really a cat person", ("preference", "habit:cat person", "The user is not a cat person")),
    ("loathe early mornings", ("preference", "preference:early mornings", "The user loathes early mornings")),
    ("die hard CSK supporter 💛", ("preference", "preference:csk", "The user is a big fan of CSK")),
    ("keen gardener, mostly veg", ("preference", "hobby:gardener", "The user is an avid gardener")),
    ("weekends are for bouldering", ("preference", "preference:bouldering", "The user loves bouldering on weekends")),
    ("play squash every Tuesday", ("preference", "habit:squash", "The user plays squash every Tuesday")),
    ("working on losing 10kg before the wedding", ("goal", None, "The user is trying to lose 10kg before the wedding")),
    ("ex-army, did two tours", ("fact", None, "The user used to serve in the army")),
    ("ran my first 10k yesterday", ("event", None, "The user ran their first 10k on 5 December 2026")),
    ("Brummie living in Leeds", ("identity", "location", "The user lives in Leeds")),
    ("call Cardiff home these days", ("identity", "location", "The user lives in Cardiff")),
    ("Dubai's been home for 6 years", ("identity", "location", "The user lives in Dubai")),
    ("NYC native", ("identity", "origin", "The user is originally from NYC")),
    ("an Essex girl", ("identity", "origin", "The user is originally from Essex")),
    ("I drive for Uber", ("identity", "job", "The user drives for Uber")),
    ("bilingual in English and Urdu", ("identity", "languages", "The user speaks English and Urdu")),
    ("engaged to my high school sweetheart",
     ("identity", "relationship", "The user is engaged to their high school sweetheart")),
    ("recently divorced", ("identity", "relationship", "The user is divorced")),
    ("don't drink", ("constraint", "diet:alcohol", "The user does not eat or drink alcohol")),
    ("veggie since birth", ("constraint", "diet", "The user is vegetarian")),
    ("love a good crime drama", ("preference", "preference:good crime drama", "The user loves a good crime drama")),
    ("spent 10 years in the army", ("fact", None, "The user served in the army for 10 years")),
    ("was a chef for years", ("fact", None, "The user was a chef for years")),
    ("proud Essex girl", ("identity", "origin", "The user is originally from Essex")),
    ("formerly a banker", ("fact", None, "The user used to be a banker")),
    ("studying to be a nurse", ("goal", None, "The user is studying to be a nurse")),
    ("still learning to drive", ("goal", "learning:drive", "The user is learning to drive")),
    ("currently on the dole", ("identity", "job", "The user is unemployed")),
    ("tee total", ("constraint", "diet", "The user is teetotal")),
    # a learner's forms
    ("i has a dog name Rocky", ("relationship", "dog:name", "The user's dog is called Rocky")),
])
def test_a_short_single_fact_is_read(text: str, expected: tuple[str | None, str | None, str]) -> None:
    assert expected in facts(text), facts(text)


@pytest.mark.parametrize("text", [
    "nurse",  # a bare trade alone is a word in a list or an answer, not yet said of oneself
    "terrible cook",
    "student at heart",
    "the barista at my local is so rude",
    "tutor for my son",
    "driver for the school run this week",
    "I stay in Rome tonight",
    "we stay in Paris for a week",
    "our house in Spain is for sale",
    "back home in time for dinner",
    "a guy from work said hi",
    "been at Glastonbury all weekend",
    "been with Sam 6 years",
    "shifts at Tesco are brutal",
    "doing my shopping at Tesco",
    "my Spanish is terrible",
    "Spanish speaker wanted",
    "living with my parents",
    "bad back today",
    "at 19 I was already working",
    "my boss will kill me",
    "it is not for me",
    "Monday is not my day",
    "my job is killing me",
    "I do the cleaning for my mum",
    "I am in big trouble",
    "ran out of milk",
    "I am having a baby",
    "my friend's friend is allergic to literally everything, wild",
    "pizza is life",
    "Anna living in Leeds",
    "a Bond girl",
    "don't drink and drive",
    "love a coffee",
    "was a nightmare for everyone",
    "Birthday girl",
    "Poster boy",
])
def test_look_alikes_stay_silent(text: str) -> None:
    assert facts(text) == [], facts(text)


def test_a_trade_or_a_home_said_the_short_way_supersedes_the_old_one(tmp_path) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u1", [("2026-01-10", "I work as a nurse"), ("2026-11-02", "freelance graphic designer here")])
        now = current(mem, "u1")
        assert any("graphic designer" in c for c in now), now
        assert not any("nurse" in c for c in now), now
        say(mem, "u2", [("2026-01-10", "I live in Berlin"), ("2026-11-02", "our flat in Leith is tiny but we love it")])
        now = current(mem, "u2")
        assert any("Leith" in c for c in now), now
        assert not any("Berlin" in c for c in now), now
