"""The data folder's permissions: private when kollegial makes it, left alone when it exists.

kollegial never widens or narrows a folder it did not create (a shared folder
stays shared, a read-only one read-only); instead it refuses one that others
can write to, where anyone could replace the meetings or plant a cache entry.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def make_private(path: Path) -> None:
    """Create ``path`` and its missing parents, each 0700; an existing folder is left as it is.

    Raises:
        OSError: a folder cannot be created.
    """
    missing = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made by someone else meanwhile: theirs, checked, never changed
        folder.chmod(0o700)  # ours: 0700 whatever the umask


def writable_by_others(path: Path) -> bool:
    """Whether a group or everyone may write in the folder ``path``.

    A sticky folder that the user owns counts as theirs: others may add files
    to it but not replace or remove the user's.

    Raises:
        OSError: the folder cannot be looked at.
    """
    st = path.stat()
    if not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not (st.st_mode & stat.S_ISVTX and st.st_uid == os.geteuid())
