"""Validated protocols by content, so ``run`` and ``list`` need neither YAML nor pydantic.

A protocol file is validated once; the result is kept as JSON under a key made
of the file's bytes, the id its name gives, and the validating code. Any change
to one of these is a different key, so a cached protocol is always the one the
file would validate to now. The cache is a convenience: when it cannot be read
or written, kollegial validates the file as if it were not there. It holds the
contents of protocol files only, never anything about a meeting.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import zlib
from pathlib import Path
from typing import Any

from kollegial import __version__
from kollegial.files import write_atomic
from kollegial.paths import data_dir
from kollegial.protocols.model import Protocol, from_data, to_data
from kollegial.store.folders import make_private, writable_by_others

FORMAT = "2"
UNUSED_DAYS = 90
"""An entry no ``list`` or ``run`` has read for this long goes (each is a few kilobytes).

Never a count: with a limit below the number of protocol files, every ``list``
evicted entries it was about to read and validated them again (at
1,000 files a warm ``list`` took 57× ``--help``). An entry is unused when its
file was edited (the key changed) or removed, or its folder left the search path.
"""
_DAY = 86_400
_MARK = ".pruned"
"""Its time says when entries were last pruned: at most once a day, on a write."""

_CODE = ("model.py", "spec.py", "checks.py", "loader.py")


def _code_fingerprint() -> str:
    """The validating code's identity: the version, and its files' times for a source checkout."""
    here = Path(__file__).resolve().parent.parent / "protocols"
    parts = [FORMAT, __version__]
    for name in _CODE:
        with contextlib.suppress(OSError):
            parts.append(str((here / name).stat().st_mtime_ns))
    return "\0".join(parts)


def _compact(value: Any) -> Any:
    """``value`` without the keys that hold None or False, the defaults of every optional key.

    A step has some twenty keys and uses a few; the entry reads back faster
    without the rest, and :func:`from_data` fills the defaults in again.
    (Identity, not equality: a scale's ``min: 0`` stays.)
    """
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v is not None and v is not False}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


class ProtocolCache:
    """The folder ``cache/protocols`` in the data folder (0700, files 0600)."""

    def __init__(self, home: Path | None = None) -> None:
        self.home = home or data_dir()
        self.folder = self.home / "cache" / "protocols"
        self._code = _code_fingerprint()
        self._trusted: bool | None = None
        self._pruned = False

    @property
    def trusted(self) -> bool:
        """Whether the data folder is the user's alone: in one others can write, no entry is
        believed and none written."""
        if self._trusted is None:
            try:
                self._trusted = not writable_by_others(self.home)
            except FileNotFoundError:
                self._trusted = True  # put() makes it, private
            except OSError:
                self._trusted = False
        return self._trusted

    def key(self, content: bytes, default_id: str) -> str:
        """The entry's name: the length and two checksums of what decides the result.

        Checksums, not a cryptographic hash: the key tells edits apart, and
        anyone who could forge a collision could edit the protocol file itself.
        (hashlib's import alone was a sixth of ``list``'s own time.)
        """
        data = f"{self._code}\0{default_id}\0".encode() + content
        return f"{len(data):x}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}"

    def get(self, key: str) -> Protocol | None:
        if not self.trusted:
            return None
        path = self.folder / f"{key}.json"
        try:
            with open(path, "rb") as handle:
                data = handle.read()
                used = os.fstat(handle.fileno()).st_mtime
            if used < time.time() - _DAY:
                # In use: its time moves on, at most once a day, so pruning keeps it.
                with contextlib.suppress(OSError):
                    os.utime(path)
            return from_data(json.loads(data))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            with contextlib.suppress(OSError):
                path.unlink()  # damaged: validate again and write it anew
            return None

    def put(self, key: str, protocol: Protocol) -> None:
        if not self.trusted:
            return
        with contextlib.suppress(OSError):
            make_private(self.folder)
            data = json.dumps(_compact(to_data(protocol)), ensure_ascii=False).encode()
            # Not durable: an entry a crash loses is only validated again.
            write_atomic(self.folder / f"{key}.json", data, durable=False)
            self._prune()

    def _prune(self) -> None:
        """Remove the entries unused for :data:`UNUSED_DAYS`: once a process, once a day at most.

        One look at the folder, not one per write: a cold ``list`` of 1,000
        files wrote 1,000 entries and listed the folder after each.
        """
        if self._pruned:
            return
        self._pruned = True
        mark = self.folder / _MARK
        now = time.time()
        try:
            if mark.stat().st_mtime > now - _DAY:
                return
        except FileNotFoundError:
            pass
        mark.touch(mode=0o600)
        os.utime(mark)
        unused_since = now - UNUSED_DAYS * _DAY
        for entry in os.scandir(self.folder):
            with contextlib.suppress(OSError):
                if entry.name.endswith(".json") and entry.stat().st_mtime < unused_since:
                    os.unlink(entry.path)
