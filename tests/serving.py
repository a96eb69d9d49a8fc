"""Keys for the server tests, and the real servers of ``agent_memory.server.testing``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from agent_memory.server import testing

ADMIN = "admin-key-0000000000000000"
ALICE = "alice-writer-key-00000000000"
ALICE_READER = "alice-reader-key-0000000000"
BOB = "bob-writer-key-000000000000"
KEYS = [
    {"key": ADMIN, "role": "admin"},
    {"key": ALICE, "role": "writer", "user_id": "alice"},
    {"key": ALICE_READER, "role": "reader", "user_id": "alice"},
    {"key": BOB, "role": "writer", "user_id": "bob", "agent_id": "bob-agent"},
]


def serving(memory: Any, **options: Any) -> Any:
    """``memory`` served in this process; with ``KEYS`` unless ``keys=`` is given."""
    options.setdefault("keys", KEYS)
    return testing.serving(memory, **options)


def serve_process(store: Path, keys: Path | None = None) -> Any:
    return testing.serve_process(store, *(["--keys", str(keys)] if keys is not None else ["--insecure-local"]))
