"""The rule extractor on families of the speaker's own phrasings read in session 8 (issue 17): a clause that goes on
about the speaker without a subject, a name said with its title or over another, a taste said through what the thing
is to the speaker, health and access in chat words, keeping in touch as no habit, a request that hands over material,
the channel wanted, past jobs and trades reached by training, living alone or back home in a place, languages spoken
with others, an activity as one's career, a change made today, tests passed or failed, habits said as a doing, forms,
the work wanted, an age said with what one does at it. Each reading has a look-alike that must stay silent or keep
its old reading."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory._extraction import Candidate, ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor

SUN_6_DEC = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def extract(text: str) -> list[Candidate]:
    msg = Message(role="user", content=text, name="Noor", id="m1", created_at=SUN_6_DEC)
    return RuleExtractor().extract([msg], context=ExtractionContext(observed_at=SUN_6_DEC))


def facts(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(c.category, c.attribute, c.content) for c in extract(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # a bare age and a gerund after the speaker's own clause are the speaker's
    ("I'm Bram, 52, running a bike shop in Ghent", ("identity", "age", "Noor is 52 years old")),
    ("I'm Bram, 52, running a bike shop in Ghent", ("identity", "job", "Noor runs a bike shop in Ghent")),
    ("I'm Sol, nurse, doing my midwifery course at night", ("identity", "education",
                                                            "Noor is doing a midwifery course at night")),
    # a subject dropped at the start still makes the speaker the subject of what follows
    ("Grew up in Hull, now a paramedic in York", ("identity", "job", "Noor is a paramedic in York")),
    ("left the bank in May, now freelancing as a copywriter", ("identity", "job", "Noor freelances as a copywriter")),
])
def test_a_clause_going_on_without_a_subject_is_the_speakers(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)


@pytest.mark.parametrize("text", [
    "I'm so tired, 3 hours of sleep, drinking my fourth coffee",  # a passing state, not a habit
    "I'm at the station, waiting for the last train",
    "I'm Bram, 52",  # no more than the name and the age
])
def test_a_clause_going_on_about_a_passing_state_says_nothing_of_the_speaker(text: str) -> None:
    assert not [f for f in facts(text) if f[1] in ("location", "job", "education") or f[0] == "preference"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Good evening, I am Mrs. Adeyemi, a retired midwife.", ("identity", "name", "Noor's name is Mrs. Adeyemi")),
    ("Good evening, I am Mrs. Adeyemi, a retired midwife.", ("identity", "job", "Noor is a retired midwife")),
    ("I go by Max, not Maximilian", ("identity", "name", "Noor goes by Max")),
    ("I'd rather be called Liz than Elizabeth", ("identity", "name", "Noor wants to be called Liz")),
])
def test_a_name_with_its_title_or_over_another(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)


def test_a_title_is_no_name_of_its_own() -> None:
    assert not [f for f in facts("I am Dr. Haddad") if f[2].endswith("is Dr")]
    assert ("identity", "name", "Noor's name is Dr. Haddad") in facts("I am Dr. Haddad")


@pytest.mark.parametrize(("text", "expected"), [
    ("salted caramel is my weakness", ("preference", "preference:salted caramel", "Noor loves salted caramel")),
    ("Columbo is my comfort watch", ("preference", "favorite:comfort watch", "Noor's comfort watch is Columbo")),
    ("been a lifelong Everton fan", ("preference", "preference:everton", "Noor is a big fan of Everton")),
    ("I'm a die-hard Saints supporter since I was six", ("preference", "preference:saints",
                                                           "Noor is a big fan of Saints")),
])
def test_a_taste_said_through_what_the_thing_is_to_the_speaker(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)


@pytest.mark.parametrize("text", [
    "my weakness in interviews is talking too fast",  # a trait named, no taste
    "that is my weakness",  # the thing in view
    "patience is not my strong suit",
])
def test_a_weakness_that_is_no_taste_says_nothing(text: str) -> None:
    assert not [f for f in facts(text) if f[0] == "preference"]


@pytest.mark.parametrize(("text", "expected"), [
    ("I have coeliac so pasta is a no", ("constraint", "health:coeliac", "Noor has coeliac")),
    ("I'm colourblind (red-green)", ("constraint", "health:colourblind", "Noor is colourblind")),
    ("I'm a wheelchair user, so step-free access please", ("constraint", "health:wheelchair user",
                                                            "Noor is a wheelchair user")),
    ("can't manage stairs since my fall", ("constraint", "accessibility:stairs", "Noor cannot manage stairs")),
])
def test_health_and_access_in_chat_words(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)


@pytest.mark.parametrize("text", [
    "I can't do the dinner on Friday, sorry",  # one occasion declined
    "can't do mornings this week, swamped",
    "can't do stairs today, my knee is playing up",  # a bad day, no lasting limit
])
def test_an_occasion_declined_is_no_constraint(text: str) -> None:
    assert not [f for f in facts(text) if f[0] == "constraint"]


@pytest.mark.parametrize("text", [
    "my dad lives in Porto and we call every sunday",
    "My nan is in a home now, I visit twice a week",
    "my best friend moved to Seoul, we facetime most days",
])
def test_keeping_in_touch_is_no_habit_of_the_speakers(text: str) -> None:
    assert not [f for f in facts(text) if f[0] == "preference"]


@pytest.mark.parametrize(("text", "expected"), [
    ("I usually swim on Tuesdays", "preference"),  # an activity of one's own, with no object, stays a habit
    ("we call my mum every sunday", "preference"),  # whom is said: kept as before
])
def test_a_habit_of_ones_own_stays(text: str, expected: str) -> None:
    assert expected in [f[0] for f in facts(text)]


@pytest.mark.parametrize("text", [
    "Please translate into German: I live in Graz with my husband.",
    "Can you proofread this for me: I am a chartered surveyor with a passion for old buildings.",
    "rewrite this more politely: im Joe and i hate waiting",
])
def test_a_request_ending_in_a_colon_hands_over_material(text: str) -> None:
    assert facts(text) == []


def test_a_colon_after_a_preamble_still_leads_into_statements() -> None:
    assert ("constraint", "diet", "Noor is vegan") in facts("Quick note: I'm vegan, so no dairy please")
    assert ("identity", "job", "Noor works as a pharmacist in Leeds") in facts("Background: I work as a pharmacist "
                                                                                "in Leeds.")


@pytest.mark.parametrize(("text", "expected"), [
    ("I'm partially sighted so please no voice notes", ("preference", "avoid:voice notes",
                                                         "Noor does not want voice notes")),
    ("please no video calls", ("preference", "avoid:video calls", "Noor does not want video calls")),
    ("texts are way better for me than calls", ("preference", "channel", "Noor prefers texts")),
    ("back to email please", ("preference", "channel", "Noor prefers email")),
])
def test_the_channel_the_speaker_wants(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)


@pytest.mark.parametrize("text", [
    "the 9am slot is better for me",  # no channel
    "I'm vegan so please no recipes with honey",  # a request for this answer, not a channel
    "no calls today, I'm in meetings",  # today only
])
def test_a_slot_or_a_request_is_no_channel(text: str) -> None:
    assert not [f for f in facts(text) if f[1] == "channel" or (f[1] or "").startswith("avoid:")
                and "call" in f[2]]


@pytest.mark.parametrize(("text", "expected"), [
    ("I was a postie for nine years before.", ("fact", None, "Noor was a postie for nine years")),
    ("Worked as a ski instructor in Austria for three winters", (
        "fact", None, "Noor worked as a ski instructor in Austria for three winters")),
    ("after years in sales I retrained as an electrician", ("identity", "job", "Noor is an electrician")),
    ("I qualified as a solicitor in March", ("identity", "job", "Noor is a solicitor")),
])
def test_a_past_job_and_a_trade_reached_by_training(text: str, expected: tuple[str | None, str | None, str]) -> None:
    assert expected in facts(text)


@pytest.mark.parametrize("text", [
    "I worked as hard as I could on that project",
    "I trained as hard as anyone",
])
def test_working_hard_is_no_job(text: str) -> None:
    assert not [f for f in facts(text) if f[1] == "job" or f[0] == "fact"]


@pytest.mark.parametrize(("text", "expected"), [
    ("I live alone in a flat in Tartu", [("relationship", "household", "Noor lives alone"),
                                         ("identity", "location", "Noor lives in Tartu")]),
    ("been living on my own near Bergen since the divorce", [("identity", "location", "Noor lives near Bergen")]),
])
def test_living_alone_in_a_place_is_the_place_too(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = facts(text)
    assert all(e in got for e in expected), got


def test_living_alone_without_a_place_keeps_one_fact() -> None:
    assert facts("I live alone, it's quiet") == [("relationship", "household", "Noor lives alone")]


@pytest.mark.parametrize(("text", "expected"), [
    ("at home we mostly speak Tamil", ("identity", "languages", "Noor speaks Tamil")),
    ("we speak Dutch with the kids", ("identity", "languages", "Noor speaks Dutch with the kids")),
    ("I mainly speak Welsh at work", ("identity", "languages", "Noor speaks Welsh at work")),
])
def test_a_language_spoken_with_others_or_somewhere(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)


def test_speaking_the_same_language_names_none() -> None:
    assert not [f for f in facts("we speak the same language, you and me") if f[1] == "languages"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Teaching is my second career", ("identity", "job", "Noor's career is Teaching")),
    ("plumbing is my trade", ("identity", "job", "Noor's trade is plumbing")),
])
def test_an_activity_named_as_the_speakers_work(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)


@pytest.mark.parametrize("text", ["this project is my job until Friday", "the dishes are my job tonight"])
def test_a_task_called_a_job_is_no_work(text: str) -> None:
    assert not [f for f in facts(text) if f[1] == "job"]


@pytest.mark.parametrize(("text", "expected"), [
    ("got promoted to charge nurse today!!", ("identity", "job", "Noor was promoted to charge nurse")),
    ("officially a chartered engineer as of this morning", ("identity", "job", "Noor is a chartered engineer")),
])
def test_a_change_that_happened_today_lasts(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)


@pytest.mark.parametrize("text", ["I was so tired today", "I hate my job today", "I work from home today"])
def test_a_passing_state_today_stays_silent(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(("text", "place"), [
    ("moved back in w/ my dad in Lagos to save money", "Noor lives in Lagos"),
    ("I just moved back home with my parents in Cluj", "Noor lives in Cluj"),
])
def test_moving_back_in_with_someone_in_a_place(text: str, place: str) -> None:
    assert ("identity", "location", place) in facts(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("passed my bar exam!!!", ("event", None, "Noor passed their bar exam")),
    ("bro i just failed my driving test for the 3rd time", (
        "event", None, "Noor failed their driving test for the 3rd time")),  # an ordinal of a count is no date
])
def test_a_test_passed_or_failed_said_bare(text: str, expected: tuple[str, str | None, str]) -> None:
    assert expected in facts(text)


@pytest.mark.parametrize("text", [
    "passed the salt to my dad", "failed the vibe check", "it's my 3rd time asking this, why is my code slow",
])
def test_passing_things_and_counting_tries_is_no_event(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("hiking in the Dales most weekends", ("preference", "habit:hike", "Noor hikes in the Dales most weekends")),
    ("I'm swimming three times a week now", ("preference", "habit:swim", "Noor swims three times a week")),
    ("coding little games every evening", ("preference", "habit:code little games",
                                           "Noor codes little games every evening")),
])
def test_a_habit_said_as_a_doing_with_how_often(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)


@pytest.mark.parametrize("text", [
    "waiting for the bus every morning is the worst",  # a verdict, not a habit
    "running late every morning this week",
    "I'm working every weekend this month",  # for now
])
def test_a_passing_doing_is_no_habit(text: str) -> None:
    assert not [f for f in facts(text) if f[0] == "preference"]


def test_a_self_description_written_as_a_form() -> None:
    got = facts("Name: Ines. Age: 44. Job: sound engineer. Hobbies: sailing, allergies: latex")
    assert ("identity", "name", "Noor's name is Ines") in got
    assert ("identity", "age", "Noor is 44 years old") in got
    assert ("identity", "job", "Noor works as a sound engineer") in got
    assert ("constraint", "allergy:latex", "Noor is allergic to latex") in got
    assert any(f[0] == "preference" and "sailing" in f[2] for f in got)


@pytest.mark.parametrize("text", [
    "Subject: meeting notes. Location: room 4B",  # another kind of form
    "Location: tbd, age: unknown",  # no place, no age
    "Re: your question - name: the project is called Atlas",
])
def test_a_form_of_another_kind_says_nothing_of_the_speaker(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("I want a job in wildlife conservation", ("goal", "goal:career", "Noor wants job in wildlife conservation")),
    ("I'm a cashier and want something in accounting", ("goal", "goal:career", "Noor wants something in accounting")),
])
def test_the_work_the_speaker_wants(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text)


@pytest.mark.parametrize("text", ["I want something sweet after dinner", "I want something in blue for the party"])
def test_wanting_a_thing_is_no_career_goal(text: str) -> None:
    assert not [f for f in facts(text) if f[1] == "goal:career"]


def test_a_past_job_said_with_worked_as() -> None:
    assert ("fact", None, "Noor worked as a lifeguard in Bondi") in facts("I worked as a lifeguard in Bondi")
    assert not [f for f in facts("I worked as much as I could last summer") if f[0] == "fact"]


@pytest.mark.parametrize(("text", "age"), [
    ("I'm learning to drive at 38, wish me luck", "Noor is 38 years old"),
    ("going back to college at 45 to retrain", "Noor is 45 years old"),
])
def test_an_age_said_with_what_one_is_doing_at_it(text: str, age: str) -> None:
    assert ("identity", "age", age) in facts(text)


@pytest.mark.parametrize("text", ["I'm retiring at 60 if all goes to plan", "I'm running at 12 km/h on the treadmill",
                                  "starting at 9 tomorrow"])
def test_an_age_ahead_or_a_speed_is_no_age(text: str) -> None:
    assert not [f for f in facts(text) if f[1] == "age"]


@pytest.mark.parametrize("text", [
    "can you fill in this form: Name: Oskar, Age: 27",  # the form is the material of a request
    "complete this sentence: I am a nurse",
])
def test_a_form_or_a_sentence_handed_over_is_material(text: str) -> None:
    assert facts(text) == []


def test_a_bare_adjective_opening_a_statement_is_no_request() -> None:
    got = facts("Complete beginner here, I'm learning Python")
    assert ("goal", "learning:python", "Noor is learning Python") in got


def test_tails_that_add_nothing_go_together() -> None:
    assert facts("Im a nurse too actually") == [("identity", "job", "Noor is a nurse")]
