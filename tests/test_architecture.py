"""The core's shape: no import cycle inside ``agent_memory`` (type-only and function-level imports
count: a cycle there still means two modules that cannot be understood one without the other), and
no module too long to read in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

import agent_memory

PACKAGE = Path(agent_memory.__file__).parent
MAX_LINES = 800


def _module_name(path: Path) -> str:
    parts = ["agent_memory", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module of the package that ``name`` imports, anywhere in the file (``if TYPE_CHECKING:``
    blocks and function bodies included); ``from . import x`` counts as importing ``x`` when ``x``
    is a module, else the package."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # `from pkg import module` imports that module
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
    # importing a.b.c runs a and a.b too, but that edge is the package's own business: keep the leaf
    return {m for m in found if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path (first module repeated at the end), or None; depth-first, iterative."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(graph):
        if state.get(start):
            continue
        path = [start]
        stack = [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph[nxt])))
    return None


def test_the_graph_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The graph builder itself: relative, absolute, TYPE_CHECKING and function-level imports count."""
    source = tmp_path / "_mod.py"
    source.write_text("from typing import TYPE_CHECKING\n"
                      "from . import _a\n"
                      "from ._b import thing\n"
                      "if TYPE_CHECKING:\n    from ._c import C\n"
                      "def f():\n    import agent_memory.sub._d\n    from .sub import _e\n")
    known = {"agent_memory", "agent_memory.sub", *(f"agent_memory.{m}" for m in ("_a", "_b", "_c", "_mod")),
             "agent_memory.sub._d", "agent_memory.sub._e"}
    assert _imports("agent_memory._mod", source, known) == {
        "agent_memory._a", "agent_memory._b", "agent_memory._c", "agent_memory.sub._d", "agent_memory.sub._e"}
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycle_in_the_package() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_module_over_the_line_limit() -> None:
    long = {name: n for name, path in _modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"
