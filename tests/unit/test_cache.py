"""The cache of validated protocols: always what the file validates to now, and private."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kollegial.errors import ProtocolInvalidError
from kollegial.protocols.discovery import bundled_dir, discover, load, resolve
from kollegial.protocols.loader import load_protocol
from kollegial.protocols.model import Protocol, from_data, to_data
from kollegial.store.cache import UNUSED_DAYS, ProtocolCache
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


def _many(folder: Path, count: int) -> Path:
    """``count`` distinct valid protocol files, each with its own id and title."""
    folder.mkdir()
    text = (bundled_dir() / "observationssamtal.yaml").read_text(encoding="utf-8")
    for n in range(count):
        title = f"title: Fil {n:04d}\n"
        (folder / f"p{n:04d}.yaml").write_text(re.sub(r"(?m)^title: .*\n", title, text, count=1))
    return folder


def _state(home: Path) -> dict[str, tuple[int, int]]:
    """Every file in the cache folder, with its inode and modification time."""
    folder = home / "cache" / "protocols"
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.mark.slow
def test_a_warm_list_of_many_files_validates_and_writes_nothing(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 21: with more files than the old 256-entry limit, the second ``list`` only reads.

    Validations are counted on the real loader; writes by the cache folder's
    files (any rewrite changes an inode or a time, any new entry a name).
    """
    from kollegial.protocols import loader

    folder = _many(tmp_path / "many", 300)
    env = {"KOLLEGIAL_PATH": str(folder), "KOLLEGIAL_HOME": str(home)}
    validated: list[Path] = []
    real = loader.load_bytes

    def counting(content: bytes, path: Path) -> Protocol:
        validated.append(path)
        return real(content, path)

    monkeypatch.setattr(loader, "load_bytes", counting)
    first = discover(env, cache=ProtocolCache(home))
    assert len(validated) == len(first) == 300 + len(BUNDLED)
    before = _state(home)
    assert len([n for n in before if n.endswith(".json")]) == 300 + len(BUNDLED)

    validated.clear()
    second = discover(env, cache=ProtocolCache(home))
    assert validated == []
    assert [f.protocol for f in second] == [f.protocol for f in first]
    assert _state(home) == before

    edited = folder / "p0150.yaml"
    edited.write_text(edited.read_text().replace("Fil 0150", "Ändrad"), encoding="utf-8")
    third = discover(env, cache=ProtocolCache(home))
    assert validated == [edited]
    assert any(f.protocol is not None and f.protocol.title == "Ändrad" for f in third)
    added = set(_state(home)) - set(before)
    assert len([n for n in added if n.endswith(".json")]) == 1


def test_unused_entries_are_pruned_by_age_at_most_once_a_day(home: Path) -> None:
    """Entries unread for UNUSED_DAYS go on the next write; read ones stay, whatever the count."""
    cache = ProtocolCache(home)
    protocol = load_protocol(bundled_dir() / "observationssamtal.yaml")
    folder = home / "cache" / "protocols"
    old = time.time() - (UNUSED_DAYS + 1) * 86_400
    for key in ("unused", "read"):
        cache.put(key, protocol)
        os.utime(folder / f"{key}.json", (old, old))
    (folder / ".pruned").unlink()  # as if the last pruning was long ago
    assert ProtocolCache(home).get("read") == protocol  # reading refreshes its time
    ProtocolCache(home).put("new", protocol)
    assert {p.stem for p in entries(home)} == {"read", "new"}

    os.utime(folder / "read.json", (old, old))  # pruned today already: left for tomorrow
    ProtocolCache(home).put("newer", protocol)
    assert {p.stem for p in entries(home)} == {"read", "new", "newer"}


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
