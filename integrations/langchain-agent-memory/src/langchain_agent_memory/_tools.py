"""Memory tools for agents, built from the kit's specs (``agent_memory.kit.SPECS``):
``search_memory``, ``save_memory``, ``update_memory``, ``delete_memory``.

Their scope comes from the ``ToolRuntime`` the agent injects (the run's context or config),
never from arguments: the model sees only the query / content / id, so whatever it writes in a
tool call, it cannot reach another user's memories. (No ``from __future__ import annotations``
here: LangGraph finds the injected ``runtime`` parameter through its real annotation.)
"""

from collections.abc import Sequence
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool, ToolException
from langgraph.prebuilt import ToolRuntime

from agent_memory import AgentMemoryError
from agent_memory.kit import TOOL_NAMES, Bridge, Scope, ToolOptions, ToolSpec, resolve_scope, select

# Parametrised with Any: a bare ToolRuntime makes pydantic warn when it serialises a run's context.
_Runtime = ToolRuntime[Any, Any]

__all__ = ["TOOL_NAMES", "create_memory_tools"]


def _tool(spec: ToolSpec, bridge: Bridge, defaults: Scope, options: ToolOptions) -> BaseTool:
    def scope(runtime: _Runtime) -> Scope:
        return resolve_scope(runtime.context, runtime.config, defaults=defaults, who="memory tools")

    def func(runtime: _Runtime, **kwargs: Any) -> str:
        try:
            return spec.invoke(bridge, scope(runtime), kwargs, options)
        except AgentMemoryError as exc:  # reported to the model, which can correct itself
            raise ToolException(f"{type(exc).__name__}: {exc}") from exc

    async def coroutine(runtime: _Runtime, **kwargs: Any) -> str:
        try:
            return await spec.ainvoke(bridge, scope(runtime), kwargs, options)
        except AgentMemoryError as exc:
            raise ToolException(f"{type(exc).__name__}: {exc}") from exc

    return StructuredTool.from_function(func=func, coroutine=coroutine, name=spec.name,
                                        description=spec.description, args_schema=spec.args,
                                        handle_tool_error=True)


def create_memory_tools(memory: Any, *, user_id: str | None = None, agent_id: str | None = None,
                        kinds: Sequence[str] | None = None, limit: int = 5,
                        include: Sequence[str] = TOOL_NAMES) -> list[BaseTool]:
    """The memory tools (sync and async) for ``create_agent(tools=...)`` or a ``ToolNode``.

    ``memory``: a ``Memory``, ``AsyncMemory`` or any object with their API. ``user_id`` /
    ``agent_id`` are defaults; the run's context or ``config["configurable"]`` (``user_id``,
    LangMem's ``langgraph_user_id``, ``agent_id``) override them. ``kinds`` limits what
    ``search_memory`` returns.
    """
    bridge = Bridge(memory)
    options = ToolOptions(kinds=list(kinds) if kinds is not None else None, limit=limit, actor=agent_id)
    defaults = Scope.of(user_id, agent_id, required=False)
    return [_tool(spec, bridge, defaults, options) for spec in select(include)]
