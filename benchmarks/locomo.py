"""LoCoMo retrieval benchmark: ingest each conversation through the public API, search with
each question, score the provenance of what comes back.

    /tmp/venv/bin/python benchmarks/locomo.py                 # dev file, default settings
    /tmp/venv/bin/python benchmarks/locomo.py --ablation      # each technique, side by side
    /tmp/venv/bin/python benchmarks/locomo.py --data PATH     # the full file (same format)

The dialog is all the system sees: each session's turns are added as messages of their
speakers (a shared photo's caption is part of the message, as the user sees it), with the
session's date as ``observed_at`` and the ``dia_id`` as the message id. The dataset's
generated ``observation``, ``session_summary`` and ``event_summary`` are never read.

Metrics (categories 1-4 overall and per category; category 5 apart), for k = 1, 3, 5, 10:
recall@k = share of gold ids among the provenance of the top k memories; id@k = share of
gold ids among the first k DISTINCT message ids in rank order (a memory covering many
messages cannot inflate it); hit@k = whether any gold id is among the top k memories' ids.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from agent_memory import Memory, Settings
from agent_memory._embeddings import FastEmbedEmbedder

HERE = Path(__file__).resolve().parent
# the shared data folder sits beside the checkout (main) or a level above it (a worktree)
DEFAULT_DATA = next((p / "shared" / "data" / "locomo" / "locomo_dev.json" for p in HERE.parents
                     if (p / "shared" / "data" / "locomo" / "locomo_dev.json").exists()),
                    HERE.parent.parent / "shared" / "data" / "locomo" / "locomo_dev.json")
RESULTS = HERE / "results" / "locomo.json"
CACHE = HERE / ".cache" / "locomo_vectors.npz"
KS = (1, 3, 5, 10)
CATEGORIES = {1: "multi-hop", 2: "temporal", 3: "open-domain", 4: "single-hop", 5: "adversarial"}

# The pipeline as the core engine shipped it: no retrieval technique of this benchmark's
# ablation switched on. Spelled out so that changing a default does not move the baseline.
BASELINE = dict(index_date=False, index_context=0, index_context_next=0, index_context_sparse=0, speaker_boost=0.0,
                temporal_boost=0.0, mmr_lambda=1.0, search_candidates=50, fusion_weights=(1.0, 1.0), rrf_k=60,
                session_boost=0.0, neighbour_penalty=0.0, second_round_seeds=0)

# Each step adds one technique to the previous one (cumulative), so the table reads as
# "what each technique added". Search-time steps reuse the store of the last indexing step.
ABLATION: list[tuple[str, dict[str, Any]]] = [
    ("baseline (core engine)", {}),
    ("+ date in indexed text", dict(index_date=True)),
    ("+ previous turn as context (dense: its vector mixed in at 0.5)", dict(index_context=1)),
    ("+ previous turn in BM25 text too", dict(index_context_sparse=1)),
    ("+ two previous turns in BM25 text", dict(index_context_sparse=2)),
    ("+ candidate pool 100", dict(search_candidates=100)),
    ("+ RRF k 10 (was 60)", dict(rrf_k=10)),
    ("+ fusion weights dense 0.5 / BM25 1", dict(fusion_weights=(0.5, 1.0))),
    ("+ speaker boost 0.2", dict(speaker_boost=0.2)),
    ("+ temporal boost 0.5", dict(temporal_boost=0.5)),
    ("+ session aggregation 0.05", dict(session_boost=0.05)),
    ("+ second round seeded by the top 5 hits' entities (= defaults)", dict(second_round_seeds=5)),
]
INDEX_KEYS = {"index_date", "index_context", "index_context_next", "index_context_sparse", "context_vector_weight"}


# ---------------------------------------------------------------------------- data
def parse_session_date(text: str) -> datetime:
    """'1:56 pm on 8 May, 2023' -> aware datetime (the dataset gives no zone: UTC)."""
    return datetime.strptime(text.strip(), "%I:%M %p on %d %B, %Y").replace(tzinfo=timezone.utc)


_EVIDENCE = re.compile(r"D\s*:?\s*(\d+)\s*:\s*(\d+)")


def parse_evidence(evidence: list[str], known: set[str]) -> list[str]:
    """Gold ids, repaired: several ids in one string ('D8:6; D9:17'), 'D:11:26' -> 'D11:26',
    'D30:05' -> 'D30:5'; ids of turns that do not exist are dropped."""
    out: list[str] = []
    for item in evidence:
        for a, b in _EVIDENCE.findall(str(item)):
            did = f"D{int(a)}:{int(b)}"
            if did in known and did not in out:
                out.append(did)
    return out


def sessions(conv: dict[str, Any]) -> list[tuple[int, datetime, list[dict[str, Any]]]]:
    """(number, date, turns) of the sessions that exist; date keys without turns are ignored."""
    out = []
    for key, turns in conv.items():
        m = re.fullmatch(r"session_(\d+)", key)
        if m and isinstance(turns, list) and turns:
            n = int(m.group(1))
            out.append((n, parse_session_date(conv[f"session_{n}_date_time"]), turns))
    return sorted(out, key=lambda s: s[0])


def turn_message(turn: dict[str, Any]) -> dict[str, Any]:
    text = turn["text"]
    if turn.get("blip_caption"):
        text = f"{text} [shares a photo: {turn['blip_caption']}]"
    return {"role": "user", "name": turn["speaker"], "content": text, "id": turn["dia_id"]}


@dataclass
class Question:
    sample: str
    text: str
    category: int
    gold: list[str]
    answer: str = ""  # the reference answer (category 5: the adversarial one)


def questions(sample: dict[str, Any]) -> tuple[list[Question], int]:
    known = {t["dia_id"] for _, _, turns in sessions(sample["conversation"]) for t in turns}
    out, skipped = [], 0
    for qa in sample["qa"]:
        gold = parse_evidence(qa.get("evidence") or [], known)
        if not gold:
            skipped += 1
            continue
        answer = qa.get("answer", qa.get("adversarial_answer", ""))
        out.append(Question(sample["sample_id"], qa["question"], int(qa["category"]), gold, str(answer)))
    return out, skipped


# ---------------------------------------------------------------------------- run
class CachedEmbedder:
    """The default embedder with its document vectors kept on disk between runs (ingestion is
    ~90% embedding; the vectors are bit-identical run to run, so caching changes no figure).
    Query embeddings are always computed: they are part of the search latency measured."""

    def __init__(self, path: Path | None, threads: int):
        self._inner = FastEmbedEmbedder(threads=threads)
        self.name, self.dim = self._inner.name, self._inner.dim
        self._path = path
        self._cache: dict[str, list[float]] = {}
        self._dirty = False
        if path is not None and path.exists():
            with np.load(path) as z:
                self._cache = dict(zip(json.loads(str(z["texts"])), z["vectors"].tolist()))

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            self._cache.update(zip(missing, self._inner.embed_documents(missing)))
            self._dirty = True
        return [self._cache[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._inner.embed_query(text)

    def save(self) -> None:
        if self._path is not None and self._dirty:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self._path.with_suffix(".tmp.npz")
            np.savez(tmp, texts=np.array(json.dumps(list(self._cache))),
                     vectors=np.array(list(self._cache.values()), dtype=np.float32))
            tmp.replace(self._path)
            self._dirty = False


def ingest(mem: Memory, sample: dict[str, Any], *, infer: bool) -> int:
    n = 0
    for num, date, turns in sessions(sample["conversation"]):
        mem.add([turn_message(t) for t in turns], user_id=sample["sample_id"], session_id=f"session_{num}",
                observed_at=date, infer=infer)
        n += len(turns)
    return n


def score(ranked_sources: list[list[str]], gold: list[str]) -> dict[str, float]:
    g = set(gold)
    distinct: list[str] = []
    for ids in ranked_sources:
        for i in ids:
            if i not in distinct:
                distinct.append(i)
    out = {}
    for k in KS:
        covered = {i for ids in ranked_sources[:k] for i in ids}
        out[f"recall@{k}"] = len(g & covered) / len(g)
        out[f"id@{k}"] = len(g & set(distinct[:k])) / len(g)
        out[f"hit@{k}"] = float(bool(g & covered))
    return out


def evaluate(mem: Memory, qs: list[Question], progress: Progress,
             label: str) -> tuple[list[dict[str, Any]], list[float]]:
    rows, lat = [], []
    task = progress.add_task(f"search  {label}", total=len(qs))
    for q in qs:
        t0 = time.perf_counter()
        hits = mem.search(q.text, user_id=q.sample, limit=max(KS))
        lat.append((time.perf_counter() - t0) * 1000)
        ranked = [h.memory.source_ids for h in hits]
        rows.append({"category": q.category, **score(ranked, q.gold), "ranked": ranked})
        progress.advance(task)
    progress.remove_task(task)
    return rows, lat


def fingerprint(rows: list[dict[str, Any]]) -> str:
    """A digest of every question's ranked provenance: two runs with the same digest returned
    the same memories in the same order for every question."""
    return hashlib.sha256(json.dumps([r["ranked"] for r in rows]).encode()).hexdigest()[:16]


def aggregate(rows: list[dict[str, Any]], lat: list[float]) -> dict[str, Any]:
    metrics = [k for k in rows[0] if k not in ("category", "ranked")] if rows else []
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by[str(r["category"])].append(r)
        if r["category"] != 5:
            by["1-4"].append(r)

    def mean(group: list[dict[str, Any]]) -> dict[str, float]:
        return {m: round(statistics.fmean(r[m] for r in group), 4) for m in metrics} | {"n": len(group)}

    lat_sorted = sorted(lat)
    return {"overall_1_4": mean(by["1-4"]),
            "per_category": {c: mean(by[c]) for c in sorted(k for k in by if k != "1-4")},
            "latency_ms": {"median": round(statistics.median(lat), 2),
                           "p95": round(lat_sorted[int(0.95 * (len(lat_sorted) - 1))], 2), "n": len(lat)}}


def run_variants(data: list[dict[str, Any]], variants: list[tuple[str, dict[str, Any]]], *, infer: bool,
                 console: Console, embedder: CachedEmbedder,
                 dump: dict[str, Any] | None = None) -> dict[str, Any]:
    qs: list[Question] = []
    skipped = 0
    for s in data:
        q, sk = questions(s)
        qs += q
        skipped += sk
    results: dict[str, Any] = {}
    turns = sum(len(t) for s in data for _, _, t in sessions(s["conversation"]))
    with tempfile.TemporaryDirectory() as tmp, Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    ) as progress:
        store, built = None, None
        for label, overrides in variants:
            settings = Settings(**overrides)
            index_conf = {k: overrides.get(k) for k in INDEX_KEYS}
            if index_conf != built:  # the indexed text changed: re-ingest into a fresh store
                store = Path(tmp) / f"store{len(results)}"
                t0 = time.perf_counter()
                with Memory(path=store, settings=settings, embedder=embedder) as mem:
                    task = progress.add_task(f"ingest  {label}", total=turns)
                    for s in data:
                        progress.advance(task, ingest(mem, s, infer=infer))
                    progress.remove_task(task)
                ingest_s = time.perf_counter() - t0
                embedder.save()
                built = index_conf
            with Memory(path=store, settings=settings, embedder=embedder) as mem:
                rows, lat = evaluate(mem, qs, progress, label)
            if dump is not None:
                dump[label] = [{"q": q.text, "cat": q.category, "gold": q.gold, "ranked": r["ranked"]}
                               for q, r in zip(qs, rows)]
            results[label] = {"settings": {k: v for k, v in overrides.items()}, "ingest_s": round(ingest_s, 1),
                              "fingerprint": fingerprint(rows), **aggregate(rows, lat)}
            o = results[label]["overall_1_4"]
            console.print(f"[dim]{label}: id@5 {o['id@5']:.3f}  recall@5 {o['recall@5']:.3f}  "
                          f"recall@10 {o['recall@10']:.3f}  p95 {results[label]['latency_ms']['p95']} ms  "
                          f"rankings {results[label]['fingerprint']}[/dim]")
    return {"questions": len(qs), "skipped_no_evidence": skipped, "turns": turns, "variants": results}


# ---------------------------------------------------------------------------- report
def category_table(name: str, res: dict[str, Any]) -> Table:
    t = Table(title=name)
    t.add_column("category")
    t.add_column("n", justify="right")
    for k in KS:
        t.add_column(f"id@{k}", justify="right")
    for k in (5, 10):
        t.add_column(f"recall@{k}", justify="right")
        t.add_column(f"hit@{k}", justify="right")
    rows = [(f"{c} {CATEGORIES[int(c)]}", m) for c, m in res["per_category"].items() if c != "5"]
    rows.append(("1-4 overall", res["overall_1_4"]))
    rows += [(f"5 {CATEGORIES[5]} (apart)", m) for c, m in res["per_category"].items() if c == "5"]
    for label, m in rows:
        t.add_row(label, str(m["n"]), *(f"{m[f'id@{k}']:.3f}" for k in KS),
                  *(f"{m[f'{x}@{k}']:.3f}" for k in (5, 10) for x in ("recall", "hit")))
    lat = res["latency_ms"]
    t.caption = f"search latency: median {lat['median']} ms, p95 {lat['p95']} ms over {lat['n']} queries"
    return t


def ablation_table(variants: dict[str, Any]) -> Table:
    t = Table(title="Ablation (cumulative; id@5 of categories 1-4, c5 apart)")
    cats = (f"id@5 c{c}" for c in (1, 2, 3, 4, 5))
    for col in ("variant", "id@5", "delta", "recall@5", "recall@10", *cats, "p95 ms"):
        t.add_column(col, justify="left" if col == "variant" else "right")
    prev = None
    for label, r in variants.items():
        o = r["overall_1_4"]
        delta = "" if prev is None else f"{o['id@5'] - prev:+.3f}"
        prev = o["id@5"]
        t.add_row(label, f"{o['id@5']:.3f}", delta, f"{o['recall@5']:.3f}", f"{o['recall@10']:.3f}",
                  *(f"{r['per_category'].get(str(c), {}).get('id@5', 0):.3f}" for c in (1, 2, 3, 4, 5)),
                  str(r["latency_ms"]["p95"]))
    return t


def markdown(out: dict[str, Any]) -> str:
    """The two tables of benchmarks/RESULTS_locomo.md: first vs last variant per category, and
    the ablation (each variant's id@5 and what it added)."""
    vs = out["variants"]
    first, last = next(iter(vs)), list(vs)[-1]
    lines = [f"| category | n | id@5 {first} | id@5 {last} | recall@5 {first} | recall@5 {last} "
             f"| recall@10 {first} | recall@10 {last} |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    cats = [(c, f"{c} {CATEGORIES[int(c)]}") for c in vs[first]["per_category"] if c != "5"]
    for key, label in [*cats, ("1-4", "**1-4 overall**"), ("5", "5 adversarial (apart)")]:
        a = vs[first]["overall_1_4"] if key == "1-4" else vs[first]["per_category"].get(key)
        b = vs[last]["overall_1_4"] if key == "1-4" else vs[last]["per_category"].get(key)
        if a and b:
            lines.append(f"| {label} | {a['n']} | " + " | ".join(
                f"{x[m]:.3f}" for m in ("id@5", "recall@5", "recall@10") for x in (a, b)) + " |")
    lines += ["", "| variant (cumulative) | id@5 | added | recall@5 | recall@10 | id@5 c1 | id@5 c2 | id@5 c3 "
              "| id@5 c4 | id@5 c5 (apart) | search p50 / p95 ms |", "|---|" + "---:|" * 10]
    prev = None
    for label, r in vs.items():
        o = r["overall_1_4"]
        added = "" if prev is None else f"{o['id@5'] - prev:+.3f}"
        prev = o["id@5"]
        lines.append(f"| {label} | {o['id@5']:.3f} | {added} | {o['recall@5']:.3f} | {o['recall@10']:.3f} | "
                     + " | ".join(f"{r['per_category'].get(str(c), {}).get('id@5', 0):.3f}"
                                  for c in (1, 2, 3, 4, 5))
                     + f" | {r['latency_ms']['median']} / {r['latency_ms']['p95']} |")
    return "\n".join(lines) + "\n"


def parse_overrides(text: str) -> dict[str, Any]:
    """'session_boost=0.1,fusion_weights=[1,1]' -> {'session_boost': 0.1, 'fusion_weights': [1, 1]} (JSON values)."""
    out = {}
    for item in re.split(r",(?![^\[]*\])", text):  # commas inside a JSON list belong to the value
        key, _, value = item.partition("=")
        out[key.strip()] = json.loads(value)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="LoCoMo JSON (default: the dev split)")
    ap.add_argument("--infer", action="store_true", help="also run the default extractor on ingestion")
    ap.add_argument("--ablation", action="store_true", help="run each technique, side by side")
    ap.add_argument("--samples", type=int, default=None, help="only the first N conversations (smoke runs)")
    ap.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON results")
    ap.add_argument("--cache", type=str, default=str(CACHE), help="document vectors kept between runs ('' : none)")
    ap.add_argument("--threads", type=int, default=2, help="ONNX threads (fixed, so runs compare)")
    ap.add_argument("--vary", action="append", default=[], metavar="KEY=VALUE[,KEY=VALUE]",
                    help="also run the defaults with these Settings changed (repeatable; values in JSON)")
    ap.add_argument("--dump", type=Path, default=None, help="write every question's ranked ids here (JSON)")
    args = ap.parse_args(argv)
    embedder = CachedEmbedder(Path(args.cache) if args.cache else None, args.threads)  # Path("") would be "."
    console = Console(width=150)
    data = json.loads(args.data.read_text())[: args.samples]
    if args.ablation:
        variants, acc = [], dict(BASELINE)
        for label, step in ABLATION:
            acc = {**acc, **step}
            variants.append((label, dict(acc)))
    else:
        variants = [("baseline (core engine)", dict(BASELINE)), ("default settings", {})]
    variants += [(f"defaults, {v}", parse_overrides(v)) for v in args.vary]
    t0 = time.perf_counter()
    dump: dict[str, Any] | None = {} if args.dump else None
    out = run_variants(data, variants, infer=args.infer, console=console, embedder=embedder, dump=dump)
    if args.dump:
        args.dump.write_text(json.dumps(dump))
    out |= {"data": str(args.data), "infer": args.infer, "seconds": round(time.perf_counter() - t0, 1)}
    for label, res in out["variants"].items():
        if not args.ablation or label == next(iter(out["variants"])) or label == list(out["variants"])[-1]:
            console.print(category_table(label, res))
    if args.ablation:
        console.print(ablation_table(out["variants"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2))
    args.out.with_suffix(".md").write_text(markdown(out))
    console.print(f"{out['questions']} questions ({out['skipped_no_evidence']} without valid evidence skipped), "
                  f"{out['turns']} turns, {out['seconds']} s; results in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
