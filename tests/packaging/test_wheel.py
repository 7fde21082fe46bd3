"""The wheel carries the bundled protocols and its command works away from the source tree."""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("kollegial-*.whl")
    return path


@pytest.mark.slow
def test_wheel_contains_every_bundled_protocol(wheel: Path) -> None:
    """Each file in protocols/ is in the wheel under kollegial/bundled/."""
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"kollegial/bundled/{p.name}" for p in (ROOT / "protocols").glob("*.yaml")}
    assert expected and expected <= names


SCHEMA_COMMENT = "# yaml-language-server: $schema="


def schema_refs(folder: str, names: set[str], read: Callable[[str], str]) -> dict[str, str]:
    """Each protocol in ``folder``: where its ``$schema`` comment points, resolved."""
    refs = {}
    for name in sorted(n for n in names if n.startswith(folder) and n.endswith(".yaml")):
        first = read(name).splitlines()[0]
        assert first.startswith(SCHEMA_COMMENT), name
        target = posixpath.normpath(posixpath.join(folder, first[len(SCHEMA_COMMENT) :]))
        refs[name] = target
    return refs


def test_every_schema_comment_resolves_in_the_source_tree() -> None:
    """protocols/*.yaml point at a schema that exists, and is the current one."""
    names = {f"protocols/{p.name}" for p in (ROOT / "protocols").glob("*.yaml")}
    refs = schema_refs("protocols", names, lambda n: (ROOT / n).read_text(encoding="utf-8"))
    assert refs
    for target in set(refs.values()):
        assert (ROOT / target).is_file(), target


@pytest.mark.slow
def test_every_schema_comment_resolves_in_the_wheel(wheel: Path) -> None:
    """Issue 15: installed, the bundled protocols' `$schema` comments find the schema too."""
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    refs = schema_refs("kollegial/bundled", names, lambda n: archive.read(n).decode("utf-8"))
    assert refs
    for name, target in refs.items():
        assert target in names, f"{name} points at {target}, which the wheel lacks"
    (target,) = set(refs.values())
    assert archive.read(target) == (ROOT / "docs" / "protocol.schema.json").read_bytes()


@pytest.mark.slow
def test_installed_wheel_lists_and_validates(wheel: Path, tmp_path: Path) -> None:
    """Installed from the wheel (not the source tree), list and validate see both protocols."""
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "KOLLEGIAL_HOME": str(tmp_path / "home")}
    env.pop("KOLLEGIAL_PATH", None)

    def python(code: str, *args: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def kollegial(*args: str) -> str:
        return python("from kollegial.cli import main; main()", *args)

    bundled = python(
        "from kollegial.protocols.discovery import bundled_dir; print(bundled_dir())"
    ).strip()
    assert Path(bundled).is_relative_to(target)
    listing = kollegial("list")
    assert "observationssamtal" in listing and "triangulering" in listing
    assert kollegial("validate", bundled).count("OK ") == len(
        list((ROOT / "protocols").glob("*.yaml"))
    )
    assert "Planerad tid: 50 minuter" in kollegial("show", "triangulering")
