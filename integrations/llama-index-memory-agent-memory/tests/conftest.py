"""Fixtures for the LlamaIndex integration: a real Qdrant Edge store per test module (opening one
builds its payload indexes, so tests share it and keep apart by unique user ids), the
deterministic HashEmbedder for speed, and LlamaIndex's own mock function-calling LLM, which
records the messages of its last call."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from llama_index.core.llms import ChatMessage
from llama_index.core.llms.mock import MockFunctionCallingLLMWithChatMemoryOfLastCall

from agent_memory import Memory
from agent_memory.testing import HashEmbedder


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    m = Memory(path=tmp_path_factory.mktemp("li") / "store", embedder=HashEmbedder())
    yield m
    m.close()


_SYNC_TWIN: dict[int, Memory] = {}


@pytest.fixture(scope="module")
def astore(tmp_path_factory):
    """An AsyncMemory (the async twin of a Memory, whose sync API the tests read with)."""
    m = Memory(path=tmp_path_factory.mktemp("li") / "astore", embedder=HashEmbedder())
    twin = m.aio
    _SYNC_TWIN[id(twin)] = m
    yield twin
    _SYNC_TWIN.pop(id(twin))
    asyncio.run(twin.close())


@pytest.fixture(params=["sync", "async"])
def any_store(request, store, astore):
    """The adapters accept either API; both must behave the same."""
    return store if request.param == "sync" else astore


@pytest.fixture
def users():
    """Unique user ids for this test: ``alice, bob = users("alice", "bob")``."""
    tag = uuid.uuid4().hex[:8]
    return lambda *names: [f"{n}-{tag}" for n in names] if len(names) > 1 else f"{names[0]}-{tag}"


@pytest.fixture
def llm():
    return MockFunctionCallingLLMWithChatMemoryOfLastCall()


def _seen_text(messages: list[ChatMessage] | None) -> str:
    return "\n".join(m.content or "" for m in (messages or []))


@pytest.fixture
def seen_text():
    """Everything an LLM received, as one string (a fixture: test modules cannot import conftest)."""
    return _seen_text


@pytest.fixture
def li_memory():
    """``llama_index.core.memory.Memory.from_defaults`` on a chat-store engine the test closes
    (the default one is never closed and leaves aiosqlite connections to the garbage collector)."""
    from llama_index.core.memory import Memory
    from sqlalchemy.ext.asyncio import create_async_engine

    engines = []

    def make(**kwargs):
        engines.append(create_async_engine("sqlite+aiosqlite:///:memory:"))
        return Memory.from_defaults(async_engine=engines[-1], **kwargs)

    yield make
    for engine in engines:
        asyncio.run(engine.dispose())


@pytest.fixture
def as_sync():
    """The sync API of either store: ``as_sync(store).list(user_id=...)``."""
    return lambda store: _SYNC_TWIN.get(id(store), store)
