"""``AgentMemoryMiddleware``: long-term memory for ``langchain.agents.create_agent``.

Before every model call it recalls what the memory knows that is relevant to the latest user
message and puts it into the system message (as quoted data, rendered by ``Memory.context``);
after the agent finishes it writes the turn back with ``Memory.add``, which stores the
messages as episodic memories and derives profile facts from them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse
from langchain_core.messages import SystemMessage
from langgraph.config import get_config

from agent_memory import AsyncMemory, Memory

from . import _system
from ._bridge import call_async, call_sync, check_memory
from ._messages import latest_user_text, turn
from ._scope import Scope, resolve
from ._tools import create_memory_tools


def _config() -> dict[str, Any]:
    try:
        return dict(get_config())
    except RuntimeError:  # called outside a graph run
        return {}


class AgentMemoryMiddleware(AgentMiddleware):
    """Recall before each model call, write-back after the agent.

    Args:
        memory: a ``Memory`` or ``AsyncMemory``.
        user_id, agent_id: defaults for the scope; a run's ``context`` (``context_schema``) or
            ``config["configurable"]`` override them. The thread id is the session of the
            stored messages; recall reads across the user's sessions.
        kinds: which memory kinds to inject (``["profile"]``, ...); all by default.
        max_tokens: token budget of the injected block.
        store_replies: also store the agent's final replies (user messages are always stored).
        infer: derive profile facts from the stored turn (the memory's extractor).
        tools: also give the agent the memory tools (search/save/update/delete).
    """

    def __init__(self, memory: Memory | AsyncMemory, *, user_id: str | None = None, agent_id: str | None = None,
                 kinds: Sequence[str] | None = None, max_tokens: int = 1000, store_replies: bool = True,
                 infer: bool = True, tools: bool = False) -> None:
        super().__init__()
        self.memory = check_memory(memory)
        self.defaults = Scope(user_id=user_id, agent_id=agent_id)
        self.kinds = list(kinds) if kinds is not None else None
        self.max_tokens = max_tokens
        self.store_replies = store_replies
        self.infer = infer
        self.tools = create_memory_tools(memory, user_id=user_id, agent_id=agent_id) if tools else []

    def _scope(self, context: Any) -> Scope:
        return resolve(context, _config(), defaults=self.defaults, who="AgentMemoryMiddleware")

    # ------------------------------------------------------------- recall
    def _recall_args(self, request: ModelRequest) -> tuple[str, dict[str, Any]] | None:
        query = latest_user_text(request.messages)
        if not query:
            return None
        scope = self._scope(request.runtime.context)
        return query, {**scope.owner, "max_tokens": self.max_tokens, "kinds": self.kinds}

    def _inject(self, request: ModelRequest, text: str) -> ModelRequest:
        if request.system_message is None and request.messages and isinstance(request.messages[0], SystemMessage):
            # a system message that came in with the input: merge there rather than add a second one
            first = _system.merge(request.messages[0], text)
            return request.override(messages=[first, *request.messages[1:]])  # type: ignore[list-item]
        return request.override(system_message=_system.merge(request.system_message, text))

    def wrap_model_call(self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]) -> Any:
        args = self._recall_args(request)
        if args is not None:
            ctx = call_sync(self.memory, "context", args[0], **args[1])
            request = self._inject(request, ctx.text)
        return handler(request)

    async def awrap_model_call(self, request: ModelRequest,
                               handler: Callable[[ModelRequest], Awaitable[ModelResponse]]) -> Any:
        args = self._recall_args(request)
        if args is not None:
            ctx = await call_async(self.memory, "context", args[0], **args[1])
            request = self._inject(request, ctx.text)
        return await handler(request)

    # ------------------------------------------------------------- write-back
    def _turn(self, state: Any, runtime: Any) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
        messages = turn(state.get("messages", []), store_replies=self.store_replies)
        if not messages:
            return None
        return messages, {**self._scope(runtime.context).full, "infer": self.infer}

    def after_agent(self, state: Any, runtime: Any) -> dict[str, Any] | None:
        found = self._turn(state, runtime)
        if found is not None:
            call_sync(self.memory, "add", found[0], **found[1])
        return None

    async def aafter_agent(self, state: Any, runtime: Any) -> dict[str, Any] | None:
        found = self._turn(state, runtime)
        if found is not None:
            await call_async(self.memory, "add", found[0], **found[1])
        return None
