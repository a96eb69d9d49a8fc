"""``import_`` killed with SIGKILL at random moments: the embedded store always opens again; an
import that contains an invalid record writes nothing at any moment (it is validated whole before
the first write); a valid one is staged and committed in one step before its first memory is
written, so after a kill the reopened store holds none of it or all of it (rolled forward on open)."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time

import pytest

from agent_memory import Memory
from agent_memory.testing import HashEmbedder

N = 2_000
CHILD = """
import json, sys
from agent_memory import Memory
from agent_memory.testing import HashEmbedder
path, source, invalid = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
records = [json.loads(line) for line in open(source)]
if invalid:
    records.append({**records[0], "id": "not-a-uuid"})
with Memory(path=path, embedder=HashEmbedder(), extractor=None) as m:
    print("importing", flush=True)
    try:
        m.import_(records)
    except Exception as exc:
        print("refused", type(exc).__name__, flush=True)
        sys.exit(3)
    print("done", flush=True)
"""


def record(i: int) -> dict:
    t = "2024-01-01T00:00:00Z"
    return {"id": f"00000000-0000-4000-8000-{i:012d}", "content": f"fact number {i} about the garden",
            "kind": "profile", "user_id": f"user{i % 7}", "created_at": t, "updated_at": t, "observed_at": t,
            "valid_from": t, "hash": "recomputed", "metadata": {"n": i}}


def open_store(path) -> Memory:
    return Memory(path=path, embedder=HashEmbedder(), extractor=None)


@pytest.mark.parametrize("invalid", [True, False], ids=["with-an-invalid-record", "valid"])
def test_import_killed_at_random_moments(tmp_path, invalid):
    source = tmp_path / "records.jsonl"
    source.write_text("\n".join(json.dumps(record(i)) for i in range(N)))
    rng = random.Random(11 if invalid else 12)
    outcomes = []
    for trial in range(4):
        path = tmp_path / f"store{trial}"
        with open_store(path) as m:
            keep = m.remember("a memory from before the import", user_id="owner")
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(source), "1" if invalid else "0"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "importing"
        time.sleep(rng.uniform(0.0, 0.1 if invalid else 0.8))  # validation is quick: kill early
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)  # reaps it and closes the pipes
        outcomes.append(proc.returncode)
        with open_store(path) as m:  # the store opens after the kill
            assert m.get(keep.id).content == "a memory from before the import"
            stored = {r["id"]: r for r in m.export(all_scopes=True) if r["id"] != keep.id}
            if invalid:
                assert stored == {}, f"trial {trial}: {len(stored)} records of a refused import were written"
            else:
                assert len(stored) in (0, N), f"trial {trial}: {len(stored)} of {N} records: a partial import"
                for rid, r in stored.items():  # and what got in is intact
                    i = int(rid[-12:])
                    assert (r["content"], r["user_id"], r["metadata"]) == \
                        (record(i)["content"], record(i)["user_id"], {"n": i})
                m.import_(record(i) for i in range(N))  # re-running is harmless (ids are kept)
                assert m.stats(all_scopes=True)["total"] == N + 1
    assert set(outcomes) <= {-signal.SIGKILL, 3 if invalid else 0}  # killed, refused or (valid) done
    if not invalid:  # the kills did land mid-import
        assert -signal.SIGKILL in outcomes


def _stage_only(path, *, commit: bool) -> None:
    """What a kill leaves behind: the import staged (and committed or not), no memory written yet."""
    from agent_memory import _staging
    from agent_memory._effects import run_sync
    from agent_memory._models import MemoryRecord

    with open_store(path) as m:
        batch = [MemoryRecord.model_validate(record(i)) for i in range(3)]
        staged = run_sync(_staging.stage(m._engine, batch, []))  # the commit marker's id comes first
        if not commit:  # a kill between the staged lines and the marker
            m._engine.backend.delete("events", staged[:1])
        assert m.stats(all_scopes=True)["total"] == 0


@pytest.mark.parametrize("commit", [True, False], ids=["committed", "not-committed"])
def test_an_interrupted_import_is_rolled_forward_or_discarded_on_open(tmp_path, commit):
    _stage_only(tmp_path / "s", commit=commit)
    with open_store(tmp_path / "s") as m:  # recovery runs at open, before any read
        ids = sorted(r["id"] for r in m.export(all_scopes=True))
        assert ids == ([record(i)["id"] for i in range(3)] if commit else [])
        left = m._engine.backend.scroll("events", None, 1000)
        assert not [p for p in left if p.payload.get("memory_id") in (_staging_ids())]  # staging cleared
        if commit:
            assert [e.event for e in m.history(record(0)["id"])] == ["IMPORT"]


def _staging_ids() -> tuple[str, str]:
    from agent_memory._staging import COMMIT_ID, STAGE_ID

    return STAGE_ID, COMMIT_ID
