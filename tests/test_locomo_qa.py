"""The answer-level LoCoMo harness (benchmarks/locomo_qa.py) end to end: a small conversation in the
dataset's format is ingested into a real embedded store, each question's context goes to an
OpenAI-compatible server on 127.0.0.1 (the stub), the stub's judge labels the answers, and J, the
context tokens and the cache come out as they should."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from agent_memory.testing import HashEmbedder

from .llm_stub import Response, StubLLM

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def qa():
    sys.path.insert(0, str(BENCH))  # locomo_qa imports its sibling locomo.py
    try:
        spec = importlib.util.spec_from_file_location("locomo_qa", BENCH / "locomo_qa.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["locomo_qa"] = module  # pydantic resolves the models' annotations through it
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(BENCH))
        sys.modules.pop("locomo_qa", None)


SAMPLE = {
    "sample_id": "conv-x",
    "conversation": {
        "speaker_a": "Ana", "speaker_b": "Ben",
        "session_1_date_time": "1:56 pm on 8 May, 2023",
        "session_1": [
            {"speaker": "Ana", "dia_id": "D1:1", "text": "I adopted a grey cat named Pixel last week"},
            {"speaker": "Ben", "dia_id": "D1:2", "text": "Lovely! I am training for the Lisbon marathon"},
        ],
        "session_2_date_time": "10:00 am on 2 June, 2023",
        "session_2": [
            {"speaker": "Ana", "dia_id": "D2:1", "text": "Pixel broke my favourite blue vase yesterday"},
            {"speaker": "Ben", "dia_id": "D2:2", "text": "The marathon went well, I finished in four hours"},
        ],
    },
    "qa": [
        {"question": "What is the name of Ana's cat?", "answer": "Pixel", "evidence": ["D1:1"], "category": 4},
        {"question": "Which marathon did Ben train for?", "answer": "Lisbon", "evidence": ["D1:2"], "category": 4},
        {"question": "What did Ana's cat break?", "answer": "a blue vase", "evidence": ["D2:1"], "category": 1},
        {"question": "What did Ben say about Mars?", "adversarial_answer": "x", "evidence": ["D2:2"], "category": 5},
    ],
}


def scripted(body: dict) -> Response:
    """Answers from the context it is given (and the marathon question wrong, on purpose); judges by
    whether the gold answer is in the generated one."""
    system, user = body["messages"][0]["content"], body["messages"][1]["content"]
    if system.startswith("You answer"):
        context, question = user.rsplit("Question:", 1)
        if "marathon" in question:
            answer = "Pixel"
        elif "break" in question:
            answer = "the blue vase" if "vase" in context else "I do not know"
        else:
            answer = "Pixel" if "Pixel" in context else "I do not know"
        return Response(content=json.dumps({"answer": answer}))
    gold = user.split("Gold answer: ", 1)[1].split("\n", 1)[0].lower()
    generated = user.split("Generated answer: ", 1)[1].lower()
    label = "CORRECT" if gold.removeprefix("a ") in generated else "WRONG"
    return Response(content=json.dumps({"reasoning": "compared", "label": label}))


def run_once(qa, stub: StubLLM, cache: Path) -> dict:
    client = qa.LLMClient("stub-model", base_url=stub.base_url, api_key="x", timeout=10)
    answerer = qa.CachedLLM(client, cache)
    judge = qa.CachedLLM(client, cache)
    judge.cache = answerer.cache
    return qa.run([SAMPLE], answerer=answerer, judge=judge, settings=qa.Settings(), context_tokens=400,
                  infer=False, embedder=HashEmbedder(64))


def test_harness_answers_from_our_context_judges_and_caches(qa, tmp_path):
    cache = tmp_path / "calls.jsonl"
    with StubLLM(default=scripted) as stub:
        out = run_once(qa, stub, cache)
        answer_prompts = [r for r in stub.requests if r["messages"][0]["content"].startswith("You answer")]
        first_requests = len(stub.requests)

        # category 5 is left out; every other question was answered and judged once
        assert out["questions"] == 3 and len(answer_prompts) == 3 and first_requests == 6
        assert all(r["model"] == "stub-model" for r in stub.requests)
        # the answer prompt carries the context block our context builder made (quoted turns with dates)
        cat_prompt = next(p for p in answer_prompts if "Ana's cat?" in p["messages"][1]["content"])
        assert "Pixel" in cat_prompt["messages"][1]["content"] and "2023" in cat_prompt["messages"][1]["content"]

        rows = {r["question"]: r for r in out["rows"]}
        assert rows["What is the name of Ana's cat?"]["label"] == "CORRECT"
        assert rows["What did Ana's cat break?"]["label"] == "CORRECT"
        assert rows["Which marathon did Ben train for?"]["label"] == "WRONG"
        assert out["per_category"]["1-4"]["J"] == pytest.approx(0.6667)
        assert out["per_category"]["1"]["J"] == 1.0 and out["per_category"]["4"]["J"] == 0.5
        assert out["per_category"]["1"]["n"] == 1 and out["per_category"]["4"]["n"] == 2
        assert all(0 < r["context_tokens"] <= 400 for r in out["rows"])
        assert out["per_category"]["1-4"]["context_tokens_mean"] > 0
        assert out["requests"] == {"answer": 3, "judge": 3}

        # a rerun with the same retrieval is answered from the cache: no request reaches the server
        again = run_once(qa, stub, cache)
        assert len(stub.requests) == first_requests
        assert again["requests"] == {"answer": 0, "judge": 0}
        assert [r["label"] for r in again["rows"]] == [r["label"] for r in out["rows"]]


def test_harness_reports_a_wrong_answer_as_wrong(qa, tmp_path):
    def always_wrong(body: dict) -> Response:
        if body["messages"][0]["content"].startswith("You answer"):
            return Response(content=json.dumps({"answer": "no idea"}))
        return Response(content=json.dumps({"reasoning": "does not match", "label": "WRONG"}))

    with StubLLM(default=always_wrong) as stub:
        out = run_once(qa, stub, tmp_path / "calls.jsonl")
    assert out["per_category"]["1-4"]["J"] == 0.0
    assert "| **1-4 overall** | 3 | 0.000 |" in qa.table(out["per_category"])
