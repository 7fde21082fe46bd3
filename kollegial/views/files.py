"""Writing the files a user asks for (exports), privately and never half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from kollegial.errors import KollegialError
from kollegial.i18n import t


def write_private(path: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8) or bytes to ``path`` readable by the user only (0600), atomically.

    The text goes to a temporary file beside the target, which then replaces
    it, so an interrupted write never leaves half a file.

    Raises:
        KollegialError: the file cannot be written, with the reason.
    """
    path = expand(path)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        # Replacing a link, a device or a pipe with a file is never what was meant.
        raise KollegialError("err.write_failed", path=path, reason=t("err.not_a_file"))
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise KollegialError(
            "err.write_failed", path=path, reason=exc.strerror or str(exc)
        ) from None
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise KollegialError(
            "err.write_failed", path=path, reason=exc.strerror or str(exc)
        ) from None


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
