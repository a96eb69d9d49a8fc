"""Retrieval quality: the pure ranking functions, and search behaviour on both backends."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from agent_memory import ProviderError, Settings
from agent_memory._backends._base import PointOut
from agent_memory._fusion import competition_ranks, settled
from agent_memory._fusion import rrf as fuse
from agent_memory._indexing import context_positions, embedding_text, index_texts, mix_context
from agent_memory._models import MemoryKind, MemoryRecord, content_hash
from agent_memory._retrieval import (
    has_time_expression,
    is_temporal_query,
    mmr,
    named_speakers,
    pool_size,
    rank,
    rescore,
    words,
)
from agent_memory._rounds import seed_terms
from agent_memory.testing import HashEmbedder

from .conftest import open_memory

ON = Settings(speaker_boost=0.3, temporal_boost=0.3, mmr_lambda=0.7, rescore_pool=20)
OFF = Settings(speaker_boost=0.0, temporal_boost=0.0, mmr_lambda=1.0, session_boost=0.0)
DAY = datetime(2023, 5, 8, 13, 56, tzinfo=timezone.utc)


def point(pid: str, content: str, score: float, name: str | None = None) -> PointOut:
    return PointOut(id=pid, payload={"content": content, "name": name}, score=score)


def record(rid: str, content: str, name: str | None = None, *, user: str = "u", session: str | None = "s1",
           kind: MemoryKind = MemoryKind.EPISODIC) -> MemoryRecord:
    return MemoryRecord(id=rid, content=content, kind=kind, category="message" if kind == MemoryKind.EPISODIC
                        else None, user_id=user, session_id=session, created_at=DAY, updated_at=DAY,
                        observed_at=DAY, valid_from=DAY, name=name, hash=content_hash(content))


# ------------------------------------------------------------------ pure functions
def test_words_drop_possessives_and_case():
    assert words("Caroline's dog, MELANIE!") == ["caroline", "dog", "melanie"]


@pytest.mark.parametrize("q, expected", [
    ("When did Caroline go to the support group?", True),
    ("What year did Melanie paint a sunrise?", True),
    ("How long ago was her trip?", True),
    ("What does Caroline like to paint?", False),
    ("Where did Melanie camp?", False),
])
def test_temporal_query_detection(q, expected):
    assert is_temporal_query(q) is expected


@pytest.mark.parametrize("text, expected", [
    ("I went to the group yesterday", True),
    ("We painted it in 2022", True),
    ("Last Friday was great", True),
    ("It was three weeks ago", True),
    ("I love painting sunsets", False),
])
def test_time_expression_detection(text, expected):
    assert has_time_expression(text) is expected


def test_named_speakers_match_any_word_of_a_name_and_possessives():
    names = {"Caroline", "Melanie Smith", ""}
    assert named_speakers("What is Caroline's job?", names) == {"Caroline"}
    assert named_speakers("Where does melanie live?", names) == {"Melanie Smith"}
    assert named_speakers("Where do they live?", names) == set()


def test_speaker_boost_lifts_the_named_speakers_turn():
    pool = [point("a", "I went camping", 0.030, "Alice"), point("b", "I went camping too", 0.028, "Bob")]
    ranked = rescore("Where did Bob go camping?", pool, ON)
    assert [r.point.id for r in ranked] == ["b", "a"]
    assert ranked[0].signals == {"speaker_boost": 0.3}
    assert [r.point.id for r in rescore("Where did Bob go camping?", pool, OFF)] == ["a", "b"]


def rrf(dense_rank: int | None, sparse_rank: int | None, s: Settings) -> float:
    """The fused score Qdrant (Edge and qdrant-client alike) gives a point from its 1-based rank
    in each prefetch: sum of 1 / (k - 1 + rank / weight)."""
    return sum(1.0 / (s.rrf_k - 1 + r / w) for r, w in zip((dense_rank, sparse_rank), s.fusion_weights) if r)


def test_default_speaker_boost_does_not_bury_a_much_stronger_match():
    """A question that names the wrong person (LoCoMo's adversarial category) must still find the
    turn that matches it best in both lists; only the old scale (k=60, x1.6) let the name win."""
    s = Settings()
    pool = [point("alice", "I adopted a puppy last month", rrf(1, 1, s), "Alice"),
            point("bob", "I like dogs", rrf(4, 4, s), "Bob")]
    assert [r.point.id for r in rank("When did Bob adopt a puppy?", pool, 2, s)] == ["alice", "bob"]
    old = Settings(rrf_k=60, fusion_weights=(1.0, 1.0), speaker_boost=0.6)
    pool_old = [point("alice", "I adopted a puppy last month", rrf(1, 1, old), "Alice"),
                point("bob", "I like dogs", rrf(4, 4, old), "Bob")]
    assert [r.point.id for r in rank("When did Bob adopt a puppy?", pool_old, 2, old)] == ["bob", "alice"]


def test_default_speaker_boost_still_settles_a_close_call():
    s = Settings()
    pool = [point("alice", "I went camping", rrf(1, 3, s), "Alice"),
            point("bob", "I went camping too", rrf(3, 1, s), "Bob"),
            point("carol", "Camping is fun", rrf(2, 2, s), "Carol")]
    ranked = rank("Where did Bob go camping?", pool, 3, s)
    assert ranked[0].point.id == "bob" and ranked[0].signals == {"speaker_boost": s.speaker_boost}


def test_default_fusion_leans_on_bm25_below_the_top_ranks():
    s = Settings()
    assert rrf(1, None, s) == pytest.approx(1 / (s.rrf_k + 1))  # dense #1 ~ sparse #1 (1 / k) ...
    assert rrf(None, 1, s) > rrf(1, None, s)
    assert rrf(None, 5, s) > rrf(5, None, s) * 1.3  # ... but a dense rank counts double further down


def test_temporal_boost_applies_to_when_questions_only():
    pool = [point("a", "We adopted a puppy, so cute", 0.030), point("b", "We adopted a puppy last month", 0.028)]
    assert [r.point.id for r in rescore("When did they adopt a puppy?", pool, ON)] == ["b", "a"]
    assert [r.point.id for r in rescore("What did they adopt?", pool, ON)] == ["a", "b"]


def test_mmr_moves_a_near_copy_below_a_different_memory():
    pool = rescore("q", [point("a", "the red bike is in the garage", 0.030),
                         point("a2", "the red bike is in the garage now", 0.029),
                         point("b", "my sister moved to Boston", 0.025)], OFF)
    assert [r.point.id for r in mmr(pool, 2, 0.7)] == ["a", "b"]
    assert [r.point.id for r in mmr(pool, 2, 1.0)] == ["a", "a2"]  # lambda 1: relevance only


def test_rank_without_signals_keeps_the_fused_order_and_limit():
    pool = [point(str(i), f"memory {i}", 1.0 / (i + 1)) for i in range(5)]
    assert [r.point.id for r in rank("q", pool, 3, OFF)] == ["0", "1", "2"]
    assert pool_size(OFF, 3) == 3 and pool_size(ON, 3) == 20 and pool_size(ON, 50) == 50


def test_index_texts_date_and_previous_turn_of_the_same_scope_only():
    recs = [record("1", "Did you go to the lake?", "Bob"), record("2", "Yes, last Friday!", "Alice"),
            record("3", "Unrelated", "Carol", user="other")]
    as_text = Settings(index_date=True, index_context=1, index_context_sparse=False, context_vector_weight=0)
    dense, sparse = index_texts(recs, as_text)
    assert dense[0] == "[8 May 2023] Bob: Did you go to the lake?"
    assert dense[1] == "[8 May 2023] Alice: Yes, last Friday! (after: Bob: Did you go to the lake?)"
    assert dense[2] == "[8 May 2023] Carol: Unrelated"  # another user's turn is never context
    assert sparse[1] == "[8 May 2023] Alice: Yes, last Friday!"
    _, sparse2 = index_texts(recs, Settings(index_context=1, index_context_sparse=True))
    assert "Bob: Did you go to the lake?" in sparse2[1]
    assert embedding_text(recs[0]) == "Bob: Did you go to the lake?"
    ahead, _ = index_texts(recs, Settings(index_date=False, index_context=0, index_context_next=1,
                                          context_vector_weight=0))
    assert ahead[0] == "Bob: Did you go to the lake? (before: Alice: Yes, last Friday!)"
    assert ahead[1] == "Alice: Yes, last Friday!"  # the next record belongs to another user


def test_bm25_text_carries_more_previous_turns_than_the_dense_side():
    recs = [record("1", "I signed up for a pottery class", "Alice"), record("2", "Nice, when does it start?", "Bob"),
            record("3", "Next Monday!", "Alice"), record("4", "Unrelated", "Carol", user="other")]
    s = Settings(index_date=False, index_context=1, index_context_sparse=2, context_vector_weight=0)
    dense, sparse = index_texts(recs, s)
    assert dense[2] == "Alice: Next Monday! (after: Bob: Nice, when does it start?)"
    assert sparse[2] == ("Alice: Next Monday! (after: Alice: I signed up for a pottery class "
                         "Bob: Nice, when does it start?)")  # the keyword two turns back reaches BM25
    assert sparse[3] == "Carol: Unrelated"  # another user's turns are never context
    dense_v, sparse_v = index_texts(recs, Settings(index_date=False))  # defaults: context as vectors
    assert dense_v[2] == "Alice: Next Monday!" and "pottery" in sparse_v[2]
    assert context_positions(recs, Settings()) == [[], [0], [1], []]  # the dense side mixes one turn in
    _, none = index_texts(recs, Settings(index_date=False, index_context_sparse=0))
    assert none == [embedding_text(r) for r in recs]
    assert Settings(index_context_sparse=True).index_context_sparse == 1  # the old boolean still reads


def test_context_as_vectors_embeds_each_turn_alone_and_leans_it_on_its_context():
    recs = [record("1", "Did you go to the lake?", "Bob"), record("2", "Yes, last Friday!", "Alice"),
            record("3", "Unrelated", "Carol", user="other")]
    s = Settings(index_date=False, index_context=1, index_context_sparse=True, context_vector_weight=0.5)
    dense, sparse = index_texts(recs, s)
    assert dense == ["Bob: Did you go to the lake?", "Alice: Yes, last Friday!", "Carol: Unrelated"]
    assert "Bob: Did you go to the lake?" in sparse[1]  # BM25 still gets the context as words
    positions = context_positions(recs, s)
    assert positions == [[], [0], []]  # the other user's turn is never context
    mixed = mix_context([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]], positions, 0.5)
    assert mixed[0] == [1.0, 0.0] and mixed[2] == [0.6, 0.8]  # no context: unchanged
    x, y = mixed[1]
    assert y > x > 0 and abs(x * x + y * y - 1.0) < 1e-9  # leans towards the question, stays its own, unit length


# ------------------------------------------------------------------ search behaviour, both backends
@pytest.fixture
def tuned(backend_kind, tmp_path):
    m = open_memory(backend_kind, tmp_path, settings=ON.model_copy(update={"index_date": True, "index_context": 1}))
    yield m
    m.close()


def test_keyword_only_match_is_found_through_bm25(tuned):
    filler = ["I like my new laptop a lot", "The laptop battery lasts all day", "My computer is fast",
              "I bought a keyboard for my computer", "The screen of my laptop is bright"]
    tuned.add([{"role": "user", "content": t} for t in filler]
              + [{"role": "user", "content": "the warranty code is ZX4471Q"}], user_id="u", infer=False)
    hits = tuned.search("ZX4471Q", user_id="u", limit=3)
    assert hits[0].memory.content == "the warranty code is ZX4471Q"
    assert hits[0].explanation.get("sparse_rank") == 1


def test_question_naming_a_speaker_prefers_that_speakers_turn(tuned):
    tuned.add([{"role": "user", "name": "Alice", "content": "I went hiking in the mountains", "id": "1"},
               {"role": "user", "name": "Bob", "content": "I went hiking in the mountains", "id": "2"}],
              user_id="u", infer=False)
    for who in ("Alice", "Bob"):
        hits = tuned.search(f"Where did {who} go hiking?", user_id="u", limit=2)
        assert hits[0].memory.name == who
        assert hits[0].explanation["speaker_boost"] == pytest.approx(0.3)


def test_when_question_prefers_the_memory_with_a_date(tuned):
    tuned.add([{"role": "user", "content": "We adopted a kitten, she is adorable and playful", "id": "1"},
               {"role": "user", "content": "We adopted a kitten two weeks ago", "id": "2"}],
              user_id="u", infer=False)
    hits = tuned.search("When did we adopt a kitten?", user_id="u", limit=2)
    assert hits[0].memory.source_ids == ["2"]


def test_mmr_keeps_near_copies_out_of_the_top(tuned):
    copies = [f"My favourite food is spicy ramen{s}" for s in ("", "!", " really", " indeed")]
    tuned.add([{"role": "user", "content": c} for c in copies]
              + [{"role": "user", "content": "I cook ramen with chilli every Sunday"}], user_id="u", infer=False)
    hits = tuned.search("what food do I like? ramen", user_id="u", limit=2)
    assert "cook ramen" in hits[1].memory.content


def test_search_stays_in_scope_with_rescoring(tuned):
    tuned.add([{"role": "user", "name": "Bob", "content": "my locker code is 4417"}], user_id="a", infer=False)
    tuned.add([{"role": "user", "name": "Bob", "content": "my locker code is 9923"}], user_id="b", infer=False)
    hits = tuned.search("What is Bob's locker code?", user_id="a", limit=10)
    assert [h.memory.content for h in hits] == ["my locker code is 4417"]


def test_both_backends_fuse_and_rescore_alike(tmp_path):
    """Same data, same query: same order and scores on Qdrant Edge and on qdrant-client."""
    turns = [{"role": "user", "name": n, "content": c, "id": str(i)} for i, (n, c) in enumerate([
        ("Alice", "I started pottery classes last week"), ("Bob", "Pottery sounds fun, I prefer painting"),
        ("Alice", "My pottery teacher is from Kyoto"), ("Bob", "I painted a sunset in 2022"),
        ("Alice", "We went camping by the lake"), ("Bob", "The lake was cold yesterday")])]
    results = []
    for kind in ("edge", "client"):
        m = open_memory(kind, tmp_path / kind, settings=ON)
        try:
            m.add(turns, user_id="u", observed_at=DAY, infer=False)
            results.append([(h.memory.source_ids[0], round(h.score, 6))
                            for h in m.search("When did Alice start pottery?", user_id="u", limit=6)])
        finally:
            m.close()
    edge, client = results
    assert edge[0][0] == "0"
    # the fusion is ours (see _fusion), so the engines' different orders of tied BM25 scores do not show
    assert edge == client


# ------------------------------------------------------------------ repeatable fusion (see _fusion)
def test_competition_ranks_share_a_rank_between_equal_scores():
    assert competition_ranks([9.0, 7.5, 7.5, 7.5, 3.0]) == [1, 2, 2, 2, 5]
    assert competition_ranks([]) == []


def test_settled_drops_a_tie_group_that_straddles_the_cut():
    hits = [("a", 5.0), ("b", 4.0), ("c", 3.0), ("d", 3.0)]
    assert settled(hits, 3) == [("a", 5.0), ("b", 4.0)]  # c and d tie across the cut: neither is kept
    assert settled(hits[:3], 3) == hits[:3]  # the whole list fitted: nothing is ambiguous
    assert settled([("a", 5.0), ("b", 4.0), ("c", 3.0)], 2) == [("a", 5.0), ("b", 4.0)]


def test_rrf_is_the_same_whatever_order_the_engine_returned_ties_in():
    s = Settings()
    dense = [("x", 0.9), ("y", 0.8), ("z", 0.7)]
    sparse_one_way = [("q", 6.0), ("y", 3.5), ("z", 3.5), ("x", 3.5)]
    sparse_other_way = [("q", 6.0), ("x", 3.5), ("z", 3.5), ("y", 3.5)]
    a = fuse(dense, sparse_one_way, k=s.rrf_k, weights=s.fusion_weights, limit=4)
    b = fuse(dense, sparse_other_way, k=s.rrf_k, weights=s.fusion_weights, limit=4)
    assert [(p.id, p.score) for p in a] == [(p.id, p.score) for p in b]
    # Qdrant's weighted formula, equal BM25 scores counting as the same rank
    assert a[0].id == "x" and a[0].score == pytest.approx(rrf(1, 2, s))
    assert {p.id: p.signals["sparse_rank"] for p in a} == {"q": 1, "x": 2, "y": 2, "z": 2}


def test_rrf_breaks_equal_fused_scores_by_dense_score_then_id():
    fused = fuse([("b", 0.5), ("a", 0.4)], [("a", 2.0), ("b", 1.0)], k=10, weights=(1.0, 1.0), limit=2)
    assert fused[0].score == fused[1].score and [p.id for p in fused] == ["b", "a"]
    no_dense = fuse([], [("b", 2.0), ("a", 2.0)], k=10, weights=(1.0, 1.0), limit=2, explain=False)
    assert [p.id for p in no_dense] == ["a", "b"] and no_dense[0].signals == {}


def test_repeated_builds_of_the_same_store_rank_identically(backend_kind, tmp_path):
    """Equal BM25 scores are frequent (turns of one length sharing a query word); the engine returns
    them in an order that varies between builds of a store, which must not change the ranking."""
    turns = [{"role": "user", "name": "Ana" if i % 2 else "Ben", "content": f"we talked about the lake {w}",
              "id": str(i)} for i, w in enumerate(["today", "again", "later", "twice", "early", "first"] * 3)]
    results = []
    for build in range(3):
        m = open_memory(backend_kind, tmp_path / str(build))
        try:
            m.add(turns, user_id="u", observed_at=DAY, infer=False)
            results.append([(h.memory.source_ids[0], h.score) for h in m.search("the lake", user_id="u", limit=10)])
        finally:
            m.close()
    assert results[0] == results[1] == results[2]


# ------------------------------------------------------------------ session aggregation, second round
def session_point(pid: str, score: float, session: str, seq: int = 0, content: str = "x") -> PointOut:
    return PointOut(id=pid, payload={"content": content, "session_id": session, "seq": seq}, score=score)


def test_session_boost_lets_several_weak_hits_of_one_session_add_up():
    pool = [session_point("lone", 0.10, "s1"), session_point("a", 0.09, "s2"), session_point("b", 0.05, "s2"),
            session_point("c", 0.05, "s2")]
    off = Settings(speaker_boost=0, temporal_boost=0, session_boost=0)
    assert [r.point.id for r in rank("q", pool, 2, off)] == ["lone", "a"]
    on = off.model_copy(update={"session_boost": 0.2})
    ranked = rank("q", [session_point(p.id, p.score, p.payload["session_id"]) for p in pool], 2, on)
    assert [r.point.id for r in ranked] == ["a", "lone"]
    assert ranked[0].signals["session_bonus"] == pytest.approx(0.2 * 0.10)


def test_neighbour_penalty_discounts_turns_next_to_a_picked_one():
    pool = [session_point("t1", 0.10, "s1", seq=1), session_point("t2", 0.09, "s1", seq=2),
            session_point("far", 0.08, "s2", seq=50)]
    s = Settings(speaker_boost=0, temporal_boost=0, session_boost=0, neighbour_penalty=0.3, neighbour_window=1)
    assert [r.point.id for r in rank("q", pool, 3, s)] == ["t1", "far", "t2"]
    assert [r.point.id for r in rank("q", pool, 3, s.model_copy(update={"neighbour_penalty": 0.0}))] == [
        "t1", "t2", "far"]


def test_seed_terms_are_the_new_names_and_numbers_of_the_top_hits():
    # "Then" opens the text and "Faro" a sentence: capitalised for grammar, not names
    seeds = [PointOut("1", {"content": "We drove to Lisbon in 2022 with Marta.", "name": "Ana"}),
             PointOut("2", {"content": "Then Porto. Faro was hot!", "name": "Ben"})]
    assert seed_terms("Which cities did Ana visit?", seeds) == ["Lisbon", "2022", "Marta", "Ben", "Porto"]


def test_second_round_brings_in_a_turn_that_shares_an_entity_with_a_top_hit(backend_kind, tmp_path):
    turns = [("Ana", "I visited Lisbon with Marta last spring"), ("Ben", "Sounds lovely"),
             ("Ana", "Marta and I are going back to Portugal in June"), ("Ben", "My dog likes the park"),
             ("Ana", "I bake bread on Sundays"), ("Ben", "The weather was grey")]
    msgs = [{"role": "user", "name": n, "content": c, "id": str(i)} for i, (n, c) in enumerate(turns)]
    base = Settings(speaker_boost=0.2, temporal_boost=0.0, index_context=0, index_context_sparse=0,
                    second_round_seeds=0)
    found = {}
    for label, s in (("off", base), ("on", base.model_copy(update={"second_round_seeds": 1,
                                                                    "second_round_weight": 1.0}))):
        m = open_memory(backend_kind, tmp_path / label, embedder=HashEmbedder(64), settings=s)
        try:
            m.add(msgs, user_id="u", observed_at=DAY, infer=False)
            hits = m.search("Which city did Ana visit?", user_id="u", limit=6)
            found[label] = {h.memory.source_ids[0]: h for h in hits}
        finally:
            m.close()
    assert "second_round" not in found["off"]["2"].explanation
    assert found["on"]["2"].explanation["second_round"] > 0  # "Marta" from the top hit found it again
    assert found["on"]["2"].score > found["off"]["2"].score


class _SecondQueryFails(HashEmbedder):
    """Embeds the question, then fails: the second round's own query embedding."""

    def __init__(self) -> None:
        super().__init__(64)
        self.queries = 0

    def embed_query(self, text: str) -> list[float]:
        self.queries += 1
        if self.queries > 1:
            raise RuntimeError("embedding service down")
        return super().embed_query(text)


def test_a_failing_second_round_embedding_is_a_provider_error(tmp_path):
    s = Settings(second_round_seeds=2, second_round_dense=True)
    m = open_memory("edge", tmp_path, embedder=_SecondQueryFails(), settings=s)
    try:
        m.add([{"role": "user", "name": "Ana", "content": "I visited Lisbon with Marta", "id": "1"}],
              user_id="u", infer=False)
        with pytest.raises(ProviderError, match="embedding service down"):
            m.search("Which city did Ana visit?", user_id="u")
    finally:
        m.close()


def test_profile_facts_near_the_question_lend_the_second_round_their_words(backend_kind, tmp_path):
    found = {}
    for n in (0, 1):
        s = Settings(second_round_seeds=0, second_round_profile=n, index_context=0, index_context_sparse=0)
        m = open_memory(backend_kind, tmp_path / str(n), embedder=HashEmbedder(64), settings=s)
        try:
            m.remember("Ana enjoys hobbies like ceramics", user_id="u", attribute="hobby")
            m.add([{"role": "user", "name": "Ana", "content": "I signed up for a ceramics course", "id": "1"},
                   {"role": "user", "name": "Ben", "content": "The weather was grey today", "id": "2"}],
                  user_id="u", infer=False)
            hits = m.search("What hobbies does Ana have?", user_id="u", limit=5)
            found[n] = {h.memory.content: h.explanation for h in hits}
        finally:
            m.close()
    assert "second_round" not in found[0]["I signed up for a ceramics course"]
    assert found[1]["I signed up for a ceramics course"]["second_round"] > 0
