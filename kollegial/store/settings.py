"""Small preferences remembered between meetings (the last theme)."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from kollegial.paths import data_dir

FILE = "settings.json"


def _path() -> Path:
    return data_dir() / FILE


def load() -> dict[str, Any]:
    """The saved settings; an unreadable or broken file counts as none."""
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(**changes: Any) -> None:
    """Merge ``changes`` into the settings file (0600). Failing to save a preference is silent:
    it must never interrupt a meeting."""
    data = load() | changes
    path = _path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
