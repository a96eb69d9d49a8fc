"""A table of refused inputs, as a careless or hostile caller would send them: each raises a typed
``AgentMemoryError`` with a short message and leaves the store exactly as it was (export and
history before == after). And no accepted input can make the embedded store unreadable."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from agent_memory import AgentMemoryError, ConfigError, Memory, Settings, ValidationError
from agent_memory.testing import HashEmbedder

from .conftest import open_memory

LONG = "x" * 10_000
BAD_SCOPE_VALUES = ["", " u", "u ", "a\x00b", "a\nb", "\x7f", "r\u202eg", "zero\u200bwidth", "\ud800", "x" * 257,
                    LONG, 123, b"u", ["u"]]
SCOPED = ["add", "remember", "search", "list", "get", "update", "delete", "history", "context", "stats",
          "delete_all", "export"]


def nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = {"k": value}
    return value


def nested_filter(depth: int) -> dict:
    spec: dict = {"category": "x"}
    for _ in range(depth):
        spec = {"AND": [spec]}
    return spec


def cursor(data: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()


BAD_METADATA = [nested(20), nested(130), nested(10_000), {"big": "x" * (11 * 1024 * 1024)}, {"\ud800": 1},
                {"k": "\udfff"}, {"n": 2**60}, {"n": -(2**53) - 1}, {"n": float("nan")}, {"n": float("inf")},
                {"o": object()}, {"a.b": 1}, {"": 1}, {1: "int key"}, ["not", "a", "dict"], "text",
                {"k": {"\ud800": 1}}, {"k": {"x" * 300: 1}}, {f"k{i}": i for i in range(1001)} | {"z": {}},
                {"k": {f"k{i}": i for i in range(1001)}}]
BAD_TIMES = [1e20, float("inf"), float("nan"), -1e20, "not a date", "2024-13-45", object(), True, [2024]]


class Case:
    def __init__(self, label: str, fn: Callable[[Memory, dict[str, str]], Any]):
        self.label, self.fn = label, fn

    def __repr__(self) -> str:
        return self.label


def scoped_call(method: str, mem: Memory, ids: dict[str, str], **scope: Any) -> Any:
    rid = ids["fact"]
    calls: dict[str, Callable[[], Any]] = {
        "add": lambda: mem.add("hello there", **scope),
        "remember": lambda: mem.remember("likes tea", **scope),
        "search": lambda: mem.search("tea", **scope),
        "list": lambda: mem.list(**scope),
        "get": lambda: mem.get(rid, **scope),
        "update": lambda: mem.update(rid, metadata={"x": 1}, **scope),
        "delete": lambda: mem.delete(rid, **scope),
        "history": lambda: mem.history(rid, **scope),
        "context": lambda: mem.context("tea", **scope),
        "stats": lambda: mem.stats(**scope),
        "delete_all": lambda: mem.delete_all(**scope),
        "export": lambda: list(mem.export(**scope)),
    }
    return calls[method]()


def valid_record(mem: Memory, ids: dict[str, str], **changes: Any) -> dict:
    rec = mem.get(ids["fact"]).model_dump(mode="json")
    return {**rec, "id": str(uuid.uuid4()), **changes}


def import_cases() -> list[Case]:
    def gen_raising(mem: Memory, ids: dict[str, str]) -> Any:
        def records():
            yield valid_record(mem, ids)
            yield valid_record(mem, ids)
            raise RuntimeError("source broke half-way")
        return mem.import_(records())

    bad_fields: list[tuple[str, dict]] = [
        ("nan metadata", {"metadata": {"n": float("nan")}}), ("deep metadata", {"metadata": nested(130)}),
        ("empty user", {"user_id": ""}), ("no scope", {"user_id": None, "agent_id": None, "session_id": None}),
        ("bad id", {"id": "not-a-uuid"}), ("NUL content", {"content": "a\x00b"}), ("empty content", {"content": ""}),
        ("huge content", {"content": "x" * 40_000}), ("bad kind", {"kind": "opinion"}),
        ("bad role", {"role": "admin"}), ("bad category", {"category": "Not Allowed"}),
        ("NUL attribute", {"attribute": "a\x00b"}), ("confidence 2", {"confidence": 2}),
        ("importance -1", {"importance": -1}), ("bad superseded_by", {"superseded_by": "x"}),
        ("too many sources", {"source_ids": [str(i) for i in range(1001)]}), ("seen_count 0", {"seen_count": 0}),
        ("unknown field", {"surprise": 1}), ("bad time", {"observed_at": "yesterday"}),
        ("huge int metadata", {"metadata": {"n": 2**60}}), ("long name", {"name": "n" * 300}),
    ]
    cases = [Case(f"import_({x!r})", lambda mem, ids, x=x: mem.import_(x)) for x in (None, 123, "text", {"a": 1})]
    cases.append(Case("import_(raising generator)", gen_raising))
    for label, change in bad_fields:
        # 300 valid records first: none of them may be written when the last one is refused
        cases.append(Case(f"import_(300 valid + {label})", lambda mem, ids, change=change: mem.import_(
            [valid_record(mem, ids) for _ in range(300)] + [valid_record(mem, ids, **change)])))
    cases.append(Case("import_(moves a memory to another user)", lambda mem, ids: mem.import_(
        [valid_record(mem, ids) for _ in range(300)] + [valid_record(mem, ids, id=ids["fact"], user_id="mallory")])))
    return cases


def all_cases() -> list[Case]:
    cases: list[Case] = []
    for value in BAD_SCOPE_VALUES:
        for field in ("user_id", "agent_id", "session_id"):
            for method in SCOPED:
                cases.append(Case(f"{method}({field}={str(value)[:12]!r})", lambda mem, ids, m=method, f=field,
                                  val=value: scoped_call(m, mem, ids, **{f: val})))
    for i, meta in enumerate(BAD_METADATA):
        cases += [
            Case(f"add(metadata#{i})", lambda mem, ids, x=meta: mem.add("hi", user_id="u", metadata=x)),
            Case(f"remember(metadata#{i})", lambda mem, ids, x=meta: mem.remember("hi", user_id="u", metadata=x)),
            Case(f"update(metadata#{i})", lambda mem, ids, x=meta: mem.update(ids["fact"], metadata=x)),
        ]
    for t in BAD_TIMES:
        cases += [
            Case(f"add(observed_at={t!r})", lambda mem, ids, x=t: mem.add("hi", user_id="u", observed_at=x)),
            Case(f"remember(observed_at={t!r})", lambda mem, ids, x=t: mem.remember("hi", user_id="u", observed_at=x)),
            Case(f"search(as_of={t!r})", lambda mem, ids, x=t: mem.search("hi", user_id="u", as_of=x)),
            Case(f"list(as_of={t!r})", lambda mem, ids, x=t: mem.list(user_id="u", as_of=x)),
            Case(f"add(created_at={t!r})", lambda mem, ids, x=t: mem.add(
                [{"role": "user", "content": "hi", "created_at": x}], user_id="u")),
        ]
    for c in (2, -0.1, "high", float("nan"), float("inf"), True, None):
        cases.append(Case(f"remember(confidence={c!r})", lambda mem, ids, x=c: mem.remember(
            "hi", user_id="u", confidence=x)))
    for a in (123, "a\x00b", "", "x" * 300, ["location"]):
        cases.append(Case(f"remember(attribute={str(a)[:12]!r})", lambda mem, ids, x=a: mem.remember(
            "hi", user_id="u", attribute=x)))
    for c in ("Preference", "x" * 40, "a b", 5, "", "café"):
        cases.append(Case(f"remember(category={c!r})", lambda mem, ids, x=c: mem.remember(
            "hi", user_id="u", category=x)))
    for k in (5, "opinion", [None], object(), b"profile"):
        cases.append(Case(f"search(kinds={k!r})", lambda mem, ids, x=k: mem.search("hi", user_id="u", kinds=x)))
        cases.append(Case(f"remember(kind={k!r})", lambda mem, ids, x=k: mem.remember("hi", user_id="u", kind=x)))
    for n in (0, -1, 10**9, 1.5, "10", True, None):
        cases.append(Case(f"search(limit={n!r})", lambda mem, ids, x=n: mem.search("hi", user_id="u", limit=x)))
        cases.append(Case(f"list(limit={n!r})", lambda mem, ids, x=n: mem.list(user_id="u", limit=x)))
    for cur in (123, "garbage!", "", cursor({"s": 1, "i": ["not-a-uuid"]}), cursor({"s": "x", "i": []}),
                cursor({"s": 1}), cursor([1, 2]), cursor({"s": 2**70, "i": []}), LONG):
        cases.append(Case(f"list(cursor={str(cur)[:16]!r})", lambda mem, ids, x=cur: mem.list(user_id="u", cursor=x)))
    for i, flt in enumerate((nested_filter(10_000), nested_filter(40), {"confidence": {"gt": float("nan")}},
                {"confidence": float("inf")}, {"x": {"bogus": 1}}, 5, {"AND": []}, {"": 1}, {"NOT": nested(10_000)},
                {"metadata.": 1}, {"a.b": 1}, {"category": object()})):
        cases.append(Case(f"search(filters#{i})", lambda mem, ids, x=flt: mem.search("hi", user_id="u", filters=x)))
        cases.append(Case(f"list(filters#{i})", lambda mem, ids, x=flt: mem.list(user_id="u", filters=x)))
    for content in ("", "   ", "a\x00b", "x" * 40_000, "\ud800", 5, None):
        cases.append(Case(f"add({str(content)[:10]!r})", lambda mem, ids, x=content: mem.add(x, user_id="u")))
        cases.append(Case(f"remember({str(content)[:10]!r})", lambda mem, ids, x=content: mem.remember(
            x, user_id="u")))
        cases.append(Case(f"update(content={str(content)[:10]!r})", lambda mem, ids, x=content: mem.update(
            ids["fact"], content=x)))
        cases.append(Case(f"search({str(content)[:10]!r})", lambda mem, ids, x=content: mem.search(x, user_id="u")))
    for msgs in (5, [5], [], [{"role": "user"}], [{"content": "x", "id": ""}], [{"content": "x", "id": "i" * 300}],
                 [{"content": "x", "role": "admin"}], [{"content": "x", "role": 5}], [{"content": "x", "name": ""}],
                 [{"content": "x", "name": "a\x00"}], [{"content": "x", "name": "n" * 300}],
                 [{"content": "x", "id": 5}], [{"content": "ok"}, {"content": ""}]):
        cases.append(Case(f"add({str(msgs)[:24]})", lambda mem, ids, x=msgs: mem.add(x, user_id="u")))
    for bad_id in (5, None, "", LONG, ["x"]):
        for method in ("get", "update", "delete", "history"):
            cases.append(Case(f"{method}(id={str(bad_id)[:10]!r})", lambda mem, ids, m=method, x=bad_id: (
                getattr(mem, m)(x, metadata={"a": 1}) if m == "update" else getattr(mem, m)(x))))
    for tokens in (0, -1, "x", 10**12):
        cases.append(Case(f"context(max_tokens={tokens!r})", lambda mem, ids, x=tokens: mem.context(
            "hi", user_id="u", max_tokens=x)))
    cases += [
        Case("update(nothing)", lambda mem, ids: mem.update(ids["fact"])),
        Case("update(merged metadata too big)", lambda mem, ids: mem.update(
            ids["big"], metadata={"more": "y" * 40_000})),
        Case("close_session(no session)", lambda mem, ids: mem.close_session(user_id="u", session_id=None)),
        Case("search(no scope)", lambda mem, ids: mem.search("hi")),
        Case("stats(no scope)", lambda mem, ids: mem.stats()),
        Case("delete_all(no scope)", lambda mem, ids: mem.delete_all()),
    ]
    return cases + import_cases()


CASES = all_cases()


@pytest.fixture(scope="module", params=["edge", "client"])
def seeded(request, tmp_path_factory):
    mem = open_memory(request.param, tmp_path_factory.mktemp("bad"), embedder=HashEmbedder(), extractor=None)
    fact = mem.remember("Dana lives in Lisbon", user_id="u", attribute="location")
    big = mem.remember("Dana keeps notes", user_id="u", metadata={"notes": "n" * 30_000})
    mem.add([{"role": "user", "content": "hello from Dana", "id": "m1"}], user_id="u", session_id="s", infer=False)
    mem.add("an agent-level note", agent_id="A", infer=False)
    yield mem, {"fact": fact.id, "big": big.id}
    mem.close()


def snapshot(mem: Memory, ids: dict[str, str]) -> tuple:
    return (sorted(json.dumps(r, sort_keys=True) for r in mem.export(all_scopes=True)),
            [e.model_dump(mode="json") for i in ids.values() for e in mem.history(i)])


def test_the_table_is_big_enough():
    assert len(CASES) >= 300


@pytest.mark.parametrize("case", CASES, ids=repr)
def test_refused_with_a_typed_error_and_nothing_changes(seeded, case):
    mem, ids = seeded
    before = snapshot(mem, ids)
    with pytest.raises(AgentMemoryError) as info:  # a raw TypeError/RecursionError/... fails here
        case.fn(mem, ids)
    message = str(info.value)
    assert message and len(message) <= 400 and "x" * 100 not in message
    assert snapshot(mem, ids) == before


def test_configuration_errors_are_config_errors(tmp_path):
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("hello")
    with pytest.raises(ConfigError):
        Memory(embedder=object(), path=tmp_path / "s1")
    with pytest.raises(ConfigError):
        Memory(path=a_file, embedder=HashEmbedder())
    with pytest.raises(ConfigError):
        Memory(settings={"rrf_k": 5}, path=tmp_path / "s2", embedder=HashEmbedder())  # type: ignore[arg-type]
    for bad in ({"max_content_bytes": -1}, {"rrf_k": "many"}, {"nonsense": 1}, {"fusion_weights": (1,)}):
        with pytest.raises(ConfigError):
            Settings(**bad)
    assert a_file.read_text() == "hello"


@pytest.mark.parametrize("how", ["add", "update"])
def test_deep_metadata_cannot_brick_the_embedded_store(tmp_path, how):
    """Qdrant Edge accepts a payload nested >= 127 levels, then fails every read and the folder no
    longer opens: the depth bound refuses it first."""
    path = tmp_path / "store"
    with Memory(path=path, embedder=HashEmbedder(), extractor=None) as mem:
        rec = mem.remember("Erin likes jazz", user_id="erin", metadata=nested(15))  # the deepest allowed
        with pytest.raises(ValidationError, match="nested deeper"):
            if how == "add":
                mem.add("hi", user_id="erin", metadata=nested(130))
            else:
                mem.update(rec.id, metadata=nested(130))
    with Memory(path=path, embedder=HashEmbedder(), extractor=None) as mem:  # reopens, reads
        assert mem.get(rec.id).metadata == nested(15)
        assert [h.memory.id for h in mem.search("jazz", user_id="erin")] == [rec.id]


class CarelessExtractor:
    """An extractor (an LLM, say) whose output breaks the bounds callers are held to."""

    name = "careless"

    def extract(self, messages, *, context):
        from agent_memory import Candidate

        return [Candidate(content="Finn likes sailing", category="Hobby Stuff", attribute="a\x00b"),
                Candidate(content="Finn has deep notes", metadata={"deep": nested(130)}),
                Candidate(content="x" * 40_000)]


def test_out_of_bounds_extractions_never_reach_the_store(tmp_path):
    path = tmp_path / "store"
    with Memory(path=path, embedder=HashEmbedder(), extractor=CarelessExtractor()) as mem:
        mem.add("I like sailing", user_id="finn")
    with Memory(path=path, embedder=HashEmbedder(), extractor=None) as mem:  # reopens
        facts = mem.list(user_id="finn", kinds="profile").items
        assert [(f.content, f.category, f.attribute) for f in facts] == [("Finn likes sailing", None, None)]
