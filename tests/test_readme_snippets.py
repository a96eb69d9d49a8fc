"""Every ```python block of the root README and of each integration's README runs, offline.

The blocks of one README run in order in one namespace (like a notebook), in a temporary working
directory, on the bundled embedder, with ``$AGENT_MEMORY_PATH`` pointing there too. Top-level
``await`` is allowed. The few names a README says the reader brings (``model``: any LangChain chat
model; ``llm``: any LlamaIndex LLM) are given as the frameworks' own fakes. A block that needs a
network service is marked in the README, right above it, with
``<!-- readme-test: skip (reason) -->`` and is skipped here, visibly.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import itertools
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
READMES = [ROOT / "README.md", *sorted(ROOT.glob("integrations/*/README.md"))]
BLOCK = re.compile(r"(?:<!-- readme-test: skip \((?P<why>[^)]*)\) -->\n)?```python\n(?P<code>.*?)^```", re.S | re.M)


def blocks(path: Path) -> list[tuple[int, str, str | None]]:
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group("code"), m.group("why")) for m in BLOCK.finditer(text)]


def _langchain_model() -> Any:
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage

    class Model(GenericFakeChatModel):
        def bind_tools(self, tools: Any, **kwargs: Any) -> Model:
            return self

    return Model(messages=itertools.cycle([AIMessage("Noted.")]))


def _llama_index_llm() -> Any:
    from llama_index.core.llms import ChatMessage
    from llama_index.core.llms.mock import MockFunctionCallingLLM

    return MockFunctionCallingLLM(response_generator=lambda messages, **kw: ChatMessage(role="assistant",
                                                                                        content="Noted."))


def _record_llama_index_engines(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    from llama_index.core.storage.chat_store import sql

    engines: list[Any] = []

    def create(*args: Any, **kwargs: Any) -> Any:
        engines.append(real(*args, **kwargs))
        return engines[-1]

    real = sql.create_async_engine
    monkeypatch.setattr(sql, "create_async_engine", create)
    return engines


GIVEN = {"langchain-agent-memory": {"model": _langchain_model},
         "llama-index-memory-agent-memory": {"llm": _llama_index_llm}}


def test_every_readme_has_python_blocks():
    assert all(blocks(p) for p in READMES)


@pytest.mark.slow
@pytest.mark.parametrize("path", READMES, ids=[p.parent.name if p.parent != ROOT else "README" for p in READMES])
def test_readme_python_blocks_run(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AGENT_MEMORY_PATH", str(tmp_path / "default-store"))  # never the user's real store
    module = types.ModuleType("readme_snippets")  # a real module: dataclasses look their module up
    monkeypatch.setitem(sys.modules, module.__name__, module)
    namespace: dict[str, Any] = module.__dict__
    namespace.update({name: make() for name, make in GIVEN.get(path.parent.name, {}).items()})
    engines = _record_llama_index_engines(monkeypatch) if "llama-index" in path.parent.name else []
    skipped = []
    for line, code, why in blocks(path):
        if why is not None:
            skipped.append(f"line {line}: {why}")
            continue
        compiled = compile(code, f"{path.relative_to(ROOT)}:{line}", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        result = eval(compiled, namespace)  # noqa: S307 - the README's own code, the point of the test
        if inspect.iscoroutine(result):
            asyncio.run(result)
    for value in list(namespace.values()):  # stores a README left open (it closes its own, normally)
        close = getattr(value, "close", None)
        if type(value).__name__ == "Memory" and callable(close):
            close()
    for engine in engines:  # LlamaIndex's Memory opens an aiosqlite engine the README never closes
        asyncio.run(engine.dispose())
    if skipped:
        print(f"{path.name}: skipped blocks (need a network service): {skipped}")
