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


def test_any_object_with_memorys_api_is_accepted_and_others_get_a_config_error(mem):
    # issue 14 / 10: a RemoteMemory (same methods as Memory, not a subclass) must work wherever a Memory does
    from langchain_agent_memory import AgentMemory, AgentMemoryChatMessageHistory, AgentMemoryRetriever
    from langchain_core.messages import HumanMessage

    from agent_memory import ConfigError

    class Remote:  # Memory's methods on another object, as an HTTP client has them
        def __init__(self, inner):
            for name in ("add", "search", "get", "list", "update", "delete", "delete_all", "context", "remember"):
                setattr(self, name, getattr(inner, name))

    remote = Remote(mem)
    AgentMemoryChatMessageHistory(remote, "s1", user_id="alice").add_messages([HumanMessage("I like figs")])
    docs = AgentMemoryRetriever(memory=remote, user_id="alice").invoke("figs")
    assert "I like figs" in [d.page_content for d in docs]
    for make in (lambda: AgentMemoryRetriever(memory=object(), user_id="a"),
                 lambda: AgentMemory(memory="not a memory", user_id="a"),
                 lambda: AgentMemoryChatMessageHistory(42, "s1")):
        with pytest.raises(ConfigError):
            make()
