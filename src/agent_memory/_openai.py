"""The one policy for OpenAI-compatible endpoints: extraction, consolidation, summaries, embeddings.

- **Retries and timeouts are the SDK's own**: ``max_retries`` retries of timeouts, connection
  errors, 408/409/429 and 5xx, with the SDK's exponential backoff and jitter, honouring the
  server's ``Retry-After``. Nothing in agent-memory sleeps and retries by hand.
- **Clients**: one sync client, and one async client per event loop (an ``AsyncOpenAI`` is bound
  to the loop that first used it; a notebook or ``asyncio.run`` per call starts new loops).
- **Keys**: ``OPENAI_API_KEY`` from the environment is sent only to OpenAI's own API
  (``https://api.openai.com`` and its regional hosts). Any other base URL (a local server, a proxy,
  a third party) gets only a key passed explicitly as ``api_key=``, so pointing an extractor at
  another endpoint can never hand it the user's OpenAI key. ``OPENAI_BASE_URL`` is honoured.

Errors are translated to :class:`~agent_memory.ProviderError` by :func:`provider_errors`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ._errors import ConfigError, ProviderError

if TYPE_CHECKING:
    import openai

OPENAI_API_URL = "https://api.openai.com/v1"
_NO_KEY = "not-needed"  # the SDK insists on a key; local servers ignore it


def is_openai_api(base_url: str) -> bool:
    """Whether ``base_url`` is OpenAI's own API (https, api.openai.com or a regional *.api.openai.com)."""
    parts = urlsplit(base_url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and (host == "api.openai.com" or host.endswith(".api.openai.com"))


def resolve_endpoint(base_url: str | None, api_key: str | None) -> tuple[str, str]:
    """The base URL and the key to send there (see the module docstring for the key rule)."""
    url = base_url or os.environ.get("OPENAI_BASE_URL") or OPENAI_API_URL
    if api_key:
        return url, api_key
    env_key = os.environ.get("OPENAI_API_KEY")
    return url, env_key if env_key and is_openai_api(url) else _NO_KEY


@contextlib.contextmanager
def provider_errors(what: str) -> Iterator[None]:
    """Translate the SDK's errors (HTTP status, timeout, connection) at this boundary."""
    import openai

    try:
        yield
    except openai.OpenAIError as exc:
        raise ProviderError(f"{what} failed: {exc}") from exc


class OpenAIClients:
    """The clients for one endpoint under the shared policy: ``sync()`` and ``current()`` (this
    event loop's async client). ``close()`` / ``aclose()`` release connections; later calls reopen."""

    def __init__(self, *, base_url: str | None, api_key: str | None, timeout: float, max_retries: int) -> None:
        if not isinstance(max_retries, int) or isinstance(max_retries, bool) or max_retries < 0:
            raise ConfigError(f"max_retries must be a non-negative integer, got {max_retries!r}")
        self.base_url, key = resolve_endpoint(base_url, api_key)
        self.max_retries = max_retries
        self._kw: dict[str, Any] = {"base_url": self.base_url, "api_key": key, "timeout": timeout,
                                    "max_retries": max_retries}
        self._sync: openai.OpenAI | None = None
        self._async: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, openai.AsyncOpenAI] = (
            weakref.WeakKeyDictionary())

    def sync(self, retries: int | None = None) -> openai.OpenAI:
        """The sync client; ``retries`` overrides ``max_retries`` for one request."""
        import openai

        if self._sync is None:
            self._sync = openai.OpenAI(**self._kw)
        return self._sync if retries in (None, self.max_retries) else self._sync.with_options(max_retries=retries)

    def current(self, retries: int | None = None) -> openai.AsyncOpenAI:
        """This event loop's async client; ``retries`` overrides ``max_retries`` for one request."""
        import openai

        loop = asyncio.get_running_loop()
        client = self._async.get(loop)
        if client is None:
            client = self._async[loop] = openai.AsyncOpenAI(**self._kw)
        return client if retries in (None, self.max_retries) else client.with_options(max_retries=retries)

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()
            self._sync = None

    async def aclose(self) -> None:
        """Release this event loop's connections (and the sync client's)."""
        client = self._async.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.close()
        self.close()
