"""Changes of mind in phrasings the rules were not written for (issue 17, fifth pass): slots read
from the value when a rule gives none, changes said sideways (a return, a milestone, a swap, an
ending without a subject), an ex named, a set's "none", slot-less facts ended by their words; then
end to end through ``Memory`` and ``AsyncMemory`` on Qdrant Edge, one tenant never touching another."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest

from agent_memory import AsyncMemory, Memory
from agent_memory._consolidation import Neighbour, RuleConsolidator
from agent_memory._extraction import Candidate, Ending, ExtractionContext
from agent_memory._models import MemoryKind, MemoryRecord, Message, content_hash
from agent_memory._slots import canonical, slot_of
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.testing import HashEmbedder

from .turns import current as _current
from .turns import say as _say

SUN_5_MAY_2024 = datetime(2024, 5, 5, 10, 0, tzinfo=UTC)


def facts(text: str, name: str | None = None) -> list[tuple[str | None, str, Ending | None]]:
    msg = Message(role="user", content=text, name=name, id="m1", created_at=SUN_5_MAY_2024)
    return [(c.attribute, c.content, c.ends)
            for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=SUN_5_MAY_2024))]


# ------------------------------------------------------------------------------ slots from values
@pytest.mark.parametrize(("content", "category", "slot"), [
    ("Tomasz is a dad of two", "identity", "children"),
    ("The user has a girlfriend", "identity", "relationship"),
    ("The user went full-time in September 2023", "event", "work schedule"),
    ("Kofi got made head chef in December 2023", "event", "job"),
    ("The user joined Revolut as an analyst in summer 2022", "event", "job"),
    ("The user joined Strava in 2023", "event", None),  # an app, a club or a company: not said
    ("The user joined Twitter in 2010", "event", None),
    ("Yusuf switched their degree to pharmacology in 2023", "event", "education"),
    ("The user got a puppy", "event", "pets"),
    ("The user joined the book club in May 2024", "event", None),  # not an employer
    ("The user moved to Swansea", "event", None),  # a place, not a job
    ("The user is going vegan in June 2024", "plan", None),  # a plan is not the present
    ("The user is getting married in June 2024", "goal", None),
])
def test_a_fact_without_a_slot_gets_the_one_its_value_names(content, category, slot):
    assert slot_of(content, category) == slot


@pytest.mark.parametrize(("attribute", "slot"), [
    ("has:any pets", "pets"), ("has:pets", "pets"), ("has:kids", "children"), ("has:car", "car"),
    ("has:time", "has:time"),  # not a countable slot: kept as it was
    ("hobby:seeing someone called", "partner:name"), ("work laptop", "laptop"), ("working hours", "work schedule"),
])
def test_more_wordings_land_on_the_ontology(attribute, slot):
    assert canonical(attribute) == slot


def test_a_third_party_fact_never_gets_the_speakers_slot_from_its_value():
    # "my sister went vegan" must not become the speaker's diet
    assert facts("my sister went vegan this month") == [
        ("sister:diet", "The user's sister is vegan", None)]
    assert [a for a, _, _ in facts("my brother got a puppy")] != ["pets"]


# ------------------------------------------------------------------------ changes said sideways
@pytest.mark.parametrize(("text", "attribute", "content"), [
    ("we're back in Glasgow now, London was too expensive", "location", "The user lives in Glasgow"),
    ("back to vegetarian, I missed cheese too much", "diet", "The user is vegetarian"),
    ("back to eating meat after ten years", "diet", "The user eats meat again"),
    ("it was my 35th birthday yesterday, feeling old", "age", "The user is 35 years old"),
    ("today is my 40th birthday!", "age", "The user is 40 years old"),
    ("the new flat in Leeds is tiny but the area is great", "location", "The user lives in Leeds"),
    ("now that I'm at Stripe the commute is way shorter", "job", "The user works at Stripe"),
    ("they made us go back to the office four days a week", "work arrangement", "The user works in the office"),
    ("baby number three arrived on Tuesday!", "children", "The user has three children"),
    ("took redundancy in May, freelancing now", "job", "The user is freelancing"),
    ("Teams is where to find me now", "channel", "The user prefers to be contacted on Teams"),
    ("finally made the jump to a Pixel 8", "phone", "The user switched to Pixel 8"),
    ("new all-time favourite film: Past Lives", "favorite:film", "The user's favourite film is Past Lives"),
])
def test_a_change_said_sideways_lands_on_its_slot(text, attribute, content):
    assert (attribute, content) in [(a, c) for a, c, _ in facts(text)]


@pytest.mark.parametrize(("text", "ends"), [
    ("traded the Volvo in for a Kia EV6 last weekend", Ending(attribute="car", value="Volvo")),
    ("cancelled my PureGym membership", Ending(value="PureGym")),
    ("IT swapped my ThinkPad for a MacBook Pro on Friday", Ending(value="ThinkPad")),
    ("packed in the Welsh, it's Irish now", Ending(value="welsh")),
    ("dropped Japanese", Ending(value="japanese")),
    ("no more football for me", Ending(value="football")),
    ("my ex, Priya, texted me yesterday", Ending(value="Priya")),
])
def test_a_swap_or_an_ending_names_what_it_ends(text, ends):
    assert ends in [e for _, _, e in facts(text)]


@pytest.mark.parametrize("text", [
    "no more questions for me", "no more spoilers for me please", "London is where to find me",
    "is my friend back in Rome?", "they swapped my shift for a later one", "favourite film: what would you pick?",
    "if I went back to vegetarian I'd miss bacon", "it was my 3rd time there",
    "it's my 40th birthday next week", "it is my 40th birthday on Saturday", "my 40th birthday is next month",
    "dropped the kids at school then went to work", "dropped my phone in the bath lol", "dropped the ball",
])
def test_look_alikes_of_a_change_yield_no_change(text):
    assert not [(a, c) for a, c, e in facts(text) if e is not None or a in {
        "location", "diet", "age", "channel", "job", "favorite:film"}]


# ------------------------------------------------------------------------------- consolidation
def _record(content: str, attribute: str | None, category: str = "identity") -> MemoryRecord:
    now = SUN_5_MAY_2024
    return MemoryRecord(id=content_hash(content)[:8] + "-0000-0000-0000-000000000000", content=content,
                        kind=MemoryKind.PROFILE, category=category, attribute=attribute, user_id="u", created_at=now,
                        updated_at=now, observed_at=now, valid_from=now, last_seen_at=now, hash=content_hash(content),
                        metadata={"subject": "user"})


def _candidate(content: str, attribute: str | None = None, ends: Ending | None = None) -> Candidate:
    return Candidate(content=content, category="event", attribute=attribute, ends=ends, subject="user")


def test_a_sets_none_gives_way_to_a_member_but_members_join_each_other():
    none, dog = _record("The user does not have any pets", "pets"), _record("The user has a dog", "pets")
    decide = RuleConsolidator().decide
    got = decide(_candidate("The user got a puppy", "pets"), [Neighbour(none, 1.0)])
    assert (got.action, got.target) == ("SUPERSEDE", none)
    assert decide(_candidate("The user got a puppy", "pets"), [Neighbour(dog, 1.0)]).action == "ADD"


def test_an_ending_by_words_closes_a_lasting_slotless_fact_not_a_happening():
    member = _record("The user is a member at PureGym", None)
    visit = _record("The user went to PureGym on 3 May 2024", None, category="event")
    ending = _candidate("The user cancelled their PureGym membership", ends=Ending(value="PureGym"))
    decide = RuleConsolidator().decide
    got = decide(ending, [Neighbour(visit, 0.0), Neighbour(member, 0.0)])
    assert (got.action, got.target) == ("SUPERSEDE", member)
    assert decide(ending, [Neighbour(visit, 0.0)]).action == "ADD"
    # a whole word only: "Gym" does not name "PureGym"
    assert decide(_candidate("The user gave up the gym", ends=Ending(value="gym")), [Neighbour(member, 0.0)]).action \
        == "ADD"


# ------------------------------------------------------------------------------- end to end
CHANGES = [  # (turns, what must be current, what must no longer be)
    ([("2023-02-11", "we rent a flat in Sheffield"), ("2023-10-02", "the new place in Leeds is tiny but cosy")],
     {"The user lives in Leeds"}, {"The user lives in Sheffield"}),
    ([("2021-04-01", "I live in Glasgow"), ("2022-04-01", "we moved to London for the new job"),
      ("2023-09-01", "we're back in Glasgow now, London was too expensive")],
     {"The user lives in Glasgow"}, {"The user lives in London"}),
    ([("2023-06-01", "I'm 34 btw"), ("2024-06-08", "it was my 35th birthday yesterday")],
     {"The user is 35 years old"}, {"The user is 34 years old"}),
    ([("2023-03-13", "I work part-time, just mornings"), ("2023-09-25", "I went full-time in September")],
     {"The user went full-time in September 2023"}, {"The user works part-time"}),
    ([("2023-01-20", "I've got a girlfriend, we've been together a year"),
      ("2023-09-20", "we called it quits in August, so I'm single now")],
     {"The user is single"}, {"The user has a girlfriend"}),
    ([("2023-01-01", "We don't have any pets"), ("2023-07-01", "we got a puppy!")],
     {"The user got a puppy"}, {"The user does not have any pets"}),
    ([("2023-03-01", "my girlfriend Priya is a pharmacist"), ("2023-09-10", "my ex, Priya, texted me yesterday")],
     set(), {"The user's girlfriend Priya is a pharmacist"}),
    ([("2023-02-20", "I'm a member at PureGym"), ("2023-09-20", "cancelled my PureGym membership")],
     {"The user cancelled their PureGym membership"}, {"The user is a member at PureGym"}),
    ([("2022-09-09", "I drive a Volvo"), ("2024-05-05", "traded the Volvo in for a Kia EV6 last weekend")],
     {"The user drives a Kia EV6"}, {"The user drives a Volvo"}),
]
LOOK_ALIKES = [  # the second turn is about someone else: the speaker's fact stays current
    [("2023-02-02", "I live in Milan"), ("2023-08-02", "my sister moved to Rome last month")],
    [("2023-02-02", "I work at Siemens"), ("2023-06-02", "my husband just started at Bosch")],
    [("2023-02-02", "I'm vegetarian"), ("2023-05-02", "my girlfriend went vegan this month")],
    [("2023-02-02", "I'm 41"), ("2023-05-02", "my son turned 12 yesterday")],
]


@pytest.fixture
def store(tmp_path):
    with Memory(path=tmp_path / "s", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        yield mem


@pytest.mark.parametrize(("turns", "current", "gone"), CHANGES)
def test_a_change_in_new_phrasing_leaves_exactly_the_latest_value_current(store, turns, current, gone):
    _say(store, "u", turns)
    now = _current(store, "u")
    assert current <= now and not (gone & now)
    everything = {m.content: m for m in store.list(user_id="u", kinds=["profile"], include_superseded=True,
                                                   limit=200).items}
    for old in gone:  # superseded, not deleted
        assert everything[old].valid_to is not None and everything[old].superseded_by is not None


@pytest.mark.parametrize("turns", LOOK_ALIKES)
def test_a_look_alike_about_someone_else_leaves_the_speakers_fact_current(store, turns):
    _say(store, "u", turns[:1])
    first = _current(store, "u")
    _say(store, "u", turns[1:])
    assert first <= _current(store, "u") and len(_current(store, "u")) == len(first) + 1


def test_a_change_in_one_tenant_never_closes_anothers_fact(store):
    _say(store, "a", [("2023-02-11", "we rent a flat in Sheffield")])
    _say(store, "b", [("2023-02-11", "we rent a flat in Sheffield"), ("2023-02-12", "I'm a member at PureGym")])
    _say(store, "a", [("2023-10-02", "the new place in Leeds is tiny"),
                      ("2023-10-03", "cancelled my PureGym membership")])
    assert _current(store, "b") == {"The user lives in Sheffield", "The user is a member at PureGym"}
    assert "The user lives in Sheffield" not in _current(store, "a")
    assert store.list(user_id="b", kinds=["profile"], include_superseded=True).items == \
        store.list(user_id="b", kinds=["profile"]).items  # nothing of b's was closed


def test_the_async_api_settles_a_change_the_same_way_and_per_tenant(tmp_path):
    async def run() -> tuple[set[str], set[str]]:
        async with AsyncMemory(path=tmp_path / "a", embedder=HashEmbedder(), extractor=RuleExtractor()) as am:
            for user, day, text in [("a", "2023-06-01", "I'm 34 btw"), ("b", "2023-06-01", "I'm 34 btw"),
                                    ("a", "2024-06-08", "it was my 35th birthday yesterday"),
                                    ("a", "2024-06-09", "traded the Volvo in for a Kia EV6")]:
                await am.add([{"role": "user", "content": text}], user_id=user, observed_at=f"{day}T10:00:00Z")
            pages = [await am.list(user_id=u, kinds=["profile"]) for u in ("a", "b")]
            return tuple({m.content for m in p.items} for p in pages)  # type: ignore[return-value]

    a, b = asyncio.run(run())
    assert a == {"The user is 35 years old", "The user drives a Kia EV6"}
    assert b == {"The user is 34 years old"}
