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

import contextlib
import sqlite3
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

    def __call__(self, event: ev.Event) -> None:
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

    @contextlib.contextmanager
    def together(self) -> Iterator[None]:
        """:meth:`hold` for the block, then :meth:`release`."""
        self.hold()
        try:
            yield
        finally:
            self.release()

    def _commit_held(self) -> None:
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
        self.pending.clear()
        self.error = None
        if syncs:
            self.sync()

    def flush(self) -> bool:
        """Write what is waiting, in order; True when nothing is left waiting."""
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
        self.error = None
        return True

    def sync(self) -> bool:
        """Checkpoint into the database file and check the files under it; True when all is well."""
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
        if not (self.flush() and self.sync()):
            return False
        self.store.close()
        if self.store.verify(self.session_id, [e.type for e in session.events]):
            return True
        self.store.lost = True
        return False

    def save_draft(self, text: str) -> None:
        """Save the text being typed (best effort, like the checkpoint)."""
        try:
            self.store.save_draft(self.session_id, text)
        except StoreError as exc:
            self.error = exc

    def checkpoint(self, session: Session) -> None:
        """Save where the running timers stand (best effort: events come first)."""
        if not self.flush():
            return
        try:
            self.store.checkpoint(self.session_id, session)
        except StoreError as exc:
            self.error = exc
            return
        if not self.store.files_intact():
            self.sync()
