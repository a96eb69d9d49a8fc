"""Memory tools for agents: ``search_memory``, ``save_memory``, ``update_memory``, ``delete_memory``.

Their scope comes from the ``ToolRuntime`` the agent injects (the run's context or config),
never from arguments: the model sees only the query / content / id, so whatever it writes in a
tool call, it cannot reach another user's memories. (No ``from __future__ import annotations``
here: LangChain finds the injected ``runtime`` parameter through its real annotation.)
"""

import json
from collections.abc import Sequence
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool, ToolException
from langgraph.prebuilt import ToolRuntime

from agent_memory import AgentMemoryError, AsyncMemory, Memory, MemoryRecord

from ._bridge import call_async, call_sync, check_memory
from ._scope import Scope, resolve

# Parametrised with Any: a bare ToolRuntime makes pydantic warn when it serialises a run's context.
_Runtime = ToolRuntime[Any, Any]

TOOL_NAMES = ("search_memory", "save_memory", "update_memory", "delete_memory")


def _record(m: MemoryRecord, score: float | None = None) -> dict[str, Any]:
    out = {"id": m.id, "kind": m.kind.value, "content": m.content, "observed_at": m.observed_at.isoformat()}
    if m.category:
        out["category"] = m.category
    if score is not None:
        out["score"] = round(score, 4)
    return out


class _Calls:
    """The four operations, each as (method, args) planning plus one sync and one async runner."""

    def __init__(self, memory: Any, defaults: Scope, kinds: list[str] | None, limit: int):
        self.memory = memory
        self.defaults = defaults
        self.kinds = kinds
        self.limit = limit

    def scope(self, runtime: _Runtime) -> dict[str, str]:
        return resolve(runtime.context, runtime.config, defaults=self.defaults, who="memory tools").owner

    def plan(self, op: str, runtime: _Runtime, **args: Any) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
        sc = self.scope(runtime)
        actor = sc.get("agent_id")
        if op == "search":
            limit = min(max(int(args.get("limit") or self.limit), 1), 50)
            return "search", (args["query"],), {**sc, "kinds": self.kinds, "limit": limit}
        if op == "save":
            return "remember", (args["content"],), {**sc, "kind": "profile", "category": args.get("category")}
        if op == "update":
            return "update", (args["memory_id"], args["content"]), {**sc, "actor": actor}
        return "delete", (args["memory_id"],), {**sc, "actor": actor}

    @staticmethod
    def render(op: str, result: Any, args: dict[str, Any]) -> str:
        if op == "search":
            return json.dumps([_record(h.memory, h.score) for h in result], ensure_ascii=False)
        if op == "delete":
            return json.dumps({"deleted": args["memory_id"]})
        return json.dumps(_record(result), ensure_ascii=False)

    def run(self, op: str, runtime: _Runtime, **args: Any) -> str:
        method, pos, kw = self.plan(op, runtime, **args)
        try:
            result = call_sync(self.memory, method, *pos, **kw)
        except AgentMemoryError as exc:  # reported to the model, which can correct itself
            raise ToolException(f"{type(exc).__name__}: {exc}") from exc
        return self.render(op, result, args)

    async def arun(self, op: str, runtime: _Runtime, **args: Any) -> str:
        method, pos, kw = self.plan(op, runtime, **args)
        try:
            result = await call_async(self.memory, method, *pos, **kw)
        except AgentMemoryError as exc:
            raise ToolException(f"{type(exc).__name__}: {exc}") from exc
        return self.render(op, result, args)


def create_memory_tools(memory: Memory | AsyncMemory, *, user_id: str | None = None,
                        agent_id: str | None = None, kinds: Sequence[str] | None = None, limit: int = 5,
                        include: Sequence[str] = TOOL_NAMES) -> list[BaseTool]:
    """The memory tools (sync and async) for ``create_agent(tools=...)`` or a ``ToolNode``.

    ``user_id`` / ``agent_id`` are defaults; the run's context or ``config["configurable"]``
    override them. ``kinds`` limits what ``search_memory`` returns.
    """
    c = _Calls(check_memory(memory), Scope(user_id=user_id, agent_id=agent_id),
               list(kinds) if kinds is not None else None, limit)

    def search_memory(query: str, runtime: _Runtime, limit: int | None = None) -> str:
        """Search your long-term memory about the current user. Returns JSON memories with ids."""
        return c.run("search", runtime, query=query, limit=limit)

    async def asearch_memory(query: str, runtime: _Runtime, limit: int | None = None) -> str:
        return await c.arun("search", runtime, query=query, limit=limit)

    def save_memory(content: str, runtime: _Runtime, category: str | None = None) -> str:
        """Save a lasting fact or preference about the current user (one short sentence)."""
        return c.run("save", runtime, content=content, category=category)

    async def asave_memory(content: str, runtime: _Runtime, category: str | None = None) -> str:
        return await c.arun("save", runtime, content=content, category=category)

    def update_memory(memory_id: str, content: str, runtime: _Runtime) -> str:
        """Correct a memory (by the id search_memory returned) with new content."""
        return c.run("update", runtime, memory_id=memory_id, content=content)

    async def aupdate_memory(memory_id: str, content: str, runtime: _Runtime) -> str:
        return await c.arun("update", runtime, memory_id=memory_id, content=content)

    def delete_memory(memory_id: str, runtime: _Runtime) -> str:
        """Delete a memory (by the id search_memory returned) that is wrong or that the user wants forgotten."""
        return c.run("delete", runtime, memory_id=memory_id)

    async def adelete_memory(memory_id: str, runtime: _Runtime) -> str:
        return await c.arun("delete", runtime, memory_id=memory_id)

    pairs = {"search_memory": (search_memory, asearch_memory), "save_memory": (save_memory, asave_memory),
             "update_memory": (update_memory, aupdate_memory), "delete_memory": (delete_memory, adelete_memory)}
    unknown = set(include) - set(pairs)
    if unknown:
        from agent_memory import ConfigError

        raise ConfigError(f"unknown memory tools {sorted(unknown)}; choose from {list(TOOL_NAMES)}")
    return [StructuredTool.from_function(func=pairs[name][0], coroutine=pairs[name][1], name=name,
                                         handle_tool_error=True)
            for name in TOOL_NAMES if name in include]
