"""Messages the rules used to leave silent (issue 17, session 9, silent9): a statement of the speaker's own followed by
someone else's report ("..., she said ...") keeps the statement; the report, and a sentence that is a report from its
start, stay silent."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory._extraction import ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.rules.reported import before_report

AT = datetime(2025, 10, 14, 9, 0, tzinfo=UTC)


def contents(text: str) -> list[str]:
    msg = Message(role="user", content=text, name=None, id="m1", created_at=AT)
    return [c.content for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=AT))]


@pytest.mark.parametrize(("text", "term"), [
    ("my uncle is an electrician, he says the wiring is ancient", "electrician"),
    ("I'm allergic to penicillin, my GP told me that years ago", "penicillin"),
    ("my sister is a nurse in Cardiff, she said the ward is short staffed again", "nurse"),
])
def test_statement_before_a_report_is_kept(text: str, term: str) -> None:
    found = contents(text)
    assert any(term in c for c in found), found


@pytest.mark.parametrize(("text", "bad"), [
    ("my uncle is an electrician, he says the wiring is ancient", "wiring"),
    ("my sister is a nurse in Cardiff, she said the ward is short staffed again", "ward"),
])
def test_the_report_itself_is_not_the_speakers(text: str, bad: str) -> None:
    assert not any(bad in c for c in contents(text))


@pytest.mark.parametrize("text", [
    "she says she's moving to Perth, I doubt it",           # a report from the start
    "my cousin told me he's a pilot now, no idea if true",  # a report from the start
    "I'm moving to Canada, she said",                        # the whole sentence is hers: nothing follows the verb
    "apparently I'm a terrible driver, my dad says",         # likewise
    "she said she's vegan, he says she isn't",              # nothing before the report is the speaker's own
])
def test_reports_stay_silent(text: str) -> None:
    assert contents(text) == []


def test_before_report_reads_only_a_following_report() -> None:
    assert before_report("my aunt is a vet, she says the dog is fine") == "my aunt is a vet"
    assert before_report("I'm moving to Canada, she said") is None
    assert before_report("she said she's single, he says she isn't") is None


# a pet named by its breed or coat is a pet like "dog" or "cat"; a pet's name may carry a title


@pytest.mark.parametrize(("text", "terms"), [
    ("our spaniel Rufus is 4", ("spaniel", "Rufus")),
    ("my whippet Dot turned 7 last week", ("whippet", "Dot")),
    ("we've got a ginger tabby called Biscuit", ("tabby", "Biscuit")),
    ("we have a siamese named Luna", ("siamese", "Luna")),
    ("we've got a tortoise named Sir Reginald", ("tortoise", "Sir Reginald")),
    ("I have a ragdoll called Lady Grey", ("ragdoll", "Lady Grey")),
])
def test_pet_breeds_and_titled_names(text: str, terms: tuple[str, ...]) -> None:
    found = contents(text)
    assert any(all(t in c for t in terms) for c in found), found


@pytest.mark.parametrize("text", [
    "I'd love a siamese called Mr Tibbles one day",  # a wish, not a pet
    "my persian rug is ancient",                       # a rug, not a cat
    "if we get a beagle we'll call him Sir Barks",     # a hypothetical
    "should I get a tabby or a ragdoll?",              # a question
])
def test_pet_look_alikes_stay_silent(text: str) -> None:
    assert contents(text) == []


# "the only <diet or job>" somewhere says the speaker is one


@pytest.mark.parametrize(("text", "term"), [
    ("honestly I'm the only vegetarian in my family", "vegetarian"),
    ("im the only nurse on my ward lol", "nurse"),
    ("I am the only pharmacist at our branch", "pharmacist"),
])
def test_the_only_one_is_one(text: str, term: str) -> None:
    found = contents(text)
    assert any(term in c for c in found), found


@pytest.mark.parametrize("text", [
    "I'm the only one awake at this hour",          # no role
    "I'm the only woman in my team",                 # not a diet or job the rules know
    "is he the only teacher at that school?",        # a question about someone else
    "I'm the only teacher who turned up",           # colour about an event, not read
    "if I were the only chef there I'd quit",       # a hypothetical
])
def test_the_only_look_alikes_stay_silent(text: str) -> None:
    assert contents(text) == []


# a parent's sibling or parent is a relative with a word of its own (aunt, uncle, grandparent), like an in-law


@pytest.mark.parametrize(("text", "terms"), [
    ("my mam's sister runs a bakery in Swansea", ("sister", "bakery")),
    ("my father's brother is a retired pilot", ("father's brother", "pilot")),
    ("my mom's parents live in Manila", ("mom's parents", "Manila")),
])
def test_parents_relatives(text: str, terms: tuple[str, ...]) -> None:
    found = contents(text)
    assert any(all(t in c for t in terms) for c in found), found


def test_parents_relative_is_keyed_by_its_own_word() -> None:
    msg = Message(role="user", content="my dad's sister is a vet", name=None, id="m1", created_at=AT)
    cands = RuleExtractor().extract([msg], context=ExtractionContext(observed_at=AT))
    assert [c.attribute for c in cands if "vet" in c.content] == ["aunt:job"], [(c.content, c.attribute) for c in cands]


@pytest.mark.parametrize("text", [
    "my mum's friend is a nurse",            # someone the speaker only knows of
    "my dad's neighbour is a plumber",       # likewise
    "is my mum's sister still a teacher?",  # a question
])
def test_parents_others_stay_silent(text: str) -> None:
    assert contents(text) == []
