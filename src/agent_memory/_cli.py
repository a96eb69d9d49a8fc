"""The ``agent-memory`` command line: the library's API as commands, for people and scripts.

Store options go before the command (``agent-memory --path DIR list --user alice``); every
command opens the store, does its work and closes it. Library errors (``AgentMemoryError``)
become one line on stderr and exit code 2 for bad input, 1 for everything else.

To add a command: decorate a function with ``@app.command()``, take ``ctx: typer.Context``
and open the store with ``with open_store(ctx) as mem:``.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ._cli_app import app, err, errors, fail, open_store, out
from ._errors import AgentMemoryError
from ._memory import Memory
from ._scope import ScopeFields, scope_fields

# Scope options shared by most commands.
UserOpt = Annotated[str | None, typer.Option("--user", "-u", help="user_id scope.")]
AgentOpt = Annotated[str | None, typer.Option("--agent", "-a", help="agent_id scope.")]
SessionOpt = Annotated[str | None, typer.Option("--session", "-s", help="session_id scope.")]
AllScopesOpt = Annotated[bool, typer.Option("--all-scopes", help="Read across every user, agent and session.")]
KindOpt = Annotated[list[str] | None, typer.Option("--kind", "-k", help="profile, episodic or summary (repeat).")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="ISO-8601 instant: what was true then.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]


def scope(user: str | None, agent: str | None, session: str | None) -> ScopeFields:
    return scope_fields(user, agent, session)  # validated by the library call it is handed to


def require_scope(sc: ScopeFields, all_scopes: bool) -> None:
    if not sc and not all_scopes:
        raise fail("give --user, --agent or --session (or --all-scopes to read across every tenant)")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def short_time(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def print_memories(records: list[Any], *, title: str | None = None, scores: list[float] | None = None,
                   known: Mapping[str, object] | None = None, ids: bool = True) -> None:
    """Two lines a memory (header, then the content indented): readable at any terminal width,
    with the full id copyable for ``show`` and ``delete``. Scope fields in ``known`` are not repeated."""
    if title:
        out.print(f"[bold]{title}[/]")
    for i, m in enumerate(records):
        head = Text()
        if scores is not None:
            head.append(f"{scores[i]:.3f}  ", style="green")
        if ids:
            head.append(f"{m.id}  ", style="dim")
        head.append(m.kind.value + (f"/{m.category}" if m.category else ""), style="cyan")
        head.append(f"  {short_time(m.observed_at)}")
        extra = " ".join(f"{k.removesuffix('_id')}={v}" for k, v in m.scope.items() if (known or {}).get(k) != v)
        if extra:
            head.append(f"  {extra}")
        if not m.is_current:
            head.append("  superseded", style="yellow")
        out.print(head)
        out.print(Text("    " + m.content))


# ---------------------------------------------------------------------------- commands
@app.command()
def add(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="A message to remember (role from --role).")] = None,
    file: Annotated[Path | None, typer.Option(
        "--file", "-f", help="JSON file of OpenAI-style messages ([{role, content, ...}]); '-' reads stdin.")] = None,
    user: UserOpt = None,
    agent: AgentOpt = None,
    session: SessionOpt = None,
    role: Annotated[str, typer.Option(help="Role of TEXT.")] = "user",
    observed_at: Annotated[str | None, typer.Option(help="When it was said (ISO-8601) \\[default: now].")] = None,
    metadata: Annotated[str | None, typer.Option(help="JSON object stored with each memory.")] = None,
    infer: Annotated[bool, typer.Option(help="Derive profile memories with the extractor.")] = True,
    as_json: JsonOpt = False,
) -> None:
    """Store a message (or a file of messages) and the memories derived from it."""
    if (text is None) == (file is None):
        raise fail("give either TEXT or --file")
    if file is not None:
        raw = sys.stdin.read() if str(file) == "-" else _read_text(file)
        try:
            messages: Any = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise fail(f"{file} is not valid JSON: {exc}") from None
    else:
        messages = [{"role": role, "content": text}]
    meta = _json_object(metadata, "--metadata")
    with open_store(ctx) as mem:
        result = mem.add(messages, **scope(user, agent, session), observed_at=observed_at, metadata=meta,
                         infer=infer)
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    print_memories(result.memories, title=f"{len(result.memories)} memories written",
                   known=scope(user, agent, session))
    for warning in (result.extraction.warnings if result.extraction else []):
        err.print(f"[yellow]warning:[/] {escape(warning)}", soft_wrap=True)


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="What to look for.")],
    user: UserOpt = None,
    agent: AgentOpt = None,
    session: SessionOpt = None,
    kind: KindOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 10,
    as_of: AsOfOpt = None,
    include_superseded: Annotated[bool, typer.Option("--include-superseded")] = False,
    all_scopes: AllScopesOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Hybrid (semantic + keyword) search within a scope."""
    sc = scope(user, agent, session)
    require_scope(sc, all_scopes)
    with open_store(ctx) as mem:
        hits = mem.search(query, **sc, kinds=kind, limit=limit, as_of=as_of,
                          include_superseded=include_superseded, all_scopes=all_scopes)
    if as_json:
        print_json([h.model_dump(mode="json") for h in hits])
        return
    if not hits:
        out.print("no memories match")
        return
    print_memories([h.memory for h in hits], scores=[h.score for h in hits], known=sc)


@app.command("list")
def list_(
    ctx: typer.Context,
    user: UserOpt = None,
    agent: AgentOpt = None,
    session: SessionOpt = None,
    kind: KindOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Page size.")] = 20,
    cursor: Annotated[str | None, typer.Option(help="next_cursor printed by the previous page.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Follow the cursor through every page.")] = False,
    as_of: AsOfOpt = None,
    include_superseded: Annotated[bool, typer.Option("--include-superseded")] = False,
    all_scopes: AllScopesOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Memories newest first, a page at a time (--cursor) or all of them (--all)."""
    sc = scope(user, agent, session)
    require_scope(sc, all_scopes)
    items: list[Any] = []
    with open_store(ctx) as mem:
        while True:
            page = mem.list(**sc, kinds=kind, limit=limit, cursor=cursor, as_of=as_of,
                            include_superseded=include_superseded, all_scopes=all_scopes)
            items.extend(page.items)
            cursor = page.next_cursor
            if not every or cursor is None:
                break
    if as_json:
        print_json({"items": [m.model_dump(mode="json") for m in items], "next_cursor": cursor})
        return
    print_memories(items, title=f"{len(items)} memories", known=sc)
    if cursor is not None:
        out.print(f"more: --cursor {cursor}", soft_wrap=True)


@app.command()
def show(
    ctx: typer.Context,
    memory_id: Annotated[str, typer.Argument(metavar="ID")],
    user: UserOpt = None,
    agent: AgentOpt = None,
    session: SessionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One memory with its audit history."""
    sc = scope(user, agent, session)
    with open_store(ctx) as mem:
        record = mem.get(memory_id, **sc)
        events = mem.history(memory_id, **sc)
    if as_json:
        print_json({"memory": record.model_dump(mode="json"), "history": [e.model_dump(mode="json") for e in events]})
        return
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold")
    fields.add_column(overflow="fold")
    for name, value in record.model_dump(mode="json").items():
        if value not in (None, [], {}):
            shown = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)
            fields.add_row(name, Text(shown))
    out.print(fields)
    history = Table(title="history")
    for col in ("at", "event", "actor", "old", "new"):
        history.add_column(col, overflow="fold")
    for e in events:
        history.add_row(short_time(e.at), e.event, *(Text(x or "") for x in (e.actor, e.old_content, e.new_content)))
    out.print(history)


@app.command()
def export(
    ctx: typer.Context,
    user: UserOpt = None,
    agent: AgentOpt = None,
    session: SessionOpt = None,
    all_scopes: AllScopesOpt = False,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    history: Annotated[bool, typer.Option("--history", help="Then the history events (lines typed "
                                          "'memory' / 'event'): everything held about the scope.")] = False,
) -> None:
    """Memories of a scope (superseded ones too) as JSONL, for backup, migration or re-indexing."""
    sc = scope(user, agent, session)
    require_scope(sc, all_scopes)
    n = 0
    with open_store(ctx) as mem, _output(out_file) as sink:
        for record in mem.export(**sc, all_scopes=all_scopes, include_history=history):
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    if out_file is not None:
        out.print(f"exported {n} {'lines' if history else 'memories'} to {escape(str(out_file))}")


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="JSONL written by `export`; '-' reads stdin.")],
    batch: Annotated[int, typer.Option(min=1, help="Records per write.")] = 256,
) -> None:
    """Write exported memories back (ids, times and provenance kept; re-embedded with the current model)."""
    from rich.progress import Progress

    text = sys.stdin.read() if str(file) == "-" else _read_text(file)
    records = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise fail(f"{file} line {lineno} is not valid JSON: {exc}") from None
    done = 0
    with open_store(ctx) as mem, Progress(console=err, transient=True) as progress:
        task = progress.add_task("importing", total=len(records))
        try:
            for start in range(0, len(records), batch):
                done += mem.import_(records[start:start + batch])
                progress.update(task, completed=done)
        except AgentMemoryError:
            err.print(f"{done} of {len(records)} memories were imported before the error")
            raise
    out.print(f"imported {done} memories")


@app.command()
def delete(
    ctx: typer.Context,
    memory_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="Delete this memory.")] = None,
    user: UserOpt = None,
    agent: AgentOpt = None,
    session: SessionOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before deleting a whole scope.")] = False,
    purge: Annotated[bool, typer.Option("--purge", help="Then rewrite the store's files so no byte of the "
                                        "erased data remains (embedded store; seconds per 100k memories).")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Delete one memory by ID, or every memory (and its history) of a scope, with what was derived
    from it (facts, summaries, neighbouring turns' indexes); prints the erasure receipt."""
    sc = scope(user, agent, session)
    if memory_id is None and not sc:
        raise fail("give an ID, or --user/--agent/--session to delete a whole scope")
    with open_store(ctx) as mem:
        if memory_id is not None:  # a scope given with an ID only guards which memory may go
            receipt = mem.delete(memory_id, **sc, purge=purge)
            what = escape(memory_id)
        else:
            total = mem.stats(**sc)["total"]
            what = escape(", ".join(f"{k}={v}" for k, v in sc.items()))
            if total == 0:
                out.print(f"no memories in {what}")
                return
            if not yes and not typer.confirm(f"Delete {total} memories of {what} and their history?"):
                raise fail("nothing deleted", code=1)
            receipt = mem.delete_all(**sc, purge=purge)
    if as_json:
        print_json(receipt.model_dump(mode="json"))
        return
    r = receipt
    out.print(f"deleted {what}" if memory_id is not None else f"deleted {r.total} memories of {what}")
    out.print(f"  memories: {r.messages} messages, {r.facts} facts, {r.summaries} summaries")
    out.print(f"  kept, without it: {r.facts_rederived} facts re-derived, {r.facts_reopened} re-opened, "
              f"{r.summaries_regenerated} summaries regenerated, {r.neighbours_reindexed} turns re-indexed")
    out.print(f"  history: {r.events_removed} events removed, {r.events_scrubbed} scrubbed")
    out.print("  store files rewritten without it: " + ("yes" if r.physically_erased else "no (use --purge)"))


@app.command()
def stats(
    ctx: typer.Context,
    user: UserOpt = None,
    agent: AgentOpt = None,
    session: SessionOpt = None,
    top: Annotated[int, typer.Option(min=1, help="Users shown, largest first.")] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Counts of memories per user and kind."""
    sc = scope(user, agent, session)
    with open_store(ctx) as mem:
        overall = mem.stats(**sc, all_scopes=not sc)  # no scope given: the operator's view of every user
        users = sorted(overall["by_user"].items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        # per-user kind counts: one exact count per shown user (cheap: user_id is the tenant index)
        per_user = {u: mem.stats(**{**sc, "user_id": u})["by_kind"] for u, _ in users}
    if as_json:
        print_json({**overall, "by_user_kind": per_user})
        return
    kinds = ("profile", "episodic", "summary")
    table = Table(title=f"{overall['total']} memories ({overall['current']} current, "
                        f"{overall['superseded']} superseded)")
    table.add_column("user")
    for k in kinds:
        table.add_column(k, justify="right")
    table.add_column("total", justify="right", style="bold")
    for u, n in users:
        table.add_row(Text(u), *(str(per_user[u].get(k, 0)) for k in kinds), str(n))
    table.add_section()
    table.add_row("all", *(str(overall["by_kind"].get(k, 0)) for k in kinds), str(overall["total"]), style="bold")
    out.print(table)
    hidden = len(overall["by_user"]) - len(users)
    if hidden > 0:
        out.print(f"{hidden} more users (use --top)")


@app.command()
def demo(
    path: Annotated[Path | None, typer.Option(help="Store folder \\[default: a fresh temporary folder].")] = None,
) -> None:
    """Memory across two sessions on the embedded store: no API key, no server."""
    with errors(), contextlib.ExitStack() as stack:
        if path is None:  # a fresh folder each run, so the demo starts clean and leaves nothing behind
            import tempfile

            path = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="agent-memory-demo-"))) / "store"
        run_demo(path)


DEMO_USER = "maya"
DEMO_CONVERSATION = [
    {"role": "user", "content": "Hi! I'm Maya. I live in Lisbon and I work as a data engineer."},
    {"role": "assistant", "content": "Nice to meet you, Maya! How can I help?"},
    {"role": "user", "content": "I'm vegetarian, and I prefer short answers."},
    {"role": "user", "content": "My sister Ana visits next month; we love hiking in the mountains."},
]
DEMO_QUESTIONS = ["Can you suggest somewhere for dinner tonight?", "What could I plan for my sister's visit?"]


def run_demo(path: Path) -> None:
    """Session 1 tells the agent some facts; the store is closed; session 2 reopens it and recalls."""
    from rich.panel import Panel

    out.rule("[bold]Session 1[/]: the user talks to the agent")
    out.print(f"store: {escape(str(path))}")
    with Memory(path=path) as mem:
        for m in DEMO_CONVERSATION:
            out.print(f"  [cyan]{m['role']:>9}[/] {escape(m['content'])}")
        result = mem.add(DEMO_CONVERSATION, user_id=DEMO_USER, session_id="session-1")
        print_memories(result.memories, title=f"stored {len(result.memories)} memories", known=result.memories[0].scope,
                       ids=False)
    out.print("session 1 over: the Memory is closed, nothing stays in this process.\n")

    out.rule("[bold]Session 2[/]: a new conversation reopens the same store")
    with Memory(path=path) as mem:
        out.print(f"the store holds {mem.stats(user_id=DEMO_USER)['total']} memories of {DEMO_USER!r}")
        for question in DEMO_QUESTIONS:
            out.print(f"\n[bold]new question:[/] {question}")
            hits = mem.search(question, user_id=DEMO_USER, limit=3)
            print_memories([h.memory for h in hits], scores=[h.score for h in hits], title="recalled",
                           known={"user_id": DEMO_USER}, ids=False)
        if hasattr(mem, "context"):  # the prompt block an agent would put in front of the model
            context = mem.context(DEMO_QUESTIONS[0], user_id=DEMO_USER, max_tokens=300)
            text = Text(context.text or "(nothing known)")  # Text: memory content is never rich markup
            out.print(Panel(text, title="mem.context(...).text for the first question"))


# ---------------------------------------------------------------------------- helpers
def _read_text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read {file}: {exc}") from None


def _json_object(raw: str | None, option: str) -> dict[str, Any] | None:
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise fail(f"{option} is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise fail(f"{option} must be a JSON object")
    return value


@contextlib.contextmanager
def _output(file: Path | None) -> Iterator[Any]:
    if file is None:
        yield sys.stdout
        return
    try:
        sink = file.open("w", encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {file}: {exc}") from None
    with sink:
        yield sink


__all__ = ["app", "errors", "open_store"]


@app.command()
def maintain(
    ctx: typer.Context,
    user: UserOpt = None,
    agent: AgentOpt = None,
    session: SessionOpt = None,
    all_scopes: AllScopesOpt = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would be done; change nothing.")] = False,
    no_ttl: Annotated[bool, typer.Option("--no-ttl", help="Skip TTL deletion.")] = False,
    no_decay: Annotated[bool, typer.Option("--no-decay", help="Skip importance decay.")] = False,
    no_summaries: Annotated[bool, typer.Option("--no-summaries", help="Skip re-summarising.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """TTL deletion (history scrubbed), episodic importance decay and summary refresh."""
    sc = scope(user, agent, session)
    require_scope(sc, all_scopes)
    with open_store(ctx) as mem:
        report = mem.maintain(**sc, all_scopes=all_scopes, ttl=not no_ttl, decay=not no_decay,
                              resummarize=not no_summaries, dry_run=dry_run)
    if as_json:
        print_json(report.model_dump(mode="json"))
        return
    verb = "would be" if dry_run else "were"
    rules = ", ".join(f"{k}: {n}" for k, n in report.expired_by_rule.items()) or "none"
    out.print(f"{report.expired} memories {verb} expired ({rules}); {report.decayed} {verb} decayed; "
              f"{report.summaries_refreshed} of {report.summaries_checked} session summaries {verb} refreshed")

from . import _cli_serve  # noqa: E402,F401  the serve and mcp commands
