"""The one way kollegial reads a file someone else may have put there.

Protocol folders, ratings folders and imports live in shared places: a network
drive, a synced folder, a USB stick. A name there may be a FIFO (opening it for
reading waits for a writer, forever), a link to ``/dev/zero`` (``st_size`` 0,
endless data) or a file far too big. So: open without blocking, read only
regular files, and never read more than the cap plus one byte, whatever
``st_size`` says.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_CHUNK = 1 << 16


class FileRefused(Exception):
    """A file not read, with a catalog key (and its parameters) saying why."""

    def __init__(self, path: Path, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.path = path
        self.key = key
        self.params = params


def read_bytes(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of the regular file at ``path``.

    Raises:
        FileRefused: a folder (``err.file_is_dir``), anything but a regular file
            (``err.file_not_regular``), or more than ``limit`` bytes
            (``err.file_too_big``, with ``size`` and ``limit``).
        OSError: the file cannot be opened or read.
    """
    # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise FileRefused(path, "err.file_is_dir") from None
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise FileRefused(path, "err.file_is_dir")
        if not stat.S_ISREG(mode):
            raise FileRefused(path, "err.file_not_regular")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileRefused(path, "err.file_too_big", size=max(total, info.st_size), limit=limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular(path: Path) -> bool:
    """A regular file (following links), without opening it."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False
