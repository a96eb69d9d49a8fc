"""The rule-based extractor: pure unit tests, then end to end through ``Memory`` on both
Qdrant engines (Qdrant Edge in a folder, qdrant-client ``:memory:``) with a scripted
multi-session conversation whose resulting profile is asserted exactly."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from agent_memory import Memory
from agent_memory._extract_rules import RuleExtractor
from agent_memory._extraction import ExtractionContext
from agent_memory._models import Message
from agent_memory._time import UTC

MON_8_MAY = datetime(2023, 5, 8, 10, 0, tzinfo=UTC)  # a Monday


def extract(text: str, *, name: str | None = "Caroline", at: datetime = MON_8_MAY, role: str = "user",
            mid: str | None = "m1"):
    msg = Message(role=role, content=text, name=name, id=mid, created_at=at)
    return RuleExtractor().extract([msg], context=ExtractionContext(observed_at=at))


def one(text: str, **kw):
    cands = extract(text, **kw)
    assert len(cands) == 1, [c.content for c in cands]
    return cands[0]


# ------------------------------------------------------------------------------------- pure


@pytest.mark.parametrize(("text", "category", "attribute", "content"), [
    ("My name is Priya.", "identity", "name", "Caroline's name is Priya"),
    ("I live in Berlin.", "identity", "location", "Caroline lives in Berlin"),
    ("I moved to Paris last week.", "identity", "location", "Caroline lives in Paris"),
    ("I'm a software engineer at Spotify.", "identity", "job", "Caroline is a software engineer at Spotify"),
    ("I'm 34 years old.", "identity", "age", "Caroline is 34 years old"),
    ("I prefer answers in Spanish.", "preference", "preference:answers", "Caroline prefers answers in Spanish"),
    ("I hate cilantro.", "preference", "preference:cilantro", "Caroline hates cilantro"),
    ("I don't like spicy food anymore.", "preference", "preference:spicy food", "Caroline no longer likes spicy food"),
    ("I always drink my coffee black.", "preference", "habit:drink coffee black",
     "Caroline always drinks their coffee black"),
    ("Please don't use emojis in your replies.", "preference", "instruction:use emojis",
     "Caroline asks the assistant not to use emojis in replies"),
    ("My favourite football player is Ronaldo.", "preference", "favorite:football player",
     "Caroline's favourite football player is Ronaldo"),
    ("The server runs on port 8080.", "fact", "port:server", "Caroline's server runs on port 8080"),
    ("My budget is 1500 euros.", "constraint", "budget", "Caroline's budget is 1500 euros"),
    ("I'm allergic to peanuts.", "constraint", "allergy:peanuts", "Caroline is allergic to peanuts"),
    ("I'm working on a mobile app.", "goal", None, "Caroline is working on a mobile app"),
    ("I need to finish the grant proposal by Friday.", "goal", None,
     "Caroline needs to finish the grant proposal by 12 May 2023"),
])
def test_patterns_become_third_person_statements(text, category, attribute, content):
    c = one(text)
    assert (c.category, c.attribute, c.content) == (category, attribute, content)
    assert c.subject == "Caroline" and c.source_ids == ["m1"] and c.observed_at == MON_8_MAY
    assert 0.0 < c.confidence <= 1.0


@pytest.mark.parametrize(("text", "content", "day"), [
    ("I ran my first half marathon yesterday.", "Caroline ran their first half marathon on 7 May 2023", (2023, 5, 7)),
    ("I'm flying to Tokyo next Friday.", "Caroline is flying to Tokyo on 19 May 2023", (2023, 5, 19)),
    ("I have a dentist appointment on Thursday.", "Caroline has a dentist appointment on 11 May 2023", (2023, 5, 11)),
    ("Last Saturday I painted a sunrise.", "Caroline painted a sunrise on 6 May 2023", (2023, 5, 6)),
    ("We're getting married on 5 June.", "Caroline is getting married on 5 June 2023", (2023, 6, 5)),
    ("I went to a support group on 5 June.", "Caroline went to a support group on 5 June 2022", (2022, 6, 5)),
    ("I started a pottery class two weeks ago.", "Caroline started a pottery class on 24 April 2023", (2023, 4, 24)),
    ("I'm moving to Denver in March.", "Caroline is moving to Denver in March 2024", (2024, 3, 1)),
])
def test_relative_dates_resolve_against_the_message_time(text, content, day):
    c = one(text)
    assert c.category in ("plan", "event")
    assert c.content == content
    assert c.event_time == datetime(*day, tzinfo=UTC)


def test_identity_facts_keep_the_date_in_event_time_not_in_the_content():
    c = one("I moved to Paris last week.")
    assert c.content == "Caroline lives in Paris"
    assert c.event_time == datetime(2023, 5, 1, tzinfo=UTC)  # the Monday of last week


@pytest.mark.parametrize("text", [
    "What's the weather like in Paris?", "Do you like jazz?", "Hi there!", "Thanks, that's really helpful.",
    "I'm so tired right now.", "I hate meetings today.", "I'm in a bad mood this morning.",
    "I live on the moon, just kidding.", "If I were rich I would live in Monaco.", "I wish I could speak Italian.",
    "My sister lives in Rome.", "My friend is allergic to shellfish.", "John prefers tea.", "I love this song!",
    "I like your suggestion.", "Never mind.", "I don't know.", "Maybe I'll try sushi someday.",
    "I'm going to bed.", "I need to go.",
])
def test_questions_small_talk_moods_jokes_and_other_people_yield_nothing(text):
    assert extract(text) == []


def test_several_sentences_and_clauses_in_one_message():
    cands = extract("Hi! I'm based in Toronto and I work at Shopify. I love dogs but I hate cats. Any tips?")
    assert [(c.category, c.attribute, c.content) for c in cands] == [
        ("identity", "location", "Caroline lives in Toronto"),
        ("identity", "job", "Caroline works at Shopify"),
        ("preference", "preference:dogs", "Caroline loves dogs"),
        ("preference", "preference:cats", "Caroline hates cats"),
    ]


def test_only_user_messages_are_read():
    for role in ("assistant", "system", "tool"):
        assert extract("I live in Berlin.", role=role) == []


def test_without_a_name_the_speaker_is_the_user():
    c = one("I live in Berlin.", name=None)
    assert c.content == "The user lives in Berlin" and c.subject == "user"
    assert one("My budget is 900 dollars.", name=None).content == "The user's budget is 900 dollars"


def test_message_without_time_uses_the_call_time():
    at = datetime(2024, 1, 15, tzinfo=UTC)
    msg = Message(role="user", content="I quit smoking yesterday.", id="x")
    (c,) = RuleExtractor().extract([msg], context=ExtractionContext(observed_at=at))
    assert c.observed_at == at and c.event_time == datetime(2024, 1, 14, tzinfo=UTC)


def test_a_change_of_heart_uses_the_same_conflict_key():
    assert one("I love cilantro.").attribute == one("I hate cilantro.").attribute == "preference:cilantro"
    assert one("I love jazz.").attribute != one("I love hiking.").attribute
    assert one("The server runs on port 8080.").attribute == one("Correction: the server runs on port 9090.").attribute


# ------------------------------------------------------------------------------------- end to end

S1 = datetime(2023, 5, 1, 9, 0, tzinfo=UTC)
S2 = datetime(2023, 6, 10, 9, 0, tzinfo=UTC)
S3 = datetime(2023, 7, 20, 9, 0, tzinfo=UTC)  # a Thursday
S4 = datetime(2023, 9, 5, 9, 0, tzinfo=UTC)

SESSIONS = [
    (S1, [
        ("Hi there!", "Hello! How can I help?"),
        ("I live in Berlin and I work as a nurse at Charité.", "Nice to meet you."),
        ("I love hiking. I hate cilantro.", "Noted."),
        ("My favourite football player is Ronaldo.", "Great player."),
        ("I'm so tired right now.", "Get some rest."),
        ("Can you recommend a hiking trail near Berlin?", "Try the Grunewald."),
    ]),
    (S2, [
        ("Good morning!", "Morning!"),
        ("Actually, I moved to Paris last week.", "Congratulations on the move!"),
        ("I live on the moon, just kidding.", "Ha!"),
        ("Now my favourite football player is Messi.", "Interesting change."),
        ("I hate meetings today.", "Sorry to hear that."),
        ("The server runs on port 8080.", "OK."),
    ]),
    (S3, [
        ("Correction: the server runs on port 9090.", "Updated."),
        ("I love cilantro now.", "Tastes change!"),
        ("I'm flying to Tokyo next Friday.", "Have a great trip."),
        ("If I were rich I would live in Monaco.", "Wouldn't we all."),
        ("What's the weather like in Tokyo?", "Warm and humid."),
    ]),
    (S4, [
        ("I'm a software engineer at Spotify now.", "Big career change!"),
        ("Please don't use emojis in your replies.", "Understood."),
        ("I still love hiking.", "Great."),
        ("lol that's hilarious", "Glad you liked it."),
    ]),
]

CURRENT = {
    "Caroline lives in Paris",
    "Caroline is a software engineer at Spotify",
    "Caroline loves hiking",
    "Caroline loves cilantro",
    "Caroline's favourite football player is Messi",
    "Caroline's server runs on port 9090",
    "Caroline is flying to Tokyo on 28 July 2023",
    "Caroline asks the assistant not to use emojis in replies",
}
AS_OF = {
    datetime(2023, 5, 15, tzinfo=UTC): {
        "Caroline lives in Berlin", "Caroline works as a nurse at Charité", "Caroline loves hiking",
        "Caroline hates cilantro", "Caroline's favourite football player is Ronaldo"},
    datetime(2023, 6, 15, tzinfo=UTC): {
        "Caroline lives in Paris", "Caroline works as a nurse at Charité", "Caroline loves hiking",
        "Caroline hates cilantro", "Caroline's favourite football player is Messi",
        "Caroline's server runs on port 8080"},
    datetime(2023, 8, 1, tzinfo=UTC): CURRENT - {"Caroline is a software engineer at Spotify",
                                                  "Caroline asks the assistant not to use emojis in replies"}
    | {"Caroline works as a nurse at Charité"},
}


def open_store(kind: str, tmp_path) -> Memory:
    if kind == "edge":
        return Memory(path=tmp_path / "s", extractor=RuleExtractor())
    return Memory(location=":memory:", extractor=RuleExtractor())


def ingest(mem: Memory, user: str = "caroline") -> int:
    turns = 0
    for start, pairs in SESSIONS:
        session = f"s-{start:%m%d}"
        for i, (said, answer) in enumerate(pairs):
            at = start + timedelta(minutes=2 * i)
            mem.add([{"role": "user", "name": "Caroline", "content": said, "created_at": at},
                     {"role": "assistant", "content": answer, "created_at": at + timedelta(seconds=30)}],
                    user_id=user, session_id=session, infer=True)
            turns += 2
    return turns


def profile(mem: Memory, **kw) -> set[str]:
    page = mem.list(user_id="caroline", kinds=["profile"], limit=100, **kw)
    assert page.next_cursor is None
    return {m.content for m in page.items}


@pytest.fixture(scope="module", params=["edge", "client"])
def conversation(request, tmp_path_factory):
    # read-only tests share one ingestion per engine
    mem = open_store(request.param, tmp_path_factory.mktemp(request.param))
    turns = ingest(mem)
    yield mem, turns
    mem.close()


def test_scripted_conversation_leaves_exactly_the_current_profile(conversation):
    mem, turns = conversation
    assert turns >= 30
    assert profile(mem) == CURRENT
    by_content = {m.content: m for m in mem.list(user_id="caroline", kinds=["profile"]).items}
    assert all(m.user_id == "caroline" and m.session_id is None for m in by_content.values())
    assert by_content["Caroline loves hiking"].seen_count == 2  # said again in session 4, not duplicated
    tokyo = by_content["Caroline is flying to Tokyo on 28 July 2023"]
    assert tokyo.category == "plan" and tokyo.metadata["event_time"].startswith("2023-07-28")
    # provenance: the profile memory points at the stored user message it came from
    (src,) = tokyo.source_ids
    message = mem.get(src, user_id="caroline")
    assert message.kind.value == "episodic" and message.content == "I'm flying to Tokyo next Friday."
    # every message is kept as an episodic memory, jokes and moods included
    episodic = mem.list(user_id="caroline", kinds=["episodic"], limit=200).items
    assert len(episodic) == turns


@pytest.mark.parametrize("when", sorted(AS_OF))
def test_as_of_returns_what_was_true_then(conversation, when):
    mem, _ = conversation
    assert profile(mem, as_of=when) == AS_OF[when]


def test_superseded_memories_keep_their_interval_and_history(conversation):
    mem, _ = conversation
    everything = {m.content: m for m in mem.list(user_id="caroline", kinds=["profile"], include_superseded=True,
                                                  limit=100).items}
    assert set(everything) == CURRENT | {
        "Caroline lives in Berlin", "Caroline works as a nurse at Charité", "Caroline hates cilantro",
        "Caroline's favourite football player is Ronaldo", "Caroline's server runs on port 8080"}
    chain = [("Caroline lives in Berlin", "Caroline lives in Paris"),
             ("Caroline's favourite football player is Ronaldo", "Caroline's favourite football player is Messi"),
             ("Caroline's server runs on port 8080", "Caroline's server runs on port 9090"),
             ("Caroline hates cilantro", "Caroline loves cilantro"),
             ("Caroline works as a nurse at Charité", "Caroline is a software engineer at Spotify")]
    for old_text, new_text in chain:
        old, new = everything[old_text], everything[new_text]
        assert old.superseded_by == new.id
        assert old.valid_to == new.observed_at == new.valid_from
        assert new.valid_to is None and new.superseded_by is None
        events = mem.history(old.id)
        assert [e.event for e in events] == ["ADD", "SUPERSEDE"]
        assert events[-1].details["superseded_by"] == new.id and events[-1].new_content == new_text
        assert any(e.details.get("supersedes") == old.id for e in mem.history(new.id))


def test_search_hides_superseded_facts_unless_asked_as_of(conversation):
    mem, _ = conversation
    now = [h.memory.content for h in mem.search("where does Caroline live?", user_id="caroline", kinds=["profile"])]
    assert "Caroline lives in Paris" in now and "Caroline lives in Berlin" not in now
    then = [h.memory.content for h in mem.search("where does Caroline live?", user_id="caroline", kinds=["profile"],
                                                 as_of=datetime(2023, 5, 15, tzinfo=UTC))]
    assert "Caroline lives in Berlin" in then and "Caroline lives in Paris" not in then
    assert then[0] == "Caroline lives in Berlin"


def test_another_users_conversation_is_not_mixed_in(tmp_path):
    with Memory(path=tmp_path / "s", extractor=RuleExtractor()) as mem:
        ingest(mem)
        mem.add({"role": "user", "name": "Caroline", "content": "I live in Oslo."}, user_id="other-caroline",
                observed_at=S4)
        assert profile(mem) == CURRENT
        assert {m.content for m in mem.list(user_id="other-caroline", kinds=["profile"]).items} == {
            "Caroline lives in Oslo"}


def test_rules_are_the_default_extractor(tmp_path):
    with Memory(path=tmp_path / "s") as mem:
        assert mem.extractor.name == "rules"
        res = mem.add("I'm allergic to peanuts. What should I cook?", user_id="u1", observed_at=MON_8_MAY)
        assert res.extraction is not None and res.extraction.extractor == "rules"
        assert {m.content for m in mem.list(user_id="u1", kinds=["profile"]).items} == {
            "The user is allergic to peanuts"}
        assert mem.add("I'm allergic to peanuts.", user_id="u1", infer=False).extraction is None
