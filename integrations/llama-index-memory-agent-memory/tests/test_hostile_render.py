"""Hostile values in every stored field, through the LlamaIndex renderers (issue 13): the memory
block and the retriever's nodes as an LLM sees them."""

from __future__ import annotations

import asyncio

import pytest
from llama_index.core.llms import ChatMessage
from llama_index.core.schema import MetadataMode
from llama_index.memory.agent_memory import AgentMemoryBlock, AgentMemoryRetriever

from agent_memory import Memory, Settings
from agent_memory.testing import HOSTILE_VALUES, HashEmbedder, rendering_problems, store_hostile_memories


@pytest.fixture(scope="module")
def hostile_store():
    """Every value an API caller (or a model's tool call) can set, screen off: quoting must hold
    where the screen misses an attack."""
    m = Memory(location=":memory:", embedder=HashEmbedder(), settings=Settings(screen=False))
    store_hostile_memories(m, user_id="alice", topic="sailing")
    yield m
    m.close()


def test_block_keeps_every_field_quoted(hostile_store):
    block = AgentMemoryBlock(hostile_store, user_id="alice", max_tokens=4000)
    text = asyncio.run(block.aget([ChatMessage(role="user", content="sailing facts and notes")]))
    assert text.count("- [") >= 8  # the hostile memories were rendered, not dropped
    assert rendering_problems(text) == []


def test_retriever_nodes_as_the_llm_sees_them_keep_fields_on_their_lines(hostile_store):
    # the LLM sees each node's memory text only (issue 14.3: no metadata padding), so no hostile
    # category, role or metadata key/value reaches the prompt as lines of its own
    retriever = AgentMemoryRetriever(hostile_store, user_id="alice", similarity_top_k=20)
    nodes = retriever.retrieve("sailing facts and notes")
    assert nodes
    for n in nodes:
        # what the LLM sees besides the memory's own text: the metadata lines
        around = n.node.get_content(metadata_mode=MetadataMode.LLM).replace(n.node.get_content(), "")
        assert not any(h in around for h in HOSTILE_VALUES), around
