"""HTTP serving benchmark: one store, many clients, against in-process calls on the same store.

N memories over U users are ingested in-process (batched ``add``, ``infer=False``: the in-process add
throughput), then, in the same process, C threads search it concurrently (in-process latency). The
store is closed and ``agent-memory serve`` opens it in a child process; C client threads with
``RemoteMemory`` run the same searches over HTTP, then add batches of messages (HTTP add throughput).
Reported: search p50/p95 both ways, add throughput both ways, errors, and the server's RSS.

    python benchmarks/serve.py                      # 20,000 memories, 200 users, 8 clients
    python benchmarks/serve.py --n 2000 --users 20 --queries 200

Targets from issue 15: HTTP search p50/p95 within 1.5x of in-process, HTTP add >= 80 % of in-process
batched add, 0 errors. Prints a table and writes JSON to benchmarks/results/serve.json (or --out).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from scale import _QUESTIONS, ingest, latency, message  # the same data as the scale benchmark

from agent_memory import AgentMemoryError, Memory, RemoteMemory
from agent_memory.server.testing import serve_process


def concurrently(clients: int, jobs: list[Callable[[], object]]) -> tuple[list[float], int, float]:
    """Run ``jobs`` on ``clients`` threads; (per-job seconds, errors, wall seconds)."""
    times: list[float] = []
    errors = 0
    lock = threading.Lock()
    queue = list(reversed(jobs))

    def worker() -> None:
        nonlocal errors
        while True:
            with lock:
                if not queue:
                    return
                job = queue.pop()
            t0 = time.perf_counter()
            try:
                job()
            except (AgentMemoryError, httpx.HTTPError) as exc:
                with lock:
                    errors += 1
                print(f"  error: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            with lock:
                times.append(time.perf_counter() - t0)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, errors, time.perf_counter() - t0


def searches(mem: object, rng: random.Random, users: int, n: int) -> list[Callable[[], object]]:
    picks = [(rng.choice(_QUESTIONS), f"user-{rng.randrange(users):05d}") for _ in range(n)]
    return [lambda q=q, u=u: mem.search(q, user_id=u, limit=10) for q, u in picks]  # type: ignore[attr-defined]


def adds(mem: object, rng: random.Random, users: int, calls: int, batch: int) -> list[Callable[[], object]]:
    jobs = []
    for c in range(calls):
        msgs = [message(rng, 10_000_000 + c * batch + k) for k in range(batch)]
        user = f"user-{rng.randrange(users):05d}"
        jobs.append(lambda msgs=msgs, user=user: mem.add(msgs, user_id=user, session_id="bench",  # type: ignore
                                                         infer=False))
    return jobs


def measure_search(mem: object, args: argparse.Namespace) -> tuple[dict, dict]:
    """The same queries (same seeds) on any Memory-like object: C concurrent clients, then one."""
    for job in searches(mem, random.Random(0), args.users, 20):  # warm-up
        job()
    times, errors, wall = concurrently(args.clients, searches(mem, random.Random(1), args.users, args.queries))
    single, _, _ = concurrently(1, searches(mem, random.Random(2), args.users, min(200, args.queries)))
    return {**latency(times), "errors": errors, "per_s": round(len(times) / wall, 1)}, latency(single)


def rss_of(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return fields


def run(args: argparse.Namespace) -> dict:
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="agent-memory-serve-bench-"))
    store = work / "store"
    out: dict = {"n": args.n, "users": args.users, "clients": args.clients, "queries": args.queries,
                 "batch": args.batch, "cpus": os.cpu_count(), "python": platform.python_version(),
                 "load_before": os.getloadavg()[0]}
    try:
        print(f"ingesting {args.n:,} memories over {args.users} users in-process ...", file=sys.stderr)
        with Memory(path=store) as mem:
            out["inprocess_add"] = ingest(mem, args.n, args.users, args.batch, rng)
            out["inprocess_search"], out["inprocess_search_1_client"] = measure_search(mem, args)
        key = secrets.token_urlsafe(24)
        (work / "keys.json").write_text(json.dumps([{"key": key, "role": "admin"}]))
        proc, url = serve_process(store, "--keys", str(work / "keys.json"), stderr=None, wait=120)
        try:
            remote = RemoteMemory(url, api_key=key)
            out["http_search"], out["http_search_1_client"] = measure_search(remote, args)
            calls = max(args.clients, args.http_add // args.batch)
            times, errors, wall = concurrently(args.clients, adds(remote, rng, args.users, calls, args.batch))
            written = len(times) * args.batch
            out["http_add"] = {"messages": written, "seconds": round(wall, 2),
                               "messages_per_s": round(written / wall, 1), "errors": errors}
            out["server_rss_mib"] = rss_of(proc.pid)
            remote.close()
        finally:
            proc.send_signal(signal.SIGTERM)
            out["server_exit"] = proc.wait(120)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ip, hp = out["inprocess_search"], out["http_search"]
    out["ratios"] = {"search_p50": round(hp["p50_ms"] / ip["p50_ms"], 2),
                     "search_p95": round(hp["p95_ms"] / ip["p95_ms"], 2),
                     "add": round(out["http_add"]["messages_per_s"] / out["inprocess_add"]["messages_per_s"], 2)}
    out["load_after"] = os.getloadavg()[0]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--queries", type=int, default=800)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--http-add", type=int, default=4_000, help="messages added over HTTP")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "serve.json")
    args = ap.parse_args()
    out = run(args)
    ip, hp, r = out["inprocess_search"], out["http_search"], out["ratios"]
    print(f"\n{args.n:,} memories / {args.users} users, {args.clients} concurrent clients "
          f"(load average {out['load_before']:.1f} before, {out['load_after']:.1f} after)")
    print(f"search p50/p95  in-process {ip['p50_ms']:.1f}/{ip['p95_ms']:.1f} ms   HTTP {hp['p50_ms']:.1f}/"
          f"{hp['p95_ms']:.1f} ms   ratio {r['search_p50']}/{r['search_p95']} (target <= 1.5)")
    print(f"search, 1 client  in-process {out['inprocess_search_1_client']['p50_ms']:.1f}/"
          f"{out['inprocess_search_1_client']['p95_ms']:.1f} ms   HTTP {out['http_search_1_client']['p50_ms']:.1f}/"
          f"{out['http_search_1_client']['p95_ms']:.1f} ms")
    print(f"add  in-process {out['inprocess_add']['messages_per_s']:.0f} msg/s   HTTP "
          f"{out['http_add']['messages_per_s']:.0f} msg/s   ratio {r['add']} (target >= 0.8)")
    print(f"errors  {ip['errors'] + hp['errors'] + out['http_add']['errors']}   server RSS "
          f"{out['server_rss_mib']}   server exit {out['server_exit']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
