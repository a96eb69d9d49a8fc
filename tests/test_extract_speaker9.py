"""The rule extractor on the speaker's short chat forms read in session 9 (issue 17, ``rules/openers.py``): a goal,
plan, taste, language or home said without its subject, years spent in a role, a past job or home packed into a
"when" clause, a year of birth before the place, a food one could live on, a preference said bare with "always", a
shift one is on, food groups left out in a list, a thing owned named by its make, and the hypothetical and fiction
frames that keep a statement from being the speaker's. Each reading has a look-alike that must stay silent."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory._extraction import Candidate, ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor

SUN_6_DEC = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def extract(text: str) -> list[Candidate]:
    msg = Message(role="user", content=text, id="m1", created_at=SUN_6_DEC)
    return RuleExtractor().extract([msg], context=ExtractionContext(observed_at=SUN_6_DEC))


def facts(text: str) -> list[tuple[str, str]]:
    return [(c.category, c.content) for c in extract(text)]


@pytest.mark.parametrize(("text", "category", "needle"), [
    # a goal without its subject, after "trying to" and a goal verb
    ("honestly trying to pass my accountancy exams before summer", "goal", "accountancy exams"),
    ("seriously trying to quit vaping, day 4", "goal", "quit vaping"),
    # a plan without its subject, with its date
    ("gonna visit my uncle in Accra in march", "plan", "Accra"),
    # a taste or a language without its subject
    ("super into birdwatching these days", "preference", "birdwatching"),
    ("speak some Greek from my grandparents", "identity", "Greek"),
    # an interjection before such a form is tone
    ("meh, been vegetarian for ages so no change there", "constraint", "vegetarian"),
    # a home held for a while, said bare
    ("been in Glasgow for ten years, love it", "identity", "Glasgow"),
    # years spent in a role: a past job
    ("spent twenty years as a firefighter before my knees went", "fact", "firefighter"),
    ("I spent 6 years as a nurse in Riyadh", "fact", "nurse"),
    # a past job or home in a "when" clause
    ("back when we lived in Nairobi we had a huge garden", "fact", "Nairobi"),
    ("when I was a chef I worked every weekend", "fact", "chef"),
    # the place of birth after its year
    ("I was born in 1978 in Valparaíso", "identity", "Valparaíso"),
    # a food one could live on
    ("I could happily eat dumplings every single day", "preference", "dumplings"),
    # one thing over another, "always"
    ("trains over planes always", "preference", "trains"),
    # a shift one is on or does
    ("I'm on the late shift at the depot", "constraint", "late shifts"),
    ("I do nights at the care home", "constraint", "night"),
    # food groups left out, listed
    ("no pork, no shellfish, otherwise anything goes", "constraint", "pork"),
    # a thing owned named by its make, after how old it is
    ("my laptop is a battered ThinkPad from 2015", "fact", "ThinkPad"),
    ("we have a trusty old Volvo estate", "fact", "Volvo"),
    ("got a beat-up Fiat that my dad gave me", "fact", "Fiat"),
])
def test_speaker_short_forms(text: str, category: str, needle: str) -> None:
    found = facts(text)
    assert any(cat == category and needle in content for cat, content in found), found


@pytest.mark.parametrize("text", [
    # "trying to" the task of the moment, "gonna" without a date: the moment, no goal or plan
    "trying to get this printer to work, any idea?",
    "trying to write a toast for my friend's wedding",
    "gonna grab a coffee brb",
    # "into" a place or a thing, not a taste
    "into the oven it goes",
    # the chores of a day, a stay since a weekday
    "gonna try that new ramen place tomorrow",
    "been in Paris since Tuesday for meetings",
    # "been in" a place for a stretch of the moment: a visit
    "been in Rome all week for a conference",
    # "when I was a kid": a time of life, not a past state
    "when I was a kid I broke my arm falling off a trampoline",
    # an exaggeration of hunger, not a taste
    "so hungry I could eat a whole cow",
    # what goes in a cup is no diet
    "flat white please, no sugar",
    # a thing named by a mood, not its make
    "my phone is a nightmare lately",
    # a life that is not this one, a fiction being written
    "in another life I would have been a marine biologist",
    "I'd love to be a racing driver in a parallel universe",
    "writing a novel where the hero is a 50 year old plumber from Leeds",
    "my protagonist is vegan and lives in Oslo",
])
def test_speaker_short_forms_silent(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(("text", "category", "needle"), [
    # a part of the body that has been bad, a budget said bare, a thing one has not
    ("my shoulder's been dodgy since the crash", "constraint", "bad shoulder"),
    ("we're on a super strict budget", "constraint", "budget"),
    ("budget roughly 800 for the whole trip", "constraint", "800"),
    ("dont own a telly, never have", "constraint", "telly"),
    # a job left for another is the new job
    ("after years in retail I left to become a paramedic", "identity", "paramedic"),
    # a faith stated before what follows from it
    ("I'm jewish so kosher only please", "identity", "jewish"),
    # a softener after "not"
    ("I'm not exactly a dog person", "preference", "not a dog person"),
])
def test_speaker_short_forms_more(text: str, category: str, needle: str) -> None:
    found = facts(text)
    assert any(cat == category and needle in content for cat, content in found), found


@pytest.mark.parametrize(("text", "home"), [
    ("I'm a dental nurse in Swansea", "Swansea"),
    ("I work as a chef at a small bistro in Ghent", "Ghent"),
    ("im a phd student in Uppsala studying fungi", "Uppsala"),
])
def test_the_place_of_work_named_with_the_job_is_home(text: str, home: str) -> None:
    assert ("identity", f"The user lives in {home}") in facts(text)


@pytest.mark.parametrize("text", [
    # home said otherwise, a stay, no job
    "I work remotely for an agency in Berlin",
    "I live in Derby and work as a nurse in Nottingham",
    "I'm a nurse in Leeds this week, covering for a friend",
    "I'm a big fan in Leeds",
    "my sister is a nurse in Leeds",
    # a ward, a department, a language: no place
    "I work as a nurse in ICU",
    "I'm an analyst in Finance",
    "I'm a developer in Python mostly",
])
def test_no_home_read_from_a_place_of_work(text: str) -> None:
    assert not any(content.startswith("The user lives in") and "Derby" not in content for _, content in facts(text))


@pytest.mark.parametrize(("text", "category", "needle"), [
    # the work towards a goal, a past doing, a past role, a bad joint: all without the subject
    ("still hoping to qualify as a solicitor next year", "goal", "qualify as a solicitor"),
    ("revising for my driving theory test", "goal", "driving theory test"),
    ("served in the RAF for twelve years", "fact", "RAF"),
    ("booked a cabin in the Highlands for Easter", "plan", "cabin in the Highlands"),
    ("got a gammy shoulder from rowing", "constraint", "bad shoulder"),
    ("retired plumber, 71, live near Truro", "identity", "retired plumber"),
    ("former librarian here", "fact", "used to be a librarian"),
    # a subject studied, with where and when
    ("studied pharmacy in Lagos", "identity", "studied pharmacy in Lagos"),
    ("I studied architecture at Delft back in 2011", "identity", "studied architecture at Delft"),
])
def test_speaker_short_forms_past_and_goals(text: str, category: str, needle: str) -> None:
    found = facts(text)
    assert any(cat == category and needle in content for cat, content in found), found


@pytest.mark.parametrize("text", [
    "I studied for hours last night and still failed",
    "studied hard, passed nothing lol",
    "hoping to see you soon!",
    "former teachers often make great tutors",
])
def test_speaker_short_forms_past_and_goals_silent(text: str) -> None:
    found = facts(text)
    assert not any(cat in ("identity", "goal", "fact") for cat, _ in found), found


@pytest.mark.parametrize(("text", "expected"), [
    # a tone word or a verdict at the end, a consequence after "so": no part of the statement
    ("I'm thinking of retraining as a nurse ngl, the pay is awful where I am",
     ("goal", "The user is considering retraining as a nurse")),
    ("been doing pilates for a year, it has helped my back loads",
     ("preference", "The user has been doing pilates for a year")),
    ("we have two dogs so walks are non-negotiable", ("relationship", "The user has two dogs")),
    # a drink one only has, and joints that are going
    ("only drink oat lattes these days", ("preference", "The user prefers oat lattes")),
    ("my hips have been playing up for years", ("constraint", "The user has bad hips")),
])
def test_speaker_statement_without_its_tail(text: str, expected: tuple[str, str]) -> None:
    assert expected in facts(text)


def test_a_diet_said_with_only_stays_a_diet() -> None:
    assert all(cat != "preference" for cat, _ in facts("I only eat kosher"))


@pytest.mark.parametrize(("text", "needle"), [
    ("my ThinkPad keeps overheating, should I repaste it?", "ThinkPad"),
    ("ugh my old Golf won't start again", "Golf"),
])
def test_a_device_or_car_in_a_complaint_is_owned(text: str, needle: str) -> None:
    assert any(cat == "fact" and needle in content for cat, content in facts(text)), facts(text)


@pytest.mark.parametrize("text", [
    "my friend's iPhone keeps crashing",
    "does the new Pixel have a headphone jack?",
])
def test_a_device_not_the_speakers_is_not_owned(text: str) -> None:
    assert not any(content.startswith("The user has") for _, content in facts(text)), facts(text)


def test_aids_worn_or_needed_are_constraints() -> None:
    assert ("constraint", "The user uses hearing aids in both ears") in facts("I wear hearing aids in both ears")
    assert any(cat == "constraint" and "contact lenses" in c for cat, c in facts("I need contact lenses to drive"))


@pytest.mark.parametrize("text", ["I'm a really bad driver lol", "honestly I'm an awful singer", "I'm a decent cook"])
def test_how_good_one_is_at_a_thing_is_no_job(text: str) -> None:
    assert not any(cat == "identity" for cat, _ in facts(text)), facts(text)


def test_a_degree_done_without_the_subject() -> None:
    assert any(cat == "identity" and "Aberdeen" in c for cat, c in facts("did my masters in Aberdeen, loved it"))


@pytest.mark.parametrize(("text", "expected"), [
    ("my biggest passion is free diving", ("preference", "The user loves free diving")),
    ("my hobby is to collect vinyl", ("preference", "The user likes to collect vinyl")),
    ("honestly can't live without my kindle", ("preference", "The user loves their kindle")),
    ("garlic gives me migraines", ("constraint", "The user does not eat or drink garlic")),
    ("two years clean next week", ("constraint", "The user has been sober for two years")),
    ("I'm obsessed with bouldering atm", ("preference", "The user is a big fan of bouldering")),
])
def test_tastes_and_limits_in_chat_words(text: str, expected: tuple[str, str]) -> None:
    assert expected in facts(text), facts(text)


@pytest.mark.parametrize("text", ["I can't live without you 😭", "my hobby is sleeping lol",
                                  "this pizza makes me sick"])
def test_tastes_and_limits_look_alikes(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(("text", "category", "needle"), [
    # what lies ahead, said without the subject, with its date
    ("got a dentist appointment next tuesday ugh", "plan", "dentist appointment"),
    ("quitting my job in january!!", "plan", "quitting their job"),
    ("just booked our honeymoon for september", "plan", "honeymoon"),
    ("seriously considering retraining as an electrician", "goal", "retraining as an electrician"),
    ("saving up for a campervan", "goal", "campervan"),
])
def test_what_lies_ahead_without_the_subject(text: str, category: str, needle: str) -> None:
    found = facts(text)
    assert any(cat == category and needle in content for cat, content in found), found


@pytest.mark.parametrize("text", [
    "thinking about ordering a pizza",
    "moving is so stressful",
])
def test_what_lies_ahead_look_alikes(text: str) -> None:
    assert facts(text) == []


def test_an_appointment_behind_us_stays_an_event() -> None:
    assert all(cat != "plan" for cat, _ in facts("got a scan last week, all clear"))


@pytest.mark.parametrize(("text", "expected"), [
    # misspellings of diet and allergy words, a learner's word order
    ("Im vegeterian since uni", ("constraint", "The user is vegetarian")),
    ("allergick to latex btw", ("constraint", "The user is allergic to latex")),
    ("I have an allergy of shellfish", ("constraint", "The user is allergic to shellfish")),
    ("I am teach in a primary school", ("identity", "The user teaches in a primary school")),
    ("I am architect", ("identity", "The user is an architect")),
    ("wanna visit Peru before I turn 40", ("goal", "The user wants to visit Peru before they turn 40")),
    ("I'm 52, run a little bakery in Ypres", ("identity", "The user runs a little bakery in Ypres")),
])
def test_learner_and_typo_forms(text: str, expected: tuple[str, str]) -> None:
    assert expected in facts(text), facts(text)


@pytest.mark.parametrize("text", ["I am architect of my own misfortune", "run a bath for me"])
def test_learner_forms_look_alikes(text: str) -> None:
    assert not any(cat == "identity" for cat, _ in facts(text)), facts(text)


def test_no_home_read_from_an_employer_after_in() -> None:
    assert not any(c.startswith("The user lives in") for _, c in facts("I work as a tester in Nordic Systems"))


@pytest.mark.parametrize(("text", "expected"), [
    ("third year of medicine, so tired", ("identity", "The user is in their third year of medicine")),
    ("still doing an apprenticeship as a joiner", ("identity", "The user is doing a joiner apprenticeship")),
    ("me and my wife are both nurses", ("identity", "The user is a nurse")),
    ("we're both vegetarian fyi", ("constraint", "The user is vegetarian")),
])
def test_courses_and_what_both_are(text: str, expected: tuple[str, str]) -> None:
    assert expected in facts(text), facts(text)


def test_what_both_feel_is_nothing() -> None:
    assert facts("we're both knackered after the move") == []


@pytest.mark.parametrize("text", ["speak French to me please", "my Tesla shares keep dropping lol"])
def test_requests_and_shares_are_no_facts(text: str) -> None:
    assert facts(text) == []
