"""Per-key locks that serialise read-then-write decisions (consolidation) inside one process; the
engine keys them by tenant (``user_id``, or one key for all user-less memory).

An engine operation is a generator whose steps may run on different threads (the async driver
offloads sync I/O to worker threads), so a lock is held across steps, not by a thread: it is a
plain ``threading.Lock`` (releasable from any thread), taken with ``yield from call(locks.acquire,
key)`` — which the async driver runs as the non-blocking twin :meth:`KeyedLocks.aacquire` — and
released with a direct :meth:`KeyedLocks.release` in a ``finally`` (no I/O, so it also runs when
the operation is closed or cancelled).

Across processes nothing is locked: several processes writing one scope through a Qdrant server
can each read the same neighbours and both write (two current facts for one attribute, which later
writes do not repair). The embedded store admits one process per folder.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Hashable

from ._errors import StoreError

_POLL_START = 0.0005  # seconds between tries of an async waiter, doubling up to _POLL_MAX
_POLL_MAX = 0.02
# A decision holds its lock for a few backend calls (milliseconds); waiting this long means a
# deadlock (e.g. the sync API called on an event loop whose task holds the lock): fail, don't hang.
TIMEOUT = 120.0


def _timed_out(key: Hashable) -> StoreError:
    return StoreError(f"timed out after {TIMEOUT:.0f} s waiting for another write to the same scope "
                      f"({key!r}); is the sync API being called from inside the event loop?")


class KeyedLocks:
    """One lock per key, created on first use and dropped when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[Hashable, tuple[threading.Lock, int]] = {}  # key -> (lock, holders + waiters)

    def _join(self, key: Hashable) -> threading.Lock:
        with self._guard:
            lock, users = self._locks.get(key, (None, 0))
            lock = lock or threading.Lock()
            self._locks[key] = (lock, users + 1)
            return lock

    def _leave(self, key: Hashable) -> None:
        with self._guard:
            lock, users = self._locks[key]
            if users > 1:
                self._locks[key] = (lock, users - 1)
            else:
                del self._locks[key]

    def acquire(self, key: Hashable) -> None:
        """Block until ``key`` is free, then hold it."""
        if not self._join(key).acquire(timeout=TIMEOUT):
            self._leave(key)
            raise _timed_out(key)

    async def aacquire(self, key: Hashable) -> None:
        """The async twin: polls without blocking the event loop (and without a worker thread that
        could take the lock after the awaiting task was cancelled)."""
        lock = self._join(key)
        delay = _POLL_START
        deadline = time.monotonic() + TIMEOUT
        try:
            while not lock.acquire(blocking=False):
                if time.monotonic() > deadline:
                    raise _timed_out(key)
                await asyncio.sleep(delay)
                delay = min(delay * 2, _POLL_MAX)
        except BaseException:
            self._leave(key)
            raise

    def release(self, key: Hashable) -> None:
        lock, _ = self._locks[key]
        lock.release()
        self._leave(key)

    def held(self) -> int:
        """How many keys are held or awaited (0 when idle; for tests)."""
        with self._guard:
            return len(self._locks)
