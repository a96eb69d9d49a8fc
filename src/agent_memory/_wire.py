"""The library's API as data, for crossing a process boundary.

One :class:`Operation` per public method of :class:`Memory`, derived from its signature and type
annotations: the HTTP server builds its routes and request models from these, ``RemoteMemory`` its
methods, and both (de)serialise arguments and results with the same pydantic adapters. A change to a
``Memory`` signature therefore reaches the server and the client without editing either.

A method is served when every parameter and its return type can be expressed in JSON; one that
returns an iterator is streamed as NDJSON. Errors travel as ``{"error": {"type": ..., "message": ...}}``
and are rebuilt on the client as the same class from the error tree.
"""

from __future__ import annotations

import collections.abc as cabc
import inspect
import json
import sys
import typing
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pydantic_core
from pydantic import PydanticSchemaGenerationError, TypeAdapter

from . import _errors
from ._errors import AgentMemoryError

SCOPE_PARAMS = ("user_id", "agent_id", "session_id")
# handled by each side itself: closing a client must not close the server's store
LOCAL_METHODS = frozenset({"close"})
_ITERATORS = (cabc.Iterator, cabc.Iterable, cabc.AsyncIterator, cabc.AsyncIterable, cabc.Generator)
_SEQUENCES = (cabc.Iterable, cabc.Sequence, cabc.Collection)

# One status per class of the error tree (a class added later gets its nearest ancestor's).
STATUS: dict[type[AgentMemoryError], int] = {
    _errors.AgentMemoryError: 500,
    _errors.ConfigError: 409,
    _errors.ValidationError: 422,
    _errors.ScopeError: 400,
    _errors.NotFoundError: 404,
    _errors.PermissionDeniedError: 403,
    _errors.StoreError: 507,
    _errors.StoreUnavailableError: 503,
    _errors.StoreLockedError: 423,
    _errors.SchemaMismatchError: 412,
    _errors.ProviderError: 504,  # an embedder or LLM upstream failed (or timed out)
    _errors.ExtractionError: 424,
    _errors.LLMOutputError: 502,  # the upstream LLM answered, invalidly
}


def status_of(exc: AgentMemoryError) -> int:
    return next(STATUS[c] for c in type(exc).__mro__ if c in STATUS)


def error_body(exc: AgentMemoryError) -> dict[str, Any]:
    return {"error": {"type": type(exc).__name__, "message": str(exc)}}


def error_from_body(status: int, body: Any) -> AgentMemoryError:
    """The library error a server's error body describes (the same class; its nearest known
    ancestor when this client predates it)."""
    err = body.get("error") if isinstance(body, dict) else None
    if not isinstance(err, dict):
        return _errors.StoreUnavailableError(f"the server answered HTTP {status} without an error body")
    cls = getattr(_errors, str(err.get("type")), None)
    if not (isinstance(cls, type) and issubclass(cls, AgentMemoryError)):
        by_status = {code: c for c, code in STATUS.items()}
        cls = by_status.get(status, AgentMemoryError)
    return cls(str(err.get("message", "")))


def _wire_type(tp: Any) -> Any:
    """The JSON form of a parameter type: an iterable of X travels as a list of X."""
    origin = typing.get_origin(tp)
    if origin in _SEQUENCES:
        (item,) = typing.get_args(tp) or (Any,)
        return list[item]  # type: ignore[valid-type]  # a type built at run time from the signature
    return tp


@dataclass(frozen=True)
class Operation:
    """One served method: its name, signature, resolved annotations and JSON adapters."""

    name: str
    signature: inspect.Signature  # as declared on Memory, ``self`` included
    hints: dict[str, Any] = field(repr=False)
    doc: str = ""

    @property
    def route(self) -> str:
        return self.name.rstrip("_")  # import_ -> import

    @property
    def params(self) -> list[inspect.Parameter]:
        return [p for p in self.signature.parameters.values() if p.name != "self"]

    def param_type(self, name: str) -> Any:
        return _wire_type(self.hints.get(name, Any))

    @cached_property
    def item_type(self) -> Any:
        """The element type when the method returns an iterator (streamed as NDJSON), else None."""
        ret = self.hints.get("return")
        if typing.get_origin(ret) in _ITERATORS:
            return (typing.get_args(ret) or (Any,))[0]
        return None

    @cached_property
    def result(self) -> TypeAdapter[Any]:
        return TypeAdapter(self.item_type if self.item_type is not None else self.hints.get("return", Any))

    @cached_property
    def _arg_adapters(self) -> dict[str, TypeAdapter[Any]]:
        return {p.name: TypeAdapter(self.param_type(p.name)) for p in self.params}

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        """The arguments a caller passed, by name (defaults left to the receiving side); a call
        that does not fit the signature raises ``TypeError`` as the local method would."""
        bound = self.signature.bind(None, *args, **kwargs)
        return {k: v for k, v in bound.arguments.items() if k != "self"}

    def encode_args(self, arguments: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for name, value in arguments.items():
            if _wire_type(self.hints.get(name, Any)) is not self.hints.get(name, Any) and value is not None:
                value = list(value)  # an iterator (or a Page) is sent as the list it yields
            out[name] = pydantic_core.to_jsonable_python(value)
        return out

    def encode_result(self, value: Any) -> bytes:
        return self.result.dump_json(value)

    def decode_result(self, raw: bytes | str) -> Any:
        return self.result.validate_json(raw)

    def decode_line(self, line: bytes | str) -> Any:
        """One NDJSON line of a streamed result; an error line raises the error it carries."""
        data = json.loads(line)
        if isinstance(data, dict) and set(data) == {"error"}:
            raise error_from_body(500, data)
        return self.result.validate_python(data)


def _is_handle(ret: Any) -> bool:
    """A method returning another handle on the store (``read_only()``, ``as_actor()``) is not data:
    over the wire, the key decides who a request acts as."""
    from ._memory import _Base

    bound = ret.__bound__ if isinstance(ret, typing.TypeVar) else ret
    if isinstance(bound, typing.ForwardRef):  # TypeVar("_H", bound="_Base"): resolved where it was made
        bound = getattr(sys.modules.get(ret.__module__), bound.__forward_arg__, None)
    return isinstance(bound, type) and issubclass(bound, _Base)


def _operation(name: str, fn: Any) -> Operation | None:
    sig = inspect.signature(fn)
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.POSITIONAL_ONLY) for p in sig.parameters.values()):
        return None
    try:
        hints = typing.get_type_hints(fn)
    except (NameError, TypeError):
        return None
    if _is_handle(hints.get("return")):
        return None
    op = Operation(name=name, signature=sig, hints=hints, doc=inspect.getdoc(fn) or "")
    try:  # everything must have a JSON form, or the method is not served
        op._arg_adapters  # noqa: B018
        op.result  # noqa: B018
    except (PydanticSchemaGenerationError, TypeError):
        return None
    return op


def public_methods(cls: type) -> dict[str, Any]:
    return {n: f for n, f in inspect.getmembers(cls, inspect.isfunction) if not n.startswith("_")}


def operations(cls: type | None = None) -> dict[str, Operation]:
    """The served operations of ``cls`` (``Memory`` by default), by method name."""
    if cls is None:
        from ._memory import Memory

        cls = Memory
    return _operations(cls)


_CACHE: dict[type, dict[str, Operation]] = {}


def _operations(cls: type) -> dict[str, Operation]:
    if cls not in _CACHE:
        ops = {}
        for name, fn in public_methods(cls).items():
            if name not in LOCAL_METHODS and (op := _operation(name, fn)) is not None:
                ops[name] = op
        _CACHE[cls] = ops
    return _CACHE[cls]


def unserved(cls: type | None = None) -> set[str]:
    """Public methods of ``cls`` that have no JSON form or return a handle (and are not local): not
    available remotely."""
    from ._memory import Memory

    cls = cls or Memory
    return set(public_methods(cls)) - set(operations(cls)) - LOCAL_METHODS
