"""The meeting's line to the disk: every event saved as it happens, never dropped.

When the disk fails mid-meeting (a full disk, a pulled USB stick), events wait
in memory in order and are written as soon as writing works again; the meeting
goes on and the screen says what happened.

At each step change the log is checkpointed into the database file, and the
files under the open database are checked: a removed ``-wal`` is
healed, a replaced or removed database file is said on screen and the meeting
is rescued to a JSON file when it ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from collections import deque
from collections.abc import Iterator

from kollegial.session import events as ev
from kollegial.session.session import Session
from kollegial.store.db import Store, StoreError

SYNC_AFTER = frozenset({"step_entered", "session_ended"})
"""Events after which the log is checkpointed into the database file itself."""


class Journal:
    """Appends a session's events to the store, keeping them while it cannot."""

    def __init__(self, store: Store, session_id: int) -> None:
        self.store = store
        self.session_id = session_id
        self.pending: deque[ev.Event] = deque()
        self.error: StoreError | None = None
        self._holding = False
        self.seen = 0
        """Events this journal has been given."""
        self.written = 0
        """Of them, committed to the store: the first ``written`` are on disk."""
        self._disk = threading.RLock()
        """Held while the store is written: by the loop, or by a commit in a worker thread."""
        self._commits: asyncio.Lock | None = None
        self._queued = 0
        """Commits (:meth:`commit`) waiting or running: the events wait for the last of them."""
        self._draft: str | None = None
        """Text typed while a commit was in its thread, saved when it is done."""
        self._skipped: Session | None = None
        """A checkpoint skipped for a commit in its thread, made after it (or at the end)."""

    def __call__(self, event: ev.Event) -> None:
        self.seen += 1
        self.pending.append(event)
        if self._holding:
            return
        if self.flush() and event.type in SYNC_AFTER:
            self.sync()

    def hold(self) -> None:
        """Keep the events from now on waiting, to commit them at once on :meth:`release`.

        The phone page holds while a burst of phones send (30 at once, 18
        ratings each): one transaction, one sync to the disk, instead of one
        per rating (some 4 ms each, measured). A phone hears "sent" only
        after the commit.
        """
        self._holding = True

    def release(self) -> None:
        """Commit what was held, in one transaction; a failing disk keeps it waiting as always."""
        self._holding = False
        self._commit_held()

    async def commit(self) -> None:
        """:meth:`release`, with the writing in a worker thread while the event loop goes on.

        The phone page's commits: the wall keeps answering keys while a burst
        of phones' events goes to disk (the JSON of 540 events and the sync
        of their transaction took 60 ms of the loop, measured). Whoever awaits
        this knows the events are on disk when it returns, or :attr:`error`
        says why not (they wait, as always). Events that come meanwhile wait
        for the next commit; commits follow each other in order.
        """
        if self._commits is None:
            self._commits = asyncio.Lock()
        self._holding = True
        self._queued += 1
        try:
            async with self._commits:
                if not self.store.lost and self.error is None and self.pending:
                    await asyncio.to_thread(self._write_pending)
        finally:
            self._queued -= 1
        if self._queued:
            return  # the next commit writes what came meanwhile
        self.release()
        if self._draft is not None:
            text, self._draft = self._draft, None
            self.save_draft(text)
        if self._skipped is not None:
            self.checkpoint(self._skipped)

    def _write_pending(self) -> None:
        """What waits, in one transaction (in a worker thread).

        What waits is read under the lock: the loop may have written it all
        meanwhile (:meth:`finish` at the end of the meeting); events it adds
        meanwhile come after, so the first ones are the ones written.
        """
        with self._disk:
            batch = list(self.pending)
            count = len(batch)
            if not batch:
                return
            try:
                self.store.append_many(self.session_id, batch)
            except StoreError as exc:
                self.error = exc
                return
            except sqlite3.DatabaseError as exc:
                self.error = StoreError("err.store_corrupt", path=self.store.path, reason=str(exc))
                return
            for _ in range(count):
                self.pending.popleft()
            self.written += count
            self.error = None
            if any(e.type in SYNC_AFTER for e in batch):
                self._sync()

    @contextlib.contextmanager
    def together(self) -> Iterator[None]:
        """:meth:`hold` for the block, then :meth:`release`."""
        self.hold()
        try:
            yield
        finally:
            self.release()

    def _commit_held(self) -> None:
        with self._disk:
            self._commit_held_now()

    def _commit_held_now(self) -> None:
        syncs = any(e.type in SYNC_AFTER for e in self.pending)
        if len(self.pending) < 2 or self.store.lost or self.error is not None:
            # One event, or a disk already in trouble: one at a time, as always.
            if self.flush() and syncs:
                self.sync()
            return
        try:
            self.store.append_many(self.session_id, list(self.pending))
        except StoreError as exc:
            self.error = exc
            return
        except sqlite3.DatabaseError as exc:
            self.error = StoreError("err.store_corrupt", path=self.store.path, reason=str(exc))
            return
        self.written += len(self.pending)
        self.pending.clear()
        self.error = None
        if syncs:
            self.sync()

    def flush(self) -> bool:
        """Write what is waiting, in order; True when nothing is left waiting."""
        with self._disk:
            return self._flush()

    def _flush(self) -> bool:
        if self.store.lost:
            # Writing on would reach a file nobody can open: keep it all for the rescue.
            self.error = StoreError("err.store_lost", path=self.store.path)
            return False
        while self.pending:
            try:
                self.store.append(self.session_id, self.pending[0])
            except StoreError as exc:
                self.error = exc
                return False
            except sqlite3.DatabaseError as exc:
                # A damaged database mid-meeting: keep the event and say so, like a full disk.
                self.error = StoreError("err.store_corrupt", path=self.store.path, reason=str(exc))
                return False
            self.pending.popleft()
            self.written += 1
        self.error = None
        return True

    def sync(self) -> bool:
        """Checkpoint into the database file and check the files under it; True when all is well."""
        with self._disk:
            return self._sync()

    def _sync(self) -> bool:
        try:
            self.store.sync()
        except StoreError as exc:
            self.error = exc
            return False
        except sqlite3.DatabaseError as exc:
            self.error = StoreError("err.store_corrupt", path=self.store.path, reason=str(exc))
            return False
        return True

    def finish(self, session: Session) -> bool:
        """At the end: everything written, in the file, and read back by a fresh connection.

        False means the meeting is not (all) in the database file and must be
        rescued; :attr:`Store.lost` says whether the file itself went away.
        """
        with self._disk:  # the leader left during a phones' commit: what waited for it
            if self._skipped is not None:
                self._checkpoint(self._skipped)
            if self._draft is not None:
                self.save_draft(self._draft)
        if not (self.flush() and self.sync()):
            return False
        self.store.close()
        if self.store.verify(self.session_id, [e.type for e in session.events]):
            return True
        self.store.lost = True
        return False

    def save_draft(self, text: str) -> None:
        """Save the text being typed (best effort, like the checkpoint).

        While a commit is in its thread the text waits for it: a key must
        not wait for the disk.
        """
        if not self._disk.acquire(blocking=False):
            self._draft = text
            return
        try:
            self._draft = None
            self.store.save_draft(self.session_id, text)
        except StoreError as exc:
            self.error = exc
        finally:
            self._disk.release()

    def checkpoint(self, session: Session) -> None:
        """Save where the running timers stand (best effort: events come first).

        While a commit is in its thread, made when it is done: a key (or the
        timer's tick) must not wait for the disk.
        """
        if not self._disk.acquire(blocking=False):
            self._skipped = session
            return
        try:
            self._skipped = None
            self._checkpoint(session)
        finally:
            self._disk.release()

    def _checkpoint(self, session: Session) -> None:
        if not self.flush():
            return
        try:
            self.store.checkpoint(self.session_id, session)
        except StoreError as exc:
            self.error = exc
            return
        if not self.store.files_intact():
            self.sync()
