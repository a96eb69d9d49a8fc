"""Scale benchmark of the embedded default (Qdrant Edge + the bundled int8 MiniLM embedder).

N memories spread over U users, written as pre-batched messages without an LLM
(``add(..., infer=False)``), then, in a new process serving that store as a restarted
application would: the open time until the first search is answered, ``search`` latency
including query embedding, ``context`` latency and resident memory (peak RSS). The ingesting
process's close time and peak RSS are reported beside them.

    python benchmarks/scale.py                   # 100,000 memories, 1,000 users (minutes)
    python benchmarks/scale.py --n 10000 --users 100 --queries 200

Targets from the issue: search p95 <= 20 ms, add >= 150 messages/s, reopen <= 2 s, RSS <= 1 GiB.
Prints a table and writes JSON to benchmarks/results/scale.json (or --out).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from agent_memory import Memory, Settings

TARGETS = {"search_p95_ms": ("<=", 20.0), "add_messages_per_s": (">=", 150.0), "reopen_s": ("<=", 2.0),
           "rss_mib": ("<=", 1024.0)}

_SUBJECTS = ["I", "My sister", "My manager", "Our team", "My partner", "The client", "My doctor", "We"]
_VERBS = ["booked", "cancelled", "discussed", "finished", "started", "planned", "reviewed", "bought", "moved",
          "forgot", "rescheduled", "loved", "complained about", "asked about", "paid for"]
_OBJECTS = ["the flight to Lisbon", "a vegetarian dinner", "the quarterly report", "a hiking trip", "the dentist",
            "the new laptop", "a Python course", "the kitchen renovation", "the conference talk", "a birthday gift",
            "the apartment lease", "the marathon training", "a sushi place", "the tax return", "the guitar lessons",
            "the data pipeline", "a weekend in the mountains", "the insurance claim", "the piano recital",
            "the garden"]
_WHEN = ["yesterday", "last week", "this morning", "on Friday", "two days ago", "last month", "tonight",
         "next Tuesday", "after lunch", "over the weekend"]
_QUESTIONS = ["what did I plan for the weekend?", "when is the flight?", "what food do I like?",
              "did I finish the report?", "what did my sister say?", "where am I moving?",
              "what about the dentist appointment?", "which course did I start?", "what gift did I buy?",
              "how is the marathon training going?"]


def message(rng: random.Random, i: int) -> dict[str, str]:
    text = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_WHEN)} (note {i})."
    return {"role": "user" if rng.random() < 0.7 else "assistant", "content": text}


def rss_split_mib() -> dict[str, float]:
    """Anonymous vs file-backed resident memory: Qdrant Edge maps its segments, and mapped file
    pages count in RSS but the kernel can drop them under pressure."""
    return {k: round(v, 1) for k, v in _status().items() if k in ("RssAnon", "RssFile")}


def _status() -> dict[str, float]:
    fields: dict[str, float] = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                fields[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return fields


def rss_mib() -> tuple[float, float]:
    """(current VmRSS, peak VmHWM) in MiB."""
    fields = _status()
    peak = fields.get("VmHWM", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return fields.get("VmRSS", peak), peak


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def latency(values_s: list[float]) -> dict[str, float]:
    ms = [v * 1000 for v in values_s]
    return {"p50_ms": round(percentile(ms, 50), 2), "p95_ms": round(percentile(ms, 95), 2),
            "p99_ms": round(percentile(ms, 99), 2), "mean_ms": round(statistics.fmean(ms), 2)}


def ingest(mem: Memory, n: int, users: int, batch: int, rng: random.Random) -> dict[str, float]:
    """Every user's messages in batches of ``batch`` per add call; users interleaved round-robin."""
    per_user = [n // users + (1 if u < n % users else 0) for u in range(users)]
    calls: list[tuple[int, int]] = []  # (user, size)
    remaining = list(per_user)
    while any(remaining):
        for u in range(users):
            if remaining[u]:
                size = min(batch, remaining[u])
                calls.append((u, size))
                remaining[u] -= size
    written, t_total, i = 0, 0.0, 0
    report_every = max(1, len(calls) // 20)
    for c, (u, size) in enumerate(calls):
        msgs = [message(rng, i + k) for k in range(size)]
        i += size
        t0 = time.perf_counter()
        mem.add(msgs, user_id=f"user-{u:05d}", session_id=f"s-{u % 7}", infer=False)
        t_total += time.perf_counter() - t0
        written += size
        if (c + 1) % report_every == 0:
            print(f"  ingested {written:,}/{n:,}  {written / t_total:,.0f} msg/s", file=sys.stderr, flush=True)
    return {"messages": written, "seconds": round(t_total, 2), "messages_per_s": round(written / t_total, 1)}


def embed_share(mem: Memory, rng: random.Random, batch: int, queries: list[str]) -> dict[str, float]:
    """Where add and search time goes: the embedder alone on the same kind of input."""
    texts = [message(rng, 10**9 + k)["content"] for k in range(batch)]
    mem.embedder.embed_documents(texts)  # warm
    t0 = time.perf_counter()
    mem.embedder.embed_documents(texts)
    docs_per_s = batch / (time.perf_counter() - t0)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        mem.embedder.embed_query(q)
        times.append(time.perf_counter() - t0)
    return {"embed_documents_per_s": round(docs_per_s, 1), "embed_query": latency(times)}


def met(value: float | None, op: str, target: float) -> bool | None:
    if value is None:
        return None
    return value <= target if op == "<=" else value >= target


def serve(path: Path, args: argparse.Namespace) -> dict:
    """A fresh process serving an existing store, as an application restarting on it would:
    open time until the first search is answered, search / context latency, resident memory."""
    rng = random.Random(args.seed + 1)
    settings = Settings(**({"embed_threads": args.embed_threads} if args.embed_threads else {}))
    queries = [(rng.choice(_QUESTIONS), f"user-{rng.randrange(args.users):05d}") for _ in range(args.queries)]
    t0 = time.perf_counter()
    mem = Memory(path=path, settings=settings)
    t_open = time.perf_counter() - t0
    mem.search(queries[0][0], user_id=queries[0][1])
    out: dict = {"open": {"seconds": round(time.perf_counter() - t0, 3), "constructor_s": round(t_open, 3)}}
    for q, u in queries[:10]:  # warm-up: first ONNX runs and page cache
        mem.search(q, user_id=u)
    times = []
    for q, u in queries:
        t0 = time.perf_counter()
        hits = mem.search(q, user_id=u, limit=10)
        times.append(time.perf_counter() - t0)
        assert all(h.memory.user_id == u for h in hits)
    out["search"] = latency(times)
    times = []
    for q, u in queries[: max(1, args.queries // 2)]:
        t0 = time.perf_counter()
        mem.context(q, user_id=u)
        times.append(time.perf_counter() - t0)
    out["context"] = latency(times)
    out["profile"] = embed_share(mem, rng, args.batch, [q for q, _ in queries[:100]])
    rss, peak = rss_mib()
    out.update(rss_mib=round(rss, 1), peak_rss_mib=round(peak, 1), rss_split_mib=rss_split_mib())
    t0 = time.perf_counter()
    mem.close()
    out["close_after_reads_s"] = round(time.perf_counter() - t0, 3)
    return out


def run(args: argparse.Namespace) -> dict:
    rng = random.Random(args.seed)
    settings = Settings(**({"embed_threads": args.embed_threads} if args.embed_threads else {}))
    tmp = None
    if args.path:
        path = Path(args.path)
        if path.exists() and not args.reuse:
            sys.exit(f"{path} exists: remove it, or pass --reuse to skip ingestion and measure that store")
    else:
        tmp = tempfile.mkdtemp(prefix="agent-memory-scale-")
        path = Path(tmp) / "store"
    result: dict = {"n": args.n, "users": args.users, "queries": args.queries, "batch": args.batch,
                    "embed_threads": settings.embed_threads, "search_threads": settings.search_threads,
                    "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "platform": platform.platform()},
                    "command": " ".join([Path(sys.executable).name, *sys.argv])}
    try:
        if not (args.reuse and path.exists()):
            mem = Memory(path=path, settings=settings)
            print(f"ingesting {args.n:,} messages for {args.users:,} users into {path}", file=sys.stderr)
            result["add"] = ingest(mem, args.n, args.users, args.batch, rng)
            result["stored"] = mem.stats(all_scopes=True)["total"]
            result["ingest_peak_rss_mib"] = round(rss_mib()[1], 1)
            t0 = time.perf_counter()
            mem.close()
            result["close_after_ingest_s"] = round(time.perf_counter() - t0, 3)
        # the serving half runs in a new process: a restart's cold open, and the memory a
        # serving process holds (not the ingesting one's leftovers)
        cmd = [sys.executable, __file__, "--serve", str(path), "--users", str(args.users), "--queries",
               str(args.queries), "--batch", str(args.batch), "--seed", str(args.seed)]
        if args.embed_threads:
            cmd += ["--embed-threads", str(args.embed_threads)]
        served = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        result.update(served)
        result.setdefault("stored", served.get("stored"))
        result["disk_mib"] = round(sum(f.stat().st_blocks * 512 for f in path.rglob("*") if f.is_file()) / 2**20, 1)
    finally:
        if tmp and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    figures = {"search_p95_ms": result["search"]["p95_ms"],
               "add_messages_per_s": result.get("add", {}).get("messages_per_s"),
               "reopen_s": result["open"]["seconds"], "rss_mib": result["peak_rss_mib"]}
    result["targets"] = {k: {"value": figures[k], "target": f"{op} {t:g}", "met": met(figures[k], op, t)}
                         for k, (op, t) in TARGETS.items()}
    return result


def print_table(r: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"agent-memory scale: {r['stored']:,} memories, {r['users']:,} users, "
                    f"{r['machine']['cpus']} CPUs")
    t.add_column("measure")
    t.add_column("value", justify="right")
    t.add_column("target", justify="right")
    t.add_column("met")
    s = r["search"]
    rows = [("search p50 / p95 (incl. query embedding)", f"{s['p50_ms']} / {s['p95_ms']} ms", "search_p95_ms")]
    if "context" in r:
        rows.append(("context p50 / p95", f"{r['context']['p50_ms']} / {r['context']['p95_ms']} ms", None))
    if "add" in r:
        rows.append((f"add, batches of {r['batch']}, infer=False", f"{r['add']['messages_per_s']:,} msg/s",
                     "add_messages_per_s"))
    rows += [("reopen: new process, open until first search answered", f"{r['open']['seconds']} s", "reopen_s"),
             ("resident memory of the serving process (peak RSS)", f"{r['peak_rss_mib']:,} MiB", "rss_mib")]
    if "add" in r:
        rows += [("  close after ingesting", f"{r['close_after_ingest_s']} s", None),
                 ("  peak RSS of the ingesting process", f"{r['ingest_peak_rss_mib']:,} MiB", None)]
    rows += [("  RSS split (anonymous / file-backed)",
              f"{r['rss_split_mib'].get('RssAnon')} / {r['rss_split_mib'].get('RssFile')} MiB", None),
             ("  embedder alone: query p50", f"{r['profile']['embed_query']['p50_ms']} ms", None),
             ("  embedder alone: documents", f"{r['profile']['embed_documents_per_s']:,} /s", None),
             ("disk", f"{r['disk_mib']:,} MiB", None)]
    for label, value, key in rows:
        target = r["targets"][key] if key else None
        met = "" if target is None or target["met"] is None else ("yes" if target["met"] else "NO")
        t.add_row(label, value, target["target"] if target else "", met)
    Console().print(t)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=100_000, help="memories (messages) to store")
    p.add_argument("--users", type=int, default=1_000)
    p.add_argument("--queries", type=int, default=300)
    p.add_argument("--batch", type=int, default=100, help="messages per add call")
    p.add_argument("--embed-threads", type=int, help="ONNX threads of the embedder (default: the library's)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--path", help="store folder (default: a temporary one, removed afterwards)")
    p.add_argument("--reuse", action="store_true", help="measure an existing --path store without ingesting")
    p.add_argument("--keep", action="store_true", help="keep the temporary store")
    p.add_argument("--out", default=str(Path(__file__).parent / "results" / "scale.json"))
    p.add_argument("--serve", metavar="PATH", help=argparse.SUPPRESS)  # the serving half (a subprocess)
    args = p.parse_args()
    if args.serve:
        served = serve(Path(args.serve), args)
        with Memory(path=args.serve) as mem:
            served["stored"] = mem.stats(all_scopes=True)["total"]
        print(json.dumps(served))
        return
    result = run(args)
    print_table(result)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
