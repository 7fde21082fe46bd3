"""The meeting's line to the disk: every event saved as it happens, never dropped.

When the disk fails mid-meeting (a full disk, a pulled USB stick), events wait
in memory in order and are written as soon as writing works again; the meeting
goes on and the screen says what happened.
"""

from __future__ import annotations

import sqlite3
from collections import deque

from kollegial.session import events as ev
from kollegial.session.session import Session
from kollegial.store.db import Store, StoreError


class Journal:
    """Appends a session's events to the store, keeping them while it cannot."""

    def __init__(self, store: Store, session_id: int) -> None:
        self.store = store
        self.session_id = session_id
        self.pending: deque[ev.Event] = deque()
        self.error: StoreError | None = None

    def __call__(self, event: ev.Event) -> None:
        self.pending.append(event)
        self.flush()

    def flush(self) -> bool:
        """Write what is waiting, in order; True when nothing is left waiting."""
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
