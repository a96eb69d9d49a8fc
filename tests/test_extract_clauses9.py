"""Long, messy chat messages cut into the speaker's clauses (issue 17, clauses9): chat spellings, hedges inside a
statement, a bulleted or headed self-description, fragments that go on about the speaker, a bracketed age, a
request after a dash, a question without its "?", and the city a job names. Each reading has look-alikes that
must stay silent: the same shapes as questions, quotes, hypotheticals, lists that are someone's material."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_memory._extraction import Candidate, ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC
from agent_memory.rules import RuleExtractor
from agent_memory.rules.chat import fragment
from agent_memory.rules.clauses import split_clauses

SAT_5_DEC = datetime(2026, 12, 5, 18, 0, tzinfo=UTC)


def extract(text: str) -> list[Candidate]:
    msg = Message(role="user", content=text, name="Ada", id="m1", created_at=SAT_5_DEC)
    return RuleExtractor().extract([msg], context=ExtractionContext(observed_at=SAT_5_DEC))


def facts(text: str) -> set[tuple[str, str]]:
    return {(c.category, c.content) for c in extract(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bulleted self-description under a header: each bare item is said of the speaker
        (
            "Intro:\n- 45\n- pharmacist in Norwich\n- vegan\n- three kids",
            {("identity", "Ada is 45 years old"), ("identity", "Ada is a pharmacist in Norwich"),
             ("identity", "Ada lives in Norwich"), ("constraint", "Ada is vegan"),
             ("relationship", "Ada has three kids")},
        ),
        (
            "a bit about me:\n* 38\n* married\n* 2 daughters",
            {("identity", "Ada is 38 years old"), ("identity", "Ada is married"),
             ("relationship", "Ada has 2 daughters")},
        ),
        # a header on the same line hands over the first fragment
        (
            "hey - quick background: retired nurse, widowed, 3 grandkids",
            {("identity", "Ada is a retired nurse"), ("identity", "Ada is widowed"),
             ("relationship", "Ada has 3 grandkids")},
        ),
        # an age with the sex of chat profiles opening a list
        (
            "29m, junior architect, live in Bristol",
            {("identity", "Ada is 29 years old"), ("identity", "Ada is a junior architect"),
             ("identity", "Ada lives in Bristol")},
        ),
        # a fragment of a standing activity after a clause of the speaker's
        ("I'm 40 and about 70kg, cycle to work most days", {("preference", "Ada cycles to work")}),
        # an age in brackets after what the speaker is
        ("I'm a courier (31) and live in Hull",
         {("identity", "Ada is a courier"), ("identity", "Ada is 31 years old"), ("identity", "Ada lives in Hull")}),
        # chat spelling: "whats" makes the question a question, so the statement after it is read on its own
        ("so whats a good stretch for sciatica? im a postman in Derby",
         {("identity", "Ada is a postman in Derby"), ("identity", "Ada lives in Derby")}),
        # "my names" before a name; "bc" before a reason
        ("my names Priya btw", {("identity", "Ada's name is Priya")}),
        ("been studying Korean bc we're relocating to Busan next autumn",
         {("plan", "Ada is relocating to Busan in autumn 2027")}),
        # a hedge inside the statement
        ("im kinda obsessed w/ pottery", {("preference", "Ada is a big fan of pottery")}),
        # a request after a dash is a sentence of its own
        ("my bf is a dentist - can u suggest a gift for him 😂", {("relationship", "Ada's boyfriend is a dentist")}),
        # a role before a question that has no "?"
        ("as a coeliac what beers can I drink", {("constraint", "Ada is coeliac")}),
        # "he's just been": "has", and a clause split after "and just been"
        ("my nephew's just been accepted to Oxford",
         {("relationship", "Ada's nephew has just been accepted to Oxford")}),
        # renting is living
        ("still renting in Sheffield, saving for a deposit", {("identity", "Ada lives in Sheffield"),
                                                              ("goal", "Ada is saving for a deposit")}),
        # ALL CAPS: lower case, the name after "in", "support", "called" keeps its capital
        ("MY CAT IS CALLED BISCUIT AND I LIVE IN YORK",
         {("relationship", "Ada's cat's name is Biscuit"), ("identity", "Ada lives in York")}),
        # emojis between pieces that go on without a subject
        ("i live in Bath 🙂 work in Bristol 🚆 have 3 cats 🐱",
         {("identity", "Ada lives in Bath"), ("relationship", "Ada has 3 cats")}),
        # a statement set off by dashes or brackets inside another
        ("my sister - shes a midwife - lives in Cork",
         {("relationship", "Ada's sister is a midwife"), ("relationship", "Ada's sister lives in Cork")}),
        ("my uncle (he's a pilot) lives in Doha",
         {("relationship", "Ada's uncle is a pilot"), ("relationship", "Ada's uncle lives in Doha")}),
        # "n" for "and"; "so yeah" before a new statement; "and just started" begins a clause of its own
        ("living in Porto n working as a translator",
         {("identity", "Ada lives in Porto"), ("identity", "Ada works as a translator")}),
        ("we split up in march so yeah im single now", {("identity", "Ada is single")}),
        ("im 52 and just started learning the cello", {("identity", "Ada is 52 years old")}),
        # a comment tacked on with "which"
        ("I'm a massive Celtic fan, which, yeah, I know 😅", {("preference", "Ada is a big fan of Celtic")}),
        # a terse profile, one fragment a sentence
        ("im 41. M. Software engineer.",
         {("identity", "Ada is 41 years old"), ("identity", "Ada is a software engineer")}),
        ("I'm 30. Married. Two kids.", {("identity", "Ada is married"), ("relationship", "Ada has two kids")}),
        # "fyi" between a preamble and the statement
        ("Not urgent but fyi I'm coeliac", {("constraint", "Ada is coeliac")}),
        # a request to write, then a statement about the speaker after the comma
        ("draft me a CV summary, I'm a welder with 12 yrs experience", {("identity", "Ada is a welder")}),
        # "and going to <Place>": a plan of its own after a state
        ("I'm asthmatic and flying to Lima in March, any tips?",
         {("constraint", "Ada is asthmatic"), ("plan", "Ada is flying to Lima in March 2027")}),
        # dictation: a name or a place runs into the next "I ..."
        ("my name is Yusuf I am from Izmir and i work as a baker",
         {("identity", "Ada's name is Yusuf"), ("identity", "Ada is originally from Izmir")}),
        # "Me:" as a header, "X and me we ..." restated
        ("Me: 27, engaged, one cat", {("identity", "Ada is 27 years old"), ("identity", "Ada is engaged")}),
        ("my wife and me we live in Ghent", {("identity", "Ada lives in Ghent")}),
        # "but moved to <Place>" after "used to live": the new home is a clause of its own
        ("used to live in Leeds but moved to York in 2024", {("identity", "Ada lives in York")}),
        # what is the case, set against a supposition in the same sentence
        ("if we win the lottery we'll move to Crete, at the moment we live in Slough",
         {("identity", "Ada lives in Slough")}),
        ("I live in Slough and if we win the lottery we'd move to Crete", {("identity", "Ada lives in Slough")}),
        ("imagine being a surgeon. i'm a physio myself", {("identity", "Ada is a physio")}),
        # "and trying to ...", "..., trying to ...": what the speaker is working towards, a clause of its own
        ("I'm a chef and trying to cut down on sugar", {("identity", "Ada is a chef"),
                                                        ("goal", "Ada is trying to cut down on sugar")}),
        ("I'm 50, swim most mornings, trying to lose a stone",
         {("preference", "Ada swims most mornings"), ("goal", "Ada is trying to lose a stone")}),
        # "working part time as a barista": the job first
        ("I'm 22, working part time as a barista", {("identity", "Ada works as a barista part time")}),
        # a statement in brackets inside a question; the pronouns of a profile; "hes"; "veggie"; "3rd yr"
        ("So my son (he's 9) wants to learn chess, where do we start?",
         {("relationship", "Ada's son is 9 years old")}),
        ("hiya I'm Sam (they/them), 31, work as a nurse",
         {("identity", "Ada's name is Sam"), ("identity", "Ada is 31 years old"),
          ("identity", "Ada works as a nurse")}),
        ("ideas for my dad? hes really into fishing", {("relationship", "Ada's dad is a big fan of fishing")}),
        ("my partner is veggie", {("relationship", "Ada's partner is vegetarian")}),
        ("so im a 2nd yr law student in Exeter", {("identity", "Ada lives in Exeter")}),
        ("me again haha - forgot to say im allergic to kiwi", {("constraint", "Ada is allergic to kiwi")}),
    ],
)
def test_messy_messages(text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= facts(text)


@pytest.mark.parametrize(
    "text",
    [
        # a list with no header about the speaker is someone's material
        "Shopping list:\n- 2 onions\n- oat milk\n- vegan cheese",
        "Packing:\n- 2 kids' passports\n- teacher's letter\n- 45 euros",
        # the same shapes as questions, quotes, hypotheticals, a verdict on a place
        "is a pharmacist in Norwich paid well?",
        "if i was a teacher in Leeds what would i earn",
        "Example bio: 'I am a teacher in Leeds'",
        "as a nurse what do you think of the new rules?",
        "renting in London is a nightmare",
        "whats the best way to learn Korean",
        "my dad (81) still drives and it scares me",
        "idk if im kinda vegetarian or just lazy",
        "WHAT IS THE CAPITAL OF PERU",
        "Me: what's the capital of Peru?",
        "Today I am so tired",
        "If I were rich, right now I'd buy a boat",
        "the veggie burgers here are great",
        "my brother reckons I'm a terrible driver lol",
        "can u pretend ur my gf - shes a baker in Rome - and text me",
        "About the job:\n- 34 hours a week\n- teacher in Leeds\n- 2 kids in the class",
        "write a dating bio for me: 29, teacher in Leeds, loves hiking",
        "any tips for a 3rd yr med student in Leeds? asking for my son",
        "if we win the lottery we'll move to Crete",
        "my GP thinks I have asthma",
        "my mum reckons I am lactose intolerant lol",
        "pretend you're my coach, I'm a sprinter",
        "write a story about a knight, he's a baker by day",
        "my boss - who's a vegan - keeps bringing tofu 🙄",
        "lol 😂 imagine living in Bath",
    ],
)
def test_messy_look_alikes_stay_silent(text: str) -> None:
    assert [(c.category, c.content) for c in extract(text) if c.category != "relationship"] == []


def test_a_question_does_not_silence_a_statement_next_to_it() -> None:
    got = facts("quick q - im a carpenter in Oslo, whats the best glove for the cold?")
    assert ("identity", "Ada is a carpenter in Oslo") in got and ("identity", "Ada lives in Oslo") in got


def test_no_fact_is_taken_from_inside_a_quote() -> None:
    assert facts("my teacher always says 'I am a vegan in Leeds' lol") == set()


def test_home_from_the_job_city_only_when_no_other_home_is_said() -> None:
    # one reading of the job's city as home, in rules/workplace.py
    assert ("identity", "Ada lives in Glasgow") in facts("I am a paramedic in Glasgow")
    elsewhere = facts("I am a paramedic in Glasgow, I live out in Paisley")
    assert not any("Glasgow" in c and "lives" in c for _, c in elsewhere)
    assert not any("lives in Leeds" in c for _, c in facts("my sister is a nurse in Leeds"))


@pytest.mark.parametrize(
    ("bare", "said"),
    [("34", "I am 34"), ("52F", "I am 52"), ("vegetarian", "I am vegetarian"), ("self employed", "I am self employed"),
     ("2 kids", "I have 2 kids"), ("teacher in Leeds", "I am a teacher in Leeds"), ("play rugby", "I play rugby"),
     ("just been diagnosed with asthma", "I have just been diagnosed with asthma"),
     ("oat milk", None), ("give me a recipe", None), ("do it", None), ("2 onions", None)],
)
def test_fragment(bare: str, said: str | None) -> None:
    assert fragment(bare) == said


def test_clauses_of_a_run_on_message() -> None:
    assert split_clauses("hi! quick q - im a nurse on nights rn, live in Leeds w/ my partner, whats a good snack?") == [
        "hi!", "I am a nurse on nights now", "I live in Leeds with my partner"]


def test_sarcasm_silences_its_own_sentence_only() -> None:
    assert facts("I'm a vet in Exeter. Oh great, another Monday 🙄") >= {("identity", "Ada is a vet in Exeter")}
    assert facts("I just LOVE Mondays 🙄") == set()
    assert facts("I love my commute. 🙄") == set()  # the mark alone is about the sentence before it
    assert facts("Yeah right, I'm a millionaire 🙄") == set()
    assert facts("I'm a vet in Exeter, oh great, another Monday 🙄") == set()  # one sentence: no clause is trusted


def test_a_doing_without_its_object_is_not_a_goal() -> None:
    got = facts("I'm a nurse and trying to figure out my rota")
    assert ("identity", "Ada is a nurse") in got and not any(c == "goal" for c, _ in got)
    assert not any("hoping" in t for _, t in facts("I'm saving for a flat, hoping to buy in the next 2 years"))
    assert facts("trying to work out what to cook tonight") == set()


def test_a_fragment_after_someone_elses_sentence_is_not_the_speakers() -> None:
    assert ("identity", "Ada is married") not in facts("My sister lives in Leeds. Married.")
    assert facts("Lovely weather. Vegetarian lasagne tonight.") == set()
    assert ("identity", "Ada is a nurse") not in facts("I called my mum and my sister. she is a nurse")
