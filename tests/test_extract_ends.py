"""Endings that land (issue 17): a statement that carries a new value AND ends another fact does
both; an ending without a slot finds the fact it ends by its words, not only by likeness; slots
that hold a set (languages, pets, hobbies, children's names) gain values instead of swapping them.
End to end through ``Memory`` on both Qdrant engines, plus the pure decision."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory import Memory, Settings
from agent_memory._consolidation import Neighbour, RuleConsolidator, restates
from agent_memory._extraction import Candidate, Ending, ExtractionContext
from agent_memory._models import MemoryKind, MemoryRecord, Message, content_hash
from agent_memory._slots import is_set
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.testing import HashEmbedder

T0 = datetime(2023, 1, 5, 10, 0, tzinfo=UTC)


def record(content: str, attribute: str | None) -> MemoryRecord:
    return MemoryRecord(id=content, content=content, kind=MemoryKind.PROFILE, category="preference",
                        created_at=T0, updated_at=T0, observed_at=T0, valid_from=T0, hash=content_hash(content),
                        attribute=attribute, user_id="rui")


def candidate(content: str, attribute: str | None, ends: Ending | None = None) -> Candidate:
    return Candidate(content=content, kind=MemoryKind.PROFILE, category="preference", attribute=attribute, ends=ends)


# ------------------------------------------------------------------------------ pure decisions


def test_a_new_slot_value_that_ends_another_fact_gets_both_decisions():
    guitar, drums = record("Rui plays guitar", "hobby:guitar"), record("Rui plays the drums", "hobby:drums")
    d = RuleConsolidator().decide(candidate("Rui plays guitar again", "hobby:guitar", Ending(value="drums")),
                                  [Neighbour(guitar, 0.9), Neighbour(drums, 0.5)])
    assert (d.action, d.target, d.ends) == ("SUPERSEDE", guitar, drums)


def test_an_exact_repeat_that_ends_another_fact_is_seen_and_still_ends_it():
    guitar, drums = record("Rui plays guitar", "hobby:guitar"), record("Rui plays the drums", "hobby:drums")
    d = RuleConsolidator().decide(candidate("Rui plays guitar", "hobby:guitar", Ending(value="drums")),
                                  [Neighbour(guitar, 1.0), Neighbour(drums, 0.5)])
    assert (d.action, d.target, d.ends) == ("SEEN", guitar, drums)


def test_an_ending_names_whole_words_only():
    party = record("Rui throws parties", "hobby:parties")
    d = RuleConsolidator().decide(candidate("Rui gave up art", None, Ending(value="art")), [Neighbour(party, 0.7)])
    assert d.action == "ADD" and d.ends is None


@pytest.mark.parametrize(("attribute", "expected"), [
    ("languages", True), ("pets", True), ("son:name", True), ("daughter:name", True), ("hobby", True),
    ("location", False), ("job", False), ("children", False), ("partner:name", False), ("son:job", False),
    (None, False)])
def test_which_slots_hold_a_set(attribute, expected):
    assert is_set(attribute) is expected


def test_a_fuller_statement_restates_a_value_another_value_does_not():
    assert restates("Rui has two dogs", "Rui has a dog")
    assert restates("Rui speaks French and German", "Rui speaks French")
    assert not restates("Rui speaks German", "Rui speaks French")


def test_a_second_value_of_a_set_slot_is_added_beside_the_first():
    french = record("Rui speaks French", "languages")
    d = RuleConsolidator().decide(candidate("Rui speaks German", "languages"), [Neighbour(french, 0.8)])
    assert d.action == "ADD" and d.ends is None


# ------------------------------------------------------------------------- within one message


def extract(text: str) -> list[str]:
    msg = Message(role="user", content=text, name="Rui", id="m1", created_at=T0)
    return [c.content for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0))]


@pytest.mark.parametrize(("text", "kept"), [
    ("I speak French. I also speak German.", ["Rui speaks French", "Rui speaks German"]),
    ("I have a dog. I also have a cat.", ["Rui has a dog", "Rui has a cat"]),
    ("I live in Porto. I live in Braga.", ["Rui lives in Braga"]),  # one place at a time: the last one stands
])
def test_two_values_of_a_set_slot_in_one_message_are_both_kept(text, kept):
    assert extract(text) == kept


# --------------------------------------------------------------------------------- end to end


@pytest.fixture(params=["edge", "client"])
def store(request, tmp_path):
    where = {"path": tmp_path / "s"} if request.param == "edge" else {"location": ":memory:"}
    # one nearest neighbour only: an ending must find what it ends by its words
    with Memory(**where, embedder=HashEmbedder(), extractor=RuleExtractor(),
                settings=Settings(consolidation_neighbours=1)) as mem:
        yield mem


def tell(store: Memory, *texts: str) -> tuple[set[str], dict[str, MemoryRecord]]:
    for year, text in enumerate(texts, start=2020):
        store.add([{"role": "user", "name": "Rui", "content": text}], user_id="rui",
                  observed_at=f"{year}-01-05T10:00:00Z")
    now = {m.content for m in store.list(user_id="rui", kinds=["profile"]).items}
    every = {m.content: m for m in store.list(user_id="rui", kinds=["profile"], include_superseded=True).items}
    return now, every


CASES = [
    # a repeated value that also ends another: the repeat is seen AND the drums end
    (["I play guitar", "I play the drums", "I used to play the drums, now it is mostly guitar"],
     {"Rui plays guitar"}, {"Rui plays the drums"}),
    # an ending without a slot, its fact far from the nearest vectors
    (["I enjoy pottery", "I live in Porto", "I play chess", "I gave up coffee", "I gave up pottery"],
     {"Rui gave up pottery", "Rui plays chess", "Rui gave up coffee", "Rui lives in Porto"}, {"Rui enjoys pottery"}),
    # set slots gain values
    (["I speak French", "I also speak German now"], {"Rui speaks French", "Rui speaks German"}, set()),
    (["I have a dog", "I have a cat now"], {"Rui has a dog", "Rui has a cat"}, set()),
    (["my son is called Tom", "my son is called Ben"], {"Rui's son's name is Tom", "Rui's son's name is Ben"}, set()),
    # ... a fuller value replaces the one it restates, a replacement phrase closes one
    (["I have a dog", "I have two dogs"], {"Rui has two dogs"}, {"Rui has a dog"}),
    (["I speak French", "I speak Spanish", "I switched from French to German"],
     {"Rui speaks Spanish"}, {"Rui speaks French"}),
    # look-alikes where nothing ends
    (["I enjoy painting", "I gave up pottery"], {"Rui enjoys painting", "Rui gave up pottery"}, set()),
    (["I love throwing parties", "I gave up art"], {"Rui loves throwing parties"}, set()),
    (["I live in Porto", "I live in Braga now"], {"Rui lives in Braga"}, {"Rui lives in Porto"}),  # not a set
]


@pytest.mark.parametrize(("turns", "current", "gone"), CASES)
def test_endings_and_set_slots_end_exactly_what_they_name(store, turns, current, gone):
    now, every = tell(store, *turns)
    assert current <= now and not (gone & now), now
    for old in gone:  # ended, not deleted: readable, closed when the ending was said, pointing at what ended it
        assert every[old].valid_to is not None and every[old].superseded_by in {m.id for m in every.values()}


def test_an_ending_beside_a_new_value_is_logged_and_closes_when_it_was_said(store):
    tell(store, "I play guitar", "I play the drums", "I used to play the drums, now it is mostly guitar")
    drums = next(m for m in store.list(user_id="rui", kinds=["profile"], include_superseded=True).items
                 if m.content == "Rui plays the drums")
    assert drums.valid_to == datetime(2022, 1, 5, 10, 0, tzinfo=UTC)
    assert any(e.event == "SUPERSEDE" for e in store.history(drums.id))


def test_an_ending_looked_up_by_its_words_never_reaches_another_user(store):
    store.add([{"role": "user", "name": "Ana", "content": "I enjoy pottery"}], user_id="ana",
              observed_at="2020-01-05T10:00:00Z")
    now, _ = tell(store, "I gave up coffee", "I gave up pottery")
    assert {m.content for m in store.list(user_id="ana", kinds=["profile"]).items} == {"Ana enjoys pottery"}
    assert "Rui gave up pottery" in now
