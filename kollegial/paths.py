"""Where kollegial keeps its data: one function, so every part agrees."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The data folder: ``$KOLLEGIAL_HOME`` when set, else the platform's user data dir."""
    env = os.environ if environ is None else environ
    home = env.get("KOLLEGIAL_HOME", "").strip()
    if home:
        return Path(home).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("kollegial", appauthor=False))


def user_protocols_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The user's own protocol folder."""
    return data_dir(environ) / "protocols"
