"""Changes of mind found on change cases written apart from the rules (issue 17, session 9, changes9): a
product used one at a time keyed by its class, not its wording ("uses Spotify" then "Apple Music is my
thing"), a switch told through the product alone ("on Bumble now"), and a correction of a value said before
("actually it's Porto not Lisbon"). Each reading beside look-alikes that must stay silent, then end to end
through a real ``Memory``: the old value stops being current."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory import Memory
from agent_memory._extraction import ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.rules.corrections import corrections
from agent_memory.testing import HashEmbedder

from .turns import current, say

T0 = datetime(2025, 9, 2, 10, 0, tzinfo=UTC)


def facts(text: str) -> list[tuple[str | None, str | None, str]]:
    msg = Message(role="user", content=text, id="m1", created_at=T0)
    return [(c.category, c.attribute, c.content)
            for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0))]


# ------------------------------------------------------------------------------------------- products

@pytest.mark.parametrize(("text", "slot", "value"), [
    ("we're back on Deezer", "tool:music", "Deezer"),
    ("switched over to Revolut, so much easier", "tool:bank", "Revolut"),
    ("Lidl for the weekly shop these days", "tool:groceries", "Lidl"),
    ("went with a OnePlus this time", "phone", "OnePlus"),
    ("mostly on grindr", "tool:dating", "Grindr"),
    ("I bank with Starling", "tool:bank", "Starling"),
])
def test_a_switch_told_through_the_product_is_its_class(text: str, slot: str, value: str) -> None:
    assert any(a == slot and value in c for _, a, c in facts(text)), facts(text)


@pytest.mark.parametrize("text", [
    "I'm on edge about the interview",
    "went with the flow this time",
    "I'm on nights this week",
    "switched to decaf",
    "Safari for the honeymoon, then Zanzibar",
    "went with Max this time, he knows the area",
])
def test_no_product_no_product_fact(text: str) -> None:
    assert not any((a or "").startswith("tool:") or a == "phone" for _, a, _c in facts(text)), facts(text)


@pytest.mark.parametrize(("text", "slot"), [
    ("I love Tidal", "tool:music"),
    ("I use Evernote for everything", "tool:notes"),
])
def test_a_liking_for_a_product_is_keyed_by_its_class(text: str, slot: str) -> None:
    assert slot in {a for _, a, _c in facts(text)}, facts(text)


@pytest.mark.parametrize("text", ["I hate Spotify", "my husband uses Monzo"])
def test_a_product_spoken_against_or_someone_elses_keeps_its_own_key(text: str) -> None:
    assert not any(a == "tool:music" or a == "tool:bank" for _, a, _c in facts(text)), facts(text)


def test_a_new_product_of_a_class_supersedes_the_old_one(tmp_path) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u1", [("2024-01-10", "I use Evernote for all my notes"), ("2024-09-10", "Logseq for notes now")])
        say(mem, "u2", [("2024-01-10", "I do my big shop at Sainsbury's"), ("2024-09-10", "on Ocado these days")])
        say(mem, "u3", [("2024-01-10", "I use Firefox"), ("2024-09-10", "I love Spotify")])
        one, two, three = current(mem, "u1"), current(mem, "u2"), current(mem, "u3")
    assert any("Logseq" in c for c in one) and not any("Evernote" in c for c in one), one
    assert any("Ocado" in c for c in two) and not any("Sainsbury" in c for c in two), two
    assert any("Firefox" in c for c in three) and any("Spotify" in c for c in three), three  # two classes


# ---------------------------------------------------------------------------------------- corrections

@pytest.mark.parametrize(("text", "expected"), [
    ("sorry, it's Capgemini not Accenture", [("Capgemini", "Accenture")]),
    ("oops that's Friday, not Monday", [("Friday", "Monday")]),
    ("correction: the flat is 42 not 24", [("42", "24")]),
])
def test_a_correction_names_the_right_and_the_wrong_value(text: str, expected: list[tuple[str, str]]) -> None:
    assert list(corrections(text)) == expected


@pytest.mark.parametrize("text", [
    "I go by Kit, not Katherine",  # no cue: a plain statement
    "actually it's Tuesday, not March",  # not one kind of value
    "sorry, it's not bad at all",
    "actually it is what it is, not my problem",
])
def test_no_correction_without_a_cue_and_two_values_of_one_kind(text: str) -> None:
    assert list(corrections(text)) == []


def test_a_correction_puts_the_fact_that_named_the_wrong_value_right(tmp_path) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u1", [("2024-03-01", "I work at Accenture"),
                        ("2024-03-02", "sorry, typo: it's Capgemini, not Accenture")])
        say(mem, "u2", [("2024-03-01", "my son is called Jack"), ("2024-03-02", "whoops, it's Jake not Jack 🙈")])
        one, two = current(mem, "u1"), current(mem, "u2")
        history = [m.content for m in mem.list(user_id="u1", kinds=["profile"], include_superseded=True).items]
    assert any("Capgemini" in c for c in one) and not any("Accenture" in c for c in one), one
    assert any("Jake" in c for c in two) and not any("Jack" in c for c in two), two
    assert any("Accenture" in c for c in history)  # the wrong value is superseded, not deleted


def test_a_correction_of_nothing_known_stores_nothing(tmp_path) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u1", [("2024-03-01", "I live in Leeds"), ("2024-03-02", "actually it's Oslo not Bergen")])
        now = current(mem, "u1")
    assert now == {"The user lives in Leeds"}, now


# ------------------------------------------------------------------------- reasons first, particles, counts

@pytest.mark.parametrize(("text", "expected"), [
    ("because of the baby we moved out to Didsbury", ("identity", "location", "The user lives in Didsbury")),
    ("due to the commute we moved down to Kent", ("identity", "location", "The user lives in Kent")),
    ("since we got the dog I walk to work", ("preference", "habit:commute", "The user walks to work")),
    ("finally 21!", ("identity", "age", "The user is 21 years old")),
    ("down to one dog now", ("relationship", "pets", "The user has one dog")),
])
def test_a_change_said_after_its_reason_or_as_a_milestone_is_read(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text), facts(text)


@pytest.mark.parametrize("text", [
    "because of the rain we stayed in",
    "I moved up to the senior squad",
    "finally 30 minutes of peace",
    "down to two meetings a week",
    "quit while I was ahead",
])
def test_look_alikes_of_a_reason_a_milestone_or_a_move_stay_silent(text: str) -> None:
    assert not any(a in ("location", "age", "pets") or (a or "").startswith("hobby") for _, a, _c in facts(text)), \
        facts(text)


def test_quit_without_a_subject_ends_a_pastime_but_leaves_jobs_and_habits_to_their_rules() -> None:
    msg = Message(role="user", content="quit karate last spring", id="m1", created_at=T0)
    (cand,) = RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0))
    assert cand.ends is not None and cand.ends.value == "karate"
    assert ("preference", "job", "The user gave up their job") not in facts("quit my job, finally")
    assert not any("gave up smoking" in c for _, _a, c in facts("quit smoking in May"))


def test_a_new_count_or_a_loss_ends_the_old_count_of_pets(tmp_path) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u1", [("2024-01-10", "I've got 4 chickens"), ("2024-09-10", "we're down to three chickens")])
        say(mem, "u2", [("2024-01-10", "we have two guinea pigs and a dog"),
                        ("2024-09-10", "lost both of our guinea pigs in the winter")])
        say(mem, "u3", [("2024-01-10", "I have a dog"), ("2024-09-10", "I have a cat")])
        one, two, three = current(mem, "u1"), current(mem, "u2"), current(mem, "u3")
    assert any("three chickens" in c for c in one) and not any("4 chickens" in c for c in one), one
    assert not any("has two guinea pigs" in c for c in two) and any("dog" in c for c in two), two
    assert any("dog" in c for c in three) and any("cat" in c for c in three), three  # two members of a set


# --------------------------------------------------------------------------------------- plans called off

@pytest.mark.parametrize(("text", "content"), [
    ("Iceland is off sadly", "The user is no longer going to Iceland"),
    ("we've shelved the Dubai move", "The user is no longer moving to Dubai"),
    ("had to cancel the trip to Sicily", "The user is no longer going to Sicily"),
    ("we called off the reunion", "The user no longer has the reunion planned"),
])
def test_a_plan_called_off_is_read_with_a_past_marker(text: str, content: str) -> None:
    assert ("plan", None, content) in facts(text), facts(text)


@pytest.mark.parametrize("text", ["the heating is off", "Tuesday is off for me", "the deal is off", "school is off"])
def test_what_is_off_without_a_place_or_a_plan_ends_nothing(text: str) -> None:
    msg = Message(role="user", content=text, id="m1", created_at=T0)
    assert not any(c.ends for c in RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0)))


def test_a_plan_called_off_ends_the_plan_that_named_it(tmp_path) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u1", [("2025-01-05", "I live in Bath"), ("2025-01-06", "we're flying to Iceland in March"),
                        ("2025-02-01", "Iceland is off, work got crazy")])
        now = current(mem, "u1")
    assert not any("Iceland" in c and "no longer" not in c for c in now), now
    assert "The user lives in Bath" in now


# ------------------------------------------------------------------------------- returns and new subjects

@pytest.mark.parametrize(("text", "expected"), [
    ("back home in Galway since the spring", ("identity", "location", "The user lives in Galway")),
    ("picked up Korean last month", ("goal", "learning:korean", "The user is learning Korean")),
    ("traded the Skoda in for a hybrid, a Toyota Yaris", ("fact", "car", "The user drives a Toyota Yaris")),
])
def test_a_return_a_language_taken_up_or_a_car_traded_is_read(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text), facts(text)


@pytest.mark.parametrize("text", ["back in Paris yesterday", "I'm back in Rome next week", "back in June",
                                  "started French toast for breakfast"])
def test_a_visit_or_a_look_alike_is_no_return_or_language(text: str) -> None:
    assert not any(a in ("location",) or (a or "").startswith("learning:") for _, a, _c in facts(text)), facts(text)


# ------------------------------------------------------------ when one is awake, a new thing and its ending

@pytest.mark.parametrize(("text", "expected"), [
    ("early bird these days", ("preference", "habit:sleep", "The user is an early bird")),
    ("I'm a total night owl", ("preference", "habit:sleep", "The user is a night owl")),
    ("climbing's my new passion", ("preference", "hobby:climbing", "The user loves climbing")),
])
def test_a_chronotype_and_a_new_passion_are_read(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text), facts(text)


def test_an_ending_told_after_the_new_value_is_read_as_well() -> None:
    msg = Message(role="user", content="yoga's my new thing since I stopped running", id="m1", created_at=T0)
    out = RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0))
    assert any(c.attribute == "hobby:yoga" for c in out), out
    assert any(c.ends is not None and c.ends.value == "running" for c in out), out


@pytest.mark.parametrize("text", ["as an early bird myself I get it", "I've lived here since I was 5"])
def test_look_alikes_of_a_chronotype_or_an_ending_stay_silent(text: str) -> None:
    msg = Message(role="user", content=text, id="m1", created_at=T0)
    out = RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0))
    assert not any(c.attribute == "habit:sleep" or c.ends is not None for c in out), out


def test_a_new_chronotype_supersedes_the_old_one_and_a_laughed_correction_still_corrects(tmp_path) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u1", [("2024-01-10", "I'm a night owl"), ("2024-09-10", "early riser now, the baby saw to that")])
        say(mem, "u2", [("2024-01-10", "my cat is called Bella"),
                        ("2024-01-11", "haha autocorrect, it's Belle not Bella")])
        one, two = current(mem, "u1"), current(mem, "u2")
    assert not any("night owl" in c for c in one) and any("early riser" in c for c in one), one
    assert any("Belle" in c for c in two) and not any("Bella" in c for c in two), two


# ------------------------------------------------------------ keys from the shape: moves ahead, whereabouts

@pytest.mark.parametrize(("text", "expected"), [
    ("my cousin is in Lisbon now", ("relationship", "cousin:location", "The user's cousin is in Lisbon")),
    ("my grandparents are in Spain now", ("relationship", "grandparents:location",
                                          "The user's grandparents are in Spain")),
    ("I went self-employed in May", ("event", "job", "The user went self-employed in May 2025")),
    ("uninstalled Hinge", ("preference", None, "The user no longer uses Hinge")),
])
def test_a_slot_from_the_shape_of_the_statement(text: str, expected: tuple[str, str | None, str]) -> None:
    assert expected in facts(text), facts(text)


@pytest.mark.parametrize("text", ["my cousin is in the navy", "my son is in Year 3", "my mum is in hospital"])
def test_whereabouts_that_are_no_place_keep_their_key(text: str) -> None:
    assert not any((a or "").endswith(":location") for _, a, _c in facts(text)), facts(text)


def test_a_new_move_ahead_replaces_the_old_one_and_a_deleted_app_ends(tmp_path) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u1", [("2024-01-10", "we're relocating to Perth in March"),
                        ("2024-02-10", "plans changed, we're moving to Hobart instead")])
        say(mem, "u2", [("2024-01-10", "I'm on Hinge and I use Spotify"), ("2024-02-10", "deleted hinge")])
        say(mem, "u3", [("2024-01-10", "I'm moving to Leeds in May"), ("2024-02-10", "my sister is moving to Hull")])
        one, two, three = current(mem, "u1"), current(mem, "u2"), current(mem, "u3")
    assert any("Hobart" in c for c in one) and not any("Perth" in c for c in one), one
    assert not any("uses Hinge" in c and "no longer" not in c for c in two) and any("Spotify" in c for c in two), two
    assert any("Leeds" in c for c in three) and any("Hull" in c for c in three), three  # her move is hers


# --------------------------------------------------------------- schedules, degrees, subscriptions that end

@pytest.mark.parametrize(("text", "expected"), [
    ("we've gone part time since the twins", ("identity", "work schedule", "The user works part time")),
    ("I dropped to four days a week", ("identity", "work schedule", "The user works four days a week")),
    ("began my MBA in January", ("event", "education", "The user began their MBA in January 2025")),
    ("cancelled my Disney+ subscription, never watched it", ("preference", None, "The user no longer uses Disney+")),
])
def test_a_schedule_a_degree_or_a_subscription_changed(text: str, expected: tuple[str, str | None, str]) -> None:
    assert expected in facts(text), facts(text)


@pytest.mark.parametrize("text", ["I went full-time on the project", "we went with the max", "cancelled the meeting"])
def test_look_alikes_of_a_schedule_or_a_subscription_stay_silent(text: str) -> None:
    msg = Message(role="user", content=text, id="m1", created_at=T0)
    out = RuleExtractor().extract([msg], context=ExtractionContext(observed_at=T0))
    assert not any(c.attribute == "work schedule" or c.ends is not None for c in out), out


def test_a_cancelled_subscription_ends_the_habit_that_named_it(tmp_path) -> None:
    with Memory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=RuleExtractor()) as mem:
        say(mem, "u1", [("2024-01-10", "I watch Hulu every night"), ("2024-02-10", "cancelled hulu, too many ads")])
        now = current(mem, "u1")
    assert not any("Hulu" in c and "no longer" not in c for c in now), now


@pytest.mark.parametrize(("text", "expected"), [
    ("back at the office two days a week", ("identity", "work arrangement",
                                            "The user works in the office two days a week")),
    ("I've been seeing someone", ("identity", "relationship", "The user is seeing someone")),
])
def test_the_office_again_or_someone_new(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text), facts(text)


@pytest.mark.parametrize("text", ["I'm seeing someone about my knee", "back in the office kitchen, any snacks?"])
def test_a_doctor_or_a_room_is_no_partner_or_arrangement(text: str) -> None:
    assert not any(a in ("relationship", "work arrangement") for _, a, _c in facts(text)), facts(text)
