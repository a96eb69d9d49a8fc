"""``Memory`` and ``AsyncMemory`` are twins: the same public methods, parameters, defaults,
annotations and docstrings; the async ones awaitable. Methods are enumerated, so one added to
either class is covered (and one added to only one of them fails here)."""

from __future__ import annotations

import inspect

import pytest

from agent_memory import AsyncMemory, Memory

SYNC_ONLY = {"aio"}  # the async view of a Memory; AsyncMemory is already async


def _public(cls: type) -> dict[str, object]:
    return {name: inspect.getattr_static(cls, name) for name in dir(cls) if not name.startswith("_")}


def _methods(cls: type) -> list[str]:
    return sorted(n for n, m in _public(cls).items() if inspect.isfunction(m) and n not in SYNC_ONLY)


def test_the_twins_have_the_same_public_names():
    assert set(_public(Memory)) - SYNC_ONLY == set(_public(AsyncMemory))
    assert len(_methods(Memory)) >= 16  # add, search, ... close: the enumeration sees them


@pytest.mark.parametrize("name", _methods(Memory))
def test_each_method_has_the_same_signature_and_docstring(name):
    sync, asyn = getattr(Memory, name), getattr(AsyncMemory, name)
    assert inspect.iscoroutinefunction(asyn) or inspect.isasyncgenfunction(asyn), f"AsyncMemory.{name} is not async"
    assert not (inspect.iscoroutinefunction(sync) or inspect.isasyncgenfunction(sync))
    s, a = inspect.signature(sync), inspect.signature(asyn)
    assert list(s.parameters.values()) == list(a.parameters.values())  # names, kinds, defaults, annotations
    returns = s.return_annotation  # a string: the modules use `from __future__ import annotations`
    if inspect.isasyncgenfunction(asyn):  # export streams: a generator vs an async generator
        returns = returns.replace("Iterator[", "AsyncIterator[", 1)
    assert a.return_annotation == returns
    assert sync.__doc__ and sync.__doc__.strip(), f"Memory.{name} has no docstring"
    assert inspect.getdoc(sync) == inspect.getdoc(asyn)


def test_properties_are_shared_not_copied():
    for name, member in _public(AsyncMemory).items():
        if isinstance(member, property):
            assert inspect.getattr_static(Memory, name) is member  # defined once, on the shared base
