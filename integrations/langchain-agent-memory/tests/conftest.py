"""Fixtures for the LangChain integration tests: a real embedded Qdrant store per test and a
fake chat model that records exactly what it was sent (no LLM needed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from pydantic import Field

from agent_memory import Memory
from agent_memory.testing import HashEmbedder


class RecordingChatModel(GenericFakeChatModel):
    """Replies from a script and keeps every message list it was called with."""

    sent: list[list[BaseMessage]] = Field(default_factory=list)

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any):
        self.sent.append(list(messages))
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> RecordingChatModel:  # the script decides
        return self


def script(*replies: str | AIMessage) -> RecordingChatModel:
    return RecordingChatModel(messages=iter(replies))


@pytest.fixture
def make_model():
    return script


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "store"


@pytest.fixture
def edge_mem(store_path):
    """The embedded Qdrant Edge store in a temp folder (the default backend)."""
    m = Memory(path=store_path, embedder=HashEmbedder())
    yield m
    m.close()


@pytest.fixture
def mem():
    """qdrant-client's in-process mode: the client code path, and quick to open."""
    m = Memory(location=":memory:", embedder=HashEmbedder())
    yield m
    m.close()
