"""AgentMemoryRetriever: langchain-tests' standard retriever suite, and the Document it returns."""

from __future__ import annotations

import pytest
from langchain_agent_memory import AgentMemoryRetriever
from langchain_core.documents import Document
from langchain_tests.integration_tests import RetrieversIntegrationTests

from agent_memory import Memory, ScopeError
from agent_memory.testing import HashEmbedder

FACTS = ["Alice lives in Paris", "Alice loves climbing", "Alice works at ACME", "Alice has a cat named Tom",
         "Alice prefers tea over coffee", "Alice speaks French and English"]


class TestAgentMemoryRetrieverStandard(RetrieversIntegrationTests):
    # The suite's async test carries no asyncio marker and overriding it is refused, so the class
    # is marked; pytest-asyncio then complains about the marker on the suite's sync tests.
    pytestmark = [pytest.mark.asyncio, pytest.mark.filterwarnings(
        "ignore:The test <Function test_.*is marked with '@pytest.mark.asyncio' but it is not an async function")]

    @pytest.fixture(autouse=True)
    def _memory(self):
        self.mem = Memory(location=":memory:", embedder=HashEmbedder())
        for fact in FACTS:
            self.mem.remember(fact, user_id="alice")
        yield
        self.mem.close()

    @property
    def retriever_constructor(self) -> type[AgentMemoryRetriever]:
        return AgentMemoryRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"memory": self.mem, "user_id": "alice"}

    @property
    def retriever_query_example(self) -> str:
        return "what does Alice like?"


def test_documents_carry_id_kind_score_dates_and_provenance(mem):
    added = mem.add("I live in Paris", user_id="alice", session_id="s1", infer=False).memories[0]
    mem.remember("Bob lives in Rome", user_id="bob")
    docs = AgentMemoryRetriever(memory=mem, user_id="alice", k=5).invoke("where does she live?")
    assert [d.page_content for d in docs] == ["I live in Paris"]
    doc = docs[0]
    assert isinstance(doc, Document) and doc.id == added.id
    meta = doc.metadata
    assert meta["id"] == added.id and meta["kind"] == "episodic" and meta["session_id"] == "s1"
    assert isinstance(meta["score"], float) and meta["score"] > 0
    assert meta["observed_at"] == added.observed_at.isoformat()
    assert meta["source_ids"] == added.source_ids and meta["role"] == "user"


def test_kinds_and_scope(mem):
    mem.add("I live in Paris", user_id="alice", infer=False)
    mem.remember("Alice lives in Paris", user_id="alice")
    docs = AgentMemoryRetriever(memory=mem, user_id="alice", kinds=["profile"]).invoke("Paris")
    assert [d.metadata["kind"] for d in docs] == ["profile"]
    with pytest.raises(ScopeError):
        AgentMemoryRetriever(memory=mem).invoke("Paris")
