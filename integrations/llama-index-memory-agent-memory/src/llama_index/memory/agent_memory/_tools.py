"""Memory tools for LlamaIndex agents, built from the kit's specs (``agent_memory.kit.SPECS``):
search, save, update and delete, in a scope the application binds.

The scope is closed over when the tools are made; it is not an argument at all, so nothing a
model sends (a ``scope``, a ``user_id``) can change whose memories a tool touches: arguments
outside the tool's schema are dropped.
"""

from __future__ import annotations

from typing import Any

from llama_index.core.tools import FunctionTool

from agent_memory import ScopeError
from agent_memory.kit import TOOL_NAMES, Bridge, Scope, ToolOptions, ToolSpec, resolve_scope, select

__all__ = ["TOOL_NAMES", "memory_tools"]


def _tool(spec: ToolSpec, bridge: Bridge, scope: Scope, options: ToolOptions) -> FunctionTool:
    def fn(**kwargs: Any) -> str:
        return spec.invoke(bridge, scope, kwargs, options)

    async def afn(**kwargs: Any) -> str:
        return await spec.ainvoke(bridge, scope, kwargs, options)

    return FunctionTool.from_defaults(fn=fn, async_fn=afn, name=spec.name, description=spec.description,
                                      fn_schema=spec.args)


def memory_tools(memory: Any, *, user_id: str | None = None, agent_id: str | None = None,
                 session_id: str | None = None, tools: tuple[str, ...] = TOOL_NAMES,
                 limit: int = 5) -> list[FunctionTool]:
    """``FunctionTool``s over one scope's memories: pass them to ``FunctionAgent(tools=...)``.

        tools = memory_tools(store, user_id=current_user.id, tools=("search_memory", "save_memory"))

    Facts belong to the user/agent, not to one conversation: the tools act on the owner scope.
    """
    scope = resolve_scope(explicit={"user_id": user_id, "agent_id": agent_id, "session_id": session_id},
                          require_owner=False)
    if not scope:
        raise ScopeError("memory_tools needs user_id, agent_id and/or session_id")
    bridge, options = Bridge(memory), ToolOptions(limit=limit, actor=agent_id or "llama-index-tool")
    return [_tool(spec, bridge, scope, options) for spec in select(tools)]
