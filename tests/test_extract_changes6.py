"""Changes of mind by mechanism, not by phrasing (issue 17, sixth pass): a relationship status that
leaves no partner closes what is kept about the partner; a slot that holds one value keeps one
current value even when two were current; a named person or pet that is gone ends what names them;
the end of one value of a fact listing several leaves the others current; diet facets coexist with
the diet. Then end to end through ``Memory`` and ``AsyncMemory`` on Qdrant Edge, per tenant."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta

import pytest

from agent_memory import AsyncMemory, Memory
from agent_memory._consolidation import Decision, Neighbour, RuleConsolidator, also_closed, ended, narrowed
from agent_memory._extraction import Candidate, Ending, ExtractionContext
from agent_memory._models import MemoryKind, MemoryRecord, Message, content_hash
from agent_memory._slots import emptied, facet, relation_of, slot_of
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.testing import HashEmbedder

from .turns import current as _current
from .turns import say as _say

T0 = datetime(2024, 1, 10, 10, 0, tzinfo=UTC)


def facts(text: str) -> list[tuple[str | None, str, Ending | None]]:
    msg = Message(role="user", content=text, id="m1", created_at=T0)
    return [(c.attribute, c.content, c.ends)
            for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0))]


def _record(content: str, attribute: str | None, category: str = "identity", days_ago: int = 30) -> MemoryRecord:
    at = T0 - timedelta(days=days_ago)
    return MemoryRecord(id=str(uuid.uuid4()), content=content, kind=MemoryKind.PROFILE, category=category,
                        attribute=attribute, hash=content_hash(content), created_at=at, updated_at=at,
                        observed_at=at, valid_from=at, user_id="u", metadata={"subject": "user"})


def _candidate(content: str, attribute: str | None, ends: Ending | None = None) -> Candidate:
    return Candidate(content=content, category="identity", attribute=attribute, ends=ends, subject="user",
                     observed_at=T0)


# ------------------------------------------------------------------------------ the ontology
@pytest.mark.parametrize(("attribute", "content", "relation"), [
    ("relationship", "The user is single", "partner"),
    ("relationship", "Jorge is separated", "partner"),
    ("relationship", "The user is divorced", "partner"),
    ("relationship", "Maureen is widowed", "partner"),
    ("relationship", "The user split up in the new year", "partner"),
    ("relationship", "The user is no longer single", None),  # states no status
    ("relationship", "The user is married", None),
    ("relationship", "The user is engaged", None),
    (None, "The user's wife died in 2023", "partner"),  # a relation that holds one person
    (None, "The user's mum passed away", "mother"),
    (None, "The user's son died in 2020", None),  # maybe one of several
    (None, "The user's husband left them in June 2023", "partner"),
    (None, "The user's mum left them a house", None),
    ("sister:relationship", "The user's sister is single", None),  # someone else's status
])
def test_a_status_without_a_partner_empties_the_partner_relation(attribute, content, relation):
    assert emptied(attribute, content) == relation


@pytest.mark.parametrize(("attribute", "content", "relation"), [
    ("partner:job", "The user's girlfriend Nadia works in finance", "partner"),
    ("cat:age", "The user's cat Pixel is 14 years old", "cat"),
    (None, "Giulia's boyfriend Luca is a nurse on night shifts", "partner"),
    (None, "The user's girlfriend's sister lives in Leeds", None),  # about the sister, not the partner
    (None, "The user plays tennis", None),
    ("location", "The user lives in Lyon", None),
])
def test_the_relation_a_fact_is_about(attribute, content, relation):
    assert relation_of(attribute, content) == relation


@pytest.mark.parametrize(("content", "slot"), [
    ("The user is gluten free", "diet:gluten"), ("Bea is coeliac", "diet:gluten"),
    ("The user keeps kosher", "diet:kosher"), ("The user is lactose intolerant", "diet:lactose"),
    ("The user is vegan", "diet"), ("The user is no longer gluten free", "diet:gluten"),
])
def test_what_a_diet_leaves_out_is_a_facet_of_its_own(content, slot):
    assert facet("diet", content) == slot
    assert facet("location", content) == "location"  # only diet has facets


@pytest.mark.parametrize(("content", "slot"), [
    ("Kwame started a new role at Atkins in June 2023", "job"),
    ("The user took a job with Arup in 2022", "job"),
    ("The user got a new job at Monzo", "job"),
    ("The user started a new role at the gym", None),  # no employer named
    ("The user started a new book in May", None),
    ("The user was laid off in March 2024", "job"),  # the end of a job is the job's new value
    ("The user retired in 2023", "job"),
    ("The user lost their job", "job"),
    ("The user retired their old laptop", None),
    ("The user is a widow", "relationship"),
    ("The user relapsed in the week of 22 April 2024", "sobriety"),  # the count starts again
])
def test_a_slotless_fact_gets_the_slot_its_value_names(content, slot):
    assert slot_of(content, "event") == slot


# ------------------------------------------------------------------------ one message, several values
def test_two_diet_facets_in_one_message_both_stay():
    assert [(a, c) for a, c, _ in facts("I'm vegan and gluten free")] == [
        ("diet", "The user is vegan"), ("diet:gluten", "The user is gluten free")]
    # a correction of one facet still keeps only the last
    assert [c for _, c, _ in facts("I'm gluten intolerant, coeliac actually")] == ["The user is coeliac"]


def test_an_ending_that_names_a_slot_ends_whatever_it_holds():
    assert facts("I quit my job")[0][2] == Ending(attribute="job", value="job")
    assert facts("I stopped playing the cello")[0][2] == Ending(value="cello")  # a value, not a slot


def test_a_named_parting_ends_what_names_them_and_a_look_alike_ends_nothing():
    assert facts("we had to put Pixel down last week")[0][2] == Ending(value="Pixel")
    assert facts("Luca and I split up last month")[0][2] == Ending(value="Luca")
    assert all(e is None for _, _, e in facts("my cat Pixel is getting old"))


@pytest.mark.parametrize(("content", "attribute", "value", "left"), [
    ("Hana is learning German and Korean at the moment", "learning:german", "german",
     ("Hana is learning Korean at the moment", "learning:korean")),
    ("The user plays chess and badminton", "hobby:chess", "badminton", ("The user plays chess", "hobby:chess")),
    ("The user speaks French, German and Dutch", "languages", "Dutch", ("The user speaks French and German",
                                                                         "languages")),
    ("The user speaks French, German and Dutch", "languages", "German", ("The user speaks French and Dutch",
                                                                          "languages")),
    ("The user has a dog named Bruno and a parrot", "pets", "parrot", ("The user has a dog named Bruno", "pets")),
    ("The user plays chess", "hobby:chess", "chess", None),  # nothing else listed: nothing left
    ("The user plays chess and badminton", "hobby:chess", "tennis", None),  # not listed
])
def test_the_end_of_one_listed_value_leaves_the_others(content, attribute, value, left):
    assert narrowed(content, attribute, value) == left


# ------------------------------------------------------------------------------ decisions
def test_a_new_value_closes_every_current_value_of_a_single_slot_but_not_of_a_set():
    bristol, bath = _record("The user lives in Bristol", "location"), _record("The user lives in Bath", "location")
    cardiff = _candidate("The user lives in Cardiff", "location")
    near = [Neighbour(bristol, 1.0), Neighbour(bath, 1.0)]
    d = RuleConsolidator().decide(cardiff, near)
    assert d.action == "SUPERSEDE" and {d.target.id, *(m.id for m in also_closed(cardiff, d, near))} == {  # type: ignore[union-attr]
        bristol.id, bath.id}
    french, dutch = _record("The user speaks French", "languages"), _record("The user speaks Dutch", "languages")
    german = _candidate("The user speaks German", "languages")
    langs = [Neighbour(french, 1.0), Neighbour(dutch, 1.0)]
    assert also_closed(german, RuleConsolidator().decide(german, langs), langs) == []


def test_a_partnerless_status_closes_the_partners_facts_said_before_it_only():
    nadia = _record("The user's girlfriend Nadia works in finance", "partner:job", "relationship")
    luca = _record("The user's boyfriend Luca is a nurse", None, "relationship")
    mum = _record("The user's mum lives in Leeds", "mother:location", "relationship")
    trip = _record("The user's girlfriend and the user went to Rome in May 2023", None, "event")
    now = _record("The user's girlfriend Ana is a chef", "partner:job", "relationship", days_ago=0)
    near = [Neighbour(m, 1.0) for m in (nadia, luca, mum, trip, now)]
    single = _candidate("The user is single", "relationship")
    closed = also_closed(single, Decision("ADD"), near)
    assert {m.id for m in closed} == {nadia.id, luca.id}  # not the mother, the happening, or one said with it
    # a break-up naming the person ends what names them, not every partner fact
    named = _candidate("The user broke up with Luca", "relationship", Ending(value="Luca"))
    assert also_closed(named, Decision("ADD"), near) == []
    assert ended(named, near) == luca


def test_a_name_ends_facts_about_that_person_and_a_common_word_does_not():
    pixel = _record("The user's cat Pixel is 14 years old", "cat:age", "relationship")
    tennis = _record("The user's daughter plays tennis", "daughter:hobby:tennis", "relationship")
    assert ended(_candidate("The user had to put Pixel down", None, Ending(value="Pixel")),
                 [Neighbour(pixel, 0.0)]) == pixel
    assert ended(_candidate("The user gave up tennis", None, Ending(value="tennis")), [Neighbour(tennis, 0.0)]) is None


# ------------------------------------------------------------------------------- end to end
@pytest.fixture
def store(tmp_path):
    with Memory(path=tmp_path / "s", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        yield mem


CHANGES = [  # (turns, what must be current, what must no longer be)
    ([("2023-03-02", "my girlfriend Nadia works in finance"), ("2024-01-19", "I'm single these days")],
     {"The user is single"}, {"The user's girlfriend Nadia works in finance"}),
    ([("2023-03-02", "My wife Carmen teaches piano"), ("2024-01-19", "Carmen and I are separated now")],
     {"The user is separated"}, {"The user's wife Carmen teaches piano"}),
    ([("2023-03-02", "our cat Pixel is 14"), ("2024-01-19", "we had to put Pixel down last week")],
     set(), {"The user's cat Pixel is 14 years old"}),
    ([("2023-03-02", "I'm learning German and Korean at the moment"), ("2024-01-19", "gave up German")],
     {"The user is learning Korean at the moment"}, {"The user is learning German and Korean at the moment"}),
    ([("2023-03-02", "I play chess and badminton"), ("2024-01-19", "I don't play badminton anymore")],
     {"The user plays chess"}, {"The user plays chess and badminton"}),
    ([("2023-03-02", "I'm an engineer at Arup"), ("2024-01-19", "started a new role at Atkins in June")],
     {"The user started a new role at Atkins in June 2023"}, {"The user is an engineer at Arup"}),
    ([("2023-03-02", "I'm vegan and gluten free"), ("2024-01-19", "I'm vegetarian now")],
     {"The user is vegetarian", "The user is gluten free"}, {"The user is vegan"}),
    ([("2023-03-02", "my wife works nights at the hospital"), ("2024-01-19", "my wife died last year")],
     {"The user's wife died in 2023"}, {"The user's wife works nights"}),
    ([("2023-03-02", "I work at Oracle"), ("2024-01-19", "I got laid off in March")],
     {"The user was laid off in March 2023"}, {"The user works at Oracle"}),
    ([("2023-03-02", "I work at Oracle"), ("2024-01-19", "I quit my job")], set(), {"The user works at Oracle"}),
]
LOOK_ALIKES = [  # the second turn must close nothing
    [("2023-03-02", "my girlfriend Nadia works in finance"), ("2024-01-19", "my sister is single again")],
    [("2023-03-02", "My wife Carmen teaches piano"), ("2024-01-19", "my best friend got divorced last month")],
    [("2023-03-02", "I'm learning German and Korean"), ("2024-01-19", "my son gave up German")],
    [("2023-03-02", "I'm vegan and gluten free"), ("2024-01-19", "I live in Lyon")],
    [("2023-03-02", "my wife works nights at the hospital"), ("2024-01-19", "my friend's wife died last year")],
    [("2023-03-02", "I work at Oracle"), ("2024-01-19", "my dad retired last year")],
]


@pytest.mark.parametrize(("turns", "current", "gone"), CHANGES)
def test_a_change_leaves_exactly_the_latest_value_current(store, turns, current, gone):
    _say(store, "u", turns)
    now = _current(store, "u")
    assert current <= now and not (gone & now)
    everything = {m.content: m for m in store.list(user_id="u", kinds=["profile"], include_superseded=True,
                                                   limit=200).items}
    for old in gone:  # superseded, not deleted: still readable, with who closed it
        assert everything[old].valid_to is not None and everything[old].superseded_by is not None


@pytest.mark.parametrize("turns", LOOK_ALIKES)
def test_a_look_alike_closes_nothing(store, turns):
    _say(store, "u", turns[:1])
    first = _current(store, "u")
    _say(store, "u", turns[1:])
    assert first <= _current(store, "u")


def test_what_is_left_of_a_list_keeps_its_provenance_and_history(store):
    _say(store, "u", [("2023-03-02", "I'm learning German and Korean at the moment"), ("2024-01-19", "gave up German")])
    (korean,) = [m for m in store.list(user_id="u", kinds=["profile"]).items if "Korean" in m.content]
    assert korean.attribute == "learning:korean" and korean.source_ids  # from the first message
    assert [e.event for e in store.history(korean.id)] == ["ADD"]


def test_two_current_values_of_a_single_slot_both_close(tmp_path, store):
    # two current locations, as a store written before this rule (or by two processes) may hold
    with Memory(path=tmp_path / "seed", embedder=HashEmbedder(), extractor=RuleExtractor()) as seed:
        seed.remember("The user lives in Bristol", attribute="location", user_id="a", observed_at="2023-01-01")
        seed.remember("The user lives in Bath", attribute="location", user_id="b", observed_at="2023-01-02")
        records = [{**r, "user_id": "u"} for user in ("a", "b") for r in seed.export(user_id=user)]
    store.import_(records)
    store.import_([{**r, "user_id": "other"} | {"id": r["id"][:-4] + "beef"} for r in records])
    assert _current(store, "u") == {"The user lives in Bristol", "The user lives in Bath"}
    _say(store, "u", [("2024-01-19", "I live in Cardiff now")])
    assert _current(store, "u") == {"The user lives in Cardiff"}
    assert _current(store, "other") == {"The user lives in Bristol", "The user lives in Bath"}  # another tenant


def test_a_status_in_one_tenant_never_closes_anothers_partner(store):
    for user in ("a", "b"):
        _say(store, user, [("2023-03-02", "my girlfriend Nadia works in finance")])
    _say(store, "a", [("2024-01-19", "I'm single these days")])
    assert _current(store, "b") == {"The user's girlfriend Nadia works in finance"}
    assert store.list(user_id="b", kinds=["profile"], include_superseded=True).items == \
        store.list(user_id="b", kinds=["profile"]).items
    assert "The user's girlfriend Nadia works in finance" not in _current(store, "a")


def test_the_async_api_closes_the_partner_and_narrows_a_list_per_tenant(tmp_path):
    async def run() -> tuple[set[str], set[str]]:
        async with AsyncMemory(path=tmp_path / "a", embedder=HashEmbedder(), extractor=RuleExtractor()) as am:
            for user, day, text in [("a", "2023-03-02", "My wife Carmen teaches piano"),
                                    ("b", "2023-03-02", "My wife Carmen teaches piano"),
                                    ("a", "2023-03-03", "I play chess and badminton"),
                                    ("b", "2023-03-03", "I play chess and badminton"),
                                    ("a", "2024-01-19", "Carmen and I are separated now"),
                                    ("a", "2024-01-20", "I don't play badminton anymore")]:
                await am.add([{"role": "user", "content": text}], user_id=user, observed_at=f"{day}T10:00:00Z")
            pages = [await am.list(user_id=u, kinds=["profile"]) for u in ("a", "b")]
            return tuple({m.content for m in p.items} for p in pages)  # type: ignore[return-value]

    a, b = asyncio.run(run())
    assert {"The user is separated", "The user plays chess"} <= a
    assert "The user's wife Carmen teaches piano" not in a and "The user plays chess and badminton" not in a
    assert b == {"The user's wife Carmen teaches piano", "The user plays chess and badminton"}
