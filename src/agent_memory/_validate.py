"""Input validation: every check that runs before anything is written.

Every stored field has a bound here, so no input can make the store refuse to open or read
(Qdrant Edge fails on payloads nested deeper than ~126 levels) and every refusal is a
:class:`ValidationError` with a short message.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ._errors import ValidationError
from ._filters import Node, parse_filters
from ._models import MemoryKind
from ._scope import shorten

ROLES = frozenset({"user", "assistant", "system", "tool"})
MAX_LABEL = 256  # speaker names, attributes, message ids, source ids
MAX_METADATA_BYTES = 64 * 1024  # UTF-8 JSON of one memory's metadata
MAX_DEPTH = 16  # nesting of metadata and filters (Edge breaks at ~127)
MAX_KEYS = 1_000  # keys of one metadata object
MAX_SAFE_INT = 2**53  # beyond it a JSON reader (JavaScript, Qdrant's float paths) loses digits
MAX_LIMIT = 10_000  # list/search page sizes
MAX_SOURCES = 1_000  # provenance ids of one memory
_CATEGORY = re.compile(r"[a-z0-9_-]{1,32}")


def content(text: Any, *, max_bytes: int, field: str = "content") -> str:
    if not isinstance(text, str):
        raise ValidationError(f"{field} must be a string, got {type(text).__name__}")
    if not text.strip():
        raise ValidationError(f"{field} is empty")
    if "\x00" in text:
        raise ValidationError(f"{field} contains NUL bytes")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise ValidationError(f"{field} is not valid Unicode (lone surrogates): {exc}") from exc
    if size > max_bytes:
        raise ValidationError(f"{field} is {size} bytes; the limit is {max_bytes} (Settings.max_content_bytes)")
    return text


def kind(value: Any) -> MemoryKind:
    try:
        return MemoryKind(value)
    except ValueError as exc:
        raise ValidationError(f"unknown kind {shorten(value)}; use one of {[k.value for k in MemoryKind]}") from exc


def kinds(values: Any) -> list[MemoryKind] | None:
    if values is None:
        return None
    if isinstance(values, (str, MemoryKind)):
        values = [values]
    if not isinstance(values, (Sequence, set, frozenset)) or isinstance(values, bytes):
        raise ValidationError(f"kinds must be a kind or a list of kinds, got {type(values).__name__}")
    return [kind(v) for v in values]


def metadata(value: Any, *, field: str = "metadata") -> dict[str, Any]:
    """A JSON object within every bound: depth, keys, JSON-safe numbers, valid Unicode, size."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(f"{field} must be a dict, got {type(value).__name__}")
    if any(not isinstance(k, str) or not k or "." in k for k in value):
        raise ValidationError(f"{field} keys must be non-empty strings without '.'")
    for node, depth in _walk(value):  # iterative: a 10,000-deep value must not raise RecursionError
        if depth > MAX_DEPTH:
            raise ValidationError(f"{field} is nested deeper than {MAX_DEPTH} levels")
        _json_value(node, field)
    try:
        size = len(json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8"))
    except (TypeError, ValueError) as exc:  # UnicodeEncodeError: a lone surrogate somewhere
        raise ValidationError(f"{field} must be JSON with valid Unicode: {shorten(str(exc))}") from exc
    if size > MAX_METADATA_BYTES:
        raise ValidationError(f"{field} is {size} bytes as JSON; the limit is {MAX_METADATA_BYTES}")
    return dict(value)


def _walk(value: Any, max_depth: int = MAX_DEPTH) -> Iterator[tuple[Any, int]]:
    """Every node with its depth, iteratively; stops after the first node deeper than ``max_depth``."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        if depth > max_depth:
            return
        if isinstance(node, Mapping):
            stack.extend((child, depth + 1) for child in node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend((child, depth + 1) for child in node)


def _json_value(node: Any, field: str) -> None:
    if isinstance(node, Mapping):
        if len(node) > MAX_KEYS:
            raise ValidationError(f"{field} has an object with {len(node)} keys; the limit is {MAX_KEYS}")
        for k in node:
            if not isinstance(k, str):
                raise ValidationError(f"{field} keys must be strings, got {type(k).__name__}")
            if len(k) > MAX_LABEL:
                raise ValidationError(f"{field} has a key of {len(k)} characters; the limit is {MAX_LABEL}")
    elif isinstance(node, bool) or node is None or isinstance(node, (str, list, tuple)):
        pass
    elif isinstance(node, int):
        if abs(node) > MAX_SAFE_INT:
            raise ValidationError(f"{field} holds an integer beyond JSON's safe range (±2**53)")
    elif isinstance(node, float):
        if not math.isfinite(node):
            raise ValidationError(f"{field} holds a non-finite number ({node})")
    else:
        raise ValidationError(f"{field} holds a {type(node).__name__}, which is not JSON")


def label(value: Any, field: str, *, optional: bool = True, limit: int = MAX_LABEL,
          controls: bool = False) -> str | None:
    """A short identifier-like string (attribute, id; a speaker name with ``controls=True``):
    1..limit characters, valid Unicode, no control characters (a name may hold them, not NUL:
    rendering quotes it, see ``_context``)."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be a string, got {type(value).__name__}")
    if not value.strip():
        raise ValidationError(f"{field} is empty")
    if len(value) > limit:
        raise ValidationError(f"{field} is {len(value)} characters; the limit is {limit}")
    if any((ord(ch) < 32 or ord(ch) == 127) and (ch == "\x00" or not controls) or 0xD800 <= ord(ch) <= 0xDFFF
           for ch in value):
        raise ValidationError(f"{field} contains control characters or lone surrogates: {shorten(value)}")
    return value


def role(value: Any) -> str | None:
    if value is None:
        return None
    if value not in ROLES:
        raise ValidationError(f"role {shorten(value)} is not one of {sorted(ROLES)}")
    return str(value)


def category(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _CATEGORY.fullmatch(value):
        raise ValidationError(f"category {shorten(value)} must match [a-z0-9_-]{{1,32}}")
    return value


def unit(value: Any, field: str) -> float:
    """A finite number in [0, 1] (confidence, importance)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0.0 <= value <= 1.0:
        raise ValidationError(f"{field} must be a number in [0, 1], got {shorten(value)}")
    return float(value)


def limit(value: Any, field: str = "limit") -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_LIMIT:
        raise ValidationError(f"{field} must be an integer in 1..{MAX_LIMIT}, got {shorten(value)}")
    return value


def memory_id(value: Any, field: str = "memory id") -> str:
    """A memory id as stored: a UUID string."""
    if not isinstance(value, str) or not value:
        raise ValidationError(f"{field} must be a non-empty string")
    try:
        uuid.UUID(value)
    except ValueError as exc:
        raise ValidationError(f"{field} {shorten(value)} is not a UUID") from exc
    return value


def source_ids(values: Any) -> list[str]:
    if not isinstance(values, Sequence) or isinstance(values, (str, bytes)) or len(values) > MAX_SOURCES:
        raise ValidationError(f"source_ids must be a list of at most {MAX_SOURCES} ids")
    return [label(s, "source id", optional=False) or "" for s in values]


def filters(spec: Any) -> Node | None:
    """The user filter syntax, depth-bounded before it is parsed (the parser recurses)."""
    if spec is not None:
        for node, depth in _walk(spec, 2 * MAX_DEPTH):
            if depth > 2 * MAX_DEPTH:  # each level of AND/OR is a dict inside a list
                raise ValidationError(f"filters are nested deeper than {MAX_DEPTH} levels")
            if isinstance(node, float) and not math.isfinite(node):
                raise ValidationError(f"filters hold a non-finite number ({node})")
    return parse_filters(spec)
