"""``Memory`` and ``AsyncMemory``: thin drivers of the operations (``_writes``, ``_reads``...) over one
kernel (see ``_kernel`` and ``_effects``)."""

from __future__ import annotations

import builtins
import copy
import os
import warnings
import weakref
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from . import _reads as reads
from . import _writes as writes
from ._backends._base import StoreSchema
from ._config import Settings, default_path
from ._consolidation import Consolidator, RuleConsolidator
from ._context import MemoryContext
from ._context_ops import context as _context_op
from ._effects import run_async, run_sync
from ._embeddings import BM25Encoder, Embedder, FastEmbedEmbedder
from ._errors import ConfigError
from ._export import events_page
from ._extraction import Extractor
from ._kernel import Kernel, Summarizer
from ._maintenance import MaintenanceReport
from ._maintenance import maintain as _maintain_op
from ._models import AddResult, ErasureReceipt, MemoryEvent, MemoryRecord, Page, SearchHit
from ._pending import process_pending
from ._policy import READER, Actor, Policy
from ._scope import Scope
from ._summaries import summarize_session
from .rules import RuleExtractor

_UNSET: Any = object()
_H = TypeVar("_H", bound="_Base")


def _close_unclosed(backend: Any, name: str) -> None:
    """Finalizer of a store nobody closed: release it (the embedded folder's lock with it), then say so."""
    try:
        backend.close()
    finally:
        warnings.warn(f"{name} was not closed; it was closed when garbage-collected. Call close() or use "
                      "`with` (`async with` for AsyncMemory)", ResourceWarning, stacklevel=2)


def _scope(user_id: str | None, agent_id: str | None, session_id: str | None) -> Scope:
    """The optional scope of an id-addressed call, validated: ``user_id=""`` is refused, never
    dropped (dropping it would widen the call to every tenant)."""
    return Scope.of(user_id, agent_id, session_id, required=False)


def check_embedder(embedder: Any) -> None:
    """An embedder is an object with ``name``, a positive ``dim`` and the two embed methods."""
    dim = getattr(embedder, "dim", None)
    if (not callable(getattr(embedder, "embed_documents", None)) or not callable(getattr(embedder, "embed_query", None))
            or not isinstance(dim, int) or isinstance(dim, bool) or dim < 1):
        raise ConfigError(f"embedder must have embed_documents(), embed_query() and a positive int dim; "
                          f"got {type(embedder).__name__}")


class _Base:
    """Wiring shared by both APIs: picks the backend, embedder, extractor and consolidator."""

    _parent: _Base | None = None  # a handle's (as_actor) root: kept alive while the handle is

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        url: str | None = None,
        api_key: str | None = None,
        location: str | None = None,
        client: Any = None,
        collection: str = "agent_memory",
        embedder: Embedder | None = None,
        extractor: Extractor | None = _UNSET,
        consolidator: Consolidator | None = None,
        settings: Settings | None = None,
        summarizer: Summarizer | None = None,
        policy: Policy | None = None,
    ) -> None:
        if settings is not None and not isinstance(settings, Settings):
            raise ConfigError(f"settings must be a Settings(...), got {type(settings).__name__}")
        self.settings = settings or Settings()
        if policy is not None and not isinstance(policy, Policy):
            raise ConfigError("policy must be an agent_memory.Policy")
        remote = [x for x in (url, location, client) if x is not None]
        if len(remote) > 1 or (remote and path is not None):
            raise ConfigError("choose one of path= (embedded), url=, location= or client=")
        if embedder is not None:
            check_embedder(embedder)
        if path is not None and os.path.exists(path) and not os.path.isdir(path):
            raise ConfigError(f"path {os.fspath(path)!r} is a file; the embedded store needs a folder")
        self.embedder: Embedder = embedder or FastEmbedEmbedder(threads=self.settings.embed_threads)
        schema = StoreSchema(dense_size=self.embedder.dim, embedder=self.embedder.name)
        if remote:
            from ._backends._client import ClientBackend

            backend: Any = ClientBackend(schema, url=url, api_key=api_key, location=location,
                                         collection=collection, client=client)
            self.location = url or location or "client"
        else:
            from ._backends._edge import EdgeBackend

            where = path if path is not None else default_path()
            backend = EdgeBackend(where, schema, search_threads=self.settings.search_threads)
            self.location = str(backend.path)
        if extractor is _UNSET:
            extractor = RuleExtractor()
        self._engine = Kernel(backend=backend, embedder=self.embedder, sparse=BM25Encoder(), extractor=extractor,
                              consolidator=consolidator or RuleConsolidator(self.settings.near_duplicate_threshold),
                              settings=self.settings, summarizer=summarizer, policy=policy)
        # Dropped without close() (a re-run notebook cell), the embedded store -- the one backend holding
        # something exclusive, its folder's lock -- is released when the engine is collected (the engine,
        # not this object: ``Memory.aio`` twins share it). A server or injected client is left alone.
        self._finalizer = None if remote else weakref.finalize(self._engine, _close_unclosed, backend, repr(self))
        run_sync(writes.recover(self._engine))  # an erasure a crash interrupted is finished before any read

    def as_actor(self: _H, agent_id: str | None = None, *, role: str = "agent") -> _H:
        """A handle on the same store acting for ``agent_id``/``role``: its writes are checked
        against the policy and recorded in history under this actor (see ``Policy``). Closing the
        handle does not close the store."""
        if agent_id is not None:
            agent_id = Scope.of(agent_id=agent_id).agent_id
        if not isinstance(role, str) or not role:
            raise ConfigError("role must be a non-empty string")
        handle = copy.copy(self)
        handle._engine = self._engine.as_actor(Actor(agent_id, role))
        handle._parent = self  # the store is released when the last handle on it is collected
        handle._finalizer = None  # the root's, not the handle's: closing a handle leaves the store open
        return handle

    def read_only(self: _H) -> _H:
        """A handle whose every write raises ``PermissionDeniedError`` and changes nothing."""
        return self.as_actor(role=READER)

    @property
    def extractor(self) -> Extractor:
        return self._engine.extractor

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"


class Memory(_Base):
    """Long-term memory for agents, backed by Qdrant. ``Memory()`` opens the embedded store under
    the user's data directory; ``Memory(path=...)``, ``Memory(url=...)`` or
    ``Memory(location=":memory:")`` choose another. Use as a context manager or call ``close()``."""

    def add(self, messages: Any, *, user_id: str | None = None, agent_id: str | None = None,
            session_id: str | None = None, observed_at: Any = None, metadata: Mapping[str, Any] | None = None,
            infer: bool = True, defer: bool = False) -> AddResult:
        """Store messages as episodic memories and (``infer=True``) the memories derived from them.
        ``defer=True`` stores the messages now and queues the extraction for ``process_pending()``."""
        return run_sync(writes.add(self._engine, messages, user_id=user_id, agent_id=agent_id, session_id=session_id,
                                   observed_at=observed_at, metadata=metadata, infer=infer, defer=defer))

    def process_pending(self, limit: int | None = None) -> int:
        """Run the extractions queued by ``add(..., defer=True)``, oldest first (the queue is in the
        store and survives restarts); returns how many deferred ``add`` calls were processed."""
        return run_sync(process_pending(self._engine, limit))

    def remember(self, content: str, *, kind: str = "profile", category: str | None = None,
                 user_id: str | None = None, agent_id: str | None = None, session_id: str | None = None,
                 metadata: Mapping[str, Any] | None = None, observed_at: Any = None,
                 attribute: str | None = None, confidence: float = 1.0) -> MemoryRecord:
        """Store an explicit fact (deduplicated and consolidated like extracted ones)."""
        return run_sync(writes.remember(self._engine, content, kind=kind, category=category, user_id=user_id,
                                        agent_id=agent_id, session_id=session_id, metadata=metadata,
                                        observed_at=observed_at, attribute=attribute,
                                        confidence=confidence))

    def search(self, query: str, *, user_id: str | None = None, agent_id: str | None = None,
               session_id: str | None = None, kinds: Any = None, filters: Mapping[str, Any] | None = None,
               limit: int = 10, as_of: Any = None, include_superseded: bool = False,
               all_scopes: bool = False) -> builtins.list[SearchHit]:
        """Hybrid (dense + BM25, fused in Qdrant) search within a scope."""
        return run_sync(reads.search(self._engine, query, user_id=user_id, agent_id=agent_id, session_id=session_id,
                                     kinds=kinds, filters=filters, limit=limit, as_of=as_of,
                                     include_superseded=include_superseded, all_scopes=all_scopes))

    def get(self, memory_id: str, *, user_id: str | None = None, agent_id: str | None = None,
            session_id: str | None = None) -> MemoryRecord:
        """One memory by id; with a scope, a memory outside it is reported as not found."""
        return run_sync(reads.get(self._engine, memory_id, scope=_scope(user_id, agent_id, session_id)))

    def list(self, *, user_id: str | None = None, agent_id: str | None = None, session_id: str | None = None,
             kinds: Any = None, filters: Mapping[str, Any] | None = None, limit: int = 100,
             cursor: str | None = None, as_of: Any = None, include_superseded: bool = False,
             all_scopes: bool = False) -> Page:
        """A page of memories, newest first; pass ``page.next_cursor`` back for the next one."""
        return run_sync(reads.list_memories(self._engine, user_id=user_id, agent_id=agent_id, session_id=session_id,
                                            kinds=kinds, filters=filters, limit=limit, cursor=cursor, as_of=as_of,
                                            include_superseded=include_superseded, all_scopes=all_scopes))

    def update(self, memory_id: str, content: str | None = None, metadata: Mapping[str, Any] | None = None, *,
               user_id: str | None = None, agent_id: str | None = None, session_id: str | None = None,
               actor: str | None = None) -> MemoryRecord:
        """Change content (re-embedded) and/or merge metadata; scope fields never change. The
        history's actor is this handle's (see ``as_actor``); ``actor`` is only kept as ``details["via"]``."""
        return run_sync(writes.update(self._engine, memory_id, content=content, metadata=metadata,
                                      scope=_scope(user_id, agent_id, session_id), actor=actor))

    def delete(self, memory_id: str, *, user_id: str | None = None, agent_id: str | None = None,
               session_id: str | None = None, actor: str | None = None, purge: bool = False) -> ErasureReceipt:
        """Delete a memory and what was derived from it; the history keeps content-free tombstones.
        ``purge=True`` then rewrites the embedded store's files (see ``purge``)."""
        return run_sync(writes.delete(self._engine, memory_id, scope=_scope(user_id, agent_id, session_id), actor=actor,
                                      purge=purge))

    def delete_all(self, *, user_id: str | None = None, agent_id: str | None = None,
                   session_id: str | None = None, actor: str | None = None, purge: bool = False) -> ErasureReceipt:
        """Delete every memory of a scope, its history, and what was derived from it elsewhere (one
        recoverable step). ``purge=True`` then rewrites the embedded store's files (see ``purge``)."""
        return run_sync(writes.delete_all(self._engine, user_id=user_id, agent_id=agent_id, session_id=session_id,
                                          actor=actor, purge=purge))

    def purge(self) -> bool:
        """Rewrite the embedded store without deleted data, so no byte of it stays in the folder
        (True); False on a server or ``:memory:``, whose storage is not ours to rewrite."""
        return run_sync(writes.purge(self._engine))

    def history(self, memory_id: str, *, user_id: str | None = None, agent_id: str | None = None,
                session_id: str | None = None) -> builtins.list[MemoryEvent]:
        """The audit trail of a memory, oldest first."""
        return run_sync(reads.history(self._engine, memory_id, scope=_scope(user_id, agent_id, session_id)))

    def export(self, *, user_id: str | None = None, agent_id: str | None = None, session_id: str | None = None,
               all_scopes: bool = False, include_history: bool = False) -> Iterator[dict[str, Any]]:
        """Every memory of the scope (superseded ones included) as JSON-able dicts; with
        ``include_history``, lines marked ``"type": "memory"`` and then the scope's history events
        (``"type": "event"``), oldest first: everything held about the scope."""
        cursor = None
        mark = {"type": "memory"} if include_history else {}
        while True:
            page = self.list(user_id=user_id, agent_id=agent_id, session_id=session_id, cursor=cursor,
                             include_superseded=True, all_scopes=all_scopes, limit=500)
            yield from ({**mark, **m.model_dump(mode="json")} for m in page.items)
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        after = None
        while include_history:
            events, after = run_sync(events_page(self._engine, user_id=user_id, agent_id=agent_id,
                                                 session_id=session_id, all_scopes=all_scopes, after=after))
            yield from ({"type": "event", **e.model_dump(mode="json")} for e in events)
            if after is None:
                return

    def import_(self, records: Iterable[Mapping[str, Any] | MemoryRecord]) -> int:
        """Write exported records back (ids, times, validity, provenance kept; re-embedded)."""
        return run_sync(writes.import_(self._engine, records))

    def stats(self, *, user_id: str | None = None, agent_id: str | None = None,
              session_id: str | None = None, all_scopes: bool = False) -> dict[str, Any]:
        """Counts within a scope; ``all_scopes=True`` counts every tenant (``by_user`` lists them)."""
        return run_sync(reads.stats(self._engine, user_id=user_id, agent_id=agent_id, session_id=session_id,
                                    all_scopes=all_scopes))

    def context(self, query: str, *, user_id: str | None = None, agent_id: str | None = None,
                session_id: str | None = None, max_tokens: int = 1000, kinds: Any = None,
                as_of: Any = None, filters: Mapping[str, Any] | None = None) -> MemoryContext:
        """A prompt block of the memories relevant to ``query`` (profile, episodic, summaries),
        within ``max_tokens``, rendered as quoted data; ``.messages`` gives it as a system message.
        ``filters`` (``search``'s syntax) narrows what is considered, e.g. leaving out the current
        conversation: ``{"NOT": {"session_id": sid}}``."""
        return run_sync(_context_op(self._engine, query, user_id=user_id, agent_id=agent_id,
                                    session_id=session_id, max_tokens=max_tokens, kinds=kinds, as_of=as_of,
                                    filters=filters))

    def close_session(self, *, session_id: str, user_id: str | None = None,
                      agent_id: str | None = None) -> MemoryRecord | None:
        """Write (or refresh) the session's summary and its user's rolling summary; None when the
        session has no messages."""
        return run_sync(summarize_session(self._engine, user_id=user_id, agent_id=agent_id, session_id=session_id))

    def maintain(self, *, user_id: str | None = None, agent_id: str | None = None, session_id: str | None = None,
                 all_scopes: bool = False, ttl: bool = True, decay: bool = True, resummarize: bool = True,
                 dry_run: bool = False) -> MaintenanceReport:
        """TTL deletion (history scrubbed), episodic importance decay and summary refresh."""
        return run_sync(_maintain_op(self._engine, user_id=user_id, agent_id=agent_id, session_id=session_id,
                                     all_scopes=all_scopes, ttl=ttl, decay=decay, resummarize=resummarize,
                                     dry_run=dry_run))

    def close(self) -> None:
        """Flush and release the store (and the LLM/embedder connections); the object is unusable after."""
        try:
            run_sync(writes.close(self._engine))
        finally:
            if self._finalizer is not None:
                self._finalizer.detach()

    @property
    def aio(self) -> AsyncMemory:
        """The async API over this same store and engine (the embedded store allows one open
        object per folder, so frameworks that need both share it this way)."""
        twin = AsyncMemory.__new__(AsyncMemory)
        twin.__dict__.update(self.__dict__)
        return twin

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncMemory(_Base):
    """The async twin of :class:`Memory`: same engine, same arguments, awaitable methods."""

    async def add(self, messages: Any, *, user_id: str | None = None, agent_id: str | None = None,
                  session_id: str | None = None, observed_at: Any = None,
                  metadata: Mapping[str, Any] | None = None, infer: bool = True, defer: bool = False) -> AddResult:
        return await run_async(writes.add(self._engine, messages, user_id=user_id, agent_id=agent_id,
                                          session_id=session_id, observed_at=observed_at,
                                          metadata=metadata, infer=infer, defer=defer))

    async def process_pending(self, limit: int | None = None) -> int:
        return await run_async(process_pending(self._engine, limit))

    async def remember(self, content: str, *, kind: str = "profile", category: str | None = None,
                       user_id: str | None = None, agent_id: str | None = None, session_id: str | None = None,
                       metadata: Mapping[str, Any] | None = None, observed_at: Any = None,
                       attribute: str | None = None, confidence: float = 1.0) -> MemoryRecord:
        return await run_async(writes.remember(self._engine, content, kind=kind, category=category, user_id=user_id,
                                               agent_id=agent_id, session_id=session_id, metadata=metadata,
                                               observed_at=observed_at, attribute=attribute,
                                               confidence=confidence))

    async def search(self, query: str, *, user_id: str | None = None, agent_id: str | None = None,
                     session_id: str | None = None, kinds: Any = None, filters: Mapping[str, Any] | None = None,
                     limit: int = 10, as_of: Any = None, include_superseded: bool = False,
                     all_scopes: bool = False) -> builtins.list[SearchHit]:
        return await run_async(reads.search(self._engine, query, user_id=user_id, agent_id=agent_id,
                                            session_id=session_id, kinds=kinds, filters=filters,
                                            limit=limit, as_of=as_of,
                                            include_superseded=include_superseded, all_scopes=all_scopes))

    async def get(self, memory_id: str, *, user_id: str | None = None, agent_id: str | None = None,
                  session_id: str | None = None) -> MemoryRecord:
        return await run_async(reads.get(self._engine, memory_id, scope=_scope(user_id, agent_id, session_id)))

    async def list(self, *, user_id: str | None = None, agent_id: str | None = None,
                   session_id: str | None = None, kinds: Any = None, filters: Mapping[str, Any] | None = None,
                   limit: int = 100, cursor: str | None = None, as_of: Any = None,
                   include_superseded: bool = False, all_scopes: bool = False) -> Page:
        return await run_async(reads.list_memories(self._engine, user_id=user_id, agent_id=agent_id,
                                                   session_id=session_id, kinds=kinds, filters=filters, limit=limit,
                                                   cursor=cursor, as_of=as_of, include_superseded=include_superseded,
                                                   all_scopes=all_scopes))

    async def update(self, memory_id: str, content: str | None = None,
                     metadata: Mapping[str, Any] | None = None, *, user_id: str | None = None,
                     agent_id: str | None = None, session_id: str | None = None,
                     actor: str | None = None) -> MemoryRecord:
        return await run_async(writes.update(self._engine, memory_id, content=content, metadata=metadata,
                                             scope=_scope(user_id, agent_id, session_id), actor=actor))

    async def delete(self, memory_id: str, *, user_id: str | None = None, agent_id: str | None = None,
                     session_id: str | None = None, actor: str | None = None, purge: bool = False) -> ErasureReceipt:
        return await run_async(writes.delete(self._engine, memory_id, scope=_scope(user_id, agent_id, session_id),
                                             actor=actor, purge=purge))

    async def delete_all(self, *, user_id: str | None = None, agent_id: str | None = None,
                         session_id: str | None = None, actor: str | None = None,
                         purge: bool = False) -> ErasureReceipt:
        return await run_async(writes.delete_all(self._engine, user_id=user_id, agent_id=agent_id,
                                                 session_id=session_id, actor=actor, purge=purge))

    async def purge(self) -> bool:
        return await run_async(writes.purge(self._engine))

    async def history(self, memory_id: str, *, user_id: str | None = None, agent_id: str | None = None,
                      session_id: str | None = None) -> builtins.list[MemoryEvent]:
        return await run_async(reads.history(self._engine, memory_id, scope=_scope(user_id, agent_id, session_id)))

    async def export(self, *, user_id: str | None = None, agent_id: str | None = None,
                     session_id: str | None = None, all_scopes: bool = False,
                     include_history: bool = False) -> AsyncIterator[dict[str, Any]]:
        cursor = None
        mark = {"type": "memory"} if include_history else {}
        while True:
            page = await self.list(user_id=user_id, agent_id=agent_id, session_id=session_id, cursor=cursor,
                                   include_superseded=True, all_scopes=all_scopes, limit=500)
            for m in page.items:
                yield {**mark, **m.model_dump(mode="json")}
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        after = None
        while include_history:
            events, after = await run_async(events_page(self._engine, user_id=user_id, agent_id=agent_id,
                                                        session_id=session_id, all_scopes=all_scopes, after=after))
            for e in events:
                yield {"type": "event", **e.model_dump(mode="json")}
            if after is None:
                return

    async def import_(self, records: Iterable[Mapping[str, Any] | MemoryRecord]) -> int:
        return await run_async(writes.import_(self._engine, records))

    async def stats(self, *, user_id: str | None = None, agent_id: str | None = None,
                    session_id: str | None = None, all_scopes: bool = False) -> dict[str, Any]:
        return await run_async(reads.stats(self._engine, user_id=user_id, agent_id=agent_id, session_id=session_id,
                                           all_scopes=all_scopes))

    async def context(self, query: str, *, user_id: str | None = None, agent_id: str | None = None,
                      session_id: str | None = None, max_tokens: int = 1000, kinds: Any = None,
                      as_of: Any = None, filters: Mapping[str, Any] | None = None) -> MemoryContext:
        return await run_async(_context_op(self._engine, query, user_id=user_id, agent_id=agent_id,
                                           session_id=session_id, max_tokens=max_tokens, kinds=kinds,
                                           as_of=as_of, filters=filters))

    async def close_session(self, *, session_id: str, user_id: str | None = None,
                            agent_id: str | None = None) -> MemoryRecord | None:
        return await run_async(summarize_session(self._engine, user_id=user_id, agent_id=agent_id,
                                                 session_id=session_id))

    async def maintain(self, *, user_id: str | None = None, agent_id: str | None = None,
                       session_id: str | None = None, all_scopes: bool = False, ttl: bool = True,
                       decay: bool = True, resummarize: bool = True, dry_run: bool = False) -> MaintenanceReport:
        return await run_async(_maintain_op(self._engine, user_id=user_id, agent_id=agent_id,
                                            session_id=session_id, all_scopes=all_scopes, ttl=ttl, decay=decay,
                                            resummarize=resummarize, dry_run=dry_run))

    async def close(self) -> None:
        try:
            await run_async(writes.close(self._engine))
        finally:
            if self._finalizer is not None:
                self._finalizer.detach()

    async def __aenter__(self) -> AsyncMemory:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


def _share_docstrings(twin: type, original: type) -> None:
    """The twins are documented once, on ``Memory``; tests/test_api_parity.py keeps them identical."""
    for name, member in vars(twin).items():
        source = getattr(original, name, None)
        if not name.startswith("_") and callable(member) and member.__doc__ is None and source is not None:
            member.__doc__ = source.__doc__


_share_docstrings(AsyncMemory, Memory)
