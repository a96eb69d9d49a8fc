"""Concurrent writers: consolidation is serialised per tenant (8 threads, 50 async tasks), and the
qdrant-client local mode (``:memory:``) is safe to share between threads."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import pytest

from agent_memory import AsyncMemory, Memory
from agent_memory.testing import HashEmbedder

from .conftest import open_memory


def run_threads(n: int, work: Callable[[int], object]) -> list[BaseException]:
    """Run ``work(i)`` in ``n`` threads released together; returns what they raised."""
    start = threading.Barrier(n)
    errors: list[BaseException] = []

    def body(i: int) -> None:
        try:
            start.wait()
            work(i)
        except BaseException as exc:  # noqa: BLE001 - returned to the test
            errors.append(exc)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def current_locations(mem: Memory, user: str) -> list[str]:
    page = mem.list(user_id=user, kinds="profile", limit=1000)
    return [r.content for r in page.items if r.attribute == "location"]


def test_threads_leave_one_current_fact_per_attribute(backend_kind, tmp_path):
    mem = open_memory(backend_kind, tmp_path, embedder=HashEmbedder(), extractor=None)
    try:
        for round_ in range(3):
            user = f"u{round_}"

            def write(i: int, user: str = user) -> None:
                mem.remember(f"lives in city number {i}", user_id=user, attribute="location")
                mem.search("city", user_id=user)  # reads interleaved with the writes

            assert run_threads(8, write) == []
            assert len(current_locations(mem, user)) == 1
            everything = mem.list(user_id=user, kinds="profile", include_superseded=True, limit=100).items
            assert len(everything) == 8  # none lost: seven superseded, one current
            assert sum(r.superseded_by is not None for r in everything) == 7
        assert mem._engine.locks.held() == 0
    finally:
        mem.close()


@pytest.mark.parametrize("where", ["edge", "client"])
def test_async_tasks_leave_one_current_fact_per_attribute(where, tmp_path):
    async def main() -> None:
        kwargs = {"path": tmp_path / "store"} if where == "edge" else {"location": ":memory:"}
        async with AsyncMemory(**kwargs, embedder=HashEmbedder(), extractor=None) as mem:
            await asyncio.gather(*(mem.remember(f"lives in town {i}", user_id="alice", attribute="location")
                                   for i in range(50)))
            page = await mem.list(user_id="alice", kinds="profile", limit=1000)
            assert len([r for r in page.items if r.attribute == "location"]) == 1
            everything = await mem.list(user_id="alice", kinds="profile", include_superseded=True, limit=1000)
            assert len(everything.items) == 50
            assert mem._engine.locks.held() == 0

    asyncio.run(main())


def test_a_cancelled_writer_releases_its_lock(tmp_path):
    async def main() -> None:
        async with AsyncMemory(path=tmp_path / "store", embedder=HashEmbedder(), extractor=None) as mem:
            tasks = [asyncio.ensure_future(mem.remember(f"likes tea number {i}", user_id="bob",
                                                        attribute="drink")) for i in range(20)]
            await asyncio.sleep(0.01)
            for t in tasks[::2]:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            assert mem._engine.locks.held() == 0
            # the scope is not left locked: another write goes through
            await asyncio.wait_for(mem.remember("likes coffee", user_id="bob", attribute="drink"), 30)
            page = await mem.list(user_id="bob", kinds="profile", limit=100)
            assert [r.content for r in page.items if r.attribute == "drink"] == ["likes coffee"]

    asyncio.run(main())


def test_memory_location_is_safe_under_threads():
    """qdrant-client's local mode raised IndexError from inside its filters under threads."""
    with Memory(location=":memory:", embedder=HashEmbedder(), extractor=None) as mem:

        def work(i: int) -> None:
            for j in range(15):
                mem.add(f"message {j} from worker {i}", user_id=f"w{i}", infer=False)
                assert all(h.memory.user_id == f"w{i}" for h in mem.search("message", user_id=f"w{i}"))
                mem.list(user_id=f"w{i}", limit=5)

        assert run_threads(8, work) == []
        assert mem.stats(all_scopes=True)["total"] == 8 * 15
