"""The ``agent-memory`` CLI driven through typer's runner against a real embedded store."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from agent_memory import Memory
from agent_memory._cli import app

runner = CliRunner()


@pytest.fixture
def store(tmp_path):
    return tmp_path / "store"


def cli(store, *args: str, input: str | None = None, code: int = 0):
    result = runner.invoke(app, ["--path", str(store), *args], input=input)
    assert result.exit_code == code, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def add_json(store, *args: str) -> list[dict]:
    return json.loads(cli(store, "add", *args, "--json").stdout)["memories"]


def test_add_text_and_search_finds_it(store):
    written = add_json(store, "I keep my bike in the garage at Elm Street", "--user", "alice", "--no-infer")
    assert [m["content"] for m in written] == ["I keep my bike in the garage at Elm Street"]
    assert written[0]["user_id"] == "alice" and written[0]["kind"] == "episodic"

    hits = json.loads(cli(store, "search", "where is the bike?", "--user", "alice", "--json").stdout)
    assert hits[0]["memory"]["id"] == written[0]["id"]
    text = cli(store, "search", "where is the bike?", "--user", "alice").stdout
    assert written[0]["id"] in text and "Elm Street" in text


def test_add_file_of_messages_keeps_roles_names_and_scope(store, tmp_path):
    msgs = [{"role": "user", "content": "We adopted a cat named Miso", "name": "bob", "id": "m1"},
            {"role": "assistant", "content": "Congratulations on Miso!", "id": "m2"}]
    f = tmp_path / "msgs.json"
    f.write_text(json.dumps(msgs))
    written = add_json(store, "--file", str(f), "--user", "bob", "--session", "s1", "--metadata", '{"src": "cli"}')
    episodic = [m for m in written if m["kind"] == "episodic"]
    assert {(m["role"], m["source_ids"][0]) for m in episodic} == {("user", "m1"), ("assistant", "m2")}
    assert all(m["session_id"] == "s1" and m["metadata"]["src"] == "cli" for m in episodic)


def test_search_is_confined_to_the_user(store):
    add_json(store, "Alice's locker code is 4411", "--user", "alice", "--no-infer")
    hits = json.loads(cli(store, "search", "locker code", "--user", "mallory", "--json").stdout)
    assert hits == []
    assert "no memories match" in cli(store, "search", "locker code", "--user", "mallory").stdout


def test_list_paginates_with_cursor_and_all(store):
    for i in range(5):
        add_json(store, f"note number {i} about gardening", "--user", "carol", "--no-infer")
    page1 = json.loads(cli(store, "list", "--user", "carol", "--limit", "2", "--json").stdout)
    assert len(page1["items"]) == 2 and page1["next_cursor"]
    page2 = json.loads(cli(store, "list", "--user", "carol", "--limit", "2", "--cursor", page1["next_cursor"],
                           "--json").stdout)
    assert not {m["id"] for m in page1["items"]} & {m["id"] for m in page2["items"]}
    every = json.loads(cli(store, "list", "--user", "carol", "--limit", "2", "--all", "--json").stdout)
    assert len(every["items"]) == 5 and every["next_cursor"] is None
    assert [m["content"] for m in every["items"]][0] == "note number 4 about gardening"  # newest first
    text = cli(store, "list", "--user", "carol", "--limit", "2").stdout
    assert "2 memories" in text and "--cursor" in text


def test_list_filters_by_kind_and_as_of(store):
    add_json(store, "a plain message", "--user", "dan", "--no-infer")
    with Memory(path=store) as mem:
        mem.remember("Dan is allergic to peanuts", user_id="dan")
    profile = json.loads(cli(store, "list", "--user", "dan", "--kind", "profile", "--json").stdout)["items"]
    assert [m["content"] for m in profile] == ["Dan is allergic to peanuts"]
    past = json.loads(cli(store, "list", "--user", "dan", "--as-of", "2000-01-01T00:00:00Z", "--json").stdout)
    assert past["items"] == []


def test_show_prints_memory_and_history(store):
    [m] = add_json(store, "The wifi password is hunter2", "--user", "erin", "--no-infer")
    with Memory(path=store) as mem:
        mem.update(m["id"], "The wifi password is correct-horse", user_id="erin")
    data = json.loads(cli(store, "show", m["id"], "--json").stdout)
    assert data["memory"]["content"] == "The wifi password is correct-horse"
    assert [e["event"] for e in data["history"]] == ["ADD", "UPDATE"]
    text = cli(store, "show", m["id"]).stdout
    assert "correct-horse" in text and "UPDATE" in text and "history" in text


def test_show_outside_scope_is_not_found(store):
    [m] = add_json(store, "secret of frank", "--user", "frank", "--no-infer")
    result = cli(store, "show", m["id"], "--user", "mallory", code=1)
    assert "NotFoundError" in result.stderr and "Traceback" not in result.output


def test_export_import_round_trip_through_files(store, tmp_path):
    [a] = add_json(store, "Gina plays the cello", "--user", "gina", "--no-infer")
    add_json(store, "Hank runs marathons", "--user", "hank", "--no-infer")
    dump = tmp_path / "gina.jsonl"
    assert "exported 1 memories" in cli(store, "export", "--user", "gina", "--out", str(dump)).stdout
    lines = [json.loads(x) for x in dump.read_text().splitlines()]
    assert [r["id"] for r in lines] == [a["id"]]

    everything = cli(store, "export", "--all-scopes").stdout
    assert {json.loads(x)["user_id"] for x in everything.splitlines()} == {"gina", "hank"}

    other = tmp_path / "other"
    assert "imported 1 memories" in cli(other, "import", str(dump)).stdout
    [back] = json.loads(cli(other, "list", "--user", "gina", "--json").stdout)["items"]
    assert back == lines[0] | {"updated_at": back["updated_at"]}  # ids, times, provenance kept
    assert back["created_at"] == a["created_at"] and back["source_ids"] == a["source_ids"]
    hits = json.loads(cli(other, "search", "which instrument?", "--user", "gina", "--json").stdout)
    assert hits[0]["memory"]["id"] == a["id"]  # re-embedded: searchable


def test_import_rejects_bad_jsonl_with_line_number(store, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\nnot json\n')
    result = cli(store, "import", str(bad), code=2)
    assert "line 2" in result.stderr
    invalid = tmp_path / "invalid.jsonl"
    invalid.write_text('{"id": "x"}\n')
    result = cli(store, "import", str(invalid), code=2)
    assert "ValidationError" in result.stderr and "Traceback" not in result.output


def test_delete_one_memory(store):
    [m] = add_json(store, "temporary note", "--user", "ivy", "--no-infer")
    [keep] = add_json(store, "permanent note", "--user", "ivy", "--no-infer")
    assert f"deleted {m['id']}" in cli(store, "delete", m["id"]).stdout
    left = json.loads(cli(store, "list", "--user", "ivy", "--json").stdout)["items"]
    assert [x["id"] for x in left] == [keep["id"]]
    assert "NotFoundError" in cli(store, "delete", m["id"], code=1).stderr


def test_delete_scope_asks_for_confirmation(store):
    add_json(store, "jack note one", "--user", "jack", "--no-infer")
    add_json(store, "jack note two", "--user", "jack", "--no-infer")
    add_json(store, "kate note", "--user", "kate", "--no-infer")
    refused = cli(store, "delete", "--user", "jack", input="n\n", code=1)
    assert "Delete 2 memories of user_id=jack" in refused.output and "nothing deleted" in refused.stderr
    assert json.loads(cli(store, "stats", "--json").stdout)["by_user"] == {"jack": 2, "kate": 1}

    done = cli(store, "delete", "--user", "jack", input="y\n").stdout
    assert "deleted 2 memories of user_id=jack" in done and "2 messages" in done and "2 events removed" in done
    assert json.loads(cli(store, "stats", "--json").stdout)["by_user"] == {"kate": 1}
    assert "deleted 1 memories" in cli(store, "delete", "--user", "kate", "--yes").stdout
    assert json.loads(cli(store, "stats", "--json").stdout)["total"] == 0


def test_stats_counts_per_user_and_kind(store):
    add_json(store, "lena message one", "--user", "lena", "--no-infer")
    add_json(store, "lena message two", "--user", "lena", "--no-infer")
    add_json(store, "mike message", "--user", "mike", "--no-infer")
    with Memory(path=store) as mem:
        mem.remember("Lena speaks Finnish", user_id="lena")
    data = json.loads(cli(store, "stats", "--json").stdout)
    assert data["total"] == 4 and data["by_kind"] == {"episodic": 3, "profile": 1}
    assert data["by_user_kind"] == {"lena": {"episodic": 2, "profile": 1}, "mike": {"episodic": 1}}
    text = cli(store, "stats").stdout
    assert "4 memories" in text and "lena" in text and "mike" in text
    assert json.loads(cli(store, "stats", "--user", "mike", "--json").stdout)["total"] == 1


@pytest.mark.parametrize("args, message", [
    (["add", "   ", "--user", "u"], "ValidationError"),
    (["add", "hello"], "ScopeError"),
    (["add", "hello", "--user", "u", "--metadata", "[1]"], "must be a JSON object"),
    (["search", "anything"], "--all-scopes"),
    (["list", "--user", "u", "--cursor", "garbage!"], "malformed cursor"),
    (["list", "--user", "u", "--as-of", "yesterday"], "ISO-8601"),
    (["list", "--user", "u", "--kind", "opinion"], "ValidationError"),
    (["delete"], "give an ID"),
])
def test_bad_input_exits_2_with_one_line(store, args, message):
    result = cli(store, *args, code=2)
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_store_locked_by_another_memory_is_a_clear_error(store):
    with Memory(path=store):
        result = cli(store, "list", "--user", "u", code=1)
    assert "error:" in result.stderr and "Traceback" not in result.output


def test_path_and_url_are_exclusive(store):
    result = cli(store, "--url", "http://127.0.0.1:1", "list", "--user", "u", code=2)
    assert "not both" in result.stderr


def test_default_path_comes_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENT_MEMORY_PATH", str(tmp_path / "env-store"))
    result = runner.invoke(app, ["add", "stored via env path", "--user", "nina", "--no-infer"])
    assert result.exit_code == 0, result.output
    with Memory(path=tmp_path / "env-store") as mem:
        assert [m.content for m in mem.list(user_id="nina")] == ["stored via env path"]


def test_demo_recalls_across_sessions_as_a_module(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "agent_memory", "demo", "--path", str(tmp_path / "demo")],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    assert "Session 1" in proc.stdout and "Session 2" in proc.stdout and "recalled" in proc.stdout
    session2 = proc.stdout.split("Session 2", 1)[1]
    assert "vegetarian" in session2  # recalled from the reopened store, not from session 1's process state
    with Memory(path=tmp_path / "demo") as mem:  # the demo left its memories in the given store
        assert mem.stats(user_id="maya")["total"] >= 4


def test_brackets_in_user_data_are_printed_literally(store):
    [m] = add_json(store, "[bold]not markup[/bold] in my note", "--user", "[odd]", "--no-infer")
    listed = cli(store, "list", "--user", "[odd]").stdout
    assert "[bold]not markup[/bold] in my note" in listed
    assert "[bold]not markup[/bold]" in cli(store, "show", m["id"]).stdout
    assert "user_id=[odd]" in cli(store, "delete", "--user", "[odd]", "--yes").stdout
