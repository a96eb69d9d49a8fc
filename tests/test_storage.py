"""Embedded-store behaviour: persistence, the single-process lock, schema checks, tenant isolation."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent_memory import Memory, SchemaMismatchError, StoreLockedError
from agent_memory.testing import HashEmbedder


def test_data_survives_reopen(tmp_path):
    with Memory(path=tmp_path / "s") as m:
        fact = m.remember("Judy collects stamps", user_id="judy", category="hobby")
        m.add([{"content": "see you tomorrow", "id": "t1"}], user_id="judy", infer=False)
    with Memory(path=tmp_path / "s") as m:
        assert m.get(fact.id).content == "Judy collects stamps"
        assert m.search("stamps", user_id="judy")[0].memory.id == fact.id
        assert [e.event for e in m.history(fact.id)] == ["ADD"]
        assert m.stats(user_id="judy")["total"] == 2


def test_a_store_with_float32_vectors_still_opens(tmp_path):
    # new stores keep dense vectors as float16; a shard laid out as float32 (earlier versions)
    # must open with its own layout and keep working
    import shutil

    import qdrant_edge as qe

    emb = HashEmbedder(64)
    with Memory(path=tmp_path / "s", embedder=emb):
        pass
    shutil.rmtree(tmp_path / "s" / "memories")
    qe.EdgeShard.create(str(tmp_path / "s" / "memories"), qe.EdgeConfig(
        vectors={"dense": qe.EdgeVectorParams(size=64, distance=qe.Distance.Cosine,
                                              datatype=qe.VectorStorageDatatype.Float32)},
        sparse_vectors={"sparse": qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf)})).close()
    with Memory(path=tmp_path / "s", embedder=emb) as m:
        fact = m.remember("Judy collects stamps", user_id="judy")
    with Memory(path=tmp_path / "s", embedder=emb) as m:
        assert m.search("stamps", user_id="judy")[0].memory.id == fact.id


def test_default_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENT_MEMORY_PATH", str(tmp_path / "env-store"))
    with Memory() as m:
        assert m.location == str(tmp_path / "env-store")
    assert (tmp_path / "env-store" / "agent_memory.json").exists()


def test_second_open_in_process_gets_a_clear_error(tmp_path):
    with Memory(path=tmp_path / "s"):
        with pytest.raises(StoreLockedError, match="Memory\\(url=...\\)"):
            Memory(path=tmp_path / "s")


def test_second_process_gets_a_clear_error(tmp_path):
    code = (
        "import sys\n"
        "from agent_memory import Memory, StoreLockedError\n"
        f"try:\n    Memory(path={str(tmp_path / 's')!r})\n"
        "except StoreLockedError as e:\n    print('LOCKED', e); sys.exit(3)\n"
    )
    with Memory(path=tmp_path / "s"):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    assert "LOCKED" in proc.stdout and "server" in proc.stdout


def test_reopening_with_another_vector_size_fails_clearly(tmp_path):
    with Memory(path=tmp_path / "s") as m:
        m.remember("something", user_id="u")
    with pytest.raises(SchemaMismatchError, match="dense_size"):
        Memory(path=tmp_path / "s", embedder=HashEmbedder(dim=64))
    with Memory(path=tmp_path / "s") as m:  # the failed open did not break or lock the store
        assert m.stats(all_scopes=True)["total"] == 1


def test_client_collection_with_another_vector_size_fails_clearly():
    from qdrant_client import QdrantClient

    client = QdrantClient(":memory:")
    Memory(client=client).remember("something", user_id="u")
    with pytest.raises(SchemaMismatchError):
        Memory(client=client, embedder=HashEmbedder(dim=64))


_users = st.sampled_from(["u1", "u2", "u3"])
_words = st.sampled_from(["apple", "berlin", "chess", "diving", "espresso", "flute", "garden"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writes=st.lists(st.tuples(_users, st.lists(_words, min_size=1, max_size=4)), min_size=1, max_size=12),
       reader=_users, query=_words)
def test_property_no_cross_tenant_reads(tmp_path_factory, writes, reader, query):
    with Memory(location=":memory:", embedder=HashEmbedder(dim=32)) as m:
        expected: dict[str, set[str]] = {}
        for user, words in writes:
            text = " ".join(words)
            m.add(text, user_id=user, infer=False)
            expected.setdefault(user, set()).add(text)
        hits = m.search(query, user_id=reader, limit=50)
        assert {h.memory.user_id for h in hits} <= {reader}
        assert {r.content for r in m.list(user_id=reader, limit=100)} == expected.get(reader, set())
