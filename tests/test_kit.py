"""The framework-neutral kit the integrations share (``agent_memory.kit``), on a real engine."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from enum import Enum
from typing import Any

import pytest

from agent_memory import AsyncMemory, ConfigError, Memory, ProviderError, ScopeError, StoreLockedError, ValidationError
from agent_memory.kit import (
    SPECS,
    TOOL_NAMES,
    Bridge,
    EmbedderAdapter,
    Scope,
    ToolOptions,
    normalise,
    resolve_scope,
    run_coroutine,
    select,
    to_message_dict,
)
from agent_memory.testing import HashEmbedder


@pytest.fixture
def mem():
    m = Memory(location=":memory:", embedder=HashEmbedder())
    yield m
    m.close()


# ---------------------------------------------------------------------------- scope resolution
@dataclass
class Ctx:
    user_id: str | None = None
    agent_id: str | None = None


def test_one_resolution_order():
    config = {"configurable": {"user_id": "from-config", "agent_id": "cfg-agent", "thread_id": "t9"}}
    defaults = Scope.of("default-user", "default-agent")
    assert resolve_scope(Ctx("ctx-user"), config, defaults=defaults) == Scope("ctx-user", "cfg-agent", "t9")
    assert resolve_scope(None, config, defaults=defaults) == Scope("from-config", "cfg-agent", "t9")
    assert resolve_scope({"user_id": "mapping"}, None, defaults=defaults) == Scope("mapping", "default-agent")
    assert resolve_scope(Ctx("ctx"), config, explicit={"user_id": "bound"}).user_id == "bound"
    assert resolve_scope(None, {"configurable": {"session_id": "s", "thread_id": "t", "user_id": "u"}}) \
        == Scope("u", None, "s")


def test_langmem_user_key_and_id_types():
    assert resolve_scope(None, {"configurable": {"langgraph_user_id": "alice"}}).user_id == "alice"
    # user_id wins over langgraph_user_id in the same source
    assert resolve_scope(None, {"configurable": {"user_id": "a", "langgraph_user_id": "b"}}).user_id == "a"
    assert resolve_scope(None, {"configurable": {"user_id": 42}}).user_id == "42"


def test_fail_closed():
    with pytest.raises(ScopeError, match="user_id or agent_id"):
        resolve_scope(None, {"configurable": {"thread_id": "t"}})
    anonymous = resolve_scope(None, {"configurable": {"thread_id": "t"}}, require_owner=False)
    assert anonymous == Scope(None, None, "t") and anonymous.user_id is None
    for bad in ("", " alice", "al\u200bice", True, ["alice"]):
        if bad == "":
            continue  # empty means absent
        with pytest.raises(ScopeError):
            resolve_scope({"user_id": bad})


def test_a_run_without_a_user_never_reads_user_memory(mem):
    mem.remember("Alice's PIN is 1234", user_id="alice", agent_id="bank")
    sc = resolve_scope(None, {"configurable": {"agent_id": "bank"}})
    assert sc.user_id is None
    assert Bridge(mem).call(lambda m: m.search("PIN", **sc.as_dict())) == []


# ---------------------------------------------------------------------------- the bridge
class Facade:
    """Memory's API on an object that is not a Memory (as a remote client is)."""

    def __init__(self, inner: Any):
        self._inner = inner
        for name in ("add", "search", "get", "list", "update", "delete", "delete_all", "context", "remember",
                     "close"):
            setattr(self, name, getattr(inner, name))


class AsyncFacade:
    """An async-only memory without a sync twin."""

    def __init__(self, inner: AsyncMemory):
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        if name in ("add", "search", "get", "list", "update", "delete", "delete_all", "context", "remember"):
            return getattr(self._inner, name)
        raise AttributeError(name)


def test_bridge_calls_the_right_twin(mem):
    bridge = Bridge(mem)
    bridge.call(lambda m: m.remember("Alice likes tea", user_id="alice"))
    hits = asyncio.run(bridge.acall(lambda m: m.search("tea", user_id="alice")))
    assert [h.memory.content for h in hits] == ["Alice likes tea"]
    assert not bridge.is_async
    assert isinstance(bridge._async, AsyncMemory)  # Memory.aio: the async twin, no worker thread per call
    abridge = Bridge(mem.aio)
    assert abridge.is_async  # no sync twin: sync calls run the coroutine to completion (see below)
    assert abridge.call(lambda m: m.search("tea", user_id="alice"))[0].memory.content == "Alice likes tea"


def test_bridge_accepts_any_object_with_memorys_api(mem):
    bridge = Bridge(Facade(mem))
    bridge.call(lambda m: m.remember("Bob plays chess", user_id="bob"))
    assert asyncio.run(bridge.acall(lambda m: m.list(user_id="bob"))).items[0].content == "Bob plays chess"
    with pytest.raises(ConfigError, match="lacks"):
        Bridge(object())


def test_sync_calls_on_an_async_only_memory_inside_a_running_loop(mem):
    bridge = Bridge(AsyncFacade(mem.aio))
    assert bridge.is_async and bridge._sync is None

    async def inside_a_loop() -> str:
        # sync framework code called from a coroutine: the coroutine runs on a loop in a worker thread
        bridge.call(lambda m: m.remember("Carol swims", user_id="carol"))
        return bridge.call(lambda m: m.list(user_id="carol")).items[0].content

    assert asyncio.run(inside_a_loop()) == "Carol swims"
    assert bridge.call(lambda m: m.list(user_id="carol")).items[0].content == "Carol swims"  # no loop running


def test_run_coroutine_outside_and_inside_a_loop():
    async def seven() -> int:
        return 7

    assert run_coroutine(seven()) == 7

    async def outer() -> int:
        return run_coroutine(seven())

    assert asyncio.run(outer()) == 7


# ---------------------------------------------------------------------------- embedder adapter
class Model(EmbedderAdapter):
    def __init__(self, vectors: Any, dim: int | None = None):
        self.vectors, self.fail = vectors, False
        super().__init__(name="test-model", documents=self.documents, query=lambda text: self.documents([text])[0],
                         dim=dim)

    def documents(self, texts: list[str]) -> Any:
        if self.fail:
            raise RuntimeError("provider down")
        return self.vectors(texts)


def test_embedder_adapter_checks_count_and_size_with_the_engines_rule(mem):
    good = Model(lambda ts: [[1.0, 0.0, 0.0]] * len(ts))
    assert good.dim == 3 and good.embed_documents(["a", "b"]) == [[1.0, 0.0, 0.0]] * 2
    assert asyncio.run(good.aembed_query("a")) == [1.0, 0.0, 0.0]
    with pytest.raises(ProviderError, match="1 vectors for 2 texts"):
        Model(lambda ts: [[1.0, 0.0, 0.0]], dim=3).embed_documents(["a", "b"])
    with pytest.raises(ConfigError, match="2-d"):
        Model(lambda ts: [[1.0, 0.0]] * len(ts), dim=3).embed_query("a")
    broken = Model(lambda ts: [[1.0, 0.0, 0.0]] * len(ts))
    broken.fail = True
    with pytest.raises(ProviderError, match="provider down"):
        broken.embed_documents(["a"])
    with pytest.raises(ConfigError):
        Model(lambda ts: [[1.0]] * len(ts), dim=0)


def test_a_wrong_vector_from_an_adapter_writes_nothing():
    sizes = {"n": 8}
    model = Model(lambda ts: [[1.0] + [0.0] * (sizes["n"] - 1)] * len(ts))
    with Memory(location=":memory:", embedder=model) as m:
        m.remember("Dan likes kites", user_id="dan")
        sizes["n"] = 4
        with pytest.raises(ConfigError):
            m.remember("Dan likes boats", user_id="dan")
        assert [r.content for r in m.list(user_id="dan").items] == ["Dan likes kites"]


# ---------------------------------------------------------------------------- tool specs
def test_tool_specs():
    assert TOOL_NAMES == ("search_memory", "save_memory", "update_memory", "delete_memory")
    for spec in SPECS:
        props = spec.args.model_json_schema()["properties"]
        assert not set(props) & {"user_id", "agent_id", "session_id", "scope"}, spec.name
        assert spec.description
    with pytest.raises(ConfigError):
        select(["search_memory", "drop_everything"])
    with pytest.raises(ValidationError):
        SPECS[0].parse({"limit": 3})  # no query


def test_save_normalises_the_subject_like_extraction(mem):
    sc = Scope.of("alice-7")
    assert normalise("Alice is vegetarian", sc).content == "The user is vegetarian"
    assert normalise("The user lives in Lisbon", sc).attribute == "location"
    assert normalise("Bob is vegetarian", sc).attribute is None  # not the user: kept as said
    save = select(["save_memory"])[0]
    bridge = Bridge(mem)
    mem.add("I'm vegetarian.", user_id="alice-7")
    out = json.loads(save.invoke(bridge, sc, {"content": "Alice is vegetarian"}, ToolOptions()))
    facts = mem.list(user_id="alice-7", kinds=["profile"]).items
    assert [f.content for f in facts] == ["The user is vegetarian"] and out["id"] == facts[0].id
    assert facts[0].seen_count == 2


# ---------------------------------------------------------------------------- messages, lifecycle
class Role(Enum):
    USER = "user"


@dataclass
class LangChainLike:
    type: str
    content: Any
    id: str | None = None
    name: str | None = None


@dataclass
class LlamaIndexLike:
    role: Role
    content: str
    additional_kwargs: dict


def test_memory_add_accepts_framework_message_objects(mem):
    result = mem.add([LangChainLike("human", "I live in Porto", id="m1"),
                      LangChainLike("ai", [{"type": "text", "text": "Noted."}]),
                      LlamaIndexLike(Role.USER, "I play the cello", {"name": "Eve"})], user_id="eve")
    episodic = [r for r in result.memories if r.kind.value == "episodic"]
    assert [(r.role, r.content, r.name) for r in episodic] == [
        ("user", "I live in Porto", None), ("assistant", "Noted.", None), ("user", "I play the cello", "Eve")]
    assert episodic[0].source_ids == ["m1"]
    assert mem.add(LangChainLike("human", "I like figs"), user_id="eve").memories[0].content == "I like figs"
    before = len(mem.list(user_id="eve", limit=100))
    with pytest.raises(ValidationError, match="chat message object"):
        mem.add([LangChainLike("human", "ok"), object()], user_id="eve")
    assert len(mem.list(user_id="eve", limit=100)) == before
    assert to_message_dict(object()) is None


def test_a_second_open_says_what_to_do_in_a_notebook(tmp_path):
    with Memory(path=tmp_path / "s", embedder=HashEmbedder()):
        with pytest.raises(StoreLockedError, match="notebook"):
            Memory(path=tmp_path / "s", embedder=HashEmbedder())
