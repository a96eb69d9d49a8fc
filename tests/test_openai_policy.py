"""One client policy for every OpenAI-compatible call (LLM extraction/consolidation, summaries,
embeddings): the SDK's retries, clients per event loop, and an API key from the environment sent
only to OpenAI's own API -- checked on the wire against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio

import pytest

from agent_memory import ConfigError, LLMOutputError, OpenAIEmbedder, OpenAISummarizer, ProviderError
from agent_memory._extract_llm import LLMExtraction
from agent_memory._llm import LLMClient
from agent_memory._openai import OpenAIClients, is_openai_api, resolve_endpoint

from .llm_stub import StubLLM, malformed, reply, status

SECRET = "sk-from-the-environment"
MSGS = [{"role": "system", "content": "x"}, {"role": "user", "content": "y"}]


@pytest.fixture
def stub():
    with StubLLM() as s:
        yield s


@pytest.fixture
def env_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


@pytest.mark.parametrize("url, ours", [
    ("https://api.openai.com/v1", True),
    ("https://eu.api.openai.com/v1", True),
    ("https://API.OpenAI.com/v1/", True),
    ("http://api.openai.com/v1", False),  # not over TLS
    ("https://api.openai.com.example.net/v1", False),
    ("https://evil.example/api.openai.com/v1", False),
    ("http://127.0.0.1:8080/v1", False),
])
def test_which_urls_are_openais_own(url, ours):
    assert is_openai_api(url) is ours


def test_the_environment_key_goes_only_to_openai(env_key, monkeypatch):
    assert resolve_endpoint(None, None) == ("https://api.openai.com/v1", SECRET)
    assert resolve_endpoint("http://localhost:11434/v1", None) == ("http://localhost:11434/v1", "not-needed")
    assert resolve_endpoint("http://localhost:11434/v1", "explicit") == ("http://localhost:11434/v1", "explicit")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://proxy.example/v1")  # honoured, but gets no env key
    assert resolve_endpoint(None, None) == ("https://proxy.example/v1", "not-needed")


def _components(stub, **kw):
    return {
        "llm": lambda: LLMClient("m", base_url=stub.base_url, timeout=5, **kw).complete_json(MSGS, LLMExtraction),
        "summarizer": lambda: OpenAISummarizer("m", base_url=stub.base_url, **kw).summarize(["Alice: hi."]),
        "embedder": lambda: OpenAIEmbedder("e", dim=64, base_url=stub.base_url, **kw).embed_query("hi"),
    }


@pytest.mark.parametrize("component", ["llm", "summarizer", "embedder"])
def test_no_component_sends_the_environment_key_to_another_server(stub, env_key, component):
    stub.push(reply({"memories": []}), reply({"memories": []}))
    _components(stub)[component]()
    assert stub.authorizations == ["Bearer not-needed"]
    _components(stub, api_key="k-explicit")[component]()  # an explicit key is for whatever URL it is given with
    assert stub.authorizations[1:] == ["Bearer k-explicit"]


@pytest.mark.parametrize("component", ["llm", "summarizer", "embedder"])
def test_every_component_retries_with_the_sdk_policy(stub, component):
    stub.push(status(503), reply({"memories": []}))
    stub.embedding_failures = 1
    _components(stub, max_retries=1)[component]()  # one 503, one retry by the SDK: success
    assert len(stub.embedding_requests if component == "embedder" else stub.requests) == 2


def test_errors_are_typed_and_retries_are_bounded(stub):
    llm = LLMClient("m", base_url=stub.base_url, timeout=5, max_retries=1, mode="json_schema")
    stub.push(status(500), status(500), status(500))
    with pytest.raises(ProviderError, match="500"):
        llm.complete_json(MSGS, LLMExtraction)
    assert len(stub.requests) == 2 and stub.pending == 1  # one try + one SDK retry, no hand-written loop
    stub.push(malformed("{"), malformed("[]"))
    with pytest.raises(LLMOutputError):  # in the tree: an except ProviderError catches it
        llm.complete_json(MSGS, LLMExtraction)
    summarizer = OpenAISummarizer("m", base_url=stub.base_url, max_retries=0)
    stub.push(reply("   "))
    with pytest.raises(ProviderError, match="empty"):
        summarizer.summarize(["Alice: hi."])
    with pytest.raises(ConfigError):
        OpenAIClients(base_url=stub.base_url, api_key=None, timeout=1, max_retries=-1)
    with pytest.raises(ConfigError):
        OpenAIEmbedder("e", dim=0, base_url=stub.base_url)


def test_a_wrong_vector_size_is_a_config_error(stub):
    with pytest.raises(ConfigError, match="64-d vectors but dim=32"):
        OpenAIEmbedder("e", dim=32, base_url=stub.base_url).embed_documents(["a", "b"])


def test_async_clients_are_kept_per_event_loop(stub):
    summarizer = OpenAISummarizer("m", base_url=stub.base_url)
    embedder = OpenAIEmbedder("e", dim=64, base_url=stub.base_url)
    stub.push(reply("Alice said hi."), reply("Alice said hi again."))

    async def one_loop(expected):
        try:
            assert await summarizer.asummarize(["Alice: hi."]) == expected
            assert len(await embedder.aembed_query("hi")) == 64
        finally:
            await summarizer.aclose()
            await embedder.aclose()

    asyncio.run(one_loop("Alice said hi."))
    asyncio.run(one_loop("Alice said hi again."))  # a client bound to the first, closed loop would fail here
    assert len(stub.requests) == 2 and len(stub.embedding_requests) == 2

    async def current():
        return embedder.clients.current()

    loops = [asyncio.new_event_loop(), asyncio.new_event_loop()]
    try:
        first, again, other = (loop.run_until_complete(current()) for loop in (loops[0], loops[0], loops[1]))
        assert first is again and first is not other  # one client per loop, reused within it
    finally:
        for loop in loops:
            loop.run_until_complete(embedder.aclose())
            loop.close()
