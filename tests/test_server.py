"""The HTTP server: routes derived from ``Memory``, keys bound to scopes and roles, typed errors and
limits, and a served process surviving SIGTERM and SIGKILL without losing an acknowledged write."""

from __future__ import annotations

import json
import signal
import threading

import httpx
import pytest

from agent_memory import (
    Memory,
    NotFoundError,
    PermissionDeniedError,
    RemoteMemory,
    _errors,
    _wire,
)
from agent_memory.server import KeyRing, Principal
from agent_memory.server._gateway import Gateway
from agent_memory.testing import HashEmbedder

from .serving import ADMIN, ALICE, ALICE_READER, BOB, serve_process, serving


@pytest.fixture
def store(tmp_path):
    mem = Memory(path=tmp_path / "store", embedder=HashEmbedder(64))
    yield mem
    mem.close()


@pytest.fixture
def url(store):
    with serving(store, max_body=64 * 1024) as base:
        yield base


def post(url: str, route: str, body: object, key: str | None = ADMIN, **kw) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    if isinstance(body, (bytes, str)):
        return httpx.post(f"{url}/v1/{route}", content=body, headers={**headers, "content-type": "application/json"},
                          **kw)
    return httpx.post(f"{url}/v1/{route}", json=body, headers=headers, **kw)


def test_every_served_method_is_a_documented_route(url):
    spec = httpx.get(url + "/openapi.json").json()
    routes = {p for p in spec["paths"] if p.startswith("/v1/") and p != "/v1/whoami"}
    assert routes == {f"/v1/{op.route}" for op in _wire.operations().values()}
    search = spec["paths"]["/v1/search"]["post"]
    schema = spec["components"]["schemas"][search["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                                           .rsplit("/", 1)[1]]
    assert {"query", "user_id", "limit", "as_of"} <= set(schema["properties"]) and schema["required"] == ["query"]


def test_status_codes_are_one_to_one_with_the_error_tree():
    classes = [c for c in vars(_errors).values() if isinstance(c, type) and issubclass(c, _errors.AgentMemoryError)]
    codes = [_wire.STATUS[c] for c in classes]
    assert len(set(codes)) == len(classes) and all(400 <= c < 600 for c in codes)
    for cls in classes:  # each rebuilt as itself from its JSON body
        exc = _wire.error_from_body(_wire.STATUS[cls], _wire.error_body(cls("boom")))
        assert type(exc) is cls and str(exc) == "boom"


@pytest.fixture
def remote(url):
    """``remote(key)``: a RemoteMemory on the test server, closed after the test."""
    opened: list[RemoteMemory] = []

    def factory(key: str | None) -> RemoteMemory:
        opened.append(RemoteMemory(url, api_key=key))
        return opened[-1]

    yield factory
    for r in opened:
        r.close()


def test_keys_bind_requests_to_their_own_scope(store, remote):
    bob_fact = store.remember("Bob's secret is 42", user_id="bob", agent_id="bob-agent")
    alice = remote(ALICE)
    mine = alice.remember("Alice likes cats")  # the scope comes from the key
    assert mine.user_id == "alice"
    assert [h.memory.id for h in alice.search("secret cats")] == [mine.id]
    for attempt in (lambda: alice.search("secret", user_id="bob"), lambda: alice.list(all_scopes=True),
                    lambda: alice.stats(user_id="bob"), lambda: alice.delete_all(user_id="bob"),
                    lambda: alice.process_pending(), lambda: alice.delete_all(user_id="alice", purge=True),
                    lambda: alice.purge()):
        with pytest.raises(PermissionDeniedError):
            attempt()
    with pytest.raises(NotFoundError):  # the engine's scope, again: another user's id is not found
        alice.get(bob_fact.id)
    with pytest.raises(NotFoundError):
        alice.delete(bob_fact.id)
    record = store.get(bob_fact.id).model_dump(mode="json")
    with pytest.raises(PermissionDeniedError):  # import cannot smuggle records into another scope
        alice.import_([{**record, "id": "00000000-0000-4000-8000-000000000001", "content": "forged"}])
    bob = remote(BOB)
    dogs = bob.remember("Bob likes dogs")
    assert dogs.agent_id == "bob-agent"
    assert store.history(dogs.id)[0].actor == "bob-agent"  # the engine saw the key's agent as the actor
    with pytest.raises(PermissionDeniedError):
        bob.search("x", agent_id="another-agent")
    assert store.get(bob_fact.id).content == "Bob's secret is 42"
    assert store.stats(user_id="bob")["total"] == 2 and store.stats(user_id="alice")["total"] == 1


def test_denied_requests_get_no_data(store, url):
    store.remember("Bob's secret is 42", user_id="bob")
    for route, body in (("search", {"query": "secret", "user_id": "bob"}), ("export", {"user_id": "bob"}),
                        ("list", {"all_scopes": True}), ("stats", {"user_id": "bob"})):
        resp = post(url, route, body, key=ALICE)
        assert resp.status_code == 403 and resp.json()["error"]["type"] == "PermissionDeniedError"
        assert "42" not in resp.text


def test_the_engine_enforces_a_reader_key_again(store):
    handle = Gateway(store).handle(Principal(role="reader", user_id="alice"))
    with pytest.raises(PermissionDeniedError):  # even a call that got past the edge writes nothing
        handle.remember("sneaked past the edge", user_id="alice")
    assert store.stats(user_id="alice")["total"] == 0


def test_roles(url, remote):
    reader = remote(ALICE_READER)
    with pytest.raises(PermissionDeniedError):
        reader.remember("I may not write")
    with pytest.raises(PermissionDeniedError):
        reader.add("nor this")
    assert remote(ALICE).remember("a writer may").user_id == "alice"
    assert [h.memory.content for h in reader.search("writer")] == ["a writer may"]
    whoami = httpx.get(url + "/v1/whoami", headers={"X-API-Key": ALICE_READER}).json()
    assert whoami == {"role": "reader", "user_id": "alice", "agent_id": None}
    assert remote(ADMIN).stats(all_scopes=True)["by_user"] == {"alice": 1}


@pytest.mark.parametrize("key", [None, "", "wrong-key-0000000000000000", ADMIN[:-1], ADMIN + "x"])
def test_missing_or_wrong_key_is_refused(url, remote, key):
    resp = post(url, "stats", {}, key=key)
    assert resp.status_code == 401 and resp.json()["error"]["type"] == "PermissionDeniedError"
    assert resp.headers["www-authenticate"] == "Bearer"
    with pytest.raises(PermissionDeniedError):
        remote(key or None).stats()


def test_insecure_local_serves_without_keys(store):
    with serving(store, keys=None, insecure_local=True) as base:
        with RemoteMemory(base) as r:
            assert r.remember("no key needed", user_id="u").user_id == "u"
        # a web page whose DNS name was rebound to 127.0.0.1 is not a local client
        rebound = httpx.post(base + "/v1/export", json={"user_id": "u"}, headers={"Host": "evil.example:8765"})
        assert rebound.status_code == 400 and "no key needed" not in rebound.text


@pytest.mark.parametrize("entries", [
    [], [{"key": "short", "role": "admin"}], [{"key": "k" * 20, "role": "root"}],
    [{"key": "k" * 20, "role": "writer"}], [{"key": "k" * 20, "role": "admin", "user_id": "u"}],
    [{"key": "k" * 20, "role": "admin"}, {"key": "k" * 20, "role": "reader", "user_id": "u"}],
    [{"key": "k" * 20, "role": "reader", "user_id": " u"}], {"key": "k" * 20}, [{"key": "k" * 20, "role": "admin",
                                                                                  "extra": 1}],
])
def test_bad_key_files_are_config_errors(entries):
    with pytest.raises(_errors.ConfigError):
        KeyRing(entries)


@pytest.mark.parametrize("route, body, status, kind", [
    ("search", b"{not json", 422, "ValidationError"),
    ("search", b"[]", 422, "ValidationError"),
    ("search", {"query": 42, "user_id": "u"}, 422, "ValidationError"),
    ("search", {"query": "x", "user_id": "u", "unknown": 1}, 422, "ValidationError"),
    ("search", {"query": "x", "user_id": "u", "limit": "many"}, 422, "ValidationError"),
    ("search", {"query": "x", "user_id": "u", "limit": -1}, 422, "ValidationError"),
    ("search", {"query": "x"}, 400, "ScopeError"),
    ("add", {"messages": [{"role": "user"}], "user_id": "u"}, 422, "ValidationError"),
    ("add", {"messages": "\u0000", "user_id": "u"}, 422, "ValidationError"),
    ("add", {"messages": "hi", "user_id": "u", "observed_at": "yesterday-ish"}, 422, "ValidationError"),
    ("import", {"records": [{"id": "x"}]}, 422, "ValidationError"),
    ("get", {"memory_id": "nope", "user_id": "u"}, 404, "NotFoundError"),
    ("nonsense", {}, 404, "NotFoundError"),
])
def test_bad_input_is_a_typed_4xx_never_a_500(store, url, route, body, status, kind):
    resp = post(url, route, body)
    assert (resp.status_code, resp.json()["error"]["type"]) == (status, kind), resp.text
    assert store.stats(all_scopes=True)["total"] == 0


def test_request_size_limit(store, url):
    resp = post(url, "add", {"messages": "x" * 70_000, "user_id": "u"})
    assert resp.status_code == 413 and resp.json()["error"]["type"] == "ValidationError"
    chunked = httpx.post(url + "/v1/add", content=iter([b'{"messages": "', b"y" * 70_000, b'"}']),
                         headers={"Authorization": f"Bearer {ADMIN}", "content-type": "application/json"})
    assert chunked.status_code == 413
    assert store.stats(all_scopes=True)["total"] == 0


def test_operation_timeout_is_a_typed_error(tmp_path):
    class Slow(HashEmbedder):
        def embed_query(self, text):
            threading.Event().wait(2)
            return super().embed_query(text)

    mem = Memory(path=tmp_path / "slow", embedder=Slow(64))
    with serving(mem, timeout=0.3) as base:
        resp = post(base, "search", {"query": "x", "user_id": "u"})
    mem.close()
    assert resp.status_code == 503 and resp.json()["error"]["type"] == "StoreUnavailableError"


def test_export_streams_ndjson(store, url):
    ids = store.add([f"line {i}" for i in range(5)], user_id="u", infer=False).ids
    with httpx.stream("POST", url + "/v1/export", json={"user_id": "u"},
                      headers={"Authorization": f"Bearer {ADMIN}"}) as resp:
        assert resp.headers["content-type"].startswith("application/x-ndjson")
        lines = [json.loads(line) for line in resp.iter_lines() if line]
    assert sorted(r["id"] for r in lines) == sorted(ids)
    empty = post(url, "export", {"user_id": "nobody"})
    assert empty.status_code == 200 and empty.text == ""
    assert post(url, "export", {}).json()["error"]["type"] == "ScopeError"  # before any line is sent


def test_inspector_page_and_assets_are_served_locally(url):
    page = httpx.get(url + "/")
    assert page.status_code == 200 and "<script" in page.text
    assert "http://" not in page.text and "https://" not in page.text  # no CDN
    for asset in ("app.js", "style.css"):
        assert httpx.get(f"{url}/{asset}").status_code == 200


# ---------------------------------------------------------------------------- a real serve process
def test_sigkill_loses_no_acknowledged_write(tmp_path):
    store = tmp_path / "store"
    proc, base = serve_process(store)
    remote = RemoteMemory(base)
    acknowledged = []
    try:
        for i in range(12):
            acknowledged += remote.add(f"message {i}", user_id=f"u{i % 3}", infer=False).ids
        acknowledged.append(remote.remember("The user lives in Porto", user_id="u0").id)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        proc.stderr.close()
        remote.close()
    with Memory(path=store) as mem:
        assert {mem.get(i).id for i in acknowledged} == set(acknowledged)


def test_sigterm_finishes_in_flight_requests_and_closes_the_store(tmp_path):
    store = tmp_path / "store"
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps([{"key": ADMIN, "role": "admin"}]))
    proc, base = serve_process(store, keys=keys)
    result: dict[str, object] = {}
    started = threading.Event()

    def long_add() -> None:
        started.set()
        with RemoteMemory(base, api_key=ADMIN) as r:
            result["ids"] = r.add([f"I visited city number {i} in the spring of {2000 + i}" for i in range(300)],
                                  user_id="u").ids

    worker = threading.Thread(target=long_add)
    worker.start()
    started.wait()
    threading.Event().wait(0.5)  # the request is being served (300 messages take seconds to embed)
    proc.send_signal(signal.SIGTERM)
    worker.join(120)
    assert proc.wait(120) in (0, -signal.SIGTERM)  # uvicorn shuts down, then re-raises the signal it caught
    with proc.stderr:
        assert ADMIN not in proc.stderr.read().decode()  # keys are never logged
    assert len(result["ids"]) >= 300
    with Memory(path=store) as mem:  # the store was closed: it opens at once, with everything
        assert mem.stats(user_id="u")["total"] == len(set(result["ids"]))
