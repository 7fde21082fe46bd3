"""Persistence in the data folder: the only code that writes it.

The session database (:mod:`kollegial.store.db`) and the cache of validated
protocols (:mod:`kollegial.store.cache`). Names are imported on first use, so
``kollegial list`` can use the cache without loading the database code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kollegial.store.db import SessionLock, Store, StoreError
    from kollegial.store.summaries import SessionInfo

__all__ = ["SessionInfo", "SessionLock", "Store", "StoreError"]


def __getattr__(name: str) -> Any:
    if name == "SessionInfo":  # without the rest of the store (kollegial.store.summaries)
        from kollegial.store import summaries

        return summaries.SessionInfo
    if name in __all__:
        from kollegial.store import db

        return getattr(db, name)
    raise AttributeError(name)
