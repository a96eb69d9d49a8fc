"""Shared fixtures: every conformance test runs on both backends (Qdrant Edge in a temp folder,
and qdrant-client's ``:memory:`` for the client code path; a real server when $QDRANT_URL is set)."""

from __future__ import annotations

import os
import uuid

import pytest

from agent_memory import Memory

BACKENDS = ["edge", "client"] + (["server"] if os.environ.get("QDRANT_URL") else [])


def open_memory(kind: str, tmp_path, **kwargs) -> Memory:
    if kind == "edge":
        return Memory(path=tmp_path / "store", **kwargs)
    if kind == "client":
        return Memory(location=":memory:", **kwargs)
    return Memory(url=os.environ["QDRANT_URL"], api_key=os.environ.get("QDRANT_API_KEY"),
                  collection=f"test_{uuid.uuid4().hex[:8]}", **kwargs)


@pytest.fixture(params=BACKENDS)
def backend_kind(request) -> str:
    return request.param


@pytest.fixture
def mem(backend_kind, tmp_path):
    m = open_memory(backend_kind, tmp_path)
    yield m
    m.close()


@pytest.fixture
def make_memory(backend_kind, tmp_path):
    """A factory for tests that need their own Memory (custom embedder, closing it themselves)."""
    opened: list[Memory] = []

    def factory(**kwargs) -> Memory:
        m = open_memory(backend_kind, tmp_path, **kwargs)
        opened.append(m)
        return m

    yield factory
    for m in opened:
        m.close()
