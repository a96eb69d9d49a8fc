"""The extraction benchmark scores an LLM extractor the way it scores the rules (issue 17: the same items, the
same matching rule): a real OpenAI-compatible server on 127.0.0.1 (the stub) answers each message; what it
could not answer counts as no output, never as the rules' reading."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from .llm_stub import Response, StubLLM, reply, status

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("extraction_bench", BENCH / "extraction.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["extraction_bench"] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("extraction_bench", None)


def memory(content: str, attribute: str | None = None, category: str = "identity") -> dict[str, Any]:
    return {"content": content, "kind": "profile", "category": category, "confidence": 0.9, "source_ids": [0],
            "attribute": attribute}


def answer(body: dict[str, Any]) -> Response:
    """What a model would say about the one message in the prompt (the rules read none of these lines)."""
    prompt = json.dumps(body["messages"])
    if "fjord town" in prompt:
        return status(500)  # this one the endpoint never answers
    if "Oslo" in prompt:
        return reply({"memories": [memory("The user lives in Oslo", "location")]})
    if "Bergen" in prompt:
        return reply({"memories": [memory("The user lives in Bergen", "location")]})
    if "knit" in prompt:
        return reply({"memories": [memory("The user knits", "hobby:knitting", "preference")]})
    return reply({"memories": []})


def write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_an_llm_is_scored_on_the_same_items_and_failures_are_no_output(bench, tmp_path) -> None:
    at = "2025-03-13T10:00:00Z"
    labels = write(tmp_path / "labels.jsonl", [
        {"id": "a1", "text": "home's Oslo these days", "name": None, "observed_at": at,
         "expected": [{"category": "identity", "attribute": "location", "content": "The user lives in Oslo",
                       "key_terms": ["Oslo"]}]},
        {"id": "a2", "text": "moved to a fjord town up north", "name": None, "observed_at": at,
         "expected": [{"category": "identity", "attribute": "location", "content": "The user lives up north",
                       "key_terms": ["north"]}]},
        {"id": "a3", "text": "I knit when I can't sleep", "name": None, "observed_at": at, "expected": []},
        # the model files knitting as a preference: a miss by category, not by understanding
        {"id": "a4", "text": "knit, therefore I am", "name": None, "observed_at": at,
         "expected": [{"category": "identity", "attribute": "hobby", "content": "The user knits",
                       "key_terms": ["knits"]}]},
        # the model says where the user lives but not their job: a miss beside another fact
        {"id": "a5", "text": "nurse in Bergen", "name": None, "observed_at": at,
         "expected": [{"category": "identity", "attribute": "job", "content": "The user is a nurse",
                       "key_terms": ["nurse"]}]},
    ])
    cases = write(tmp_path / "changes.jsonl", [
        {"id": "k1", "slot": "location", "name": None, "latest": "Bergen", "stale": ["Oslo"],
         "turns": [{"observed_at": "2024-01-10T10:00:00Z", "text": "home's Oslo these days"},
                   {"observed_at": "2024-06-10T10:00:00Z", "text": "we ended up in Bergen after all"}]},
    ])
    out = tmp_path / "result.json"
    with StubLLM(default=answer) as stub:
        code = bench.main(["--labels", str(labels), "--changes-file", str(cases), "--no-latency", "--out", str(out),
                           "--llm-model", "stub-model", "--llm-base-url", stub.base_url, "--llm-api-key", "x",
                           "--llm-timeout", "2"])
        models = {r["model"] for r in stub.requests}
    assert code == 0
    result = json.loads(out.read_text())
    assert result["extractor"] == "llm:stub-model" and models == {"stub-model"}
    q = result["quality"]["labels"]
    # a1 matched; a2 unanswered (no output, not the rules' reading); a3 a negative the model answered
    assert q["overall"]["recall"] == 0.25 and q["overall"]["precision"] == 0.25
    assert q["miss_kinds"] == {"silent": 1, "category": 1, "joined": 0, "other": 1}
    assert {m["id"]: m["kind"] for m in q["misses"]} == {"a2": "silent", "a4": "category", "a5": "other"}
    assert q["negative_lines_with_output"] == 1.0
    assert result["unanswered_messages"] == 1
    assert result["changes"]["passed"] == 1  # the model's location key superseded Oslo on a real Memory
    assert "extractor_cpu_ms_per_message" not in result and "add_latency" not in result


def test_the_rules_are_scored_without_an_endpoint(bench, tmp_path) -> None:
    labels = write(tmp_path / "labels.jsonl", [
        {"id": "b1", "text": "I live in Oslo", "name": None, "observed_at": "2025-03-13T10:00:00Z",
         "expected": [{"category": "identity", "attribute": "location", "content": "The user lives in Oslo",
                       "key_terms": ["Oslo"]}]}])
    out = tmp_path / "result.json"
    assert bench.main(["--labels", str(labels), "--no-changes", "--no-latency", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["extractor"] == "rules" and result["quality"]["labels"]["overall"]["recall"] == 1.0
    assert "unanswered_messages" not in result and result["extractor_cpu_ms_per_message"] > 0



def test_a_label_inside_a_fact_that_answered_another_is_a_joined_miss(bench, tmp_path) -> None:
    # one derived fact ("lives in Oslo") can answer one label only: the second label naming Oslo is missed "joined"
    labels = write(tmp_path / "labels.jsonl", [
        {"id": "j1", "text": "I live in Oslo", "name": None, "observed_at": "2025-03-13T10:00:00Z",
         "expected": [{"category": "identity", "attribute": "location", "content": "The user lives in Oslo",
                       "key_terms": ["Oslo"]},
                      {"category": "identity", "attribute": "origin", "content": "The user is from Oslo",
                       "key_terms": ["Oslo"]}]}])
    out = tmp_path / "result.json"
    assert bench.main(["--labels", str(labels), "--no-changes", "--no-latency", "--out", str(out)]) == 0
    kinds = json.loads(out.read_text())["quality"]["labels"]["miss_kinds"]
    assert kinds == {"silent": 0, "category": 0, "joined": 1, "other": 0}

def test_verbose_never_prints_a_held_out_set(bench, tmp_path, capsys) -> None:
    """A debugging run shows the lines of dev files, and of a held-out set only its aggregates."""
    held_out = bench.LABEL_SETS["v6"]
    cases = bench.CHANGE_SETS["changes_v6"]
    assert held_out.resolve() in bench.HELD_OUT and cases.resolve() in bench.HELD_OUT
    dev = write(tmp_path / "dev.jsonl", [
        {"id": "d1", "text": "I moved to Oslo", "name": None, "observed_at": "2025-03-13T10:00:00Z",
         "expected": [{"category": "identity", "attribute": "job", "content": "The user is a welder",
                       "key_terms": ["welder"]}]}])
    assert bench.main(["--labels", str(held_out), "--labels", str(dev), "--changes-file", str(cases), "--verbose",
                       "--no-latency", "--out", str(tmp_path / "r.json")]) == 0
    out = capsys.readouterr().out
    rows = [json.loads(line) for line in held_out.read_text().splitlines() if line.strip()]
    turns = [t["text"] for line in cases.read_text().splitlines() if line.strip() for t in json.loads(line)["turns"]]
    assert "missed   d1: 'I moved to Oslo'" in out  # the dev line is shown
    assert not any(repr(r["text"]) in out for r in rows) and not any(repr(t) in out for t in turns)
    assert out.count("(a held-out set:") == 2
    # nor does the result file, which is committed: figures only
    result = json.loads((tmp_path / "r.json").read_text())
    held = result["quality"]["extraction_labels_v6"]
    assert "misses" not in held and "spurious" not in held and "failures" not in result["extraction_changes_v6"]
    assert held["miss_kinds"] and result["quality"]["dev"]["misses"]


def test_a_run_on_picked_labels_scores_no_held_out_change_case(bench, tmp_path) -> None:
    """Naming label files without change files (a development run) scores the development cases, not the held-out
    ones; a default run scores them all, and named files are scored as named."""
    mine = tmp_path / "mine.jsonl"
    assert bench.chosen_change_sets([mine], None) == {"changes": bench.CHANGE_SETS["changes"]}
    assert bench.chosen_change_sets(None, None) == bench.CHANGE_SETS
    assert bench.chosen_change_sets([mine], [tmp_path / "c.jsonl"]) == {"c": tmp_path / "c.jsonl"}
    assert not any(p.resolve() in bench.HELD_OUT for p in bench.chosen_change_sets([mine], None).values())


def test_a_number_is_named_only_whole(bench) -> None:
    assert bench.names("Ana is 34", "34") and not bench.names("moving in 2034", "34")
    assert not bench.names("has 13 cats", "3") and bench.names("has 3 cats", "3")
    assert bench.names("Lives in LISBON", "Lisbon")
