"""Deferred extraction queue: what other operations do to messages still waiting for extraction."""

from __future__ import annotations

from agent_memory.testing import HashEmbedder


def test_update_of_a_queued_message_keeps_it_queued_and_extracts_the_new_text(make_memory):
    mem = make_memory(embedder=HashEmbedder(64))
    res = mem.add({"role": "user", "content": "I live in Berlin.", "id": "m1"}, user_id="u", defer=True)
    assert res.extraction.deferred is True
    (msg,) = res.memories
    mem.update(msg.id, content="I live in Lisbon.")  # corrected before the worker ran

    assert mem.process_pending() == 1
    profile = [m.content for m in mem.list(user_id="u", kinds=["profile"]).items]
    assert any("Lisbon" in c for c in profile), profile
    assert not any("Berlin" in c for c in profile), profile
    assert mem.process_pending() == 0  # the marker was cleared once processed


def test_metadata_update_of_a_queued_message_keeps_it_queued(make_memory):
    mem = make_memory(embedder=HashEmbedder(64))
    (msg,) = mem.add({"role": "user", "content": "I prefer tea over coffee."}, user_id="u", defer=True).memories
    mem.update(msg.id, metadata={"reviewed": "yes"})
    assert mem.process_pending() == 1
    assert mem.list(user_id="u", kinds=["profile"]).items
