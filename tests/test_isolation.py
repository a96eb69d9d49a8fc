"""Tenant isolation, tried as an adversary would: random scope shapes (users x agents x sessions,
with and without a user, values containing the old id separator "|") and every operation, on both
backends, against a model of what each scope owns. No call may read, count or change a memory
outside its scope (``Scope.contains``: a scope without user_id reaches only user-less memories).
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from agent_memory import Memory, NotFoundError, ScopeError
from agent_memory._scope import Scope
from agent_memory.testing import HashEmbedder

from .conftest import open_memory

USERS = [None, "alice", "a", "a|b"]
AGENTS = [None, "A", "b"]
SESSIONS = [None, "s1", "S"]
SCOPES = [Scope(u, a, s) for u in USERS for a in AGENTS for s in SESSIONS if (u, a, s) != (None, None, None)]
MESSAGE_IDS = ["m", "S|m", "b|S|m", "1"]  # "a"+"b"+"S|m" used to collide with "a|b"+"S"+"m"
WORDS = "secret project falcon bank zeta city paris berlin tea coffee pin code".split()
OPERATIONS = ["add", "remember", "search", "list", "get", "update", "delete", "history", "context", "close_session",
       "delete_all", "stats", "export"]
WEIGHTS = [14, 12, 10, 8, 10, 6, 4, 6, 5, 3, 2, 5, 3]
# >= 10,000 randomised operations in all (the embedded store is ~5x faster than the client's local mode)
OPS = {"edge": 8_000, "client": 2_000, "server": 2_000}


class Model:
    """What exists, and in which scope: every id the store ever returned, with its scope."""

    def __init__(self) -> None:
        self.scope: dict[str, Scope] = {}
        self.kind: dict[str, str] = {}
        self.live: set[str] = set()

    def saw(self, record, by: Scope) -> None:
        """A record returned to a call made with scope ``by``: inside it, and never moved."""
        sc = Scope(record.user_id, record.agent_id, record.session_id)
        assert by.contains(record), f"{by} got {record.id} of {sc}"
        assert self.scope.setdefault(record.id, sc) == sc, f"{record.id} moved to {sc}"
        self.kind[record.id] = str(record.kind)
        self.live.add(record.id)

    def erased(self, mem: Memory, by: Scope) -> None:
        """After a delete: what vanished is inside the caller's scope, or a summary of the same tenant
        derived from what was erased (erasure removes or regenerates summaries of deleted messages,
        e.g. the user's rolling summary when one session is erased) — never another user's."""
        now = {r["id"] for r in mem.export(all_scopes=True)}
        for i in self.live - now:
            same_tenant = self.scope[i].user_id == by.user_id
            assert by.contains(self.scope[i]) or (self.kind[i] == "summary" and same_tenant), \
                f"{by} erased {i} of {self.scope[i]}"
        self.live &= now

    def within(self, sc: Scope) -> set[str]:
        return {i for i in self.live if sc.contains(self.scope[i])}


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))


def context_may_show(sc: Scope, record: Scope, kind: str) -> bool:
    """What a context block of ``sc`` may draw on (see ``_context_ops.context_reads``): the scope,
    and its owner scope (facts outlive sessions) — for a scope without a user, only the owner's
    profile facts, since user-less sessions may be different people."""
    return sc.contains(record) or (sc.owner.contains(record) and (sc.user_id is not None or kind == "profile"))


def run_ops(mem: Memory, seed: int, n: int) -> Counter:
    rng = random.Random(seed)
    model = Model()
    done: Counter = Counter()
    for _ in range(n):
        op = rng.choices(OPERATIONS, WEIGHTS)[0]
        sc = rng.choice(SCOPES)
        kw = sc.as_dict()
        target = rng.choice(sorted(model.scope)) if model.scope else "00000000-0000-0000-0000-000000000000"
        inside = target in model.live and sc.contains(model.scope[target])
        if op == "add":
            msgs = [{"role": rng.choice(["user", "assistant"]), "content": sentence(rng),
                     **({"id": rng.choice(MESSAGE_IDS)} if rng.random() < 0.6 else {})}
                    for _ in range(rng.randint(1, 3))]
            for r in mem.add(msgs, **kw, infer=False).memories:
                model.saw(r, sc)
        elif op == "remember":
            r = mem.remember(sentence(rng), **kw, attribute=rng.choice([None, "location", "drink"]))
            model.saw(r, sc)
            for other in mem.list(**kw, include_superseded=True, limit=1000).items:  # supersede stays inside
                model.saw(other, sc)
        elif op == "search":
            for h in mem.search(sentence(rng), **kw, include_superseded=rng.random() < 0.3):
                model.saw(h.memory, sc)
        elif op == "list":
            page = mem.list(**kw, include_superseded=True, limit=1000)
            for r in page.items:
                model.saw(r, sc)
            assert {r.id for r in page.items} == model.within(sc)  # nothing missing, nothing extra
        elif op == "get":
            if inside:
                model.saw(mem.get(target, **kw), sc)
            else:
                with pytest.raises(NotFoundError):
                    mem.get(target, **kw)
        elif op == "update":
            if inside:
                model.saw(mem.update(target, metadata={"touched": rng.randint(0, 9)}, **kw), sc)
            else:
                before = mem.get(target) if target in model.live else None
                with pytest.raises(NotFoundError):
                    mem.update(target, metadata={"touched": "by an outsider"}, **kw)
                if before is not None:
                    assert mem.get(target) == before
        elif op == "delete":
            if inside:
                mem.delete(target, **kw)
                model.live.discard(target)
                model.erased(mem, sc)
            else:
                with pytest.raises(NotFoundError):
                    mem.delete(target, **kw)
        elif op == "history":
            if target in model.scope and sc.contains(model.scope[target]):
                try:
                    events = mem.history(target, **kw)
                    assert events and all(sc.contains(e) and e.memory_id == target for e in events)
                except NotFoundError:  # only once delete_all purged it
                    assert target not in model.live
            else:
                with pytest.raises(NotFoundError):
                    mem.history(target, **kw)
        elif op == "context":
            ctx = mem.context(sentence(rng), **kw, max_tokens=2000)
            for item in ctx.items:
                assert item.id in model.live, f"context of {sc} showed an unknown memory {item.id}"
                assert context_may_show(sc, model.scope[item.id], item.kind.value), \
                    f"context of {sc} showed {item.id} of {model.scope[item.id]}"
        elif op == "close_session":
            if sc.session_id is None:
                with pytest.raises(Exception):  # noqa: B017 - a ValidationError: the session is required
                    mem.close_session(**kw)
            else:
                summary = mem.close_session(**kw)
                if summary is not None:
                    model.saw(summary, sc)
                    sources = set(summary.source_ids)
                    own = {s for r in mem.export(**kw) for s in r["source_ids"]}
                    assert sources <= own, "a session summary covered another scope's messages"
                # the rolling summary lands in the owner scope, never elsewhere
                for r in mem.list(**sc.owner.as_dict(), kinds="summary", include_superseded=True).items:
                    model.saw(r, sc.owner)
        elif op == "delete_all":
            expected = model.within(sc)
            receipt = mem.delete_all(**kw)
            assert receipt.messages + receipt.facts >= len({i for i in expected if model.kind[i] != "summary"})
            model.live -= expected
            model.erased(mem, sc)
        elif op == "stats":
            assert mem.stats(**kw)["total"] == len(model.within(sc))
        elif op == "export":
            ids = {r["id"] for r in mem.export(**kw)}
            assert ids == model.within(sc)
        done[op] += 1
    # finally: the whole store is exactly the union of what each scope was shown
    everything = {r["id"]: r for r in mem.export(all_scopes=True)}
    assert set(everything) == model.live
    for i, r in everything.items():
        assert Scope(r["user_id"], r["agent_id"], r["session_id"]) == model.scope[i]
    return done


@pytest.mark.parametrize("seed", [1, 2])
def test_no_call_crosses_its_scope(backend_kind, tmp_path, seed):
    n = OPS[backend_kind] // 2
    mem = open_memory(backend_kind, tmp_path, embedder=HashEmbedder(), extractor=None)
    try:
        done = run_ops(mem, seed, n)
    finally:
        mem.close()
    assert sum(done.values()) == n
    assert set(done) == set(OPERATIONS)  # every operation was exercised


def test_scope_without_user_never_reaches_a_users_memory(mem):
    """The issue's cases, one by one: agent-only and session-only calls see no user's memory."""
    mem.add("My secret project is Falcon.", user_id="alice", agent_id="A", session_id="S", infer=False)
    mem.add("My bank is Zeta.", user_id="bob", agent_id="A", session_id="S", infer=False)
    bob_fact = mem.remember("Bob lives in Paris", user_id="bob", agent_id="A", attribute="location")
    assert mem.search("secret bank", agent_id="A", session_id="S") == []
    assert mem.search("secret bank", session_id="S") == []
    assert mem.context("secret bank", agent_id="A", session_id="S").items == []
    assert mem.close_session(agent_id="A", session_id="S") is None  # no user-less messages to mix
    agent_fact = mem.remember("The office is in Berlin", agent_id="A", attribute="location")
    assert mem.get(bob_fact.id, user_id="bob").is_current  # not superseded by the agent-level fact
    assert agent_fact.user_id is None and mem.get(bob_fact.id).seen_count == 1
    receipt = mem.delete_all(agent_id="A")
    assert (receipt.messages, receipt.facts, receipt.summaries) == (0, 1, 0)  # only the agent-level fact
    assert mem.stats(user_id="alice")["total"] == 1 and mem.stats(user_id="bob")["total"] == 2
    with pytest.raises(ScopeError):
        mem.stats()  # every tenant at once needs all_scopes=True
    assert mem.stats(all_scopes=True)["by_user"] == {"alice": 1, "bob": 2}


@pytest.mark.parametrize("method", ["get", "update", "delete", "history"])
@pytest.mark.parametrize("field", ["user_id", "agent_id", "session_id"])
def test_empty_scope_values_are_refused_not_dropped(mem, method, field):
    rec = mem.remember("Carol's PIN is 4321", user_id="carol", agent_id="A", session_id="S")
    args = {"update": {"metadata": {"x": 1}}}.get(method, {})
    with pytest.raises(ScopeError, match="empty"):
        getattr(mem, method)(rec.id, **args, **{field: ""})
    assert mem.get(rec.id, user_id="carol") == rec


def test_message_ids_do_not_collide_across_scopes(mem):
    victim = mem.add([{"role": "user", "content": "my PIN is 4321", "id": "m"}], user_id="a|b", session_id="S",
                     infer=False).memories[0]
    attacker = mem.add([{"role": "user", "content": "hello", "id": "S|m"}], user_id="a", agent_id="b",
                       infer=False).memories[0]
    assert attacker.id != victim.id and attacker.content == "hello"
    assert mem.get(victim.id).content == "my PIN is 4321"
    # the summaries' ids are keyed the same way
    from agent_memory._scope import Scope
    from agent_memory._summaries import session_summary_id, user_summary_id

    assert session_summary_id(Scope(user_id="a|b", session_id="S")) != \
        session_summary_id(Scope(user_id="a", agent_id="b", session_id="S"))
    assert user_summary_id(Scope(user_id="a|b")) != user_summary_id(Scope(user_id="a", agent_id="b"))


def test_a_schema_1_store_is_refused_with_the_way_out(tmp_path):
    import json

    with Memory(path=tmp_path / "s", embedder=HashEmbedder(), extractor=None) as m:
        m.remember("x", user_id="u")
    schema = tmp_path / "s" / "agent_memory.json"
    schema.write_text(json.dumps({**json.loads(schema.read_text()), "schema_version": 1}))
    from agent_memory import SchemaMismatchError

    with pytest.raises(SchemaMismatchError, match="schema_version=1.*export it"):
        Memory(path=tmp_path / "s", embedder=HashEmbedder(), extractor=None)
