"""The exception tree of agent-memory. Every error the library raises is one of these.

    AgentMemoryError
    ├── ConfigError (ValueError)            bad configuration: unknown option, wrong embedder size
    ├── ValidationError (ValueError)        bad input: empty content, NUL bytes, unknown kind, bad filter
    │   └── ScopeError                      missing scope, or an attempt to change a scope field
    ├── NotFoundError (LookupError)         no memory with that id (in the caller's scope)
    ├── PermissionDeniedError (PermissionError)  this handle or key may not do that (nothing was written)
    ├── StoreError                          the storage engine failed
    │   ├── StoreUnavailableError           closed store, unreachable server
    │   ├── StoreLockedError                another process holds the embedded folder
    │   └── SchemaMismatchError             the store was made with another vector size/distance/schema
    └── ProviderError                       an embedder or LLM failed (after the SDK's retries)
        ├── ExtractionError                 the extractor failed (the messages are still stored)
        └── LLMOutputError                  the LLM's answer stayed invalid for the schema after a repair

One class per failure kind, everywhere: an embedder whose vectors do not have the configured size
(``dim``) is a ``ConfigError`` in the engine and in every embedder adapter alike (see
``_embeddings.check_vectors``); a wrong number of vectors is a ``ProviderError``.

Foreign exceptions are translated at the boundary that called the foreign code and re-raised
``from`` the original, so the cause stays visible in tracebacks.
"""

from __future__ import annotations


class AgentMemoryError(Exception):
    """Base class of every error raised by agent-memory."""


class ConfigError(AgentMemoryError, ValueError):
    """The configuration is invalid or inconsistent."""


class ValidationError(AgentMemoryError, ValueError):
    """An argument was rejected; nothing was written."""


class ScopeError(ValidationError):
    """A scope (user_id / agent_id / session_id) is missing, malformed or would change."""


class NotFoundError(AgentMemoryError, LookupError):
    """No memory with that id exists (or it is outside the caller's scope)."""


class PermissionDeniedError(AgentMemoryError, PermissionError):
    """The handle (read-only, policy) or server key may not perform this operation; nothing changed."""


class StoreError(AgentMemoryError):
    """The storage engine failed."""


class StoreUnavailableError(StoreError):
    """The store is closed or cannot be reached."""


class StoreLockedError(StoreError):
    """Another process has the embedded store open."""


class SchemaMismatchError(StoreError, ConfigError):
    """The store on disk was created with an incompatible configuration."""


class ProviderError(AgentMemoryError):
    """An embedding model or LLM provider failed."""


class ExtractionError(ProviderError):
    """Memory extraction failed; the raw messages were still stored."""


class LLMOutputError(ProviderError):
    """The model's answer was not valid JSON for the requested schema, even after a retry."""


__all__ = [
    "AgentMemoryError",
    "ConfigError",
    "ExtractionError",
    "LLMOutputError",
    "NotFoundError",
    "PermissionDeniedError",
    "ProviderError",
    "SchemaMismatchError",
    "ScopeError",
    "StoreError",
    "StoreLockedError",
    "StoreUnavailableError",
    "ValidationError",
]
