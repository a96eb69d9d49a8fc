"""The embedded store's lifecycle: its folder lock (filelock, portable), released by close(), by
``with``, and -- for a Memory nobody closed -- when the object is garbage-collected, with a
ResourceWarning saying so. Real Qdrant Edge in a temp folder; no mocks."""

from __future__ import annotations

import asyncio
import gc
import warnings

import pytest

from agent_memory import AsyncMemory, Memory, StoreLockedError
from agent_memory.testing import HashEmbedder


def _open(path, cls=Memory):
    return cls(path=path, embedder=HashEmbedder(), extractor=None)


def _contents(mem: Memory) -> list[str]:
    return [h.memory.content for h in mem.search("pottery", user_id="caroline")]


def test_a_second_memory_on_an_open_folder_is_refused_with_what_to_do(tmp_path):
    with _open(tmp_path / "s"):
        with pytest.raises(StoreLockedError) as err:
            _open(tmp_path / "s")
    message = str(err.value)
    assert "notebook" in message and "close()" in message and "with Memory(" in message
    with _open(tmp_path / "s"):  # closed by `with`: free again
        pass


def test_a_dropped_memory_no_longer_blocks_the_folder(tmp_path):
    mem = _open(tmp_path / "s")
    mem.add("Caroline loves pottery", user_id="caroline")  # a notebook cell's first run
    with pytest.warns(ResourceWarning, match="was not closed"):
        del mem  # the cell runs again: the name is rebound, the old object dropped
        gc.collect()
    with _open(tmp_path / "s") as again:  # would be StoreLockedError if the lock had leaked
        assert _contents(again) == ["Caroline loves pottery"]  # and the write was kept


def test_a_dropped_async_memory_no_longer_blocks_the_folder(tmp_path):
    async def first_run():
        mem = _open(tmp_path / "s", AsyncMemory)
        await mem.add("Caroline loves pottery", user_id="caroline")

    with pytest.warns(ResourceWarning, match="AsyncMemory.*was not closed"):
        asyncio.run(first_run())
        gc.collect()
    with _open(tmp_path / "s") as again:
        assert _contents(again) == ["Caroline loves pottery"]


def test_closed_memories_and_live_twins_do_not_warn_or_release(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with _open(tmp_path / "a"):
            pass
        gc.collect()

        mem = _open(tmp_path / "b")
        mem.add("Caroline loves pottery", user_id="caroline")
        twin = mem.aio  # shares the engine: dropping the sync handle must not close the store
        del mem
        gc.collect()
        with pytest.raises(StoreLockedError):
            _open(tmp_path / "b")
        hits = asyncio.run(twin.search("pottery", user_id="caroline"))
        assert [h.memory.content for h in hits] == ["Caroline loves pottery"]
        asyncio.run(twin.close())
        del twin
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
    with _open(tmp_path / "b") as again:
        assert _contents(again) == ["Caroline loves pottery"]


def test_a_dropped_memory_leaves_an_injected_client_to_its_owner():
    from qdrant_client import QdrantClient

    client = QdrantClient(":memory:")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Memory(client=client, embedder=HashEmbedder(), extractor=None).remember("Caroline loves pottery",
                                                                                user_id="caroline")
        gc.collect()  # the Memory is gone; the client is the caller's and stays open
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
    with Memory(client=client, embedder=HashEmbedder(), extractor=None) as again:
        assert _contents(again) == ["Caroline loves pottery"]
