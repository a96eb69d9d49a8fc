"""The framework-neutral kit the integrations (LangChain, LangGraph, LlamaIndex) are built on.

* :func:`resolve_scope` — the scope of a run, in one resolution order (``_resolve``);
* :class:`Bridge` — any object with Memory's API, called from sync and async code (``_bridge``);
* :class:`EmbedderAdapter` — the checked base of framework embedder adapters (``_embedder``);
* :data:`SPECS` / :class:`ToolSpec` — the memory tools, specified once (``_tools``);
* :func:`to_message_dict` — a framework chat message as the dict ``Memory.add`` takes;
* :func:`shown` — the search hits a model may see (screen-flagged injections withheld).

An integration translates between its framework's types and these; it decides nothing else.
"""

from .._message_objects import role_of, text_of, to_message_dict
from .._scope import Scope
from ._bridge import Bridge, MemoryOp, run_coroutine, step
from ._embedder import EmbedderAdapter
from ._facts import Fact, normalise
from ._hits import shown
from ._resolve import configurable, resolve_scope
from ._tools import SPECS, TOOL_NAMES, ToolOptions, ToolSpec, record_json, select

__all__ = [
    "SPECS",
    "TOOL_NAMES",
    "Bridge",
    "EmbedderAdapter",
    "Fact",
    "MemoryOp",
    "Scope",
    "ToolOptions",
    "ToolSpec",
    "configurable",
    "normalise",
    "record_json",
    "resolve_scope",
    "role_of",
    "run_coroutine",
    "select",
    "shown",
    "step",
    "text_of",
    "to_message_dict",
]
