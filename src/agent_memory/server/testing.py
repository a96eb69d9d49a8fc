"""Real servers for tests and benchmarks of code built on agent-memory: the app under uvicorn in a
thread, or ``agent-memory serve`` as a child process; both on 127.0.0.1, a free port."""

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

from ._app import create_app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(memory: Any, **options: Any) -> Iterator[str]:
    """The base URL of ``memory`` served by this process (``options`` go to :func:`create_app`)."""
    server = uvicorn.Server(uvicorn.Config(create_app(memory, **options), host="127.0.0.1", port=free_port(),
                                           log_level="warning", lifespan="on"))
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


def serve_process(store: Path, *options: str, stderr: Any = subprocess.PIPE,
                  wait: float = 60.0) -> tuple[subprocess.Popen[bytes], str]:
    """``agent-memory serve --path store *options`` as a child process, once it answers ``/healthz``;
    the caller stops it (and closes ``proc.stderr``)."""
    port = free_port()
    args = [sys.executable, "-m", "agent_memory", "serve", "--path", str(store), "--port", str(port),
            "--log-level", "warning", *options]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=stderr, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    proc.wait()
    message = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    raise RuntimeError(f"agent-memory serve did not start: {message}")


__all__ = ["free_port", "serve_process", "serving"]
