"""Writing files privately and never half-written: the one place that does it.

Shared by the views and the screen (the exports a user asks for) and the
store (the protocol cache, the settings). It imports nothing of theirs.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from kollegial.errors import KollegialError
from kollegial.i18n import t


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path``, readable by the user only (0600), never half-written.

    The bytes go to a temporary file beside the target, which then replaces
    it, so an interrupted write leaves the old file or the new one. With
    ``durable`` the bytes are on the disk before the replace (fsync); a file
    that can be made again (a cache entry) may skip that.

    Raises:
        OSError: the file cannot be written; no temporary file is left behind.
    """
    import tempfile  # a few ms that only writing needs, not every command

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_private(path: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8) or bytes to ``path`` readable by the user only (0600), atomically.

    For the files a user asks for (exports): see :func:`write_atomic`.

    Raises:
        KollegialError: the file cannot be written, with the reason.
    """
    path = expand(path)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        # Replacing a link, a device or a pipe with a file is never what was meant.
        raise KollegialError("err.write_failed", path=path, reason=t("err.not_a_file"))
    try:
        write_atomic(path, text.encode("utf-8") if isinstance(text, str) else text)
    except OSError as exc:
        raise KollegialError(
            "err.write_failed", path=path, reason=exc.strerror or str(exc)
        ) from None


def write_or_print(data: str | bytes, output: Path | None) -> None:
    """An export or a report into ``output`` (readable by the user only), or to stdout.

    Bytes (a workbook) go to stdout as they are. Text on a terminal is read,
    not stored: names and notes must not steer it (CSV keeps controls as
    typed, JSON keeps C1 ones), so it is made safe there; piped, it is exact.
    """
    import sys

    if output is not None:
        write_private(output, data)
    elif isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        from kollegial.display import safe

        sys.stdout.write(safe(data) if sys.stdout.isatty() else data)


def expand(path: Path) -> Path:
    """``~`` expanded where it can be; a path naming no known user stays as written."""
    try:
        return path.expanduser()
    except RuntimeError:
        return path


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or with ``-2``, ``-3`` ... when that exists: never overwrite."""
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate
