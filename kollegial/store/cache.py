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
import zlib
from pathlib import Path
from typing import Any

from kollegial import __version__
from kollegial.paths import data_dir
from kollegial.protocols.model import Protocol, from_data, to_data
from kollegial.store.folders import make_private, writable_by_others

FORMAT = "2"
KEEP = 256
"""Entries kept; the oldest go first when there are more (each is a few kilobytes)."""

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
            return from_data(json.loads(path.read_bytes()))
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
            tmp = self.folder / f".{key}.{os.getpid()}.tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(_compact(to_data(protocol)), handle, ensure_ascii=False)
            os.replace(tmp, self.folder / f"{key}.json")
            self._prune()

    def _prune(self) -> None:
        entries = list(self.folder.glob("*.json"))
        if len(entries) <= KEEP:
            return
        entries.sort(key=lambda p: p.stat().st_mtime_ns)
        for old in entries[: len(entries) - KEEP]:
            with contextlib.suppress(OSError):
                old.unlink()
