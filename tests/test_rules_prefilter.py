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
from agent_memory.rules import RuleExtractor, clauses, order, text
from agent_memory.rules.clauses import split_clauses
from agent_memory.rules.prefilter import ByFirstChar, Gated, Rewrite, Rewrites, first_chars, gated, needles

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "data"
LISTS = {"rewrites": clauses._REWRITES, "contractions": clauses._CONTRACTIONS, "settled": clauses._SETTLED,
         "pronouns": text._PRONOUNS}
FILTERED = [(name, i, rw) for name, rws in LISTS.items() for i, rw in enumerate(rws.items) if rw.needles]


def _gates() -> list[tuple[str, Gated]]:
    import importlib
    import pkgutil

    import agent_memory.rules as package
    found: dict[int, tuple[str, Gated]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"agent_memory.rules.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Gated) and value.needles:
                found.setdefault(id(value), (f"{info.name}.{name}", value))
    return sorted(found.values(), key=lambda x: x[0])


GATES = _gates()


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
    (r"^the (?P<d>\d{1,2})(?:st|nd|rd|th)", tuple("0123456789")),  # a digit beats the common "the "
    (r"\bin (?:two|a few) (?:days|weeks)", ("days", "weeks")),  # "in " is in nearly every clause
    (r"🙄|\boh (?:great|joy)\b", ("oh ", "🙄")),  # an emoji is one character, and rare
    (r"(?:yesterday|the day before yesterday)", ("yesterday",)),  # a string holding another adds no test
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
    monkeypatch.setattr(Gated, "absent", lambda self, text, first=None: False)  # every gated pattern runs
    monkeypatch.setattr(order.BY_FIRST_CHAR, "candidates", lambda clause: order.RULES)  # every rule is tried
    assert read() == filtered
    assert sum(map(len, filtered)) > 500


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"^(?:i|we) (?:love|like)", frozenset("iw")),
    (r"^(?:really )?(?:love|like)", frozenset("rl")),  # an optional opening: what follows may open too
    (r"^(?=my )(?:my|our) ", frozenset("mo")),  # a look-ahead takes no character
    (r"^[A-C]\d", frozenset("abc")),
    (r"^\w+ing", None),  # a category: any letter
    (r"^(?:x)?", None),  # may match nothing
])
def test_first_characters_are_derived_from_the_pattern(pattern: str, expected: frozenset[str] | None) -> None:
    assert first_chars(re.compile(pattern, re.IGNORECASE)) == expected


def test_rules_by_first_character_keep_their_order() -> None:
    items = [re.compile(p, re.IGNORECASE) for p in (r"^i love (\w+)", r"^\w+ is", r"^we like", r"^i like")]
    index = ByFirstChar(items, lambda p: p)
    assert index.candidates("I like tea") == (items[0], items[1], items[3])
    assert index.candidates("we like tea") == (items[1], items[2])
    assert index.candidates("tea is nice") == (items[1],)  # no first character known: the rules that open any way
    assert index.candidates("Ísland is cold") == tuple(items)  # not ASCII: every rule


def test_a_gate_answers_as_its_pattern() -> None:
    g = gated(r"\b(?:said|told me)\b", re.IGNORECASE)
    assert g.needles == ("said", "told me")
    for s in ("She SAID so", "my boss told me that", "I said it, she said it", "nothing here", "Sáid nothing"):
        c = g.compiled
        assert (g.search(s) is None) == (c.search(s) is None)
        assert (g.match(s) is None) == (c.match(s) is None)
        assert (g.fullmatch(s) is None) == (c.fullmatch(s) is None)
        assert g.sub("X", s) == c.sub("X", s) and g.split(s) == c.split(s) and g.findall(s) == c.findall(s)
        assert [m.span() for m in g.finditer(s)] == [m.span() for m in c.finditer(s)]
    assert g.absent("nothing here") and not g.absent("he said") and not g.absent("Ísland")  # non-ASCII: never
    assert g.pattern == g.compiled.pattern and g.flags == g.compiled.flags
    anchored = gated(r"^(?:i|we) (?:said|told)", re.IGNORECASE)  # opens with "i" or "w", wherever it is tried
    assert anchored.opening == frozenset("iw") and anchored.absent("so I said") and not anchored.absent("I said")
    assert anchored.sub("X", "so I said") == "so I said" and anchored.sub("X", "We told") == "X"
    loose = gated(r"(?:i|we) (?:said|told)", re.IGNORECASE)  # not anchored: only match() may test the opening
    assert loose.opening is None and loose.search("so I said") and loose.match("so I said") is None


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
@pytest.mark.parametrize(("name", "gate"), GATES, ids=[n for n, _ in GATES])
def test_every_match_of_a_gated_pattern_contains_a_needle(name: str, gate: Gated, data: st.DataObject) -> None:
    s = data.draw(st.from_regex(gate.compiled, alphabet=st.characters(codec="ascii")))
    if gate.compiled.search(s):
        assert not gate.absent(s), (name, s, gate.needles)


def test_the_gates_cover_the_hot_patterns() -> None:
    from agent_memory.rules import dates, lexicon
    gates = {id(g) for _, g in GATES}
    assert {id(dates.DATE), id(lexicon.HYPOTHETICAL), id(lexicon.REPORTED), id(lexicon.SARCASM)} <= gates
    assert len(GATES) >= 30
