"""The data folder's permissions (issue 16, item 7): kollegial narrows only what it creates,
never touches a folder that exists, and refuses one that others can write to."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kollegial.session.clock import FakeClock
from kollegial.store import Store, StoreError
from kollegial.store.cache import ProtocolCache
from tests.conftest import DATA, Result


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_and_its_files_are_private(tmp_path: Path) -> None:
    """Missing folders (parents too) are made 0700 and the database 0600, whatever the umask."""
    home = tmp_path / "a" / "b"
    old = os.umask(0)
    try:
        store = Store(home)
        store.conn.execute("SELECT 1")
        store.close()
    finally:
        os.umask(old)
    assert (mode(tmp_path / "a"), mode(home), mode(home / "kollegial.db")) == (0o700,) * 2 + (
        0o600,
    )


@pytest.mark.parametrize("folder_mode", [0o755, 0o700, 0o500, 0o1777])
def test_an_existing_data_folder_is_left_as_it_is(
    tmp_path: Path, cli: object, folder_mode: int
) -> None:
    """A folder the user made (shared and sticky, read-only, open for reading) is never chmod'ed."""
    home = tmp_path / "home"
    Store(home).conn.close()  # a database in it
    (home / "kollegial.db").chmod(0o640)
    home.chmod(folder_mode)
    os.environ["KOLLEGIAL_HOME"] = str(home)
    try:
        result: Result = cli("sessions")  # type: ignore[operator]
    finally:
        home.chmod(0o700)
    assert result.code == 0, result.err
    home.chmod(folder_mode)
    try:
        store = Store(home)
        store.sessions()
        store.close()
        assert mode(home) == folder_mode
        assert mode(home / "kollegial.db") == 0o640
    finally:
        home.chmod(0o700)


@pytest.mark.parametrize("folder_mode", [0o777, 0o775, 0o770, 0o757])
def test_a_folder_others_can_write_is_refused(
    isolated: Path, cli: object, folder_mode: int
) -> None:
    """Group- or world-writable: a clear message in Swedish and English, exit 1, mode unchanged."""
    isolated.mkdir()
    isolated.chmod(folder_mode)
    for lang, words in (("sv", "kan skrivas av andra"), ("en", "can be written by others")):
        golden = str(DATA / "golden" / "triangulering.json")
        result: Result = cli("--lang", lang, "import", golden)  # type: ignore[operator]
        assert result.code == 1
        assert words in result.err and str(isolated) in result.err and "Traceback" not in result.err
    with pytest.raises(StoreError) as caught:
        Store().create(_protocol(), FakeClock())
    assert caught.value.key == "err.store_shared"
    assert mode(isolated) == folder_mode
    assert not (isolated / "kollegial.db").exists()


def test_a_sticky_folder_of_someone_else_is_refused(tmp_path: Path) -> None:
    """1777 owned by another user (/tmp-like): others may put files there, so it is refused."""
    home = tmp_path / "delad"
    home.mkdir()
    home.chmod(0o1777)
    if os.geteuid() == 0:
        os.chown(home, 65534, -1)
    else:
        pytest.skip("needs root to give the folder to another user")
    with pytest.raises(StoreError) as caught:
        Store(home).conn  # noqa: B018
    assert caught.value.key == "err.store_shared"
    assert mode(home) == 0o1777


def test_the_cache_is_not_believed_in_a_folder_others_can_write(tmp_path: Path) -> None:
    """A planted cache entry in a shared folder decides nothing: the file is validated itself."""
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o777)
    cache = ProtocolCache(home)
    assert not cache.trusted
    cache.put("k", _protocol())
    assert not (home / "cache").exists()
    assert cache.get("k") is None


def _protocol():  # type: ignore[no-untyped-def]
    from kollegial.protocols.discovery import resolve

    return resolve("triangulering")


def test_a_settings_save_that_fails_half_way_keeps_the_old_settings() -> None:
    """Settings are written whole or not at all (the same atomic write as the exports):
    a save that fails while writing (here a value JSON cannot hold) leaves the old file."""
    from kollegial.paths import data_dir
    from kollegial.store import settings

    settings.save(theme="kollegial-light")
    with pytest.raises(TypeError):
        settings.save(theme=object())
    assert settings.load() == {"theme": "kollegial-light"}
    assert mode(data_dir() / settings.FILE) == 0o600
    assert [p.name for p in data_dir().iterdir()] == [settings.FILE]  # no temporary file left
