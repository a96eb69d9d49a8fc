"""The offline encoders: our BM25 must produce exactly fastembed's ``Qdrant/bm25`` vectors (stores
written with either stay searchable); the dense embedder keeps input order when it sorts by length."""

from __future__ import annotations

import math

import pytest

from agent_memory._embeddings import _DATA, BM25Encoder, FastEmbedEmbedder

TEXTS = [
    "Caroline went to the LGBTQ support group yesterday and it was powerful!",
    "I'm running, she runs, they ran: runners' running-shoes.",
    "Café naïve — Ünïcode façade; 8 May 2023 at 1:56 pm, it's Melanie's 10km run?!",
    "the a an of and",  # stopwords only
    "",
    "x" * 41 + " short",  # an over-long token is dropped
    "Hello hello HELLO world",  # repeated terms: BM25 saturation
]


@pytest.fixture(scope="module")
def reference():
    from fastembed import SparseTextEmbedding

    return SparseTextEmbedding("Qdrant/bm25", specific_model_path=str(_DATA / "bm25"))


@pytest.mark.parametrize("text", TEXTS)
def test_bm25_documents_match_fastembed(reference, text):
    want = next(iter(reference.embed([text])))
    got = BM25Encoder().encode_documents([text])[0]
    assert dict(zip(got.indices, got.values)) == pytest.approx(dict(zip(want.indices.tolist(), want.values.tolist())))


@pytest.mark.parametrize("text", TEXTS)
def test_bm25_queries_match_fastembed(reference, text):
    want = next(iter(reference.query_embed(text)))
    got = BM25Encoder().encode_query(text)
    assert sorted(got.indices) == sorted(want.indices.tolist())
    assert set(got.values) <= {1.0}


def test_dense_batches_keep_input_order():
    emb = FastEmbedEmbedder()
    texts = ["a much longer sentence about hiking in the mountains over the weekend", "tea", "I like jazz music"]
    batch = emb.embed_documents(texts)
    for text, vec in zip(texts, batch):
        single = emb.embed_documents([text])[0]
        assert math.isclose(sum(a * b for a, b in zip(vec, single)), 1.0, abs_tol=1e-4)
