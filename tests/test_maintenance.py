"""maintain(): TTL deletion that really deletes (history scrubbed), decay of episodic
importance, re-summarising, the report, scoping; on both backends."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from agent_memory import ConfigError, NotFoundError, Settings
from agent_memory._time import utcnow

from .conftest import open_memory

NOW = utcnow()


def _rec(user, content, *, kind="episodic", category="message", age=timedelta(0), **extra):
    t = NOW - age
    return {"id": str(uuid.uuid4()), "content": content, "kind": kind, "category": category, "user_id": user,
            "created_at": t, "updated_at": t, "observed_at": t, "valid_from": t, "hash": "-", **extra}


@pytest.fixture
def ttl_mem(backend_kind, tmp_path):
    ttl = {"episodic": timedelta(days=30), "profile": timedelta(days=10), "profile:identity": timedelta(days=1000)}
    m = open_memory(backend_kind, tmp_path, settings=Settings(ttl=ttl))
    yield m
    m.close()


def test_ttl_really_deletes_and_scrubs_history(ttl_mem):
    old = _rec("alice", "my old PIN is 4321", age=timedelta(days=40))
    fresh = _rec("alice", "I had lunch with Sam", age=timedelta(days=2))
    stale_pref = _rec("alice", "Alice likes jazz", kind="profile", category="preference", age=timedelta(days=20))
    old_identity = _rec("alice", "Alice is a nurse", kind="profile", category="identity", age=timedelta(days=20))
    other_user = _rec("bob", "Bob's old note", age=timedelta(days=40))
    ttl_mem.import_([old, fresh, stale_pref, old_identity, other_user])

    report = ttl_mem.maintain(user_id="alice")
    assert report.expired == 2 and report.expired_by_rule == {"episodic": 1, "profile": 1}
    for gone in (old, stale_pref):
        with pytest.raises(NotFoundError):
            ttl_mem.get(gone["id"])
        events = ttl_mem.history(gone["id"])
        assert events[-1].event == "EXPIRE" and events[-1].details["rule"] in {"episodic", "profile"}
        assert all(e.old_content is None and e.new_content is None for e in events)
    for kept in (fresh, old_identity, other_user):  # younger, its own longer rule, another user
        assert ttl_mem.get(kept["id"]).content == kept["content"]
    # the secret's words, not its digits alone: random ids and microseconds of NOW may contain "4321"
    assert "PIN is 4321" not in str(list(ttl_mem.export(user_id="alice")))

    assert ttl_mem.maintain(user_id="alice").expired == 0  # idempotent
    assert ttl_mem.maintain(all_scopes=True).expired_by_rule == {"episodic": 1}  # now bob's


def test_expires_at_and_dry_run(mem):
    soon = _rec("alice", "temporary code 777", expires_at=NOW - timedelta(minutes=1))
    later = _rec("alice", "valid until next year", expires_at=NOW + timedelta(days=365))
    mem.import_([soon, later])
    dry = mem.maintain(user_id="alice", dry_run=True)
    assert dry.dry_run and dry.expired == 1 and dry.expired_by_rule == {"expires_at": 1}
    assert len(mem.list(user_id="alice", include_superseded=True).items) == 1  # expired is hidden...
    mem.maintain(user_id="alice")
    with pytest.raises(NotFoundError):
        mem.get(soon["id"])  # ...and now really gone
    assert mem.get(later["id"]).content == "valid until next year"


def test_decay_of_episodic_importance(backend_kind, tmp_path):
    settings = Settings(importance_half_life=timedelta(days=30), importance_floor=0.1)
    with open_memory(backend_kind, tmp_path, settings=settings) as mem:
        month = _rec("alice", "a month ago", age=timedelta(days=30))
        ancient = _rec("alice", "years ago", age=timedelta(days=3000))
        today = _rec("alice", "just now", age=timedelta(0))
        fact = _rec("alice", "Alice likes tea", kind="profile", category="preference", age=timedelta(days=300))
        mem.import_([month, ancient, today, fact])
        report = mem.maintain(user_id="alice", resummarize=False)
        assert report.decayed == 2
        assert mem.get(month["id"]).importance == pytest.approx(0.5, abs=0.01)
        assert mem.get(ancient["id"]).importance == pytest.approx(0.1)
        assert mem.get(today["id"]).importance == pytest.approx(1.0, abs=0.01)
        assert mem.get(fact["id"]).importance == 1.0  # only episodic memories decay
        assert mem.maintain(user_id="alice").decayed == 0  # derived from age: a rerun changes nothing
        ctx = mem.context("ago", user_id="alice")
        by_content = {i.content: i for i in ctx.episodic}
        assert by_content["years ago"].explanation["importance"] == pytest.approx(0.1)


def test_resummarize_refreshes_stale_session_summaries(mem):
    mem.add([{"role": "user", "content": "I planted basil", "id": "a"}], user_id="alice", session_id="s1",
            infer=False)
    summary = mem.close_session(session_id="s1", user_id="alice")
    assert mem.maintain(user_id="alice").summaries_refreshed == 0
    mem.add([{"role": "user", "content": "The basil grew fast", "id": "b"}], user_id="alice", session_id="s1",
            infer=False)
    report = mem.maintain(user_id="alice")
    assert report.summaries_refreshed == 1 and report.summaries_checked == 1
    refreshed = mem.get(summary.id)
    assert refreshed.source_ids == ["a", "b"] and "grew" in refreshed.content


def test_bad_ttl_configuration_and_scope(backend_kind, tmp_path):
    with open_memory(backend_kind, tmp_path, settings=Settings(ttl={"memos": timedelta(days=1)})) as mem:
        with pytest.raises(ConfigError):
            mem.maintain(user_id="alice")
    with open_memory(backend_kind, tmp_path / "b") as mem:
        from agent_memory import ScopeError

        with pytest.raises(ScopeError):
            mem.maintain()
