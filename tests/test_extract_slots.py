"""Extraction that understands real chat (issue 17): clauses and dropped subjects, people in the
speaker's life, the slot ontology, statements that end a fact, guards; then changes of mind
end to end through ``Memory`` on both Qdrant engines."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory import Memory
from agent_memory._consolidation import Neighbour, RuleConsolidator
from agent_memory._extraction import Candidate, Ending, ExtractionContext
from agent_memory._models import MemoryKind, MemoryRecord, Message, content_hash
from agent_memory._slots import SLOTS, canonical
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.testing import HashEmbedder

WED_8_MAY_2024 = datetime(2024, 5, 8, 10, 0, tzinfo=UTC)


def extract(text: str, *, name: str | None = "Rui", at: datetime = WED_8_MAY_2024):
    msg = Message(role="user", content=text, name=name, id="m1", created_at=at)
    return RuleExtractor().extract([msg], context=ExtractionContext(observed_at=at))


def facts(text: str, **kw) -> list[tuple[str | None, str | None, str]]:
    return [(c.category, c.attribute, c.content) for c in extract(text, **kw)]


# ------------------------------------------------------------------------------------- clauses


@pytest.mark.parametrize(("text", "expected"), [
    ("been living in Porto for ages now, teaching maths at a high school",
     [("identity", "location", "Rui lives in Porto"), ("identity", "job", "Rui teaches maths at a high school")]),
    ("just turned 41!", [("identity", "age", "Rui is 41 years old")]),
    ("I'm 29, originally from Cork but living in Berlin now",
     [("identity", "age", "Rui is 29 years old"), ("identity", "origin", "Rui is originally from Cork"),
      ("identity", "location", "Rui lives in Berlin")]),
    ("I'm a nurse, been doing nights at the children's hospital for three years",
     [("identity", "job", "Rui is a nurse"), ("constraint", "work schedule", "Rui works nights")]),
    ("Moved to Denver in January, still getting used to the altitude",
     [("identity", "location", "Rui lives in Denver")]),
    ("Nut allergy here, so please no recipes with almonds",
     [("constraint", "allergy:nuts", "Rui is allergic to nuts")]),
    ("Texting is the best way to reach me.", [("preference", "channel", "Rui prefers to be contacted by Texting")]),
])
def test_clauses_dropped_subjects_and_hedges(text, expected):
    assert facts(text) == expected


# ------------------------------------------------------------------------------------- people


@pytest.mark.parametrize(("text", "attribute", "content"), [
    ("My husband Marco is a firefighter.", "partner:job", "The user's husband Marco is a firefighter"),
    ("my son has asthma", "son:health:asthma", "The user's son has asthma"),
    ("our dog is called Biscuit", "dog:name", "The user's dog's name is Biscuit"),
    ("my sister Priya lives in Leeds", "sister:location", "The user's sister Priya lives in Leeds"),
    ("my mum's name is Rosa", "mother:name", "The user's mum's name is Rosa"),
    ("My boyfriend is from Nairobi", "partner:origin", "The user's boyfriend is originally from Nairobi"),
    ("My cat Luna is 14 now", "cat:age", "The user's cat Luna is 14 years old"),
])
def test_people_in_the_speakers_life_keep_the_relation_in_the_key(text, attribute, content):
    (c,) = extract(text, name=None)
    assert (c.category, c.attribute, c.content) == ("relationship", attribute, content)
    assert c.subject == "user"  # the fact belongs to the speaker's profile


def test_a_pronoun_continues_the_person_just_named():
    assert facts("My partner's name is Sam and she's a vet", name="Marta") == [
        ("relationship", "partner:name", "Marta's partner's name is Sam"),
        ("relationship", "partner:job", "Marta's partner Sam is a vet")]  # the name given is kept (convention)


def test_a_husband_and_a_partner_are_the_same_slot():
    (a,) = extract("My husband is a teacher.")
    (b,) = extract("My partner is a nurse.")
    assert a.attribute == b.attribute == "partner:job"


# ------------------------------------------------------------------------------------- slots and endings


@pytest.mark.parametrize(("first", "second", "slot"), [
    ("I prefer WhatsApp for messages", "I switched to Signal", "channel"),
    ("Please answer in Spanish.", "From now on please reply in English.", "language"),
    ("I'm 40.", "just turned 41!", "age"),
    ("I'm single.", "I got engaged last weekend!", "relationship"),
    ("I'm vegan.", "I'm not vegan anymore", "diet"),
    ("I'm on keto", "I'm no longer on keto", "diet"),
    ("My budget is 1000 euros", "Budget went up to 1500", "budget"),
    ("I'm 3 months sober", "5 months sober today!", "sobriety"),
    ("I work at the bank", "I no longer work at the bank", "job"),
    ("I'm a junior developer at Shopify", "Got promoted to senior developer!", "job"),
    ("My favourite book is Dune", "Honestly my favourite book now is Piranesi", "favorite:book"),
    ("My favourite colour is blue", "green is my favorite color now", "favorite:color"),
])
def test_a_change_of_mind_lands_on_the_same_slot(first, second, slot):
    (a,) = extract(first)
    (b,) = extract(second)
    assert a.attribute == b.attribute == slot


@pytest.mark.parametrize(("text", "ends"), [
    ("I left Oracle last spring.", Ending(attribute="job", value="Oracle")),
    ("Wrapped up my last day at Accenture today", Ending(attribute="job", value="Accenture")),
    ("I gave up guitar.", Ending(value="guitar")),
    ("I used to play the drums.", Ending(value="drums")),
    ("I switched from yoga to pilates", Ending(value="yoga")),
])
def test_statements_that_end_a_fact_name_what_they_end(text, ends):
    (c,) = extract(text)
    assert c.ends == ends


def test_used_to_is_a_past_fact_not_a_current_value():
    (c,) = extract("I used to play the drums.")
    assert c.content == "Rui used to play the drums" and c.attribute is None


def test_canonical_maps_synonyms_and_wordings_onto_the_ontology():
    assert canonical("employer") == canonical("Job title") == "job"
    assert canonical("preference:phone calls") == canonical("preference:emails") == "channel"
    assert canonical("favourite:colour now") == "favorite:color"
    assert canonical("hobby:play guitar") == "hobby:guitar" and canonical("habit:playing drums") == "habit:drums"
    assert canonical("husband:job") == canonical("wife:occupation") == "partner:job"
    assert canonical("name:daughter") == "daughter:name"
    assert canonical("port:server") == "port:server" and canonical(None) is None
    assert {"location", "job", "diet", "age", "relationship", "partner", "pets", "children", "channel",
            "language", "favorite:<category>"} <= set(SLOTS)


def _record(content: str, attribute: str | None) -> MemoryRecord:
    now = WED_8_MAY_2024
    return MemoryRecord(id=content_hash(content)[:8] + "-0000-0000-0000-000000000000", content=content,
                        kind=MemoryKind.PROFILE, created_at=now, updated_at=now, observed_at=now, valid_from=now,
                        hash=content_hash(content), attribute=attribute, last_seen_at=now, user_id="u")


def test_an_ending_supersedes_only_the_fact_that_names_its_value():
    google, oracle = _record("Rui works at Google", "job"), _record("Rui works at Oracle", "job")
    left = Candidate(content="Rui left Oracle in 2015", category="event", ends=Ending(attribute="job", value="Oracle"))
    rules = RuleConsolidator()
    assert rules.decide(left, [Neighbour(google, 1.0)]).action == "ADD"  # still at Google
    d = rules.decide(left, [Neighbour(google, 1.0), Neighbour(oracle, 1.0)])
    assert (d.action, d.target) == ("SUPERSEDE", oracle)


# ------------------------------------------------------------------------------------- guards, names, dates


@pytest.mark.parametrize("text", [
    "Can you tell me how to say 'I live in Madrid' in German?",
    "Translate 'I am a vegetarian and I love cats' into French.",
    "Write a short bio for me that says I'm a doctor in Boston.",
    "Draft a tweet: 'Just moved to Seattle, loving it!'",
    "I just LOVE Mondays 🙄", "Yeah right, like I'd ever run a marathon",
    "My friend said 'I'm moving to Canada next year'.", "She told me she's allergic to cats.",
    "In the story, the main character lives in Oslo and works as a chef.",
    "Unless it rains, we'll go hiking on Saturday.", "If I get the job, I'll move to Munich.",
    "lol I'm basically a professional napper at this point", "I'm totally a vampire, haha.",
])
def test_quotes_reports_requests_sarcasm_and_conditionals_yield_nothing(text):
    assert extract(text) == []


def test_a_date_the_resolver_cannot_read_whole_is_left_out_with_its_fact():
    assert extract("My exam is on the 22nd of in May.") == []


def test_names_keep_their_case():
    (c,) = extract("my girlfriend Lea is a teacher in Ghent", name="Zoe")
    assert c.content == "Zoe's girlfriend Lea is a teacher in Ghent"


@pytest.mark.parametrize(("text", "content"), [
    ("Flying to Montreal on the 22nd for a conference", "Rui is flying to Montreal on 22 May 2024 for a conference"),
    ("Just got back from Lisbon yesterday, amazing trip", "Rui got back from Lisbon on 7 May 2024"),
    ("My mom turns 70 next Saturday", "Rui's mom turns 70 on 18 May 2024"),
    ("I am flying to Rome on the 22nd of May.", "Rui is flying to Rome on 22 May 2024"),
    ("I have a dentist appointment on the 3rd.", "Rui has a dentist appointment on 3 June 2024"),
])
def test_relative_dates_resolve_fully_against_the_message_time(text, content):
    (c,) = extract(text)
    assert c.content == content
    assert " of in " not in c.content and "the 22nd" not in c.content


# ------------------------------------------------------------------------------------- end to end

CHANGES = [  # (turns said on different days, what must be current, what must no longer be current)
    ([("2023-01-10", "I live in Berlin."), ("2023-06-14", "We moved to Lisbon last month.")],
     {"Rui lives in Lisbon"}, {"Rui lives in Berlin"}),
    ([("2023-01-05", "I work at Oracle."), ("2024-06-02", "I left Oracle last spring.")],
     {"Rui left Oracle in spring 2024"}, {"Rui works at Oracle"}),
    ([("2023-01-05", "I work at Google."), ("2024-06-02", "I left Oracle in 2015.")],  # not the current job
     {"Rui works at Google", "Rui left Oracle in 2015"}, set()),
    ([("2023-01-05", "I'm vegan."), ("2023-07-01", "I'm not vegan anymore, I eat fish now.")],
     {"Rui is no longer vegan"}, {"Rui is vegan"}),
    ([("2022-01-05", "I play guitar."), ("2023-05-05", "I play the drums now, gave up guitar.")],
     {"Rui plays the drums", "Rui gave up guitar"}, {"Rui plays guitar"}),
    ([("2022-01-05", "My husband Marco is a firefighter."),
      ("2023-03-09", "My husband is a teacher now, he left the fire service")],
     {"Rui's husband is a teacher"}, {"Rui's husband Marco is a firefighter"}),
    ([("2021-02-01", "I'm 25"), ("2022-02-10", "I'm 26"), ("2023-02-12", "turned 27 last week")],
     {"Rui is 27 years old"}, {"Rui is 25 years old", "Rui is 26 years old"}),
]


@pytest.fixture(params=["edge", "client"])
def store(request, tmp_path):
    where = {"path": tmp_path / "s"} if request.param == "edge" else {"location": ":memory:"}
    with Memory(**where, embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        yield mem


@pytest.mark.parametrize(("turns", "current", "gone"), CHANGES)
def test_a_change_of_mind_leaves_exactly_the_latest_value_current(store, turns, current, gone):
    for day, text in turns:
        store.add([{"role": "user", "name": "Rui", "content": text}], user_id="rui", observed_at=f"{day}T10:00:00Z")
    now = {m.content for m in store.list(user_id="rui", kinds=["profile"]).items}
    assert current <= now and not (gone & now)
    everything = {m.content: m for m in store.list(user_id="rui", kinds=["profile"], include_superseded=True).items}
    for old in gone:  # superseded, not deleted: still readable with its validity interval
        assert everything[old].valid_to is not None and everything[old].superseded_by in {
            m.id for m in everything.values()}
