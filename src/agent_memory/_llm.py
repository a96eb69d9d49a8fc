"""A small client for OpenAI-compatible chat endpoints that returns validated JSON.

Works with OpenAI, Azure, vLLM, Ollama and llama.cpp through the ``openai`` package. The whole
request policy (response format, parsing, validation, retries, backoff) is one generator,
:meth:`LLMClient.json_op`, that yields :class:`~agent_memory._effects.Call` steps; the sync and
async entry points only drive it (``run_sync`` / ``run_async``), so they cannot drift apart.

Response formats, tried in this order until one is accepted (the one that works is remembered
per client):

- ``json_schema``: structured output (OpenAI, vLLM, Ollama, recent llama.cpp);
- ``json_object+schema``: ``{"type": "json_object", "schema": S}`` (llama-cpp-python's server);
- ``json_object``: plain JSON mode; the schema is only in the prompt.

Whatever the mode, the answer is parsed and validated against the pydantic model; invalid output
is retried once with the validation error in the prompt. Timeouts, connection errors, 429 and
5xx are retried with exponential backoff.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import time
import weakref
from collections.abc import Generator
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from ._effects import Call, call, run_async, run_sync
from ._errors import ConfigError, ProviderError

log = logging.getLogger("agent_memory")

M = TypeVar("M", bound=BaseModel)

MODES = ("json_schema", "json_object+schema", "json_object")
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


class LLMOutputError(ProviderError):
    """The model's answer was not valid JSON for the requested schema, even after a retry."""


class _Sleeper:
    """The one side effect of backoff, with a native async twin for ``run_async``."""

    @classmethod
    def sleep(cls, seconds: float) -> None:
        time.sleep(seconds)

    @classmethod
    async def asleep(cls, seconds: float) -> None:
        await asyncio.sleep(seconds)


def _status(exc: BaseException) -> int | None:
    return getattr(exc, "status_code", None)


def _transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    status = _status(exc)
    return status is not None and (status == 429 or status >= 500)


def _format_rejected(exc: BaseException, mode: str) -> bool:
    """Servers that do not know a response format answer 400/404/422, or 500 (llama.cpp)."""
    return mode != MODES[-1] and _status(exc) in (400, 404, 415, 422, 500, 501)


def parse_json(text: str | None, model: type[M]) -> M:
    """The answer as a validated model; raises ValueError / pydantic's ValidationError."""
    if text is None or not text.strip():
        raise ValueError("the answer was empty")
    fenced = _FENCE.match(text)
    data = json.loads(fenced.group(1) if fenced else text)
    return model.model_validate(data)


# Upper length bounds are dropped from the schema sent to the server: grammar-based decoders
# (llama.cpp, llama-cpp-python) unroll {"maxLength": 2000} into 2000 nested rules, which llama.cpp
# refuses ("exceeds sane defaults"; llama-cpp-python 0.3's server process even dies on it). The
# answer is still validated by pydantic, bounds included.
_UNROLLED = frozenset({"maxLength", "maxItems"})
_NAME_MAPS = frozenset({"properties", "$defs", "definitions", "patternProperties"})


def _relaxed(node: Any, names: bool = False) -> Any:
    if isinstance(node, dict):
        if names:  # keys are field / definition names, not keywords: keep them all
            return {k: _relaxed(v) for k, v in node.items()}
        return {k: _relaxed(v, k in _NAME_MAPS) for k, v in node.items() if k not in _UNROLLED}
    if isinstance(node, list):
        return [_relaxed(v) for v in node]
    return node


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema sent to the endpoint (and shown in the prompt), without upper length bounds."""
    return _relaxed(model.model_json_schema())


def response_format(mode: str, name: str, schema: dict[str, Any]) -> dict[str, Any]:
    if mode == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": False}}
    if mode == "json_object+schema":
        return {"type": "json_object", "schema": schema}
    return {"type": "json_object"}


def _env_key(base_url: str | None) -> str | None:
    """$OPENAI_API_KEY, but only for OpenAI itself: a key from the environment is never sent to
    another endpoint (pass ``api_key=`` for those)."""
    from urllib.parse import urlsplit

    if base_url is None or (urlsplit(base_url).hostname or "").lower() == "api.openai.com":
        return os.environ.get("OPENAI_API_KEY")
    return None


class LLMClient:
    """One model behind an OpenAI-compatible endpoint.

    ``timeout`` is per request; ``max_retries`` counts retries of transient failures (timeouts,
    connection errors, 429, 5xx) with delays ``backoff * 2**n`` capped at ``max_backoff``.
    ``mode`` forces a response format (see the module docstring); by default the first one the
    endpoint accepts is used and remembered.
    """

    def __init__(self, model: str, *, base_url: str | None = None, api_key: str | None = None,
                 timeout: float = 60.0, max_retries: int = 2, backoff: float = 0.5, max_backoff: float = 8.0,
                 temperature: float | None = 0.0, mode: str | None = None,
                 extra_body: dict[str, Any] | None = None):
        if mode is not None and mode not in MODES:
            raise ConfigError(f"unknown response mode {mode!r}; use one of {list(MODES)}")
        if not model:
            raise ConfigError("an LLM model name is required")
        self.model = model
        self.base_url = base_url
        self.mode: str | None = mode  # learned on the first accepted request unless forced
        self._forced = mode is not None
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.temperature = temperature
        self.extra_body = extra_body
        # the client's own retries are off: the policy below is the only one
        self._kw: dict[str, Any] = dict(base_url=base_url, timeout=timeout, max_retries=0,
                                        api_key=api_key or _env_key(base_url) or "not-needed")
        self._sync: Any = None
        self._async: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()  # one per event loop

    def __repr__(self) -> str:
        return f"LLMClient({self.model!r}, base_url={self.base_url!r}, mode={self.mode!r})"

    # -------------------------------------------------------------- transport (thin)
    def chat(self, request: dict[str, Any]) -> str | None:
        import openai

        if self._sync is None:
            self._sync = openai.OpenAI(**self._kw)
        res = self._sync.chat.completions.create(**request)
        return res.choices[0].message.content if res.choices else None

    async def achat(self, request: dict[str, Any]) -> str | None:
        import openai

        loop = asyncio.get_running_loop()
        client = self._async.get(loop)
        if client is None:
            client = self._async[loop] = openai.AsyncOpenAI(**self._kw)
        res = await client.chat.completions.create(**request)
        return res.choices[0].message.content if res.choices else None

    def close(self) -> None:
        """Release connections; a later call opens new ones."""
        if self._sync is not None:
            self._sync.close()
            self._sync = None

    async def aclose(self) -> None:
        """Release the current event loop's connections (and the sync client's)."""
        client = self._async.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.close()
        self.close()

    # -------------------------------------------------------------- policy (shared)
    def json_op(self, messages: list[dict[str, str]], model: type[M], *,
                name: str = "answer") -> Generator[Call, Any, M]:
        """Ask for a JSON object matching ``model``; every decision of the call lives here."""
        schema = schema_of(model)
        hint = ("Answer with one JSON object only, no prose, matching this JSON schema:\n"
                + json.dumps(schema, separators=(",", ":")))
        convo = [dict(m) for m in messages]
        convo[0] = {**convo[0], "content": convo[0]["content"] + "\n\n" + hint}
        mode = self.mode or MODES[0]
        transient_left = self.max_retries
        repair_left = 1
        attempt = 0
        while True:
            request: dict[str, Any] = {"model": self.model, "messages": convo, "stream": False,
                                       "response_format": response_format(mode, name, schema)}
            if self.temperature is not None:
                request["temperature"] = self.temperature
            if self.extra_body:
                request["extra_body"] = self.extra_body
            try:
                text = yield from call(self.chat, request)
            except Exception as exc:
                # a format already known to work is not blamed for an error
                if not self._forced and mode != self.mode and _format_rejected(exc, mode):
                    nxt = MODES[MODES.index(mode) + 1]
                    log.info("%s rejected response_format %s (%s); trying %s", self.model, mode, _status(exc), nxt)
                    mode = nxt
                    continue
                if _transient(exc) and transient_left > 0:
                    delay = min(self.max_backoff, self.backoff * 2 ** attempt)
                    attempt += 1
                    transient_left -= 1
                    log.info("LLM request failed (%s); retrying in %.2fs", exc, delay)
                    yield from call(_Sleeper.sleep, delay)
                    continue
                raise ProviderError(f"LLM request to {self.model!r} failed: {exc}") from exc
            if not self._forced:
                self.mode = mode  # this endpoint accepts this format: start there next time
            try:
                return parse_json(text, model)
            except (ValueError, PydanticValidationError) as exc:
                problem = _describe(exc)
                if repair_left <= 0:
                    raise LLMOutputError(f"{self.model!r} returned invalid output twice: {problem}") from exc
                repair_left -= 1
                log.info("LLM output invalid (%s); asking again with the error", problem)
                convo = convo + [
                    {"role": "assistant", "content": text or ""},
                    {"role": "user", "content": "That answer was invalid: " + problem
                     + "\nReply again with only the corrected JSON object matching the schema."},
                ]

    def complete_json(self, messages: list[dict[str, str]], model: type[M], *, name: str = "answer") -> M:
        return run_sync(self.json_op(messages, model, name=name))

    async def acomplete_json(self, messages: list[dict[str, str]], model: type[M], *, name: str = "answer") -> M:
        return await run_async(self.json_op(messages, model, name=name))


def _describe(exc: BaseException) -> str:
    if isinstance(exc, PydanticValidationError):
        errs = exc.errors(include_url=False)[:5]
        return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '<root>'}: {e['msg']}" for e in errs)
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON ({exc.msg} at position {exc.pos})"
    return str(exc)
