"""A scripted OpenAI-compatible HTTP server on 127.0.0.1 (a real socket, a random port).

Serves ``POST /v1/chat/completions`` from a queue of scripted responses and
``POST /v1/embeddings`` with deterministic vectors (``HashEmbedder``), and records every
request body it receives. Streaming is not supported (requests asking for it get HTTP 400).

    with StubLLM() as stub:
        stub.push(reply({"memories": []}), malformed("{oops"), status(500), slow(2.0, reply({...})))
        client = openai.OpenAI(base_url=stub.base_url, api_key="x")
"""

from __future__ import annotations

import base64
import json
import struct
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from agent_memory.testing import HashEmbedder


@dataclass
class Response:
    status: int = 200
    content: str | None = None  # the assistant message text for a 200
    body: dict[str, Any] | None = None  # the JSON body of an error
    delay: float = 0.0  # seconds to wait before answering (beyond the client timeout = a timeout)


def reply(obj: Any) -> Response:
    """A well-formed completion whose message is ``obj`` as JSON (or ``obj`` itself if a str)."""
    return Response(content=obj if isinstance(obj, str) else json.dumps(obj))


def malformed(text: str = '{"memories": [{"content": "unterminated') -> Response:
    return Response(content=text)


def status(code: int, message: str = "scripted failure") -> Response:
    return Response(status=code, body={"error": {"message": message, "type": "server_error", "code": code}})


# Error answers carry OpenAI's own retry hint, which the SDK's retry policy honours: 1 ms keeps the
# suite fast (timeouts and refused connections still wait the SDK's backoff, ~0.5 s then ~1 s).
RETRY_HINT = {"retry-after-ms": "1"}


def slow(seconds: float, then: Response | None = None) -> Response:
    r = then or reply({"memories": []})
    return Response(status=r.status, content=r.content, body=r.body, delay=seconds)


Script = Callable[[dict[str, Any]], Response]


@dataclass
class StubLLM:
    """The server. ``reject_json_schema`` makes every request that asks for
    ``response_format={"type": "json_schema"}`` fail with that HTTP status without consuming the
    script (an endpoint without structured output: 400 on some servers, 500 on llama.cpp)."""

    default: Response | Script = field(default_factory=lambda: reply({"memories": []}))
    reject_json_schema: int | None = None
    embed_dim: int = 64
    requests: list[dict[str, Any]] = field(default_factory=list)  # chat request bodies, in order
    embedding_requests: list[dict[str, Any]] = field(default_factory=list)
    authorizations: list[str | None] = field(default_factory=list)  # the Authorization header of every request
    embedding_failures: int = 0  # answer this many embedding requests with HTTP 503 first

    def __post_init__(self) -> None:
        self._script: deque[Response | Script] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._embedder = HashEmbedder(self.embed_dim)
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                stub.authorizations.append(self.headers.get("Authorization"))
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path.rstrip("/").endswith("/chat/completions"):
                    stub._chat(self, body)
                elif self.path.rstrip("/").endswith("/embeddings"):
                    stub._embeddings(self, body)
                else:
                    stub._send(self, 404, {"error": {"message": f"no route {self.path}"}})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def push(self, *responses: Response | Script) -> StubLLM:
        with self._lock:
            self._script.extend(responses)
        return self

    @property
    def pending(self) -> int:
        return len(self._script)

    def close(self) -> None:
        self._stop.set()  # wakes handlers that are sleeping on a slow response
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> StubLLM:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ handlers
    def _chat(self, h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        with self._lock:
            self.requests.append(body)
            fmt = (body.get("response_format") or {}).get("type")
            if body.get("stream"):
                r: Response | Script = status(400, "streaming is not supported by this stub")
            elif self.reject_json_schema and fmt == "json_schema":
                r = status(self.reject_json_schema, "response_format json_schema is not supported")
            else:
                r = self._script.popleft() if self._script else self.default
        resp = r(body) if callable(r) else r
        if resp.delay and self._stop.wait(resp.delay):
            return
        if resp.status != 200:
            self._send(h, resp.status, resp.body or {})
            return
        self._send(h, 200, {
            "id": f"chatcmpl-{len(self.requests)}", "object": "chat.completion", "created": 0,
            "model": body.get("model", "stub"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": resp.content}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })

    def _embeddings(self, h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        with self._lock:
            self.embedding_requests.append(body)
            fail = self.embedding_failures > 0
            self.embedding_failures -= fail
        if fail:
            self._send(h, 503, status(503).body or {})
            return
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        vectors = self._embedder.embed_documents(texts)
        data = []
        for i, vec in enumerate(vectors):
            if body.get("encoding_format") == "base64":  # what the openai client asks for by default
                emb: Any = base64.b64encode(struct.pack(f"<{len(vec)}f", *vec)).decode()
            else:
                emb = vec
            data.append({"object": "embedding", "index": i, "embedding": emb})
        self._send(h, 200, {"object": "list", "data": data, "model": body.get("model", "stub"),
                            "usage": {"prompt_tokens": 1, "total_tokens": 1}})

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, code: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        try:
            h.send_response(code)
            h.send_header("Content-Type", "application/json")
            for name, value in (RETRY_HINT if code >= 400 else {}).items():
                h.send_header(name, value)
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass
