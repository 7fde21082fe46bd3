"""Small preferences remembered between meetings (the last theme)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from kollegial.files import write_atomic
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
        # Atomic: a crash while saving leaves the old settings, not half a file.
        write_atomic(path, json.dumps(data).encode())
