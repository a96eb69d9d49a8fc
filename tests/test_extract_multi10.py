"""Long messages with several facts (issue 17, session 10): a fact is not lost beside the others of its message. A
dash before a new subject, a list after "I have", a second verb in the past, a subjectless milestone or plan, a date
opening the next statement, an eye-roll on an aside: each leaves the neighbouring statements to their readers."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory._extraction import ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor

AT = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)


def extract(text: str) -> list[tuple[str, str]]:
    msg = Message(role="user", content=text, name=None, id="m1", created_at=AT)
    return [(c.category, c.content) for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=AT))]


def has(facts: list[tuple[str, str]], category: str, *terms: str) -> bool:
    return any(c == category and all(t.lower() in content.lower() for t in terms) for c, content in facts)


@pytest.mark.parametrize("text,expected", [
    # a dash before a new subject starts a statement
    ("I'm Priya - I work as a nurse in Derby", [("identity", "Priya"), ("identity", "nurse")]),
    ("we moved here for my wife's job - I'm a stay at home dad now and I love running",
     [("preference", "running")]),
    # an eye-roll takes its aside only, or the piece it ends
    ("my sister is getting married in Rome in june (of course she is 🙄) and I'm a bridesmaid",
     [("plan", "sister", "married", "Rome")]),
    ("got made redundant 🙃 anyway I'm a welder in Hull", [("identity", "welder")]),
    # a second verb of the past shares the subject, the speaker's or a party's
    ("I was vegetarian for years and went vegan in 2021", [("constraint", "vegan")]),
    ("my dad has Parkinson's and moved into a care home last March",
     [("relationship", "dad", "Parkinson"), ("event", "dad", "care home")]),
    # a milestone or a plan said without its subject after the speaker's statement
    ("I've been learning Korean for a year, passed TOPIK 1 in may", [("goal", "Korean"), ("event", "TOPIK")]),
    ("I work in IT. thinking of going freelance next year", [("identity", "IT"), ("goal", "freelance")]),
    ("I'm coeliac and also trying to lose weight", [("constraint", "coeliac"), ("goal", "lose weight")]),
    # a frame before the statement
    ("In my spare time I do pottery", [("preference", "pottery")]),
    ("Good thing I love hiking", [("preference", "hiking")]),
    # each item of what the speaker has
    ("I've got asthma, a dodgy hip, and a bad back",
     [("constraint", "asthma"), ("constraint", "hip"), ("constraint", "back")]),
    ("i've got two cats, Miso and Tofu, and a very old tortoise called Gerald",
     [("relationship", "tortoise", "Gerald")]),
    # a consequence or a question after "so" leaves the statement before it whole
    ("I'm a welder so it makes sense", [("identity", "welder")]),
    ("my daughter Niamh is 2 so any tips for flying with a toddler?", [("relationship", "Niamh", "2")]),
    ("me & my husband run a pub in Kendal", [("identity", "pub")]),
    ("I'm a teacher, married to a chef", [("identity", "teacher"), ("identity", "married")]),
    ("we have a spaniel called Rosie who is a menace", [("relationship", "spaniel", "Rosie")]),
    ("me and my boyfriend Sam moved in together last month", [("relationship", "boyfriend Sam")]),
    ("I'm a single mum with two girls", [("identity", "single"), ("relationship", "two girls")]),
    ("My husband's Danish, I'm Irish", [("relationship", "husband", "Danish"), ("identity", "Irish")]),
    # a date may open the statement after "and"
    ("I ran Berlin last year and next year I want to do Tokyo", [("event", "Berlin"), ("goal", "Tokyo")]),
    ("we rescued a kitten yesterday!! her name is Pip", [("event", "kitten", "Pip")]),
])
def test_each_fact_of_a_long_message_is_kept(text: str, expected: list[tuple[str, ...]]) -> None:
    facts = extract(text)
    for category, *terms in expected:
        assert has(facts, category, *terms), (category, terms, facts)


def test_two_people_with_a_diet_and_its_exception_stay_apart() -> None:
    facts = extract("My wife is vegan but I eat meat")
    assert has(facts, "relationship", "wife", "vegan")
    assert not any("meat" in content and "wife" in content for _, content in facts), facts


def test_a_count_spelled_out_stays_one_fact() -> None:
    facts = extract("we have two dogs, a collie and a lab")
    assert facts == [("relationship", "The user has two dogs, a collie and a lab")]


@pytest.mark.parametrize("text,absent", [
    ("I'm a single mum with two jobs", "jobs"),  # with: only children are counted
    ("my son's Spanish teacher is strict", "son is Spanish"),  # a nationality only said last
    ("I want to lose 5 kilos before my brother's wedding in May", "brother is wedding"),  # a noun in -ing
])
def test_look_alikes_are_not_read(text: str, absent: str) -> None:
    assert not any(absent in content for _, content in extract(text)), extract(text)


@pytest.mark.parametrize("text", [
    "my friend's husband is thinking of quitting his job to open a food truck, which sounds insane - they've got "
    "three kids and a mortgage. what would you tell him",
    "did you see the finale?? I can't believe he just walked out like that - she was a chef the whole time, and the "
    "speech at the end had me in tears",
    "feeling a bit meh today - didn't sleep great and I've got that sunday evening dread already. anyway, how are you",
    "if I won the lottery I'd buy a castle in Scotland, get like 6 dogs and never work again lol - would you rather "
    "have a castle or a yacht",
])
def test_long_chatty_messages_without_a_lasting_fact_stay_silent(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize("text,expected", [
    # a laugh opening one sentence takes that sentence, not the message
    ("lol I'm such a coffee snob. I'm an architect in Shoreditch. trying to cut back to 2 a day",
     [("identity", "architect"), ("goal", "cut back")]),
    # a condition said like a diet stands beside the diet (the settle step keeps both)
    ("I'm diabetic and vegetarian", [("constraint", "diabetic"), ("constraint", "vegetarian")]),
    ("my mum is coeliac and vegan", [("relationship", "mum", "coeliac"), ("relationship", "mum", "vegan")]),
    ("I'm on a low FODMAP diet for my IBS", [("constraint", "FODMAP"), ("constraint", "IBS")]),
    # the owner of a thing is whom the next "she" stands for
    ("we moved to Auckland for my wife's job - she's a surgeon", [("relationship", "wife", "surgeon")]),
])
def test_guards_and_slots_leave_the_other_facts(text: str, expected: list[tuple[str, ...]]) -> None:
    facts = extract(text)
    for category, *terms in expected:
        assert has(facts, category, *terms), (category, terms, facts)


@pytest.mark.parametrize("text", [
    "lol I'm basically a professional procrastinator",
    "I'm basically a millionaire now. haha",
])
def test_a_joking_sentence_alone_stays_silent(text: str) -> None:
    assert extract(text) == []


def test_the_husband_of_a_sister_is_not_the_sister() -> None:
    facts = extract("my sister's husband is lovely - he's a chef")
    assert not any("sister is a chef" in content for _, content in facts), facts


@pytest.mark.parametrize("text,kept,dropped", [
    ("I'm a nurse. I'd love a yacht, jk. I have two kids", ["nurse", "two kids"], ["yacht"]),
    ("I live on the moon. Just kidding, I live in Leeds.", [], ["moon"]),
    ("I'm a nurse in Leeds and it feels as if I never sleep", ["nurse"], []),
])
def test_a_joke_takes_its_sentence_only(text: str, kept: list[str], dropped: list[str]) -> None:
    contents = " | ".join(content for _, content in extract(text))
    assert all(k in contents for k in kept), contents
    assert not any(d in contents for d in dropped), contents


def test_which_means_and_a_bare_school_go_on_with_their_subjects() -> None:
    facts = extract("So my partner Lee is a sous chef in Brighton, which means he works most weekends.")
    assert has(facts, "relationship", "Lee", "weekends"), facts
    assert has(extract("I'm 22, at college in Ohio"), "identity", "college"), extract("I'm 22, at college in Ohio")
