"""Persistence of sessions in SQLite: the only code that writes the data folder."""

from kollegial.store.db import SessionInfo, SessionLock, Store, StoreError

__all__ = ["SessionInfo", "SessionLock", "Store", "StoreError"]
