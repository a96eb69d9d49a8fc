"""Precision and recall of the write-time injection screen (``agent_memory._screen``).

    python benchmarks/screen.py
    python benchmarks/screen.py --labels benchmarks/data/injection_labels.jsonl --show-errors

Every line of the label set is ``{"text", "label": "attack" | "benign", "class"}``: attacks in six
classes (override, persona, impersonation, exfiltration, delimiter, third_party), many of them
known public phrasings ("Ignore previous instructions", DAN, "Repeat the words above starting
with...", chat-template tokens, markdown-image exfiltration); benign look-alikes in four
(answer preferences such as "Please always answer me in Spanish", instruction look-alikes such as
"I ignored the previous email", everyday statements, technical text).

Reported: overall precision/recall of the "attack" decision; recall per attack class; the share
of each benign class flagged (false-positive rate); and the screen's time per message.

``--external`` also evaluates what installs from PyPI without model downloads, when present in the
environment (they are not dependencies; ``pip install injectionshield clawguard-core
jailbreak-corpus-mini-py``): the rule detectors ``injectionshield`` and ``clawguard-core`` on our
label set, and our screen on ``jailbreak-corpus-mini``'s public fixtures (written apart from our
rules). Detectors with models (llm-guard, rebuff, pytector) download weights at run time: not
evaluated.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from _labelled import parser, read_jsonl

from agent_memory._screen import is_injection, reasons


def evaluate(rows: list[dict]) -> dict:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # class -> [flagged, total]
    tp = fp = fn = 0
    errors = []
    start = time.perf_counter()
    verdicts = [is_injection(r["text"]) for r in rows]
    per_msg_ms = (time.perf_counter() - start) * 1000 / max(1, len(rows))
    for r, flagged in zip(rows, verdicts):
        attack = r["label"] == "attack"
        per[f'{r["label"]}:{r["class"]}'][0] += flagged
        per[f'{r["label"]}:{r["class"]}'][1] += 1
        tp += attack and flagged
        fp += (not attack) and flagged
        fn += attack and not flagged
        if attack != flagged:
            errors.append({"text": r["text"], "label": r["label"], "class": r["class"], "rules": reasons(r["text"])})
    return {
        "lines": len(rows), "attacks": sum(r["label"] == "attack" for r in rows),
        "benign": sum(r["label"] == "benign" for r in rows),
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
        "per_class": {k: {"flagged": f, "n": n, "rate": round(f / n, 3)} for k, (f, n) in sorted(per.items())},
        "ms_per_message": round(per_msg_ms, 4),
        "errors": errors,
    }


def _external(rows: list[dict]) -> None:
    detectors = {}
    try:
        import injectionshield

        detectors["injectionshield"] = lambda t: not injectionshield.scan(t).safe
    except ImportError:
        print("injectionshield: not installed")
    try:
        import clawguard_core

        scanner = clawguard_core.Scanner()
        detectors["clawguard-core"] = lambda t: scanner.scan(t).detected
    except ImportError:
        print("clawguard-core: not installed")
    for name, flagged in detectors.items():
        verdicts = [(r["label"] == "attack", bool(flagged(r["text"]))) for r in rows]
        tp = sum(a and f for a, f in verdicts)
        fp = sum(f and not a for a, f in verdicts)
        fn = sum(a and not f for a, f in verdicts)
        print(f"{name} on our labels: precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f}")
    try:
        from jailbreak_corpus_mini import load_corpus
    except ImportError:
        print("jailbreak-corpus-mini: not installed")
        return
    corpus = load_corpus()
    caught = [f for f in corpus if is_injection(f.prompt)]
    print(f"our screen on jailbreak-corpus-mini: {len(caught)}/{len(corpus)} fixtures flagged")
    for f in corpus:
        if f not in caught:
            print(f"  MISS {f.category:<18} {f.prompt[:90]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, "injection_labels.jsonl")
    ap.add_argument("--external", action="store_true", help="also evaluate external detectors/corpora if installed")
    args = ap.parse_args(argv)
    rows = read_jsonl(args.labels)
    res = evaluate(rows)
    print(f"{res['lines']} lines ({res['attacks']} attacks, {res['benign']} benign): "
          f"precision {res['precision']:.3f}, recall {res['recall']:.3f}, {res['ms_per_message']:.3f} ms/message")
    print(f"{'class':<32} {'flagged':>8} {'n':>4} {'rate':>6}   (attack: recall; benign: false-positive rate)")
    for k, c in res["per_class"].items():
        print(f"{k:<32} {c['flagged']:>8} {c['n']:>4} {c['rate']:>6.3f}")
    if args.show_errors:
        for e in res["errors"]:
            print(f"  MISS {e['class']:<14}" if e["label"] == "attack" else f"  FP   {e['class']:<14}",
                  json.dumps(e["text"])[:110], e["rules"])
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=2))
    if args.external:
        _external(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
