"""Precision and recall of the rule-based extractor, whether changes of mind leave exactly the
latest value current, and the latency it adds to ``add``.

    python benchmarks/extraction.py                  # about 1 min on 2 cores
    python benchmarks/extraction.py --no-latency     # quality and changes only
    python benchmarks/extraction.py --repeats 5 --out /tmp/extraction.json
    python benchmarks/extraction.py --no-latency --labels <file> --changes-file <file> --verbose  # one set
    python benchmarks/extraction.py --no-latency --llm-model M --llm-base-url http://127.0.0.1:8080/v1  # an LLM

Quality is reported for three label sets: ``extraction_labels_v2.jsonl`` (166 messages, 60 of
them negatives, written apart from the rules before the clause/third-party/slot work of issue 17),
``extraction_labels_heldout.jsonl`` (62, an older set written apart from the rules) and
``extraction_labels.jsonl`` (written alongside the rules: a regression check, not a score), plus
``extraction_labels_v3.jsonl``/``extraction_changes_v3.jsonl`` (see ``data/README_extraction_v3.md``) and
``extraction_labels_v4.jsonl``/``extraction_changes_v4.jsonl`` (160 messages, 55 negatives; 64 change cases;
written apart from the rules, see ``data/README_extraction_v4.md``) and
``extraction_labels_v5.jsonl``/``extraction_changes_v5.jsonl`` (160 messages, 55 negatives; 64 change cases;
written apart from the rules, see ``data/README_extraction_v5.md``).
Every line is one user message (text, speaker name, the time it was said) with the memories a
careful reader would keep from it (none for questions, small talk, passing moods, jokes,
hypotheticals, quoted or reported speech, translation and writing requests).

Category conventions (pinned in session 7 so that sets written apart from each other agree; they are the
choices the v4 labeller documented in ``data/README_extraction_v4.md`` before any run):

* ``identity``: name, age, home, origin, job, employer, school, languages, relationship status of the speaker;
* ``constraint``: diets, allergies, health conditions, accessibility needs, self-imposed limits ("no caffeine
  after 2pm");
* ``preference``: likes and dislikes, favourites, hobbies and habits;
* ``relationship``: standing facts about third parties in the speaker's life (partner, children, parents,
  friends, pets), with the relation, the name (when given) and the attribute as key terms; their dated past
  happenings are ``event``, their future ones ``plan``;
* identity or relationship (pinned in session 10): the speaker's children, pets and household are
  ``relationship`` facts however they are said -- how many, names, ages ("I have two kids", "my son is 4", "a
  new mum", "we've got a cat called Miso", "two rescue greyhounds") and whom they live with, or that they live
  alone ("I live with my girlfriend", "my partner and I moved in together", "my mum lives with us", "I live
  alone"); grandchildren likewise. The speaker's own relationship status (single, dating, engaged, married,
  separated, divorced, widowed) stays ``identity``, and a partner the status names is a ``relationship`` fact
  beside it: "I'm married to Ana" is identity "married" plus relationship "Ana"; "single mum of two" is identity
  "single" plus relationship "two"; "my husband and I have 3 kids" is relationship "3 kids" only (the husband is
  named in passing, no status is said);
* ``goal`` (what the speaker wants to achieve), ``plan`` (dated future), ``event`` (dated past);
* ``fact``: past states ("used to X", "was a postman", "previously lived in Y") -- a past fact, not a current
  one -- and lasting facts no other category takes;
* negations carry a negation key term ("meat" + "no longer|not|n't"), so "eats meat" does not match "no longer
  eats meat"; relative dates are resolved against the message time in the content but are never key terms.

Matching rule: a predicted memory matches an expected one of the same line when

* the categories are equal, and
* every key term of the expected memory occurs in the predicted content, case-insensitively
  (a key term may list alternatives separated by ``|``: "hate|dislike").

Matching is one-to-one and greedy in label order. Precision = matched predictions / all
predictions; recall = matched expected memories / all expected memories; both overall and per
category (a prediction counts towards the category it claims). The attribute (the conflict key)
is not part of the match; the share of matches whose attribute equals the label is reported
separately, as is the share of negative lines (no expected memory) that produced anything.

Changes of mind (``extraction_changes.jsonl``): each case is 2-3 user turns on different dates
about one slot ("I live in Berlin" ... "We moved to Lisbon last month"), added one ``add`` per turn
with its ``observed_at`` to a real ``Memory`` (Qdrant Edge in a temp folder, the default embedder
and the rule extractor), each case in its own user. A case passes when a current profile memory
names the latest value (``latest``; null when the last turn only ends the old value) and no
current profile memory states an old value (``stale``) as the present: a current memory naming it
counts unless it also carries a past marker (``PAST_MARKERS``: "no longer", "used to", "left" ...);
values listed in ``kept`` (a set slot's other members, a look-alike's fact) must stay current too.

With ``--llm-model`` (and ``--llm-base-url``, any OpenAI-compatible endpoint) the label sets and the change cases
are read by ``LLMExtractor`` instead of the rules, one message per call, so both extractors are scored on the same
items by the same matching rule (consolidation stays the rule consolidator). Its fallback is replaced by one that
yields nothing and counts: a message the endpoint could not answer counts as no output, so the figures are the
model's own, never the rules'. Latency and CPU figures are for the rules only.

Latency: the same messages are added one at a time to ``Memory(path=<tmpdir>)`` (Qdrant Edge,
default embedder) with ``infer=False`` (plain storage) and with ``infer=True`` and the
``RuleExtractor``, interleaved, for a few repeats, each into its own user. The added latency
per message is the median of the infer=True timings minus the median of the infer=False
timings. It includes consolidation of what was extracted (embedding each derived memory,
neighbour lookups, writes), which is where almost all of the time goes; the extractor's own
CPU time per message is reported too. That is the worst case: every labelled line is a
statement picked for extraction. The same difference is measured on real dialog too: LoCoMo dev
conversations (``--conversations``, default 2) added a session per ``add`` call, as an
application adding a stretch of conversation would.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from agent_memory import LLMExtractor, Memory
from agent_memory._extraction import Candidate, ExtractionContext, Extractor
from agent_memory._models import Message
from agent_memory._time import to_utc
from agent_memory.rules import RuleExtractor
from agent_memory.rules.openers import speaker_openers

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
LABEL_SETS = {"v2": DATA / "extraction_labels_v2.jsonl", "heldout": DATA / "extraction_labels_heldout.jsonl",
              "dev": DATA / "extraction_labels.jsonl", "v3": DATA / "extraction_labels_v3.jsonl",
              "v4": DATA / "extraction_labels_v4.jsonl", "v5": DATA / "extraction_labels_v5.jsonl",
              "v6": DATA / "extraction_labels_v6.jsonl", "v7": DATA / "extraction_labels_v7.jsonl"}
CHANGE_SETS = {"changes": DATA / "extraction_changes.jsonl", "changes_v3": DATA / "extraction_changes_v3.jsonl",
               "changes_v4": DATA / "extraction_changes_v4.jsonl", "changes_v5": DATA / "extraction_changes_v5.jsonl",
               "changes_v6": DATA / "extraction_changes_v6.jsonl", "changes_v7": DATA / "extraction_changes_v7.jsonl"}
# written apart from the rules and never read by their authors: --verbose prints their aggregates only, so that a
# debugging run cannot show anyone their lines by accident
HELD_OUT = {path.resolve() for key, path in (*LABEL_SETS.items(), *CHANGE_SETS.items())
            if key.endswith(("v3", "v4", "v5", "v6", "v7"))}
PAST_MARKERS = re.compile(r"\b(?:no longer|used to|any ?more|former|formerly|previously|from|left|quit|stopped"
                          r"|gave up|given up|broke up|sold|died|passed away|ex-)", re.IGNORECASE)
TARGET_ADDED_MS = 2.0


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def message(row: dict) -> Message:
    return Message(role="user", content=row["text"], name=row.get("name"), id=row["id"],
                   created_at=to_utc(row["observed_at"]))


def has_terms(pred: Candidate, exp: dict) -> bool:
    text = pred.content.casefold()
    return all(any(alt.strip().casefold() in text for alt in term.split("|")) for term in exp["key_terms"])


def matches(pred: Candidate, exp: dict) -> bool:
    return pred.category == exp["category"] and has_terms(pred, exp)


def miss_kind(preds: list[Candidate], exp: dict) -> str:
    """Why a labelled fact was missed, an aggregate a held-out set can report without anyone reading its lines:
    nothing was derived from the message, the fact was derived under another category, its words are in one
    derived fact that answered another label (two facts read as one), or other facts were derived."""
    if not preds:
        return "silent"
    holding = [p for p in preds if has_terms(p, exp)]
    if any(p.category != exp["category"] for p in holding):
        return "category"
    return "joined" if holding else "other"


class Unanswered:
    """The LLM extractor's fallback in a measurement: nothing, counted (a failed call is no output)."""

    name = "unanswered"

    def __init__(self) -> None:
        self.messages = 0

    def extract(self, messages: list[Message], *, context: ExtractionContext) -> list[Candidate]:
        self.messages += len(messages)
        return []


def quality(rows: list[dict], ex: Extractor | None = None) -> dict:
    ex = ex if ex is not None else RuleExtractor()
    pred_n: Counter[str] = Counter()
    pred_ok: Counter[str] = Counter()
    exp_n: Counter[str] = Counter()
    exp_ok: Counter[str] = Counter()
    attr_same = 0
    negatives = negatives_hit = 0
    misses, spurious = [], []
    for row in rows:
        msg = message(row)
        found = ex.extract([msg], context=ExtractionContext(observed_at=msg.created_at))
        preds = found[0] if isinstance(found, tuple) else found  # an LLM extractor says how it extracted too
        expected = row["expected"]
        if not expected:
            negatives += 1
            negatives_hit += bool(preds)
        used: set[int] = set()
        for e in expected:
            exp_n[e["category"]] += 1
            hit = next((i for i, p in enumerate(preds) if i not in used and matches(p, e)), None)
            if hit is None:
                misses.append({"id": row["id"], "text": row["text"], "expected": e["content"],
                               "kind": miss_kind(preds, e)})
                continue
            used.add(hit)
            exp_ok[e["category"]] += 1
            attr_same += preds[hit].attribute == e.get("attribute")
        for i, p in enumerate(preds):
            pred_n[p.category or "none"] += 1
            if i in used:
                pred_ok[p.category or "none"] += 1
            else:
                spurious.append({"id": row["id"], "text": row["text"], "predicted": p.content,
                                 "category": p.category})

    def pr(ok_p: int, n_p: int, ok_e: int, n_e: int) -> dict:
        p = ok_p / n_p if n_p else None
        r = ok_e / n_e if n_e else None
        f1 = 2 * p * r / (p + r) if p and r else None
        return {"precision": p, "recall": r, "f1": f1, "predicted": n_p, "expected": n_e}

    cats = sorted(set(pred_n) | set(exp_n))
    matched = sum(exp_ok.values())
    return {
        "lines": len(rows), "negative_lines": negatives,
        "overall": pr(sum(pred_ok.values()), sum(pred_n.values()), matched, sum(exp_n.values())),
        "per_category": {c: pr(pred_ok[c], pred_n[c], exp_ok[c], exp_n[c]) for c in cats},
        "attribute_agreement": attr_same / matched if matched else None,
        "negative_lines_with_output": negatives_hit / negatives if negatives else None,
        "miss_kinds": {k: sum(m["kind"] == k for m in misses) for k in ("silent", "category", "joined", "other")},
        "misses": misses, "spurious": spurious,
    }


def extractor_cpu_ms(msgs: list[Message], loops: int = 20) -> float:
    """The extractor's time a message, each pass over messages it has not seen (the per-clause cache of
    ``rules.openers`` is emptied between passes: a repeated pass would time its hits, not the reading)."""
    ex = RuleExtractor()
    ctx = ExtractionContext(observed_at=datetime.now().astimezone())
    total = 0.0
    for _ in range(loops):
        speaker_openers.cache_clear()
        t0 = time.perf_counter()
        for m in msgs:
            ex.extract([m], context=ctx)
        total += time.perf_counter() - t0
    return total * 1000 / (loops * len(msgs))


def latency(rows: list[dict], repeats: int) -> dict:
    plain: list[float] = []
    rules: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, Memory(path=Path(tmp) / "store", extractor=RuleExtractor()) as mem:
        mem.add("warm up the embedder and the store", user_id="warmup", infer=True)
        for r in range(repeats):
            for row in rows:
                kw = {"name": row["name"]} if row.get("name") else {}
                msg = {"role": "user", "content": row["text"], **kw}
                t0 = time.perf_counter()
                mem.add([msg], user_id=f"plain-{r}", observed_at=row["observed_at"], infer=False)
                t1 = time.perf_counter()
                mem.add([msg], user_id=f"rules-{r}", observed_at=row["observed_at"], infer=True)
                t2 = time.perf_counter()
                plain.append((t1 - t0) * 1000)
                rules.append((t2 - t1) * 1000)
    added = statistics.median(rules) - statistics.median(plain)
    return {
        "repeats": repeats, "adds_per_mode": len(plain),
        "plain_median_ms": statistics.median(plain), "rules_median_ms": statistics.median(rules),
        "plain_mean_ms": statistics.fmean(plain), "rules_mean_ms": statistics.fmean(rules),
        "added_median_ms": added, "added_mean_ms": statistics.fmean(rules) - statistics.fmean(plain),
        "target_added_ms": TARGET_ADDED_MS, "meets_target": added <= TARGET_ADDED_MS,
    }


def conversation_latency(conversations: int, data_path: Path | None = None) -> dict:
    """The added cost on real conversations: LoCoMo dev sessions, each added as one batch (as an
    app adding a stretch of dialog would), into a plain store and a store with the rule
    extractor, session by session interleaved; added per message = difference of the totals
    divided by the messages (most turns of a real conversation carry nothing worth keeping)."""
    import locomo  # beside this script

    data = json.loads((data_path or locomo.DEFAULT_DATA).read_text())[:conversations]
    totals = {False: 0.0, True: 0.0}
    messages = derived = 0
    turns: list[Message] = []
    with tempfile.TemporaryDirectory() as tmp, \
            Memory(path=Path(tmp) / "plain", extractor=RuleExtractor()) as plain, \
            Memory(path=Path(tmp) / "rules", extractor=RuleExtractor()) as rules:
        plain.add("warm up the embedder and the store", user_id="warmup", infer=False)
        rules.add("warm up the embedder and the store", user_id="warmup", infer=True)
        for sample in data:
            for num, date, session in locomo.sessions(sample["conversation"]):
                msgs = [locomo.turn_message(t) for t in session]
                turns += [Message(role="user", content=m["content"], name=m["name"], id=m["id"]) for m in msgs]
                for store, infer in ((plain, False), (rules, True)):
                    t0 = time.perf_counter()
                    res = store.add(msgs, user_id=sample["sample_id"], session_id=f"s{num}", observed_at=date,
                                    infer=infer)
                    totals[infer] += time.perf_counter() - t0
                    if infer:
                        derived += sum(1 for m in res.memories if m.category != "message")
                messages += len(msgs)
    added = (totals[True] - totals[False]) * 1000 / messages
    return {"conversations": len(data), "messages": messages, "derived_memories": derived,
            "plain_ms_per_message": totals[False] * 1000 / messages,
            "rules_ms_per_message": totals[True] * 1000 / messages,
            "added_ms_per_message": added, "target_added_ms": TARGET_ADDED_MS, "meets_target": added <= TARGET_ADDED_MS,
            "extractor_cpu_ms_per_turn": extractor_cpu_ms(turns, loops=5)}


def names(content: str, value: str) -> bool:
    """Whether a memory names a value: case-insensitively, a number only as a whole number (an age of 34 is not
    inside "2034", nor 3 kids inside "13")."""
    if value.strip().isdigit():
        return re.search(rf"(?<!\d){re.escape(value.strip())}(?!\d)", content) is not None
    return value.casefold() in content.casefold()


def changes(cases: list[dict], ex: Extractor | None = None) -> dict:
    """Every case through a real ``Memory``; see the module docstring for the pass rule."""
    passed, failures = 0, []
    ex = ex if ex is not None else RuleExtractor()
    with tempfile.TemporaryDirectory() as tmp, Memory(path=Path(tmp) / "store", extractor=ex) as mem:
        for case in cases:
            user = f"case-{case['id']}"
            for turn in case["turns"]:
                kw = {"name": case["name"]} if case.get("name") else {}
                mem.add([{"role": "user", "content": turn["text"], **kw}], user_id=user,
                        observed_at=turn["observed_at"])
            current = [m.content for m in mem.list(user_id=user, kinds=["profile"], limit=200).items]
            name = case.get("name") or ""
            # the speaker's own name is not a value ("Liz" is inside "Elizabeth")
            current = [c.replace(name, "") if name else c for c in current]
            latest = case["latest"]
            has_latest = latest is None or any(names(c, latest) for c in current)
            # values that must stay current beside the latest (a set slot's other members, a look-alike)
            has_latest = has_latest and all(any(names(c, k) for c in current) for k in case.get("kept", []))
            stale = [c for c in current for old in case["stale"] if names(c, old) and not PAST_MARKERS.search(c)]
            if has_latest and not stale:
                passed += 1
            else:
                failures.append({"id": case["id"], "turns": [t["text"] for t in case["turns"]], "latest": latest,
                                 "current": current, "stale_current": stale})
    return {"cases": len(cases), "passed": passed, "share": passed / len(cases) if cases else None,
            "failures": failures}


def unread(found: dict, path: Path, lines: tuple[str, ...]) -> dict:
    """What the result file keeps of a set: a held-out set's figures, never its lines (the file is committed)."""
    return {k: v for k, v in found.items() if k not in lines} if path.resolve() in HELD_OUT else found


def chosen_change_sets(labels: list[Path] | None, files: list[Path] | None) -> dict[str, Path]:
    """The change-case files a run scores: those named; else, for label files picked by hand (a development run),
    the development cases only -- a held-out set is scored only when it is named or on a default run."""
    if files:
        return {p.stem: p for p in files}
    return {"changes": CHANGE_SETS["changes"]} if labels else CHANGE_SETS


def fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--labels", type=Path, action="append",
                    help="a label file to score (repeatable; default: the v2, held-out and dev sets)")
    ap.add_argument("--no-changes", action="store_true", help="skip the change-of-mind cases")
    ap.add_argument("--changes-file", type=Path, action="append",
                    help="a change-case file to check instead of the default sets (repeatable; with --labels the "
                         "default is the development cases only)")
    ap.add_argument("--locomo", type=Path, default=None, help="LoCoMo JSON for the dialog latency (default: the "
                    "dev split under shared/)")
    ap.add_argument("--verbose", action="store_true", help="print every miss and spurious prediction")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", type=Path, default=HERE / "results" / "extraction.json")
    ap.add_argument("--no-latency", action="store_true", help="quality only (no store, no embedder)")
    ap.add_argument("--conversations", type=int, default=2, help="LoCoMo dev conversations for the latency on "
                    "real dialog (0: skip)")
    ap.add_argument("--llm-model", help="score LLMExtractor with this model instead of the rules")
    ap.add_argument("--llm-base-url", help="the OpenAI-compatible endpoint for --llm-model")
    ap.add_argument("--llm-api-key", default=None, help="its key (default: OPENAI_API_KEY, or none)")
    ap.add_argument("--llm-timeout", type=float, default=120.0, help="seconds per call")
    args = ap.parse_args(argv)

    unanswered = Unanswered()
    llm = LLMExtractor(args.llm_model, base_url=args.llm_base_url, api_key=args.llm_api_key,
                       timeout=args.llm_timeout, fallback=unanswered) if args.llm_model else None
    ex: Extractor = llm if llm is not None else RuleExtractor()
    if llm is not None:
        args.no_latency = True  # the latency and CPU figures are the rules'
    sets = {p.stem: p for p in args.labels} if args.labels else LABEL_SETS
    result: dict = {"extractor": getattr(ex, "name", "rules"), "quality": {}}
    print(f"extractor: {result['extractor']}")
    for set_name, path in sets.items():
        q = quality(load(path), ex)
        result["quality"][set_name] = {"labels": str(path.relative_to(HERE.parent)) if path.is_relative_to(HERE.parent)
                                       else str(path), **unread(q, path, ("misses", "spurious"))}
        print(f"\n== {set_name}: {path.name}: {q['lines']} lines ({q['negative_lines']} with nothing to extract)")
        print(f"{'category':<12} {'precision':>9} {'recall':>7} {'f1':>7} {'pred':>5} {'exp':>5}")
        for name, st in [*q["per_category"].items(), ("OVERALL", q["overall"])]:
            print(f"{name:<12} {fmt(st['precision']):>9} {fmt(st['recall']):>7} {fmt(st['f1']):>7} "
                  f"{st['predicted']:>5} {st['expected']:>5}")
        print(f"attribute agrees with the label on {fmt(q['attribute_agreement'])} of matches; "
              f"negative lines with any output: {fmt(q['negative_lines_with_output'])}")
        kinds = q["miss_kinds"]
        print(f"misses: {kinds['silent']} on messages with no output, {kinds['category']} derived under another "
              f"category, {kinds['joined']} inside a fact that answered another label, {kinds['other']} beside "
              f"other facts")
        if args.verbose and path.resolve() in HELD_OUT:
            print("  (a held-out set: its lines are not printed)")
        elif args.verbose:
            for m in q["misses"]:
                print(f"  missed   {m['id']}: {m['text']!r} -> expected {m['expected']!r}")
            for sp in q["spurious"]:
                print(f"  spurious {sp['id']}: {sp['text']!r} -> {sp['category']}: {sp['predicted']!r}")
    rows = load(next(iter(sets.values())))
    change_sets = chosen_change_sets(args.labels, args.changes_file)
    for key, path in () if args.no_changes else change_sets.items():
        ch = changes(load(path), ex)
        result[key] = unread(ch, path, ("failures",))
        print(f"\n== changes of mind ({path.name}): {ch['passed']} / {ch['cases']} cases end with exactly the latest "
              f"value current ({fmt(ch['share'])})")
        if args.verbose and path.resolve() in HELD_OUT:
            print("  (a held-out set: its cases are not printed)")
        elif args.verbose:
            for f in ch["failures"]:
                print(f"  failed {f['id']}: {f['turns']} -> latest {f['latest']!r}; current {f['current']}")
    if llm is not None:
        llm.close()
        result["unanswered_messages"] = unanswered.messages
        print(f"messages the endpoint did not answer (scored as no output): {unanswered.messages}")
    else:
        result["extractor_cpu_ms_per_message"] = extractor_cpu_ms([message(r) for r in rows])
        print(f"extractor CPU time per message: {result['extractor_cpu_ms_per_message']:.3f} ms")
    if not args.no_latency:
        lat = latency(rows, args.repeats)
        result["add_latency"] = lat
        print(f"add() per message, median: plain {lat['plain_median_ms']:.2f} ms, with rules "
              f"{lat['rules_median_ms']:.2f} ms -> added {lat['added_median_ms']:.2f} ms "
              f"(mean added {lat['added_mean_ms']:.2f} ms; target <= {TARGET_ADDED_MS} ms: "
              f"{'met' if lat['meets_target'] else 'NOT met'})")
    if not args.no_latency and args.conversations:
        conv = conversation_latency(args.conversations, args.locomo)
        result["conversation_latency"] = conv
        print(f"add() on {conv['messages']} LoCoMo turns in session batches ({conv['derived_memories']} derived "
              f"memories): plain {conv['plain_ms_per_message']:.2f} ms, with rules {conv['rules_ms_per_message']:.2f} "
              f"ms per message -> added {conv['added_ms_per_message']:.2f} ms (target <= {TARGET_ADDED_MS} ms: "
              f"{'met' if conv['meets_target'] else 'NOT met'}); extractor CPU on those turns "
              f"{conv['extractor_cpu_ms_per_turn']:.3f} ms a turn")
    result["machine"] = {"python": sys.version.split()[0], "platform": platform.platform(),
                         "processor": platform.processor() or platform.machine()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
