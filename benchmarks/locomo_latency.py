"""Search latency of retrieval settings, side by side on one LoCoMo store, interleaved query by query
so that a loaded machine slows every variant alike (figures from runs made one after the other on a
shared machine differ by more than the settings do).

    python benchmarks/locomo_latency.py                                   # defaults vs the core engine
    python benchmarks/locomo_latency.py --vary second_round_dense=true    # defaults vs that change

Each ``Memory.search`` call is timed whole (query embedding, Qdrant, fusion, ranking, payloads).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from locomo import BASELINE, CACHE, DEFAULT_DATA, CachedEmbedder, ingest, parse_overrides, questions  # noqa: E402

from agent_memory import Memory, Settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--vary", action="append", default=[], metavar="KEY=VALUE[,KEY=VALUE]")
    ap.add_argument("--threads", type=int, default=2, help="ONNX threads")
    ap.add_argument("--rounds", type=int, default=1, help="passes over the questions")
    args = ap.parse_args(argv)
    data = json.loads(args.data.read_text())
    qs = [q for s in data for q in questions(s)[0]]
    variants = {"defaults": Settings()}
    if not args.vary:
        variants["core engine"] = Settings(**BASELINE)
    variants |= {v: Settings(**parse_overrides(v)) for v in args.vary}
    embedder = CachedEmbedder(CACHE, args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        with Memory(path=Path(tmp) / "s", embedder=embedder) as mem:  # the defaults' indexing for all
            for s in data:
                ingest(mem, s, infer=False)
        embedder.save()
        with Memory(path=Path(tmp) / "s", embedder=embedder) as mem:
            engine = mem._engine
            lat: dict[str, list[float]] = {k: [] for k in variants}
            for _ in range(args.rounds):
                for q in qs:
                    for label, settings in variants.items():
                        engine.settings = settings  # same store, same process: only the search differs
                        t0 = time.perf_counter()
                        mem.search(q.text, user_id=q.sample, limit=10)
                        lat[label].append((time.perf_counter() - t0) * 1000)
    load = os.getloadavg()[0]
    for label, xs in lat.items():
        xs.sort()
        print(f"{label}: p50 {statistics.median(xs):.2f} ms, p95 {xs[int(0.95 * (len(xs) - 1))]:.2f} ms "
              f"over {len(xs)} searches")
    print(f"load average (1 min) at the end: {load:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
