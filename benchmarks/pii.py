"""Precision and recall of the PII detectors (``agent_memory._pii``), per type.

    python benchmarks/pii.py
    python benchmarks/pii.py --show-errors

Every line of ``benchmarks/data/pii_labels.jsonl`` is ``{"text", "spans": [{"type", "value"}]}``;
about half the lines hold no personal data but look like it (order numbers, dates, versions,
ISBNs, tracking numbers, hashes, UUIDs, prices, card/IBAN/SSN look-alikes that fail their
checksums or validity rules, invalid IP addresses).

A detected span matches a labelled one of the same line when the types are equal and the texts
are equal after removing spaces, dashes, dots and parentheses (one-to-one). Precision per type =
matched detections / detections of that type; recall = matched labels / labels of that type.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from _labelled import parser, read_jsonl

from agent_memory._pii import TYPES, detect


def _norm(s: str) -> str:
    return re.sub(r"[\s\-.()]", "", s).casefold()


def evaluate(rows: list[dict]) -> dict:
    tp: dict[str, int] = defaultdict(int)
    n_pred: dict[str, int] = defaultdict(int)
    n_gold: dict[str, int] = defaultdict(int)
    errors = []
    start = time.perf_counter()
    found_all = [detect(r["text"]) for r in rows]
    ms = (time.perf_counter() - start) * 1000 / max(1, len(rows))
    for r, found in zip(rows, found_all):
        gold = [(s["type"], _norm(s["value"])) for s in r["spans"]]
        for t, _ in gold:
            n_gold[t] += 1
        left = list(gold)
        for f in found:
            n_pred[f.type] += 1
            key = (f.type, _norm(r["text"][f.start:f.end]))
            if key in left:
                left.remove(key)
                tp[f.type] += 1
            else:
                errors.append(("FP", f.type, r["text"], r["text"][f.start:f.end]))
        errors += [("MISS", t, r["text"], v) for t, v in left]
    per = {t: {"labels": n_gold[t], "detected": n_pred[t], "matched": tp[t],
               "precision": round(tp[t] / n_pred[t], 3) if n_pred[t] else 1.0,
               "recall": round(tp[t] / n_gold[t], 3) if n_gold[t] else 1.0} for t in TYPES}
    all_tp, all_pred, all_gold = sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())
    return {"lines": len(rows), "lines_without_pii": sum(not r["spans"] for r in rows),
            "precision": round(all_tp / all_pred, 3) if all_pred else 1.0,
            "recall": round(all_tp / all_gold, 3) if all_gold else 1.0,
            "per_type": per, "ms_per_message": round(ms, 3), "errors": errors}


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, "pii_labels.jsonl")
    args = ap.parse_args(argv)
    rows = read_jsonl(args.labels)
    res = evaluate(rows)
    print(f"{res['lines']} lines ({res['lines_without_pii']} look-alikes without PII): precision "
          f"{res['precision']:.3f}, recall {res['recall']:.3f}, {res['ms_per_message']:.3f} ms/message")
    print(f"{'type':<14} {'labels':>6} {'found':>6} {'precision':>9} {'recall':>7}")
    for t, c in res["per_type"].items():
        print(f"{t:<14} {c['labels']:>6} {c['detected']:>6} {c['precision']:>9.3f} {c['recall']:>7.3f}")
    if args.show_errors:
        for kind, t, text, value in res["errors"]:
            print(f"  {kind:<4} {t:<13} {value!r:<40} in {text[:70]!r}")
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
