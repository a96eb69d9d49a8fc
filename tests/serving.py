"""Real servers for the server tests: ``create_app`` under uvicorn on 127.0.0.1 in a thread, or
``agent-memory serve`` as a subprocess (for signals). Both listen on a real socket, a free port."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from agent_memory.server import create_app

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(memory: Any, **options: Any) -> Iterator[str]:
    """The base URL of ``memory`` served in this process (keys: ``KEYS`` unless given)."""
    options.setdefault("keys", KEYS)
    app = create_app(memory, **options)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(30)


def serve_process(store: Path, *extra: str, keys: Path | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """``agent-memory serve`` on ``store`` as a child process, once it answers /healthz."""
    port = free_port()
    args = [sys.executable, "-m", "agent_memory", "serve", "--path", str(store), "--port", str(port),
            "--log-level", "warning", *extra]
    args += ["--keys", str(keys)] if keys is not None else ["--insecure-local"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            with proc.stderr:  # type: ignore[union-attr]
                raise RuntimeError(f"serve exited: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    proc.wait()
    proc.stderr.close()  # type: ignore[union-attr]
    raise RuntimeError("serve did not answer within 60 s")
