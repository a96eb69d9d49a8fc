"""Erasure canaries: a unique word said by a user is extracted into facts, summarised, supersedes an
older fact and sits in its neighbours' indexes; erased by message, by session or by user, it must be
nowhere afterwards — no record, history event, search hit (dense or keyword side) or byte in the
store folder — while another user's data stays byte-for-byte the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent_memory import ErasureReceipt, Memory, NotFoundError, ScopeError, ValidationError
from agent_memory._backends._base import HybridQuery
from agent_memory._filters import Match
from agent_memory.testing import HashEmbedder

CANARY = "quixotril"
S0 = [  # an earlier session: a fact the canary will supersede, a statement said again later
    {"role": "user", "content": "I live in Lyon.", "id": "a1", "created_at": "2026-01-01T10:00:00Z"},
    {"role": "user", "content": "I love hiking.", "id": "a2", "created_at": "2026-01-01T10:01:00Z"},
]
S1 = [  # the canary's session
    {"role": "user", "content": "Hello again, back from holiday.", "id": "b0", "created_at": "2026-02-01T10:00:00Z"},
    {"role": "user", "content": "I take quixotril every morning.", "id": "b1", "created_at": "2026-02-01T10:01:00Z"},
    {"role": "assistant", "content": "Noted.", "id": "b2", "created_at": "2026-02-01T10:02:00Z"},
    {"role": "user", "content": "I moved to Quixotril last week.", "id": "b3", "created_at": "2026-02-01T10:03:00Z"},
    {"role": "user", "content": "Thanks, bye. I love hiking.", "id": "b4", "created_at": "2026-02-01T10:04:00Z"},
]
CANARY_IDS = ("b1", "b3")


def tell(mem: Memory, user: str, s1: list[dict] = S1) -> None:
    mem.add(S0, user_id=user, session_id="s0")
    mem.add(s1, user_id=user, session_id="s1")
    mem.close_session(user_id=user, session_id="s0")
    mem.close_session(user_id=user, session_id="s1")


def exported(mem: Memory, user: str) -> str:
    return json.dumps(list(mem.export(user_id=user, include_history=True)), sort_keys=True)


def message_id(mem: Memory, user: str, source: str) -> str:
    page = mem.list(user_id=user, kinds=["episodic"], filters={"source_ids": source}, limit=10)
    (record,) = [r for r in page if r.category == "message"]
    return record.id


def files_with(root: Path, word: str) -> list[str]:
    """grep -ril over every file of the store folder."""
    needle = word.lower().encode()
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and needle in p.read_bytes().lower())


def erase(mem: Memory, how: str, user: str = "u", *, purge: bool) -> list[ErasureReceipt]:
    if how == "message":
        ids = [message_id(mem, user, s) for s in CANARY_IDS]
        return [mem.delete(i, user_id=user, purge=purge and i == ids[-1]) for i in ids]
    if how == "session":
        return [mem.delete_all(user_id=user, session_id="s1", purge=purge)]
    return [mem.delete_all(user_id=user, purge=purge)]


@pytest.fixture(scope="module")
def embedder():
    return HashEmbedder(dim=256)


@pytest.mark.parametrize("how", ["message", "session", "user"])
def test_canary_is_gone_everywhere(how, backend_kind, make_memory, tmp_path, embedder):
    mem = make_memory(embedder=embedder)
    tell(mem, "u")
    tell(mem, "v", [{**m, "content": m["content"].replace("quixotril", "tea").replace("Quixotril", "Nice")}
                    for m in S1])
    everything = exported(mem, "u").lower()
    for where in ("I take quixotril", "The user takes quixotril", "The user lives in Quixotril",
                  "session_summary", "user_summary", '"SUPERSEDE"'):
        assert where.lower() in everything  # the canary really was spread around first
    lyon = next(r for r in mem.list(user_id="u", include_superseded=True) if r.content == "The user lives in Lyon")
    assert lyon.superseded_by is not None
    before = [(h.memory.content, h.explanation.get("sparse_rank")) for h in mem.search(CANARY, user_id="u")]
    assert any(rank for content, rank in before if CANARY not in content.lower())  # the neighbours match
    other = exported(mem, "v")

    receipts = erase(mem, how, purge=True)

    assert CANARY not in exported(mem, "u").lower()
    for record in mem.list(user_id="u", include_superseded=True, limit=1000):
        assert CANARY not in record.model_dump_json().lower()
        for event in mem.history(record.id, user_id="u"):
            assert CANARY not in event.model_dump_json().lower()
    for hit in mem.search(CANARY, user_id="u", limit=50):
        assert CANARY not in hit.memory.content.lower()
        assert "sparse_rank" not in hit.explanation  # no BM25 text (own or context) has the word
    assert exported(mem, "v") == other
    if how == "message":  # the older fact is current again, the summaries were rewritten
        current = {r.content for r in mem.list(user_id="u")}
        assert "The user lives in Lyon" in current and "The user loves hiking" in current
        assert sum(r.neighbours_reindexed for r in receipts) >= 2
        assert sum(r.facts_reopened for r in receipts) == 1
        assert sum(r.summaries_regenerated for r in receipts) >= 2
        assert [r.messages for r in receipts] == [1, 1] and sum(r.facts for r in receipts) == 2
    if how == "session":  # s0 and its facts stay; the hiking fact said in both sessions stays, from a2
        hiking = next(r for r in mem.list(user_id="u") if r.content == "The user loves hiking")
        assert hiking.source_ids == ["a2"]
        assert receipts[0].messages == len(S1) and receipts[0].facts_rederived == 1
        assert receipts[0].facts_reopened == 1
    if how == "user":
        assert len(mem.list(user_id="u", include_superseded=True)) == 0
        assert receipts[0].total == 2 + len(S1) + 4 + 3  # messages, facts (lyon, hiking, 2 canary), summaries
    physically = receipts[-1].physically_erased
    assert physically is (backend_kind == "edge")
    mem.close()
    if backend_kind == "edge":
        store = tmp_path / "store"
        assert files_with(store, "tea every morning")  # the other user's words are there: the grep works
        assert files_with(store, CANARY) == []


def test_erased_store_matches_one_that_never_heard_it(tmp_path, embedder):
    """Re-indexing the neighbours gives every remaining turn exactly the dense and BM25 scores it would
    have had, had the turn never been said."""
    def scores(mem: Memory, query: str) -> dict[str, tuple]:
        """Each turn's raw dense and BM25 scores, straight from the engine (SearchHit.explanation keeps
        raw scores out: they carry collection-wide statistics); ranks among equal scores are arbitrary."""
        engine = mem._engine
        q = HybridQuery(dense=engine.embedder.embed_query(query), sparse=engine.sparse.encode_query(query),
                        filter=Match("user_id", "u"), limit=50)
        return {p.payload["content"]: (round(p.signals.get("dense_score", 0.0), 3),
                                       round(p.signals.get("sparse_score", 0.0), 3))
                for p in engine.backend.hybrid(q)}

    with Memory(path=tmp_path / "a", embedder=embedder) as erased, \
            Memory(path=tmp_path / "b", embedder=embedder) as control:
        erased.add(S1, user_id="u", session_id="s1", infer=False)
        # purged: until the segments are rewritten, the engine's BM25 IDF statistics still count deleted points
        erased.delete(message_id(erased, "u", "b1"), user_id="u", purge=True)
        control.add([m for m in S1 if m["id"] != "b1"], user_id="u", session_id="s1", infer=False)
        for query in (CANARY, "noted back from holiday", "moved last week", "thanks bye hiking"):
            got = scores(erased, query)
            assert got == scores(control, query) and len(got) == len(S1) - 1
            assert any(sparse for _, sparse in got.values())  # the comparison has something to compare


def test_deleting_the_newer_fact_reopens_the_older(mem):
    old = mem.remember("The user lives in Lyon", user_id="u", attribute="location")
    new = mem.remember("The user lives in Quixotril", user_id="u", attribute="location")
    assert mem.get(old.id).superseded_by == new.id
    receipt = mem.delete(new.id, user_id="u")
    reopened = mem.get(old.id)
    assert reopened.is_current and reopened.valid_to is None and receipt.facts_reopened == 1
    assert all(CANARY not in e.model_dump_json().lower() for e in mem.history(old.id))
    assert [e.event for e in mem.history(old.id)][:2] == ["ADD", "SUPERSEDE"]  # the tombstone keeps its type
    assert [h.memory.id for h in mem.search("where does the user live", user_id="u")] == [old.id]


def test_deleting_a_middle_fact_relinks_the_chain(mem):
    a = mem.remember("The user lives in Lyon", user_id="u", attribute="location")
    b = mem.remember("The user lives in Quixotril", user_id="u", attribute="location")
    c = mem.remember("The user lives in Paris", user_id="u", attribute="location")
    mem.delete(b.id, user_id="u")
    assert mem.get(a.id).superseded_by == c.id and not mem.get(a.id).is_current
    assert mem.get(c.id).is_current


def test_deferred_extraction_of_an_erased_message_is_dropped(mem):
    mem.add([S1[1], S1[2]], user_id="u", session_id="s1", defer=True)
    mem.delete(message_id(mem, "u", "b1"), user_id="u")
    assert mem.process_pending() == 1  # the batch still runs for the message that stayed
    assert all(CANARY not in r.content.lower() for r in mem.list(user_id="u"))


def test_delete_of_another_users_memory_changes_nothing(mem):
    tell(mem, "u")
    before = exported(mem, "u")
    with pytest.raises(NotFoundError):
        mem.delete(message_id(mem, "u", "b1"), user_id="intruder")
    with pytest.raises(ScopeError):
        mem.delete_all(user_id=" u")
    assert exported(mem, "u") == before


def test_export_with_history_round_trips(make_memory, tmp_path, embedder):
    src = make_memory(embedder=embedder)
    tell(src, "u")
    src.delete(message_id(src, "u", "b2"), user_id="u")  # tombstones travel too
    lines = list(src.export(user_id="u", include_history=True))
    kinds = [line["type"] for line in lines]
    assert kinds == sorted(kinds, key=lambda t: t != "memory") and {"memory", "event"} == set(kinds)
    events = {line["id"]: line for line in lines if line["type"] == "event"}
    src.close()
    dst = Memory(path=tmp_path / "copy", embedder=embedder)
    dst.import_(lines)
    dst.import_(lines)  # twice: events keep their ids, written once
    again = {line["id"]: line for line in dst.export(user_id="u", include_history=True) if line["type"] == "event"}
    assert {k: val for k, val in again.items() if k in events} == events
    assert len([e for e in again.values() if e["event"] == "IMPORT"]) == 2 * sum(t == "memory" for t in kinds)
    dst.close()


def test_import_refuses_history_for_another_users_memory(mem):
    fact = mem.remember("The user likes tea", user_id="v")
    forged = {"type": "event", "id": "0d2bd4b5-1d3b-4b0e-8a4d-2a1bb1c2f0a1", "memory_id": fact.id, "event": "UPDATE",
              "at": "2026-01-01T00:00:00Z", "user_id": "u", "new_content": "injected"}
    with pytest.raises(ScopeError):
        mem.import_([forged])
    with pytest.raises(ValidationError):
        mem.import_([{**forged, "type": "nonsense"}])
    with pytest.raises(ValidationError):
        mem.import_([{**forged, "event": "ERASE", "user_id": "v"}])
    assert [e.event for e in mem.history(fact.id)] == ["ADD"]


def test_purge_keeps_live_data_and_survives_reopen(tmp_path, embedder):
    mem = Memory(path=tmp_path / "s", embedder=embedder)
    tell(mem, "u")
    tell(mem, "v")
    before = exported(mem, "v")
    hits = {h.memory.id for h in mem.search("hiking", user_id="v", limit=50)}
    receipt = mem.delete_all(user_id="u", purge=True)
    assert receipt.physically_erased and exported(mem, "v") == before
    assert {h.memory.id for h in mem.search("hiking", user_id="v", limit=50)} == hits
    mem.add("I enjoy chess.", user_id="v", session_id="s2")  # still writable after the swap
    mem.close()
    assert not list((tmp_path / "s").glob("*.rebuild")) and not list((tmp_path / "s").glob("*.retired"))
    again = Memory(path=tmp_path / "s", embedder=embedder)
    assert {h.memory.id for h in again.search("hiking", user_id="v", limit=50)} >= hits  # + the chess turn
    assert any(r.content == "I enjoy chess." for r in again.list(user_id="v"))
    again.close()


def test_async_erasure_gives_the_same_receipts_and_export(tmp_path, embedder):
    import asyncio

    from agent_memory import AsyncMemory

    sync = Memory(path=tmp_path / "sync", embedder=embedder)
    tell(sync, "u")
    want = [sync.delete(message_id(sync, "u", "b1"), user_id="u"), sync.delete_all(user_id="u", session_id="s1")]
    want_lines = [line["type"] for line in sync.export(user_id="u", include_history=True)]
    sync.close()

    async def run():
        async with AsyncMemory(path=tmp_path / "async", embedder=embedder) as am:
            for s, msgs in (("s0", S0), ("s1", S1)):
                await am.add(msgs, user_id="u", session_id=s)
            for s in ("s0", "s1"):
                await am.close_session(user_id="u", session_id=s)
            page = await am.list(user_id="u", kinds=["episodic"], filters={"source_ids": "b1"})
            got = [await am.delete(page.items[0].id, user_id="u"), await am.delete_all(user_id="u", session_id="s1")]
            return got, [line["type"] async for line in am.export(user_id="u", include_history=True)]

    got, got_lines = asyncio.run(run())
    assert got == want and got_lines == want_lines


def test_cli_delete_prints_the_receipt_and_purges(tmp_path):
    from typer.testing import CliRunner

    from agent_memory._cli import app

    store = tmp_path / "cli"
    with Memory(path=store) as mem:  # the CLI's own (bundled) embedder
        tell(mem, "u")
    runner = CliRunner()
    done = runner.invoke(app, ["--path", str(store), "delete", "--user", "u", "--session", "s1", "--yes", "--purge",
                               "--json"])
    assert done.exit_code == 0, done.output
    receipt = ErasureReceipt.model_validate(json.loads(done.stdout))
    assert receipt.physically_erased and receipt.messages == len(S1) and receipt.facts == 2
    assert files_with(store, CANARY) == [] and files_with(store, "I love hiking")
    lines = runner.invoke(app, ["--path", str(store), "export", "--user", "u", "--history"]).stdout.splitlines()
    assert {json.loads(line)["type"] for line in lines} == {"memory", "event"}


@pytest.mark.parametrize("complete", [True, False])
def test_an_interrupted_purge_is_finished_or_discarded_at_open(tmp_path, embedder, complete):
    store = tmp_path / "p"
    mem = Memory(path=store, embedder=embedder)
    tell(mem, "u")
    before = exported(mem, "u")
    for source in CANARY_IDS:
        mem.delete(message_id(mem, "u", source), user_id="u")
    after_delete = exported(mem, "u")
    backend = mem._engine.backend
    backend._rebuild("memories")  # the copy is made, then the process "dies" before the swap
    if not complete:
        (store / "memories.rebuild" / "REBUILT").unlink()
    mem.close()
    assert before != after_delete
    again = Memory(path=store, embedder=embedder)
    assert exported(again, "u") == after_delete
    assert not (store / "memories.rebuild").exists() and not (store / "memories.retired").exists()
    assert bool(files_with(store / "memories", CANARY)) is not complete  # a finished swap left no old files
    again.close()
