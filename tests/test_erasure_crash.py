"""``delete_all`` is one recoverable step: a process killed (SIGKILL) at a random moment during it
leaves, once the store is opened again, either the state before or the state after — never a mix."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agent_memory import Memory
from agent_memory.testing import HashEmbedder

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="copies sparse store files with GNU cp")

TRIALS = 12
CHILD = """
import sys
from agent_memory import Memory
from agent_memory.testing import HashEmbedder
mem = Memory(path=sys.argv[1], embedder=HashEmbedder(dim=128))
print("ready", flush=True)
mem.delete_all(user_id="u", session_id="s1")
print("done", flush=True)
mem.close()
"""


def build(path: Path) -> None:
    with Memory(path=path, embedder=HashEmbedder(dim=128)) as mem:
        for user in ("u", "v"):
            mem.add([{"role": "user", "content": "I live in Lyon.", "id": "a0"},
                     {"role": "user", "content": "I love hiking.", "id": "a1"}], user_id=user, session_id="s0")
            turns = [{"role": "user", "content": f"I take quixotril{i} every morning.", "id": f"b{i}"}
                     for i in range(60)]
            turns += [{"role": "user", "content": "I moved to Quixotril last week.", "id": "c0"},
                      {"role": "user", "content": "Thanks. I love hiking.", "id": "c1"}]
            mem.add(turns, user_id=user, session_id="s1")
            mem.close_session(user_id=user, session_id="s0")
            mem.close_session(user_id=user, session_id="s1")


def state(mem: Memory, user: str) -> tuple[frozenset, frozenset]:
    """What a reader can see, without the ids and times an erasure mints for its own tombstones."""
    memories, events = set(), set()
    for line in mem.export(user_id=user, include_history=True):
        if line["type"] == "memory":
            memories.add((line["id"], line["kind"], line["category"], line["content"], tuple(line["source_ids"]),
                          line["valid_to"], line["superseded_by"], line["session_id"]))
        else:
            events.add((line["memory_id"], line["event"], line["old_content"], line["new_content"]))
    return frozenset(memories), frozenset(events)


def copy(src: Path, dst: Path) -> None:
    subprocess.run(["cp", "-r", "--sparse=always", str(src), str(dst)], check=True)


def test_delete_all_killed_at_random_moments_leaves_before_or_after(tmp_path):
    base = tmp_path / "base"
    build(base)
    with Memory(path=base, embedder=HashEmbedder(dim=128)) as mem:
        before = state(mem, "u")
        other = json.dumps(list(mem.export(user_id="v", include_history=True)))
    copy(base, tmp_path / "full")
    with Memory(path=tmp_path / "full", embedder=HashEmbedder(dim=128)) as mem:
        started = time.perf_counter()
        receipt = mem.delete_all(user_id="u", session_id="s1")
        took = time.perf_counter() - started
        after = state(mem, "u")
    assert receipt.messages == 62 and receipt.facts == 61 and receipt.facts_reopened == 1
    assert before != after

    rng = random.Random(12)
    outcomes = []
    for trial in range(TRIALS):
        store = tmp_path / f"trial{trial}"
        copy(base, store)
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(store)], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, took * 1.2))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        finished = child.stdout.read().strip() == "done"
        child.stdout.close()
        with Memory(path=store, embedder=HashEmbedder(dim=128)) as mem:  # finishes a filed erasure
            seen = state(mem, "u")
            assert json.dumps(list(mem.export(user_id="v", include_history=True))) == other
        assert seen in (before, after), f"trial {trial}: a mixed state"
        outcomes.append(("done" if finished else "killed", "after" if seen == after else "before"))
    assert any(o[0] == "killed" for o in outcomes), outcomes  # the kills did land during the erasure
