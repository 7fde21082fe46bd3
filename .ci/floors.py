"""Print a pip constraints file pinning every runtime dependency to its declared floor.

    python .ci/floors.py > floors.txt
    pip install -c floors.txt -e . $(python .ci/floors.py --runner)

``name>=X`` in pyproject.toml's [project] dependencies becomes ``name==X``, so CI
installs exactly the lowest versions the project says it works with and runs
the smoke tests on them (issue 15: the floors must be true, not guessed).

``--runner`` prints instead what the smoke tests need to run, as the ``test``
extra declares it: pytest and the two plugins pyproject's pytest options name
(pytest-xdist for ``-n auto``, pytest-asyncio for ``asyncio_mode``). The rest of
``.[test]`` (the browser driver, pandas, mypy, ...) serves other tests and
would only lengthen CI.
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


RUNNER = ("pytest", "pytest-xdist", "pytest-asyncio")


def runner(pyproject: Path = PYPROJECT) -> list[str]:
    """The ``test`` extra's requirements for pytest and its plugins in RUNNER."""
    extra = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]["test"]
    named = {re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0].lower(): r for r in extra}
    missing = [name for name in RUNNER if name not in named]
    if missing:
        raise SystemExit(f"not in the test extra: {', '.join(missing)}")
    return [named[name] for name in RUNNER]


def main(argv: list[str]) -> int:
    if argv == ["--runner"]:
        print(" ".join(runner()))
        return 0
    for name, version in floors().items():
        print(f"{name}=={version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
