"""The cache of validated protocols: always what the file validates to now, and private."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kollegial.errors import ProtocolInvalidError
from kollegial.protocols.discovery import bundled_dir, load, resolve
from kollegial.protocols.loader import load_protocol
from kollegial.protocols.model import from_data, to_data
from kollegial.store.cache import KEEP, ProtocolCache
from tests.conftest import ROOT

BUNDLED = sorted(bundled_dir().glob("*.yaml"))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def entries(home: Path) -> list[Path]:
    return sorted((home / "cache" / "protocols").glob("*.json"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_plain_data_round_trip_is_exact(path: Path) -> None:
    """Every bundled protocol comes back from its plain data equal, field by field."""
    protocol = load_protocol(path)
    data = json.loads(json.dumps(to_data(protocol)))  # as the cache and the database keep it
    assert from_data(data) == protocol


def test_second_load_comes_from_the_cache(home: Path) -> None:
    """The first load validates and stores; the second returns the stored protocol."""
    cache = ProtocolCache(home)
    path = bundled_dir() / "triangulering.yaml"
    first = load(path, cache)
    assert len(entries(home)) == 1
    key = cache.key(path.read_bytes(), "triangulering")
    assert cache.get(key) == first
    assert load(path, cache) == first
    assert len(entries(home)) == 1


def test_a_changed_file_is_validated_again(home: Path, tmp_path: Path) -> None:
    """An edit is a different key: a file made invalid is reported, never served stale."""
    path = tmp_path / "mitt.yaml"
    text = (bundled_dir() / "observationssamtal.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    cache = ProtocolCache(home)
    assert load(path, cache).id == "mitt"
    path.write_text(text.replace("minutes: 10", "minuts: 10", 1), encoding="utf-8")
    with pytest.raises(ProtocolInvalidError) as caught:
        load(path, cache)
    assert caught.value.problems[0].key == "err.unknown_key"


def test_the_file_name_is_part_of_the_key(home: Path, tmp_path: Path) -> None:
    """The same content under another name has another default id."""
    text = (bundled_dir() / "observationssamtal.yaml").read_bytes()
    (tmp_path / "a.yaml").write_bytes(text)
    (tmp_path / "b.yaml").write_bytes(text)
    cache = ProtocolCache(home)
    assert load(tmp_path / "a.yaml", cache).id == "a"
    assert load(tmp_path / "b.yaml", cache).id == "b"


def test_a_damaged_entry_is_replaced(home: Path) -> None:
    """A cache file that does not read back is validated again and written anew."""
    cache = ProtocolCache(home)
    path = bundled_dir() / "triangulering.yaml"
    good = load(path, cache)
    (entry,) = entries(home)
    entry.write_text('{"title": "x"}', encoding="utf-8")  # valid JSON, not a protocol
    assert load(path, cache) == good
    assert json.loads(entry.read_text(encoding="utf-8"))["id"] == "triangulering"


def test_entries_are_private(home: Path) -> None:
    """The cache folder is 0700 and its files 0600, like the rest of the data folder."""
    load(bundled_dir() / "triangulering.yaml", ProtocolCache(home))
    (entry,) = entries(home)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    for folder in (home / "cache", home / "cache" / "protocols"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not list((home / "cache" / "protocols").glob(".*.tmp"))


def test_a_missing_data_folder_is_made_private(tmp_path: Path) -> None:
    """The first cached protocol makes the data folder, 0700 like the store makes it."""
    home = tmp_path / "missing"
    protocol = load(bundled_dir() / "triangulering.yaml", ProtocolCache(home))
    assert protocol.id == "triangulering"
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert len(entries(home)) == 1


def test_an_unwritable_cache_is_only_slower(home: Path) -> None:
    """A cache that cannot be written does not stop the protocol from loading."""
    (home / "cache").write_text("a file where the folder should be", encoding="utf-8")
    assert load(bundled_dir() / "triangulering.yaml", ProtocolCache(home)).id == "triangulering"


@pytest.mark.slow
def test_old_entries_are_pruned(home: Path, tmp_path: Path) -> None:
    """At most KEEP entries stay; the oldest go first."""
    cache = ProtocolCache(home)
    protocol = load_protocol(bundled_dir() / "observationssamtal.yaml")
    for n in range(KEEP + 3):
        cache.put(f"k{n:04d}", protocol)
        os.utime(home / "cache" / "protocols" / f"k{n:04d}.json", ns=(n * 10**9, n * 10**9))
    cache.put("last", protocol)
    names = {p.stem for p in entries(home)}
    assert len(names) == KEEP and "last" in names and "k0000" not in names


def test_a_cached_run_needs_neither_yaml_nor_pydantic(home: Path) -> None:
    """Issue 7: with the cache warm, resolving a protocol imports no PyYAML and no pydantic."""
    resolve("triangulering", cache=ProtocolCache(home))
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kollegial.protocols.discovery import resolve\n"
        "from kollegial.store.cache import ProtocolCache\n"
        f"p = resolve('triangulering', cache=ProtocolCache(Path({str(home)!r})))\n"
        "print(p.id, len(p.groups), 'yaml' in sys.modules, 'pydantic' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    assert out == ["triangulering", "3", "False", "False"]


def test_entries_leave_out_defaults_but_keep_zeros(home: Path, tmp_path: Path) -> None:
    """Entries omit None and False (read back as defaults) but keep a scale starting at 0."""
    path = tmp_path / "noll.yaml"
    path.write_text(
        "title: Noll\nscale: {min: 0, max: 3}\n"
        "groups: [{id: g, title: G, statements: [Ett]}]\n"
        "steps: [{title: Värdera, mode: rate, minutes: 5}]\n",
        encoding="utf-8",
    )
    cache = ProtocolCache(home)
    first = load(path, cache)
    (entry,) = entries(home)
    text = entry.read_text(encoding="utf-8")
    assert "null" not in text and "false" not in text
    again = load(path, cache)
    assert again == first and again.scale.min == 0
