"""Facts about the people in the speaker's life, in general (issue 17, people6): a party named any way ("Ana, my
sister, ...", "my sister (Ana) ...", "Tom (my partner) ..."), friends, in-laws and step-relations, two parties in
one statement, a dropped subject or a second predicate given back to the party, pronouns carried to the last party,
and the fallback that keeps a lasting present statement no first-person rule reads. Each family has look-alikes
that must stay silent: hypotheticals, questions, quotes, moods, fiction, requests, passing states, sentiments."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory import Memory
from agent_memory._extraction import Candidate, ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.rules.others import expand, name_parties, slot

FRI_20_NOV = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def extract(text: str) -> list[Candidate]:
    msg = Message(role="user", content=text, name="Noor", id="m1", created_at=FRI_20_NOV)
    return RuleExtractor().extract([msg], context=ExtractionContext(observed_at=FRI_20_NOV))


def facts(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(c.category, c.attribute, c.content) for c in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name before the relation, in commas, brackets or dashes; a name in brackets after it
        ("Lena, my sister, is a dentist in Cork",
         [("relationship", "sister:job", "Noor's sister Lena is a dentist in Cork")]),
        ("Omar (my husband) works for Siemens",
         [("relationship", "partner:job", "Noor's husband Omar works for Siemens")]),
        ("Bea - my wife - is a pilot", [("relationship", "partner:job", "Noor's wife Bea is a pilot")]),
        ("my brother (Kwame) lives in Accra",
         [("relationship", "brother:location", "Noor's brother Kwame lives in Accra")]),
        # friends, in-laws, step-relations, grandparents by their pet names; where a friend is from is dropped
        ("my friend Rui from college teaches maths",
         [("relationship", "friend:job", "Noor's friend Rui teaches maths")]),
        ("my sister in law is a midwife", [("relationship", "sister-in-law:job", "Noor's sister in law is a midwife")]),
        ("my stepmum runs a florist in Bath",
         [("relationship", "stepmother:job", "Noor's stepmum runs a florist in Bath")]),
        ("my gran has arthritis",
         [("relationship", "grandmother:health:arthritis", "Noor's gran has arthritis")]),
        # a possessive typed without its apostrophe
        ("my dads been vegan since 2010", [("relationship", "father:diet", "Noor's dad is vegan")]),
        # two parties, one predicate; "both my ..."
        ("my mum and my aunt both live in Lagos",
         [("relationship", "mother:location", "Noor's mum lives in Lagos"),
          ("relationship", "aunt:location", "Noor's aunt lives in Lagos")]),
        ("both my brothers play cricket", [("relationship", "brothers:hobby:cricket", "Noor's brothers play cricket")]),
        # a second predicate after "and", and a subject left out after a comma
        ("my uncle is 70 and still works as a taxi driver",
         [("relationship", "uncle:age", "Noor's uncle is 70 years old"),
          ("relationship", "uncle:job", "Noor's uncle works as a taxi driver")]),
        ("my grandparents are retired, live in Kent",
         [("relationship", "grandparents:job", "Noor's grandparents are retired"),
          ("relationship", "grandparents:location", "Noor's grandparents live in Kent")]),
        # a pronoun in the next sentence is the last party, name and all
        ("my cousin Ayo lives in Leeds. she volunteers at a food bank",
         [("relationship", "cousin:location", "Noor's cousin Ayo lives in Leeds"),
          ("relationship", "cousin:hobby:volunteer", "Noor's cousin Ayo volunteers at a food bank")]),
        # the fallback: a lasting present statement no first-person rule reads, keyed by what it says
        ("my eldest, Idris, is in year 11", [("relationship", "child:education", "Noor's eldest Idris is in year 11")]),
        ("our cat Miso is 14", [("relationship", "cat:age", "Noor's cat Miso is 14 years old")]),
        ("my nephew supports Celtic", [("relationship", "nephew:favorite:team", "Noor's nephew supports Celtic")]),
        ("my father in law lives with us", [("relationship", "father-in-law:household",
                                              "Noor's father in law lives with them")]),
        # names in commas after a pet or a counted relation, "both" after them; a party's allergy list, one each
        ("Our hamster, Mochi, is a Syrian", [("relationship", None, "Noor's hamster Mochi is a Syrian")]),
        ("my two girls, Ada and Liv, both do ballet",
         [("relationship", "children:hobby:ballet", "Noor's girls Ada and Liv do ballet")]),
        ("my nephew is allergic to kiwi and sesame",
         [("relationship", "nephew:allergy:kiwi", "Noor's nephew is allergic to kiwi"),
          ("relationship", "nephew:allergy:sesame", "Noor's nephew is allergic to sesame")]),
        # an aside in brackets, an interjection before the party, a party named in passing and then "she"
        ("my son Kofi (he's 9) plays chess",
         [("relationship", "son:age", "Noor's son Kofi is 9 years old"),
          ("relationship", "son:hobby:chess", "Noor's son Kofi plays chess")]),
        ("ugh my brother in law is a dentist", [("relationship", "brother-in-law:job",
                                                  "Noor's brother in law is a dentist")]),
        ("I bought my mum a new phone. she is a retired nurse",
         [("relationship", "mother:job", "Noor's mum is a retired nurse")]),
        ("my dad has just been diagnosed with diabetes",
         [("relationship", "father:health", "Noor's dad has just been diagnosed with diabetes")]),
        # an evaluative word before what they do does not make it a judgement; where they live, loosely
        ("my mum is an amazing pianist", [("relationship", "mother:job", "Noor's mum is an amazing pianist")]),
        ("my friend lives nearby", [("relationship", "friend:location", "Noor's friend lives nearby")]),
        # what a party works towards is a fact about them, not the speaker's goal
        ("my niece wants to be a pilot", [("relationship", None, "Noor's niece wants to be a pilot")]),
    ],
)
def test_parties_named_any_way_are_read(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize("text", [
    # hypotheticals, questions, quotes, requests, fiction, reported speech about a party
    "if my sister moved to Leeds we'd see her more", "is my daughter too young for braces?",
    "my dad always says 'I am too old for this'", "write my sister a thank-you note",
    "the husband in the film is a spy", "my friend told me she is moving to Rome",
    "what if my parents lived with us?", "my wife would love a house by the sea",
    # moods, passing states and illnesses, a party's whereabouts for now
    "my husband is grumpy today", "my kids are driving me crazy", "my brother is so annoying",
    "my wife is at work", "my dad is in hospital", "my mum is visiting her sister", "my dog has fleas",
    "my son has a cold", "my mum is on her way over", "my kids are being so loud this morning",
    # the speaker's sentiment about them, a bare trait, something over and done ("have flown the nest")
    "our kids are our future", "my mum is my rock", "my aunt loves it", "my kids are loud",
    "both our kids have flown the nest", "our son has built two apps", "my son's built two apps",
    # a judgement or a complaint about them, adverbs aside
    "my dad is a huge pain sometimes", "my friend is always late", "my daughter is a bit of a drama queen",
    "my friend has been my rock through all this", "my mom has no idea how to use her phone",
    # two parties named in passing: "she" is neither
    "I called my mum and my sister. she is a nurse",
    # not a party of theirs
    "the dog next door is a terrier", "a friend of a friend is a vet",
])
def test_look_alikes_about_others_stay_silent(text: str) -> None:
    assert extract(text) == []


def test_shapes_are_rewritten_to_one_form_and_predicates_split() -> None:
    assert name_parties("Ana, my sister, is a nurse") == "my sister Ana is a nurse"
    assert name_parties("my sister (Ana) works here") == "my sister Ana works here"
    assert name_parties("so, my sister, is she right?") == "so, my sister, is she right?"  # a filler is no name
    assert expand("my nan is 90 and obsessed with bingo", None) == ["my nan is 90", "my nan is obsessed with bingo"]
    assert expand("live in Cork", "my parents") == ["my parents live in Cork"]
    assert expand("live in Cork", None) == ["live in Cork"]  # no party before: the speaker's, as before


@pytest.mark.parametrize(("pred", "key"), [
    ("lives in Leeds", "location"), ("is a retired nurse", "job"), ("works at Lidl", "job"),
    ("is allergic to nuts", "allergy:nuts"), ("speaks Welsh", "languages"), ("has two rabbits", "pets"),
    ("loves horses", "preference:horses"), ("plays the violin", "hobby:violin"), ("is six", "age"),
    ("drives a tractor", "drive"),
])
def test_the_slot_comes_from_the_predicate(pred: str, key: str) -> None:
    assert slot(pred) == key


def test_a_party_slot_read_by_the_fallback_is_superseded_by_a_later_one() -> None:
    with Memory(location=":memory:", extractor=RuleExtractor()) as mem:
        for text, when in (
            ("my eldest, Idris, is in year 10", "2025-09-10T10:00:00Z"),
            ("my eldest, Idris, is in year 11", "2026-09-10T10:00:00Z"),
        ):
            mem.add([{"role": "user", "content": text, "name": "Noor"}], user_id="noor", observed_at=when)
        current = sorted(m.content for m in mem.list(user_id="noor", kinds=["profile"], limit=50).items)
        assert current == ["Noor's eldest Idris is in year 11"]


# a person named in passing: the name is the standing fact (lead, after people6)
@pytest.mark.parametrize(("text", "expected"), [
    ("my husband Tom is lovely", ("relationship", "partner:name", "Noor's husband's name is Tom")),
    ("I had lunch with my friend Sam", ("relationship", "friend:name", "Noor's friend's name is Sam")),
    ("we went to my daughter Sara's recital", ("relationship", "daughter:name", "Noor's daughter's name is Sara")),
])
def test_a_person_named_in_passing_gives_their_name(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)


@pytest.mark.parametrize("text", [
    "Is my son Leo too young for this?",  # a question
    "If my wife Ada got the job we'd move",  # a hypothetical
    "write my dad Bob a birthday poem",  # a request
    "My mum Jo always says 'my sister Kim is the best'",  # reported speech
    "my colleague Dan is lovely",  # not someone in the speaker's life the rules keep
    "I took my two boys Finn and Alfie to the zoo",  # several people: one name is not theirs
    "I called my sisters Ana and Eva",
])
def test_a_name_in_what_is_not_a_statement_stays_silent(text: str) -> None:
    assert not [f for f in facts(text) if f[1] and f[1].endswith(":name")]


def test_a_name_already_in_a_fact_is_not_said_twice() -> None:
    assert facts("my sister Ana is a nurse") == [("relationship", "sister:job", "Noor's sister Ana is a nurse")]


def test_a_deed_is_still_not_kept_but_the_name_is() -> None:
    assert facts("my son Jake has built two apps") == [("relationship", "son:name", "Noor's son's name is Jake")]
