"""Print a pip constraints file pinning every runtime dependency to its declared floor.

    python .ci/floors.py > floors.txt
    pip install -c floors.txt -e '.[test]'

``name>=X`` in pyproject.toml's [project] dependencies becomes ``name==X``, so CI
installs exactly the lowest versions the project says it works with and runs
the smoke tests on them (issue 15: the floors must be true, not guessed).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_FLOOR = re.compile(r"^\s*([A-Za-z0-9._-]+)(\[[^\]]*\])?\s*(?:[^,]*,)*?\s*>=\s*([^,;\s]+)")


def floors(pyproject: Path = PYPROJECT) -> dict[str, str]:
    """Each runtime dependency with a ``>=`` floor: name → floor version."""
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    out = {}
    for requirement in dependencies:
        match = _FLOOR.match(requirement)
        if match is None:
            raise SystemExit(f"no >= floor in {requirement!r}: every runtime dependency needs one")
        out[match.group(1)] = match.group(3)
    return out


def main() -> int:
    for name, version in floors().items():
        print(f"{name}=={version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
