"""Cost of erasure on the embedded store, and what stays on disk without ``purge``.

N memories over U users (messages added with ``infer=False`` in batches of 100, one session per
batch; ``HashEmbedder(dim=384)``, so vectors have the bundled model's size but no ONNX time is
spent), then:

* ``delete`` of one message (provenance lookup, neighbours re-embedded, summaries: none) — p50/p95;
* ``delete_all(user_id=...)`` of one user's ~N/U memories, without purge;
* the files of the store folder that still hold that user's words after ``delete_all`` + close +
  reopen (the engine keeps deleted payloads in its WAL and segments);
* ``purge()``: both shards rewritten into fresh folders and swapped in — its time, and the files
  holding the words afterwards (expected: none).

    python benchmarks/erasure.py                  # 100,000 memories, 1,000 users
    python benchmarks/erasure.py --n 10000 --users 100

Writes JSON to benchmarks/results/erasure.json (or --out).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from agent_memory import Memory
from agent_memory.testing import HashEmbedder

WORDS = ["booked", "cancelled", "discussed", "finished", "the flight", "a dinner", "the report", "a trip",
         "yesterday", "last week", "on Friday", "the garden", "a course", "the lease", "tonight"]


def canary(user: int) -> str:
    return f"zqx{user:05d}canary"


def files_with(root: Path, word: str) -> list[str]:
    needle = word.encode()
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and needle in p.read_bytes())


def build(path: Path, n: int, users: int, rng: random.Random) -> float:
    per_user = n // users
    started = time.perf_counter()
    with Memory(path=path, embedder=HashEmbedder(dim=384)) as mem:
        for u in range(users):
            for start in range(0, per_user, 100):
                batch = [{"role": "user", "id": f"m{start + i}",
                          "content": f"{' '.join(rng.sample(WORDS, 4))} {canary(u)} (note {start + i})."}
                         for i in range(min(100, per_user - start))]
                mem.add(batch, user_id=f"user{u}", session_id=f"s{start // 100}", infer=False)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--users", type=int, default=1_000)
    ap.add_argument("--deletes", type=int, default=30)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "erasure.json")
    args = ap.parse_args()
    rng = random.Random(7)
    root = Path(tempfile.mkdtemp(prefix="erasure-bench-"))
    store = root / "store"
    try:
        build_s = build(store, args.n, args.users, rng)
        mem = Memory(path=store, embedder=HashEmbedder(dim=384))
        times = []
        for _ in range(args.deletes):
            u = rng.randrange(1, args.users)
            page = mem.list(user_id=f"user{u}", limit=50)
            victim = rng.choice(page.items)
            t = time.perf_counter()
            receipt = mem.delete(victim.id, user_id=f"user{u}")
            times.append(time.perf_counter() - t)
        t = time.perf_counter()
        gone = mem.delete_all(user_id="user0")
        delete_all_s = time.perf_counter() - t
        mem.close()
        mem = Memory(path=store, embedder=HashEmbedder(dim=384))
        mem.close()
        left = files_with(store, canary(0))
        mem = Memory(path=store, embedder=HashEmbedder(dim=384))
        t = time.perf_counter()
        mem.purge()
        purge_s = time.perf_counter() - t
        mem.close()
        after = files_with(store, canary(0))
        control = files_with(store, canary(1))  # a user never erased is still on disk: the grep works
        result = {
            "memories": args.n, "users": args.users, "embedder": "HashEmbedder(dim=384)", "build_s": round(build_s, 1),
            "delete_one_message_ms": {"p50": round(1000 * statistics.median(times), 1),
                                      "p95": round(1000 * sorted(times)[int(0.95 * (len(times) - 1))], 1),
                                      "n": len(times), "last_receipt": receipt.model_dump(exclude_defaults=True)},
            "delete_all_one_user": {"seconds": round(delete_all_s, 3), "memories": gone.total,
                                    "events_removed": gone.events_removed},
            "files_holding_erased_words_after_delete_all_and_reopen": left,
            "purge_s": round(purge_s, 1),
            "files_holding_erased_words_after_purge": after,
            "files_holding_a_kept_users_words_after_purge": len(control),
            "machine": f"{platform.machine()}, {platform.python_version()}",
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps(result, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
