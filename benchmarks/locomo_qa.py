"""LoCoMo answer-level benchmark: J (LLM-judge accuracy, the Mem0 paper's headline metric), tokens
of context and latency per category, with any OpenAI-compatible endpoint.

    python benchmarks/locomo_qa.py --base-url http://127.0.0.1:8080/v1 --model NAME
    python benchmarks/locomo_qa.py --base-url https://api.openai.com/v1 --model gpt-4o-mini --api-key $KEY

Each conversation is ingested as in ``benchmarks/locomo.py`` (every turn a message of its speaker,
the session date as ``observed_at``; ``--infer`` runs the default extractor too). For each question
of categories 1-4 (category 5 is unanswerable by design; the Mem0 paper leaves it out too):
``Memory.context(question, max_tokens=--context-tokens)`` builds the context block an agent would
get, the model answers from it in a short phrase, and the judge model (``--judge-model``, default:
the same) labels the answer CORRECT or WRONG against the reference answer, generously, as in the
Mem0 paper. J = share of CORRECT. Every model call is cached on disk by (model, messages), so a
rerun with the same retrieval costs no request, and a retrieval change asks only for what changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

sys.path.insert(0, str(Path(__file__).resolve().parent))

from locomo import CACHE, CATEGORIES, DEFAULT_DATA, CachedEmbedder, Question, ingest, questions  # noqa: E402

from agent_memory import Memory, Settings  # noqa: E402
from agent_memory._llm import LLMClient  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "locomo_qa.json"
ANSWERS = HERE / ".cache" / "locomo_qa_calls.jsonl"

ANSWER_PROMPT = """You answer questions about a long conversation between two people, using only the \
memories retrieved from it below. Each memory shows the date it was said and who said it. Relative times \
("last week", "yesterday") are relative to that date: answer with the absolute date or period. If the \
memories do not contain the answer, say so. Answer in a short phrase (at most 12 words)."""

JUDGE_PROMPT = """Label an answer to a question as CORRECT or WRONG, given the question, a gold (reference) \
answer and the generated answer. Be generous: the generated answer is CORRECT if it touches on the same \
topic and facts as the gold answer, even if it is longer or worded differently. For questions about time, \
the same date or period in another format, or relative to the date said, is CORRECT. Give one sentence of \
reasoning, then the label."""


class Answer(BaseModel):
    answer: str


class Judgement(BaseModel):
    reasoning: str
    label: Literal["CORRECT", "WRONG"]


class CachedLLM:
    """An LLM client whose answers are kept in a JSON-lines file keyed by (model, messages)."""

    def __init__(self, client: LLMClient, path: Path | None):
        self.client, self.path = client, path
        self.cache: dict[str, dict[str, Any]] = {}
        self.requests = 0
        if path is not None and path.exists():
            for line in path.read_text().splitlines():
                item = json.loads(line)
                self.cache[item["key"]] = item["value"]

    def ask(self, messages: list[dict[str, str]], schema: type[BaseModel]) -> tuple[dict[str, Any], float]:
        """(the parsed answer, seconds the request took; 0 when cached)."""
        key = hashlib.sha256(json.dumps([self.client.model, schema.__name__, messages]).encode()).hexdigest()
        if key in self.cache:
            return self.cache[key], 0.0
        t0 = time.perf_counter()
        value = self.client.complete_json(messages, schema, name=schema.__name__.lower()).model_dump()
        took = time.perf_counter() - t0
        self.requests += 1
        self.cache[key] = value
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a") as f:
                f.write(json.dumps({"key": key, "value": value}) + "\n")
        return value, took


def answer_messages(q: Question, context: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": ANSWER_PROMPT},
            {"role": "user", "content": f"{context}\n\nQuestion: {q.text}"}]


def judge_messages(q: Question, answer: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": JUDGE_PROMPT},
            {"role": "user", "content": f"Question: {q.text}\nGold answer: {q.answer}\nGenerated answer: {answer}"}]


def run(data: list[dict[str, Any]], *, answerer: CachedLLM, judge: CachedLLM, settings: Settings,
        context_tokens: int, infer: bool, embedder: Any, limit: int | None = None) -> dict[str, Any]:
    qs = [q for s in data for q in questions(s)[0] if q.category != 5][:limit]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp, Memory(path=Path(tmp) / "store", settings=settings,
                                                      embedder=embedder) as mem:
        for s in data:
            ingest(mem, s, infer=infer)
        for q in qs:
            t0 = time.perf_counter()
            ctx = mem.context(q.text, user_id=q.sample, max_tokens=context_tokens)
            retrieval_ms = (time.perf_counter() - t0) * 1000
            ans, answer_s = answerer.ask(answer_messages(q, ctx.text), Answer)
            verdict, judge_s = judge.ask(judge_messages(q, ans["answer"]), Judgement)
            rows.append({"sample": q.sample, "question": q.text, "category": q.category, "gold": q.answer,
                         "answer": ans["answer"], "label": verdict["label"], "reasoning": verdict["reasoning"],
                         "context_tokens": ctx.token_count, "retrieval_ms": round(retrieval_ms, 2),
                         "answer_s": round(answer_s, 3), "judge_s": round(judge_s, 3)})
    return {"questions": len(rows), "per_category": summarise(rows), "rows": rows,
            "requests": {"answer": answerer.requests, "judge": judge.requests}}


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by[str(r["category"])].append(r)
        by["1-4"].append(r)

    def pct(values: list[float], q: float) -> float:
        s = sorted(values)
        return round(s[int(q * (len(s) - 1))], 2) if s else 0.0

    out = {}
    for key in sorted(by):
        group = by[key]
        answered = [r["answer_s"] for r in group if r["answer_s"] > 0]  # requests made in this run
        out[key] = {"n": len(group), "J": round(sum(r["label"] == "CORRECT" for r in group) / len(group), 4),
                    "context_tokens_mean": round(statistics.fmean(r["context_tokens"] for r in group), 1),
                    "retrieval_ms_p50": pct([r["retrieval_ms"] for r in group], 0.5),
                    "retrieval_ms_p95": pct([r["retrieval_ms"] for r in group], 0.95),
                    "answer_s_p50": pct(answered, 0.5), "answer_s_p95": pct(answered, 0.95)}
    return out


def table(summary: dict[str, Any]) -> str:
    lines = ["| category | n | J | context tokens (mean) | context build p50 / p95 ms | answer p50 / p95 s |",
             "|---|---:|---:|---:|---:|---:|"]
    for key, m in summary.items():
        label = "**1-4 overall**" if key == "1-4" else f"{key} {CATEGORIES[int(key)]}"
        lines.append(f"| {label} | {m['n']} | {m['J']:.3f} | {m['context_tokens_mean']} | "
                     f"{m['retrieval_ms_p50']} / {m['retrieval_ms_p95']} | {m['answer_s_p50']} / {m['answer_s_p95']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-url", required=True, help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1")
    ap.add_argument("--model", required=True, help="the model that answers")
    ap.add_argument("--judge-model", default=None, help="the model that judges (default: --model)")
    ap.add_argument("--judge-base-url", default=None, help="endpoint of the judge (default: --base-url)")
    ap.add_argument("--api-key", default=None, help="default: $OPENAI_API_KEY, else none")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="LoCoMo JSON (default: the dev split)")
    ap.add_argument("--samples", type=int, default=None, help="only the first N conversations")
    ap.add_argument("--limit", type=int, default=None, help="only the first N questions (smoke runs)")
    ap.add_argument("--context-tokens", type=int, default=1000, help="Memory.context budget")
    ap.add_argument("--infer", action="store_true", help="also run the default extractor on ingestion")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per model request")
    ap.add_argument("--cache", type=Path, default=ANSWERS, help="model answers kept between runs ('': none)")
    ap.add_argument("--vectors", type=Path, default=CACHE, help="document vectors kept between runs ('': none)")
    ap.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON results")
    args = ap.parse_args(argv)
    cache = args.cache if str(args.cache) else None
    answerer = CachedLLM(LLMClient(args.model, base_url=args.base_url, api_key=args.api_key,
                                   timeout=args.timeout), cache)
    judge = CachedLLM(LLMClient(args.judge_model or args.model, base_url=args.judge_base_url or args.base_url,
                                api_key=args.api_key, timeout=args.timeout), cache)
    judge.cache = answerer.cache  # one file, one table
    data = json.loads(args.data.read_text())[: args.samples]
    embedder = CachedEmbedder(args.vectors if str(args.vectors) else None, threads=2)
    t0 = time.perf_counter()
    out = run(data, answerer=answerer, judge=judge, settings=Settings(), context_tokens=args.context_tokens,
              infer=args.infer, embedder=embedder, limit=args.limit)
    embedder.save()
    out |= {"model": args.model, "judge_model": args.judge_model or args.model, "data": str(args.data),
            "infer": args.infer, "context_tokens_budget": args.context_tokens,
            "seconds": round(time.perf_counter() - t0, 1)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2))
    print(table(out["per_category"]))
    print(f"{out['questions']} questions, {out['requests']['answer']} answer and {out['requests']['judge']} judge "
          f"requests made (the rest cached), {out['seconds']} s; results in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
