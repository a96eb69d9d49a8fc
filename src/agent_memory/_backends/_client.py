"""Client backend: qdrant-client against a Qdrant server, Qdrant Cloud, a distributed cluster,
or ``":memory:"`` (qdrant-client's in-process emulation, for tests and throwaway use).

qdrant-client's local mode (``":memory:"``, ``path=``) is not thread-safe (concurrent calls
raise ``IndexError`` from inside its filters), so every call to it is serialised by one lock;
calls to a server run concurrently.

Two collections: ``<name>`` (memories) and ``<name>_events`` (audit history). The schema
record lives in the memories collection's metadata.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from qdrant_client import QdrantClient
from qdrant_client import models as qm
from qdrant_client.http.exceptions import ResponseHandlingException, UnexpectedResponse
from qdrant_client.local.qdrant_local import QdrantLocal

from .._errors import SchemaMismatchError, StoreError, StoreUnavailableError
from .._filters import Node
from .._fusion import rrf, settled, with_payloads
from ._base import (
    EVENT_INDEXES,
    MEMORY_INDEXES,
    Collection,
    HybridQuery,
    PointIn,
    PointOut,
    SparseVec,
    StoreSchema,
    schema_advice,
)
from ._translate import FilterKit, build_filter


@contextlib.contextmanager
def _translate(action: str) -> Iterator[None]:
    try:
        yield
    except StoreError:
        raise
    except (ResponseHandlingException, ConnectionError, TimeoutError) as exc:
        raise StoreUnavailableError(f"Qdrant is unreachable while trying to {action}: {exc}") from exc
    except (UnexpectedResponse, ValueError, RuntimeError) as exc:
        raise StoreError(f"Qdrant failed to {action}: {exc}") from exc


# qdrant-client's filter classes (keyword arguments throughout).
_FILTERS = FilterKit(field=qm.FieldCondition, match_value=lambda v: qm.MatchValue(value=v),
                     match_any=lambda vs: qm.MatchAny(any=vs), number_range=qm.Range,
                     datetime_range=qm.DatetimeRange,
                     is_empty=lambda key: qm.IsEmptyCondition(is_empty=qm.PayloadField(key=key)),
                     has_id=lambda ids: qm.HasIdCondition(has_id=list(ids)), filter=qm.Filter)


def to_filter(node: Node | None) -> qm.Filter | None:
    return build_filter(node, _FILTERS)


def _index_params(kind: str) -> Any:
    if kind == "tenant":
        return qm.KeywordIndexParams(type=qm.KeywordIndexType.KEYWORD, is_tenant=True)
    return {"keyword": qm.PayloadSchemaType.KEYWORD, "datetime": qm.PayloadSchemaType.DATETIME,
            "integer": qm.PayloadSchemaType.INTEGER, "float": qm.PayloadSchemaType.FLOAT}[kind]


def _sparse(v: SparseVec) -> qm.SparseVector:
    return qm.SparseVector(indices=list(v.indices), values=list(v.values))


def _out(p: Any, **signals: Any) -> PointOut:
    return PointOut(id=str(p.id), payload=dict(p.payload or {}), score=float(getattr(p, "score", 0.0) or 0.0),
                    signals=signals)


class ClientBackend:
    def __init__(self, schema: StoreSchema, *, url: str | None = None, api_key: str | None = None,
                 location: str | None = None, collection: str = "agent_memory",
                 client: QdrantClient | None = None, timeout: int | None = None):
        self._names: dict[str, str] = {"memories": collection, "events": f"{collection}_events"}
        with _translate("connect"), _quiet_local_mode():
            self._client: QdrantClient | None = client or QdrantClient(
                url=url, api_key=api_key, location=location, timeout=timeout)
            local = isinstance(getattr(self._client, "_client", None), QdrantLocal)
            self._serial: contextlib.AbstractContextManager[Any] = (
                threading.RLock() if local else contextlib.nullcontext())
            self._ensure(schema)

    @contextlib.contextmanager
    def _io(self, action: str) -> Iterator[None]:
        """One call into the client: serialised in local mode, errors translated."""
        with self._serial, _translate(action):
            yield

    def _ensure(self, schema: StoreSchema) -> None:
        c = self._c
        mem = self._names["memories"]
        if c.collection_exists(mem):
            stored = c.get_collection(mem).config.metadata or {}
            for key in ("dense_size", "distance", "schema_version"):
                if stored.get(key) != getattr(schema, key):
                    raise SchemaMismatchError(
                        f"collection {mem!r} was created with {key}={stored.get(key)!r} (embedder "
                        f"{stored.get('embedder')!r}) but the configuration has {key}={getattr(schema, key)!r}. "
                        f"{schema_advice(key)}"
                    )
        else:
            c.create_collection(
                mem,
                vectors_config={"dense": qm.VectorParams(size=schema.dense_size, distance=qm.Distance.COSINE)},
                sparse_vectors_config={"sparse": qm.SparseVectorParams(modifier=qm.Modifier.IDF)},
                metadata=schema.as_dict(),
            )
        ev = self._names["events"]
        if not c.collection_exists(ev):
            c.create_collection(ev, vectors_config={}, metadata={"schema_version": schema.schema_version})
        for name, indexes in ((mem, MEMORY_INDEXES), (ev, EVENT_INDEXES)):
            existing = set((c.get_collection(name).payload_schema or {}).keys())
            for field, kind in indexes.items():
                if field not in existing:
                    c.create_payload_index(name, field, field_schema=_index_params(kind))

    @property
    def _c(self) -> QdrantClient:
        if self._client is None:
            raise StoreUnavailableError("the store is closed")
        return self._client

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
            built.append(qm.PointStruct(id=p.id, vector=vector, payload=p.payload))
        with self._io("write points"):
            self._c.upsert(self._names[collection], built, wait=True)

    def retrieve(self, collection: Collection, ids: list[str]) -> list[PointOut]:
        if not ids:
            return []
        with self._io("read points"):
            return [_out(p) for p in self._c.retrieve(self._names[collection], list(ids), with_payload=True)]

    def set_payload(self, collection: Collection, ids: list[str], payload: dict[str, Any]) -> None:
        if ids:
            with self._io("update payload"):
                self._c.set_payload(self._names[collection], payload, points=list(ids), wait=True)

    def delete(self, collection: Collection, ids: list[str]) -> None:
        if ids:
            with self._io("delete points"):
                self._c.delete(self._names[collection], points_selector=list(ids), wait=True)

    def delete_where(self, collection: Collection, flt: Node) -> None:
        with self._io("delete points"):
            where = build_filter(flt, _FILTERS)  # never None for a node: no filter would mean every point
            self._c.delete(self._names[collection], points_selector=qm.FilterSelector(filter=where), wait=True)

    def scroll(self, collection: Collection, flt: Node | None, limit: int, *,
               order_by: str = "seq", descending: bool = True) -> list[PointOut]:
        direction = qm.Direction.DESC if descending else qm.Direction.ASC
        with self._io("scroll"):
            records, _ = self._c.scroll(self._names[collection], scroll_filter=to_filter(flt), limit=limit,
                                        with_payload=True, order_by=qm.OrderBy(key=order_by, direction=direction))
        return [_out(r) for r in records]

    def count(self, collection: Collection, flt: Node | None) -> int:
        with self._io("count"):
            return int(self._c.count(self._names[collection], count_filter=to_filter(flt), exact=True).count)

    def facet(self, collection: Collection, key: str, flt: Node | None, limit: int = 1000) -> dict[str, int]:
        with self._io("facet"):
            res = self._c.facet(self._names[collection], key=key, facet_filter=to_filter(flt), limit=limit, exact=True)
        return {str(h.value): int(h.count) for h in res.hits if h.count}

    def hybrid(self, query: HybridQuery) -> list[PointOut]:
        flt = to_filter(query.filter)
        name = self._names["memories"]
        if query.sparse is None or not query.sparse.indices:
            with self._io("search"):
                res = self._c.query_points(name, query=list(query.dense), using="dense", query_filter=flt,
                                           limit=query.limit, with_payload=True)
            return [_out(h, dense_rank=i + 1, dense_score=float(h.score)) for i, h in enumerate(res.points)]
        # fused by us, not by Qdrant's RRF, so that tied scores rank the same in every build (see _fusion);
        # payloads are read for the fused top only
        n = query.candidates + 1
        requests = [qm.QueryRequest(query=list(query.dense), using="dense", filter=flt, limit=n),
                    qm.QueryRequest(query=_sparse(query.sparse), using="sparse", filter=flt, limit=n)]
        with self._io("search"):
            dense, sparse = [r.points for r in self._c.query_batch_points(name, requests)]
        fused = rrf(settled([(str(h.id), float(h.score)) for h in dense], query.candidates),
                    settled([(str(h.id), float(h.score)) for h in sparse], query.candidates),
                    k=query.rrf_k, weights=query.weights, limit=query.limit, explain=query.explain)
        return with_payloads(fused, self.retrieve("memories", [p.id for p in fused]))

    def nearest(self, dense: list[float], flt: Node | None, limit: int) -> list[PointOut]:
        with self._io("search"):
            res = self._c.query_points(self._names["memories"], query=list(dense), using="dense",
                                       query_filter=to_filter(flt), limit=limit, with_payload=True)
        return [_out(h) for h in res.points]

    def flush(self) -> None:
        """The server makes writes durable itself (``wait=True`` on every write)."""

    def purge(self) -> bool:
        """A server vacuums deleted points in its own optimizer and rotates its own WAL; in-process
        (``:memory:``) deleted points leave Python's memory with the objects. Neither is ours to
        rewrite, so physical erasure is never reported from here."""
        return False

    def close(self) -> None:
        with self._serial:
            if self._client is not None:
                with contextlib.suppress(Exception):
                    self._client.close()
                self._client = None


@contextlib.contextmanager
def _quiet_local_mode() -> Iterator[None]:
    """qdrant-client's local mode warns that it ignores payload indexes; that is expected there."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*[Pp]ayload index.*")
        warnings.filterwarnings("ignore", category=UserWarning, module="qdrant_client")
        yield
