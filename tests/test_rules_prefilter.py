"""The rewrite prefilter (``rules/prefilter.py``): the literals it derives are necessary for a match, so
skipping a rewrite whose literals are absent never changes what the rules read."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent_memory._extraction import ExtractionContext
from agent_memory._models import Message
from agent_memory._time import to_utc
from agent_memory.rules import RuleExtractor, clauses, text
from agent_memory.rules.clauses import split_clauses
from agent_memory.rules.prefilter import Rewrite, Rewrites, needles

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "data"
LISTS = {"rewrites": clauses._REWRITES, "contractions": clauses._CONTRACTIONS, "settled": clauses._SETTLED,
         "pronouns": text._PRONOUNS}
FILTERED = [(name, i, rw) for name, rws in LISTS.items() for i, rw in enumerate(rws.items) if rw.needles]


def n(pattern: str) -> tuple[str, ...] | None:
    return needles(re.compile(pattern, re.IGNORECASE))


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"^my home ?town \(", ("my home",)),  # a run of literals, broken by the optional space
    (r"^my (?:knees|hips)", ("hips", "knees")),  # longer strings beat the common "my "
    (r"^(?:teach|work|live)s? at\b", ("live", "teach", "work")),  # every alternative names a literal
    (r"^(?:a |an )?dog", ("dog",)),  # an optional part is not necessary
    (r"^(?:really )*love", ("love",)),
    (r"^(?:ab)+c", ("ab",)),  # a repeat that happens at least once is
    (r"^x(?=yz)", ("yz",)),  # a look-ahead's text is in the string too
    (r"^x(?!yz)", None),  # a negative one is not
    (r"^(?:cat|[a-z]+)$", None),  # one alternative without a literal: none for the branch
    (r"^I AM", ("i am",)),  # compared case-folded
])
def test_needles_are_derived_from_the_pattern(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert n(pattern) == expected


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
@pytest.mark.parametrize(("name", "index", "rw"), FILTERED, ids=[f"{a}-{b}" for a, b, _ in FILTERED])
def test_every_match_contains_a_needle(name: str, index: int, rw, data: st.DataObject) -> None:
    """Strings generated to match each rule's pattern contain one of its literals."""
    s = data.draw(st.from_regex(rw.pattern, alphabet=st.characters(codec="ascii")))
    if rw.pattern.search(s):
        assert any(x in s.casefold() for x in rw.needles), (s, rw.needles)


def corpus() -> list[str]:
    texts = [json.loads(line)["text"] for f in ("extraction_labels.jsonl", "extraction_labels_v2.jsonl",
                                                   "extraction_labels_heldout.jsonl")
             for line in (DATA / f).read_text().splitlines() if line.strip()]
    return texts + ["Ich heiße Jürgen, I'm vegan", "I'm from Zürich and I LOVE ſushi", "İ live in İzmir"]


def unfiltered(rws: Rewrites, s: str) -> str:
    for rw in rws.items:
        s = rw.apply(s)
    return s


def test_filtered_and_unfiltered_rewrites_agree_on_every_labelled_clause() -> None:
    checked = 0
    for t in corpus():
        pieces = [t, *split_clauses(t)]
        for piece in pieces:
            for rws in LISTS.values():
                assert rws.apply(piece) == unfiltered(rws, piece), (piece, rws)
                checked += 1
    assert checked > 4000


def test_non_ascii_text_runs_every_rewrite() -> None:
    # the long s matches "s" under IGNORECASE but casefolds differently in older Pythons: never filtered
    rws = Rewrites([(re.compile(r"^sushi\b", re.IGNORECASE), "rice")])
    assert rws.apply("ſushi tonight") == "rice tonight"
    assert rws.apply("sushi tonight") == "rice tonight"
    assert rws.apply("pasta tonight") == "pasta tonight"


def test_group_references_are_expanded_only_on_a_match() -> None:
    rws = Rewrites([(re.compile(r"^i (?P<v>love|hate) (?P<o>\w+)", re.IGNORECASE), r"\g<o>: \g<v>")])
    assert rws.apply("I love jazz") == "jazz: love"
    assert rws.apply("we love jazz") == "we love jazz"


def test_the_extractor_reads_the_same_with_the_filter_off(monkeypatch: pytest.MonkeyPatch) -> None:
    ex = RuleExtractor()
    msgs = [Message(role="user", content=t, name="Ana", id=str(i), created_at=to_utc("2024-05-08T10:00:00Z"))
            for i, t in enumerate(corpus())]

    def read() -> list[list[tuple[str, str | None, str | None]]]:
        return [[(c.content, c.category, c.attribute)
                 for c in ex.extract([m], context=ExtractionContext(observed_at=m.created_at))] for m in msgs]

    filtered = read()
    for rws in LISTS.values():
        monkeypatch.setattr(rws, "items", [Rewrite(rw.pattern, rw.replacement, None) for rw in rws.items])
    assert read() == filtered
    assert sum(map(len, filtered)) > 500
