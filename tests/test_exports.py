"""The public API is pinned: every name ``from agent_memory import *`` gives, and nothing else.
Adding or removing an export is a deliberate change to this list (and to the README)."""

from __future__ import annotations

import inspect

import agent_memory
import agent_memory.testing
from agent_memory import AgentMemoryError

EXPORTS = [
    "Actor",
    "AddResult",
    "AgentMemoryError",
    "AsyncMemory",
    "AsyncRemoteMemory",
    "BM25Encoder",
    "Candidate",
    "ConfigError",
    "Consolidator",
    "ContextItem",
    "Decision",
    "Embedder",
    "Ending",
    "ErasureReceipt",
    "ExtractionContext",
    "ExtractionError",
    "ExtractionInfo",
    "ExtractiveSummarizer",
    "Extractor",
    "FastEmbedEmbedder",
    "Grant",
    "LLMConsolidator",
    "LLMExtractor",
    "LLMOutputError",
    "MaintenanceReport",
    "Memory",
    "MemoryContext",
    "MemoryEvent",
    "MemoryKind",
    "MemoryRecord",
    "Message",
    "Neighbour",
    "NoExtractor",
    "NotFoundError",
    "OpenAIEmbedder",
    "OpenAISummarizer",
    "Page",
    "PermissionDeniedError",
    "Policy",
    "ProviderError",
    "RemoteMemory",
    "RuleConsolidator",
    "SchemaMismatchError",
    "ScopeError",
    "SearchHit",
    "Settings",
    "StoreError",
    "StoreLockedError",
    "StoreUnavailableError",
    "Summarizer",
    "ValidationError",
    "__version__",
]


def test_all_is_pinned_and_sorted():
    assert sorted(agent_memory.__all__) == sorted(EXPORTS)
    assert agent_memory.__all__ == sorted(agent_memory.__all__)  # kept sorted for review


def test_every_export_resolves_and_nothing_public_is_left_out():
    namespace: dict[str, object] = {}
    exec("from agent_memory import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(EXPORTS)
    public = {n for n, obj in vars(agent_memory).items()
              if not n.startswith("_") and not inspect.ismodule(obj)}
    assert public <= set(EXPORTS), f"public but not in __all__: {sorted(public - set(EXPORTS))}"


def test_every_error_class_is_exported_and_in_the_tree():
    errors = {n for n in EXPORTS if n.endswith("Error")}
    for name in errors:
        assert issubclass(getattr(agent_memory, name), AgentMemoryError), name
    documented = inspect.getdoc(agent_memory._errors) or ""
    assert all(name in documented for name in errors)  # drawn in the tree of _errors' docstring
    assert set(agent_memory._errors.__all__) == errors


def test_the_testing_module_keeps_its_public_fakes():
    assert agent_memory.testing.__all__ == ["HOSTILE_VALUES", "FailingEmbedder", "HashEmbedder", "rendering_problems",
                                            "store_hostile_memories"]
    assert callable(agent_memory.testing.HashEmbedder)
