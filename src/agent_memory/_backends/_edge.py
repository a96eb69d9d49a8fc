"""Embedded backend: Qdrant Edge (the Rust engine in-process), persistent in a folder.

Layout of the folder::

    agent_memory.json   schema record (vector size, distance, schema version, embedder)
    .lock               held (an OS lock via filelock: flock, msvcrt on Windows) while the store is open
    memories/           EdgeShard with the memories
    events/             EdgeShard with the audit history

``purge()`` rewrites both shards into fresh folders (``memories.rebuild/``, marked complete by a
``REBUILT`` file) and swaps them in by renaming (the old one goes to ``memories.retired/`` and is
deleted); opening a store finishes or discards an interrupted swap, so a crash never loses a shard.
Deleted points otherwise stay in the WAL and segment files until the engine happens to rewrite them.

The HNSW optimizer is never run here: per-tenant filtered queries are sub-millisecond on
plain segments, and ``optimize()`` blocks for minutes at 100k points.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import filelock
import qdrant_edge as qe

from .._errors import SchemaMismatchError, StoreError, StoreLockedError, StoreUnavailableError, ValidationError
from .._filters import Node
from .._fusion import rrf, settled, with_payloads
from ._base import (
    EVENT_INDEXES,
    MEMORY_INDEXES,
    SCOPED_ONLY_FIELDS,
    Collection,
    HybridQuery,
    PointIn,
    PointOut,
    SparseVec,
    StoreSchema,
    schema_advice,
)
from ._translate import FilterKit, build_filter

_SCHEMA_FILE = "agent_memory.json"
_REBUILD, _RETIRED, _DONE = ".rebuild", ".retired", "REBUILT"
_COPY_PAGE = 1_000
_EDGE_MEMORY_INDEXES = {k: v for k, v in MEMORY_INDEXES.items() if k not in SCOPED_ONLY_FIELDS}


@contextlib.contextmanager
def _translate(action: str) -> Iterator[None]:
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:  # the engine raises plain Exception with a message
        raise StoreError(f"embedded Qdrant failed to {action}: {exc}") from exc


def _no_bools(key: str, values: tuple[Any, ...]) -> None:
    # qdrant-edge-py 0.9.0 converts Python booleans to integers, so a boolean match silently
    # matches nothing; refuse it loudly instead of returning wrong results.
    if any(isinstance(x, bool) for x in values):
        raise ValidationError(f"filter on {key!r}: boolean values cannot be matched by the embedded engine "
                              "(qdrant-edge-py 0.9.0); store the flag as a string such as 'yes'/'no'")


# Edge's filter classes; the boolean guard is Edge-only (see _no_bools).
_FILTERS = FilterKit(field=qe.FieldCondition, match_value=qe.MatchValue, match_any=qe.MatchAny,
                     number_range=qe.RangeFloat, datetime_range=qe.RangeDateTime,
                     is_empty=qe.IsEmptyCondition, has_id=lambda ids: qe.HasIdCondition(set(ids)),
                     filter=qe.Filter, guard=_no_bools)


_INDEXES: dict[Collection, dict[str, str]] = {"memories": _EDGE_MEMORY_INDEXES, "events": EVENT_INDEXES}


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def to_filter(node: Node | None) -> qe.Filter | None:
    return build_filter(node, _FILTERS)


def _index_params(kind: str) -> Any:
    if kind == "tenant":
        return qe.KeywordIndexParams(is_tenant=True)
    return {"keyword": qe.PayloadSchemaType.Keyword, "datetime": qe.PayloadSchemaType.Datetime,
            "integer": qe.PayloadSchemaType.Integer, "float": qe.PayloadSchemaType.Float}[kind]


def _sparse(v: SparseVec) -> qe.SparseVector:
    return qe.SparseVector(indices=list(v.indices), values=list(v.values))


def _out(p: Any, **signals: Any) -> PointOut:
    return PointOut(id=str(p.id), payload=dict(p.payload or {}), score=float(getattr(p, "score", 0.0) or 0.0),
                    signals=signals)


class EdgeBackend:
    def __init__(self, path: str | os.PathLike[str], schema: StoreSchema, *, search_threads: int | None = 1):
        self.path = Path(path).expanduser()
        self.path.mkdir(mode=0o700, parents=True, exist_ok=True)  # memories are personal data: owner only
        self._write_lock = threading.Lock()
        self._process_lock: filelock.BaseFileLock | None = self._acquire_process_lock()
        self._schema, self._threads = schema, search_threads
        try:
            self._check_schema(schema)
            self._shards: dict[str, Any] = {}
            for name in _INDEXES:
                self._finish_swap(name)
                self._shards[name] = self._open_named(name)
        except BaseException:
            self._release_process_lock()
            raise

    # -- opening -------------------------------------------------------------------------
    def _acquire_process_lock(self) -> filelock.BaseFileLock:
        # not thread-local: close() may run on another thread (a finalizer, asyncio.to_thread)
        lock = filelock.FileLock(self.path / ".lock", timeout=0, thread_local=False)
        try:
            lock.acquire()
        except filelock.Timeout as exc:
            raise StoreLockedError(
                f"the embedded store at {self.path} is already open (in another process, or another "
                "Memory object in this one). The embedded store is single-process: share one Memory "
                "object per process, and for multi-process deployments run a Qdrant server and use "
                "Memory(url=...). In a notebook, close() the Memory from the earlier run of the cell "
                "(or open it with `with Memory(...) as mem:`) before opening it again."
            ) from exc
        return lock

    def _release_process_lock(self) -> None:
        lock, self._process_lock = self._process_lock, None
        if lock is not None:
            with contextlib.suppress(OSError):
                lock.release(force=True)

    def _check_schema(self, schema: StoreSchema) -> None:
        f = self.path / _SCHEMA_FILE
        if f.exists():
            stored = json.loads(f.read_text())
            for key in ("dense_size", "distance", "schema_version"):
                if stored.get(key) != getattr(schema, key):
                    raise SchemaMismatchError(
                        f"the store at {self.path} was created with {key}={stored.get(key)!r} "
                        f"(embedder {stored.get('embedder')!r}) but the configuration has "
                        f"{key}={getattr(schema, key)!r}. {schema_advice(key)}"
                    )
        else:
            tmp = f.with_suffix(".tmp")
            tmp.write_text(json.dumps(schema.as_dict(), indent=2))
            os.replace(tmp, f)

    def _open(self, name: str, schema: StoreSchema, indexes: dict[str, str], *, dense: bool,
              threads: int | None) -> Any:
        where = self.path / name
        sparse = {"sparse": qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf)}
        with _translate(f"open {where}"):
            if (where / "segments").exists() or (where / "wal").exists():
                # the dense layout is inherited from the shard (the schema file already checked it),
                # so stores written as float32 by earlier versions still open
                config = qe.EdgeConfig(sparse_vectors=sparse, max_search_threads=threads)
                shard = qe.EdgeShard.load(str(where), config)
            else:
                # float16 halves the vectors' memory; cosine scores move by ~1e-3
                vectors = {"dense": qe.EdgeVectorParams(size=schema.dense_size, distance=qe.Distance.Cosine,
                                                        datatype=qe.VectorStorageDatatype.Float16)} if dense else {}
                config = qe.EdgeConfig(vectors=vectors, sparse_vectors=sparse, max_search_threads=threads)
                shard = qe.EdgeShard.create(str(where), config)
            existing = set(shard.info().payload_schema)
            for field, kind in indexes.items():
                if field not in existing:
                    shard.update(qe.UpdateOperation.create_field_index(field, _index_params(kind)))
        return shard

    def _open_named(self, name: Collection) -> Any:
        return self._open(name, self._schema, _INDEXES[name], dense=name == "memories", threads=self._threads)

    # -- physical erasure --------------------------------------------------------------------
    def _finish_swap(self, name: str) -> None:
        """Complete or undo a purge a crash interrupted: a complete rebuild replaces the live shard,
        an incomplete one is discarded (the live shard is still whole)."""
        live, new, old = (self.path / (name + suffix) for suffix in ("", _REBUILD, _RETIRED))
        if new.exists() and not (new / _DONE).exists():
            shutil.rmtree(new)
        elif new.exists():
            if live.exists():
                if old.exists():
                    shutil.rmtree(old)
                os.replace(live, old)
            os.replace(new, live)
            _fsync_dir(self.path)
            (live / _DONE).unlink()
        if old.exists():
            shutil.rmtree(old)

    def _rebuild(self, name: Collection) -> None:
        """Copy the live points (payloads and vectors) of one shard into a fresh folder, marked done."""
        new = self.path / (name + _REBUILD)
        if new.exists():
            shutil.rmtree(new)
        new.mkdir()
        shutil.copy2(self.path / name / "edge_config.json", new / "edge_config.json")  # same vector layout
        fresh = qe.EdgeShard.load(str(new), None)
        try:
            for field, kind in _INDEXES[name].items():
                fresh.update(qe.UpdateOperation.create_field_index(field, _index_params(kind)))
            offset = None
            while True:
                records, offset = self._shards[name].scroll(
                    qe.ScrollRequest(offset=offset, limit=_COPY_PAGE, with_payload=True, with_vector=True))
                if records:
                    fresh.update(qe.UpdateOperation.upsert_points(
                        [qe.Point(id=r.id, vector=dict(r.vector or {}), payload=r.payload) for r in records]))
                if offset is None:
                    break
            fresh.flush()
        finally:
            fresh.close()
        with open(new / _DONE, "wb") as f:
            os.fsync(f.fileno())
        _fsync_dir(new)

    def purge(self) -> bool:
        """Rewrite both shards without their deleted points and drop the old files (WAL included).
        Writes wait for it; it reads every live point once (seconds per 100k memories)."""
        with self._write_lock, _translate("purge deleted data"):
            for name in _INDEXES:
                self._shard(name)  # raises when closed
                self._rebuild(name)
                shard = self._shards.pop(name)
                shard.flush()
                shard.close()
                self._finish_swap(name)
                self._shards[name] = self._open_named(name)
        return True

    # -- helpers ---------------------------------------------------------------------------
    def _shard(self, collection: Collection) -> Any:
        try:
            return self._shards[collection]
        except (AttributeError, KeyError) as exc:
            raise StoreUnavailableError("the store is closed") from exc

    def _update(self, collection: Collection, op: Any, action: str) -> None:
        shard = self._shard(collection)
        with self._write_lock, _translate(action):
            shard.update(op)

    # -- protocol --------------------------------------------------------------------------
    def upsert(self, collection: Collection, points: list[PointIn]) -> None:
        if not points:
            return
        built = []
        for p in points:
            vector: dict[str, Any] = {}
            if p.dense is not None:
                vector["dense"] = list(p.dense)
            if p.sparse is not None and p.sparse.indices:
                vector["sparse"] = _sparse(p.sparse)
            built.append(qe.Point(id=p.id, vector=vector, payload=p.payload))
        # one operation: the engine applies it through one WAL entry, all or nothing
        self._update(collection, qe.UpdateOperation.upsert_points(built), "write points")

    def retrieve(self, collection: Collection, ids: list[str]) -> list[PointOut]:
        if not ids:
            return []
        with _translate("read points"):
            return [_out(p) for p in self._shard(collection).retrieve(list(ids), with_payload=True, with_vector=False)]

    def set_payload(self, collection: Collection, ids: list[str], payload: dict[str, Any]) -> None:
        if ids:
            self._update(collection, qe.UpdateOperation.set_payload(list(ids), payload), "update payload")

    def delete(self, collection: Collection, ids: list[str]) -> None:
        if ids:
            self._update(collection, qe.UpdateOperation.delete_points(list(ids)), "delete points")

    def delete_where(self, collection: Collection, flt: Node) -> None:
        where = build_filter(flt, _FILTERS)  # never None for a node: no filter would mean every point
        self._update(collection, qe.UpdateOperation.delete_points_by_filter(where), "delete points")

    def scroll(self, collection: Collection, flt: Node | None, limit: int, *,
               order_by: str = "seq", descending: bool = True) -> list[PointOut]:
        direction = qe.Direction.Desc if descending else qe.Direction.Asc
        req = qe.ScrollRequest(limit=limit, filter=to_filter(flt), with_payload=True,
                               order_by=qe.OrderBy(order_by, direction=direction))
        with _translate("scroll"):
            records, _ = self._shard(collection).scroll(req)
        return [_out(r) for r in records]

    def count(self, collection: Collection, flt: Node | None) -> int:
        with _translate("count"):
            return int(self._shard(collection).count(qe.CountRequest(filter=to_filter(flt), exact=True)))

    def facet(self, collection: Collection, key: str, flt: Node | None, limit: int = 1000) -> dict[str, int]:
        with _translate("facet"):
            req = qe.FacetRequest(key=key, limit=limit, exact=True, filter=to_filter(flt))
            res = self._shard(collection).facet(req)
        return {str(h.value): int(h.count) for h in res.hits if h.count}

    def hybrid(self, query: HybridQuery) -> list[PointOut]:
        flt = to_filter(query.filter)
        dense_q = qe.Query.Nearest(list(query.dense), using="dense")
        if query.sparse is None or not query.sparse.indices:
            req = qe.QueryRequest(limit=query.limit, query=dense_q, filter=flt, with_payload=True)
            with _translate("search"):
                hits = self._shard("memories").query(req)
            return [_out(h, dense_rank=i + 1, dense_score=float(h.score)) for i, h in enumerate(hits)]
        sparse_q = qe.Query.Nearest(_sparse(query.sparse), using="sparse")
        # fused by us, not by Qdrant's RRF, so that tied scores rank the same in every build (see _fusion);
        # payloads are read for the fused top only (decoding them is most of a query's cost)
        n = query.candidates + 1
        requests = [qe.QueryRequest(limit=n, query=q, filter=flt, with_payload=False) for q in (dense_q, sparse_q)]
        with _translate("search"):
            dense, sparse = self._shard("memories").query_batch(qe.QueryBatchRequest(requests))
        fused = rrf(settled([(str(h.id), float(h.score)) for h in dense], query.candidates),
                    settled([(str(h.id), float(h.score)) for h in sparse], query.candidates),
                    k=query.rrf_k, weights=query.weights, limit=query.limit, explain=query.explain)
        return with_payloads(fused, self.retrieve("memories", [p.id for p in fused]))

    def nearest(self, dense: list[float], flt: Node | None, limit: int) -> list[PointOut]:
        req = qe.QueryRequest(limit=limit, query=qe.Query.Nearest(list(dense), using="dense"),
                              filter=to_filter(flt), with_payload=True)
        with _translate("search"):
            return [_out(h) for h in self._shard("memories").query(req)]

    def flush(self) -> None:
        for shard in getattr(self, "_shards", {}).values():
            with self._write_lock, _translate("flush"):
                shard.flush()

    def close(self) -> None:
        shards = getattr(self, "_shards", None)
        if shards is None:
            return
        try:
            for shard in shards.values():
                with self._write_lock, _translate("close"):
                    shard.flush()
                    shard.close()
        finally:
            del self._shards
            self._release_process_lock()
