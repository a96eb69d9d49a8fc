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

from agent_memory.kit import Bridge, MemoryOp, Scope, resolve_scope

from . import _system
from ._messages import latest_user_text, turn
from ._tools import create_memory_tools


def _config() -> dict[str, Any]:
    try:
        return dict(get_config())
    except RuntimeError:  # called outside a graph run
        return {}


class AgentMemoryMiddleware(AgentMiddleware):
    """Recall before each model call, write-back after the agent.

    Args:
        memory: a ``Memory``, ``AsyncMemory`` or any object with their API. Open it once per
            process and close it at exit (``with Memory(path) as mem:`` or ``mem.close()``); the
            embedded store is locked while open.
        user_id, agent_id: defaults for the scope; a run's ``context`` (``context_schema``) or
            ``config["configurable"]`` (``user_id`` or LangMem's ``langgraph_user_id``) override
            them. The thread id is the session of the stored messages; recall reads across the
            user's sessions.
        kinds: which memory kinds to inject (``["profile"]``, ...); all by default.
        max_tokens: token budget of the injected block.
        store_replies: also store the agent's final replies (user messages are always stored).
        infer: derive profile facts from the stored turn (the memory's extractor).
        tools: also give the agent the memory tools (search/save/update/delete).
    """

    def __init__(self, memory: Any, *, user_id: str | None = None, agent_id: str | None = None,
                 kinds: Sequence[str] | None = None, max_tokens: int = 1000, store_replies: bool = True,
                 infer: bool = True, tools: bool = False) -> None:
        super().__init__()
        self.bridge = Bridge(memory)
        self.memory = self.bridge.memory
        self.defaults = Scope.of(user_id, agent_id, required=False)
        self.kinds = list(kinds) if kinds is not None else None
        self.max_tokens = max_tokens
        self.store_replies = store_replies
        self.infer = infer
        self.tools = create_memory_tools(memory, user_id=user_id, agent_id=agent_id) if tools else []

    def _scope(self, context: Any) -> Scope:
        return resolve_scope(context, _config(), defaults=self.defaults, who="AgentMemoryMiddleware")

    # ------------------------------------------------------------- recall
    def _recall(self, request: ModelRequest) -> MemoryOp | None:
        query = latest_user_text(request.messages)
        if not query:
            return None
        owner = self._scope(request.runtime.context).owner.as_dict()
        return lambda m: m.context(query, **owner, max_tokens=self.max_tokens, kinds=self.kinds)

    def _inject(self, request: ModelRequest, text: str) -> ModelRequest:
        if request.system_message is None and request.messages and isinstance(request.messages[0], SystemMessage):
            # a system message that came in with the input: merge there rather than add a second one
            first = _system.merge(request.messages[0], text)
            return request.override(messages=[first, *request.messages[1:]])
        return request.override(system_message=_system.merge(request.system_message, text))

    def wrap_model_call(self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]) -> Any:
        recall = self._recall(request)
        if recall is not None:
            request = self._inject(request, self.bridge.call(recall).text)
        return handler(request)

    async def awrap_model_call(self, request: ModelRequest,
                               handler: Callable[[ModelRequest], Awaitable[ModelResponse]]) -> Any:
        recall = self._recall(request)
        if recall is not None:
            request = self._inject(request, (await self.bridge.acall(recall)).text)
        return await handler(request)

    # ------------------------------------------------------------- write-back
    def _write(self, state: Any, runtime: Any) -> MemoryOp | None:
        messages = turn(state.get("messages", []), store_replies=self.store_replies)
        if not messages:
            return None
        scope = self._scope(runtime.context).as_dict()
        return lambda m: m.add(messages, **scope, infer=self.infer)

    def after_agent(self, state: Any, runtime: Any) -> dict[str, Any] | None:
        write = self._write(state, runtime)
        if write is not None:
            self.bridge.call(write)
        return None

    async def aafter_agent(self, state: Any, runtime: Any) -> dict[str, Any] | None:
        write = self._write(state, runtime)
        if write is not None:
            await self.bridge.acall(write)
        return None
