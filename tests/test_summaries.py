"""Session and rolling user summaries: provenance, refresh (same id, UPDATE in history), the
every-N trigger, and the LLM summariser against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from agent_memory import ExtractiveSummarizer, OpenAISummarizer, ScopeError, Settings

from .conftest import open_memory
from .llm_stub import StubLLM, reply, status

T0 = datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)
LINES = ["I started a pottery class on Monday.", "The teacher, Ines, is from Lisbon.",
         "I made a lopsided blue bowl.", "Next week we learn glazing.", "I also booked a trip to Kyoto.",
         "My sister Maya will join the pottery class."]


def _add(mem, start, stop, session="s1", user="alice"):
    msgs = [{"role": "user", "name": "Alice", "id": f"{session}-{i}", "content": LINES[i % len(LINES)],
             "created_at": T0 + timedelta(hours=i)} for i in range(start, stop)]
    mem.add(msgs, user_id=user, session_id=session, infer=False)
    return [m["id"] for m in msgs]


def test_session_summary_provenance_and_refresh(mem):
    ids = _add(mem, 0, 3)
    first = mem.close_session(session_id="s1", user_id="alice")
    assert first.kind.value == "summary" and first.category == "session_summary"
    assert first.source_ids == ids and first.session_id == "s1" and first.user_id == "alice"
    assert "pottery" in first.content and first.metadata["message_count"] == 3
    assert first.valid_from == T0 and first.observed_at == T0 + timedelta(hours=2)

    ids += _add(mem, 3, 6)
    second = mem.close_session(session_id="s1", user_id="alice")
    assert second.id == first.id and second.source_ids == ids and second.content != first.content
    assert [e.event for e in mem.history(first.id)] == ["ADD", "UPDATE"]
    update = mem.history(first.id)[-1]
    assert update.old_content == first.content and update.new_content == second.content
    sessions = mem.list(user_id="alice", kinds="summary", filters={"category": "session_summary"}).items
    assert [s.id for s in sessions] == [first.id]  # refreshed, not duplicated

    again = mem.close_session(session_id="s1", user_id="alice")  # nothing new: nothing written
    assert again.content == second.content and len(mem.history(first.id)) == 2


def test_rolling_user_summary_covers_every_session(mem):
    a = _add(mem, 0, 3, session="s1")
    b = _add(mem, 3, 6, session="s2")
    mem.close_session(session_id="s1", user_id="alice")
    mem.close_session(session_id="s2", user_id="alice")
    (user,) = mem.list(user_id="alice", kinds="summary", filters={"category": "user_summary"}).items
    assert sorted(user.source_ids) == sorted(a + b) and user.session_id is None
    assert user.metadata["session_count"] == 2
    assert [e.event for e in mem.history(user.id)] == ["ADD", "UPDATE"]
    ctx = mem.context("pottery class", user_id="alice")
    assert any(i.section == "summaries" for i in ctx.items)


def test_summary_every_n_messages(backend_kind, tmp_path):
    with open_memory(backend_kind, tmp_path, settings=Settings(summary_every=4)) as mem:
        _add(mem, 0, 3)
        assert mem.list(user_id="alice", kinds="summary").items == []
        _add(mem, 3, 5)  # crosses 4
        (s,) = mem.list(user_id="alice", kinds="summary", filters={"category": "session_summary"}).items
        assert s.metadata["message_count"] == 5 and len(s.source_ids) == 5


def test_close_session_edge_cases(mem):
    assert mem.close_session(session_id="empty", user_id="alice") is None
    with pytest.raises(ScopeError):
        mem.close_session(session_id="", user_id="alice")
    _add(mem, 0, 2, user="bob")
    assert mem.close_session(session_id="s1", user_id="alice") is None  # bob's session is not alice's


def test_extractive_summarizer_keeps_whole_sentences_in_order():
    texts = [f"Alice: {line}" for line in LINES] + ["Bob: The pottery class sounds fun. I want to join."]
    out = ExtractiveSummarizer(max_chars=160).summarize(texts)
    assert 0 < len(out) <= 160 and out.startswith("Alice: ")
    sentences = [s for t in texts for s in t.split(": ", 1)[1].split(". ")]
    positions = [next(i for i, s in enumerate(sentences) if s.rstrip(".") in part)
                 for part in out.replace("Alice: ", "").replace("Bob: ", "").split(". ") if part]
    assert positions == sorted(positions)


def test_llm_summarizer_and_fallback(tmp_path):
    with StubLLM() as stub:
        # session summary + user summary answered; then both fail
        stub.push(reply("Alice takes a pottery class taught by Ines."), reply("Alice does pottery."),
                  status(500), status(500))
        summ = OpenAISummarizer("stub-model", base_url=stub.base_url, api_key="x", max_retries=0)
        with open_memory("client", tmp_path, summarizer=summ) as mem:
            ids = _add(mem, 0, 3)
            s = mem.close_session(session_id="s1", user_id="alice")
            assert s.content == "Alice takes a pottery class taught by Ines." and s.source_ids == ids
            assert s.metadata["summarizer"] == "openai"
            sent = stub.requests[0]["messages"][1]["content"]
            assert "I made a lopsided blue bowl." in sent
            _add(mem, 3, 4)
            s2 = mem.close_session(session_id="s1", user_id="alice")  # the server fails: extractive
            assert s2.id == s.id and s2.metadata["summarizer"] == "extractive" and "pottery" in s2.content
            assert s2.source_ids == [*ids, "s1-3"] and stub.pending == 0
