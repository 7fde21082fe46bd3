"""Ratings files from `kollegial rate`: what is taken in, and why a file is refused."""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

import pytest

from kollegial.errors import KollegialError
from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session
from kollegial.session import ratingsfile as rf
from tests.conftest import DATA

FILES = DATA / "ratings"
PEOPLE = ["Anna", "Bo", "Cecilia", "David"]


@pytest.fixture
def tri() -> Session:
    return Session.start(resolve("triangulering"), PEOPLE, FakeClock())


def test_render_and_parse_round_trip() -> None:
    """A written file reads back with the protocol, fingerprint, name and every value."""
    protocol = resolve("triangulering")
    values = {st.id or "": 3 for g in protocol.groups for st in g.statement_list()}
    text = rf.render(protocol, "Åsa Ek", values, datetime(2026, 11, 24, 14, 5))
    back = rf.parse(text, Path("x.ratings.yaml"))
    assert (back.protocol_id, back.name, back.values) == ("triangulering", "Åsa Ek", values)
    assert back.fingerprint == rf.fingerprint(protocol)


def test_default_file_name() -> None:
    """<name>-<protocol id>.ratings.yaml, the name made safe for a file name."""
    assert (
        rf.default_name("Åsa Ek", resolve("triangulering")) == "asa-ek-triangulering.ratings.yaml"
    )


def test_a_good_file_is_imported_whole(tri: Session) -> None:
    """A valid file sets all eighteen of the person's ratings."""
    file = rf.read(FILES / "anna-triangulering.ratings.yaml")
    ok, problems = rf.check_batch([file], tri.protocol, tri.participants)
    assert problems == [] and ok == [file]
    tri.replace_ratings(file.name, file.values)
    assert tri.raters() == ["Anna"]


@pytest.mark.parametrize(
    ("name", "key", "fragment"),
    [
        ("other-protocol", "err.ratings_protocol", "gäller protokollet observationssamtal"),
        ("changed-statements", "err.ratings_changed", "påståendena har ändrats"),
        ("unknown-name", "err.ratings_unknown_name", "Zlatan är inte med i mötet"),
        ("off-scale", "err.rating_scale", "Värdet 7 ligger utanför skalan 1–4"),
        ("unknown-statement", "err.unknown_statement", "hittepa-1"),
        ("not-whole", "err.ratings_values", "inte heltal"),
        ("future-version", "err.ratings_version", "version 9"),
        ("no-name", "err.ratings_no_name", "saknar namn"),
        ("not-yaml", "err.ratings_not_yaml", "YAML"),
        ("not-ratings", "err.ratings_not_ratings", "ingen värderingsfil"),
    ],
)
def test_a_bad_file_is_refused_with_its_reason(
    tri: Session, name: str, key: str, fragment: str
) -> None:
    """Each kind of bad file gets its own message naming the file, and nothing is imported."""
    path = FILES / f"{name}.ratings.yaml"
    try:
        files = [rf.read(path)]
    except rf.RatingsFileError as exc:
        problems = [exc]
    else:
        _, problems = rf.check_batch(files, tri.protocol, tri.participants)
    assert [p.key for p in problems] == [key]
    message = problems[0].render()
    assert message.startswith(path.name) and fragment in message
    assert tri.ratings == {}


def test_two_files_with_the_same_name_are_both_refused(tri: Session) -> None:
    """David twice (any case) in one import: neither file is taken."""
    files = [rf.read(p) for p in sorted((FILES / "duplicates").glob("*.yaml"))]
    ok, problems = rf.check_batch(files, tri.protocol, tri.participants)
    assert ok == []
    assert [p.key for p in problems] == ["err.ratings_duplicate_name"] * 2


def test_replacing_ratings_clears_what_the_new_set_leaves_out(tri: Session) -> None:
    """A replacement is the person's whole new set: values it lacks are cleared."""
    tri.set_rating("Bo", "kvalitetsarbete-1", 2)
    tri.set_rating("Bo", "kvalitetsarbete-2", 2)
    tri.replace_ratings("Bo", {"kvalitetsarbete-2": 4})
    assert tri.ratings["Bo"] == {"kvalitetsarbete-2": 4}


def test_a_bad_value_leaves_the_old_ratings(tri: Session) -> None:
    """replace_ratings checks every value before it changes anything."""
    tri.set_rating("Bo", "kvalitetsarbete-1", 2)
    with pytest.raises(KollegialError):
        tri.replace_ratings("Bo", {"kvalitetsarbete-1": 3, "kvalitetsarbete-2": 9})
    assert tri.ratings["Bo"] == {"kvalitetsarbete-1": 2}


def test_english_messages() -> None:
    """The messages exist in English too."""
    problem = rf.RatingsFileError(Path("x.ratings.yaml"), "err.ratings_changed")
    assert "statements have changed" in problem.render("en")


# --- hostile files in a shared ratings folder (issue 16, item 2) ---


def _alarm(seconds: int):  # type: ignore[no-untyped-def]
    """Fail instead of hanging: a blocked open or an endless read raises TimeoutError."""
    import contextlib
    import signal

    @contextlib.contextmanager
    def guard():  # type: ignore[no-untyped-def]
        def expired(signum: int, frame: object) -> None:
            raise TimeoutError(f"still running after {seconds} s")

        previous = signal.signal(signal.SIGALRM, expired)
        signal.alarm(seconds)
        try:
            yield
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)

    return guard()


BILLION_LAUGHS = (
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
    "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
    "format: kollegial-ratings\nversion: 1\nname: Anna\nvalues: {}\nprotocol: *i\n"
)


def test_aliases_are_refused_before_anything_is_built(tmp_path: Path) -> None:
    """The 514-byte "billion laughs" that grew to 4.7 GB: refused at once, positioned."""
    import resource

    path = tmp_path / "x.ratings.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with _alarm(10), pytest.raises(rf.RatingsFileError) as exc:
        rf.read(path)
    assert exc.value.key == "err.ratings_not_yaml"
    assert "rad 1, kolumn 4" in exc.value.render()
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB


def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path: Path) -> None:
    """60,000 nested `[` (120 KB) killed the screen with RecursionError."""
    path = tmp_path / "x.ratings.yaml"
    path.write_text("values: " + "[" * 60_000 + "]" * 60_000 + "\n", encoding="utf-8")
    with pytest.raises(rf.RatingsFileError) as exc:
        rf.read(path)
    assert exc.value.key == "err.ratings_not_yaml"
    assert "nivåer" in exc.value.render()


def test_tags_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.ratings.yaml"
    path.write_text(
        "format: kollegial-ratings\nversion: 1\nname: !!python/name:os.system Anna\nvalues: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(rf.RatingsFileError) as exc:
        rf.read(path)
    assert exc.value.key == "err.ratings_not_yaml"


def test_a_fifo_is_not_opened_for_reading(tmp_path: Path) -> None:
    """A FIFO named x.ratings.yaml blocked the screen: now refused at once, by name."""
    import os

    path = tmp_path / "x.ratings.yaml"
    os.mkfifo(path)
    with _alarm(5), pytest.raises(rf.RatingsFileError) as exc:
        rf.read(path)
    assert exc.value.key == "err.file_not_regular"
    assert exc.value.render().startswith("x.ratings.yaml: ")


def test_a_link_to_dev_zero_is_not_read(tmp_path: Path) -> None:
    """st_size is 0 for a device, so the old cap let /dev/zero through to MemoryError."""
    path = tmp_path / "x.ratings.yaml"
    path.symlink_to("/dev/zero")
    with _alarm(5), pytest.raises(rf.RatingsFileError) as exc:
        rf.read(path)
    assert exc.value.key == "err.file_not_regular"


def test_the_size_cap_counts_bytes_read(tmp_path: Path) -> None:
    path = tmp_path / "x.ratings.yaml"
    path.write_bytes(b"#" * (rf.MAX_BYTES + 1))
    with pytest.raises(rf.RatingsFileError) as exc:
        rf.read(path)
    assert exc.value.key == "err.ratings_too_big"
    path.write_bytes(b"#" * (rf.MAX_BYTES - 1) + b"\n")
    with pytest.raises(rf.RatingsFileError) as exc:
        rf.read(path)
    assert exc.value.key == "err.ratings_not_ratings"  # read whole, just not a ratings file


def hostile_folder(tmp_path: Path) -> Path:
    """A shared folder with good files and every kind of bad one this module refuses."""
    import os
    import shutil

    folder = tmp_path / "shared"
    folder.mkdir()
    for name in ["anna-triangulering", "bo-triangulering", "other-protocol", "not-yaml"]:
        shutil.copy(FILES / f"{name}.ratings.yaml", folder)
    (folder / "laughs.ratings.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    deep = "values: " + "[" * 60_000 + "]" * 60_000 + "\n"
    (folder / "deep.ratings.yaml").write_text(deep, encoding="utf-8")
    tag = "format: kollegial-ratings\nversion: 1\nname: !!python/name:os.system A\n"
    (folder / "tag.ratings.yaml").write_text(tag, encoding="utf-8")
    os.mkfifo(folder / "fifo.ratings.yaml")
    (folder / "zero.ratings.yaml").symlink_to("/dev/zero")
    (folder / "big.ratings.yaml").write_bytes(b"#" * (rf.MAX_BYTES + 1))
    (folder / "latin1.ratings.yaml").write_bytes("name: Åsa\n".encode("latin-1"))
    (folder / "dir.ratings.yaml").mkdir()
    return folder


def test_many_files_are_parsed_in_a_child_process_with_the_same_outcome(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: parsing thousands of files in a thread of the meeting's process held
    the interpreter the screen needs. From ``child_from`` files on, a child process
    parses them, behind the same hardening, with the same files and messages."""
    folder = hostile_folder(tmp_path)
    here = rf.read_all(folder)
    assert here is not None
    parsed_here: list[Path] = []
    real_parse = rf.parse

    def parse(text: str, path: Path) -> rf.RatingsFile:
        parsed_here.append(path)
        return real_parse(text, path)

    monkeypatch.setattr(rf, "parse", parse)
    reports: list[tuple[int, int]] = []
    with _alarm(60):
        apart = rf.read_all(folder, progress=lambda *r: reports.append(r), child_from=1)
    assert apart is not None
    assert parsed_here == []  # not one file parsed in this process
    assert apart.files == here.files and [f.name for f in apart.files] == ["Anna", "Bo", "Cecilia"]
    assert [(p.path, p.key, p.params) for p in apart.problems] == [
        (p.path, p.key, p.params) for p in here.problems
    ]
    assert [p.render() for p in apart.problems] == [p.render() for p in here.problems]
    assert {p.key for p in apart.problems} >= {
        "err.ratings_not_yaml",
        "err.file_not_regular",
        "err.ratings_too_big",
        "err.read_failed",
        "err.file_is_dir",
    }
    assert apart.seen == here.seen
    assert reports and reports[-1] == (12, 12)


def reading_children() -> list[int]:
    """This process's children that read ratings files (Linux: /proc)."""
    import os

    pids = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        for pid in (task / "children").read_text().split():
            with contextlib.suppress(OSError):
                if b"ratingsfile" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    pids.append(int(pid))
    return pids


def test_a_cancelled_import_stops_its_child_process(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    text = (FILES / "anna-triangulering.ratings.yaml").read_text(encoding="utf-8")
    for i in range(400):
        (folder / f"p{i:03}.ratings.yaml").write_text(text, encoding="utf-8")
    reports: list[int] = []
    children: list[int] = []

    def progress(read: int, total: int) -> None:
        reports.append(read)
        children.extend(reading_children())

    batch = rf.read_all(folder, progress=progress, cancelled=lambda: bool(reports), child_from=1)
    assert batch is None and reports and reports[0] < 400
    assert children  # a child process was reading when it was cancelled
    assert reading_children() == []  # and is gone


def test_without_a_child_process_the_files_are_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no process can be started (a limit on processes, a locked-down laptop),
    the import still happens, in this process."""
    folder = hostile_folder(tmp_path)
    here = rf.read_all(folder)

    def no_child(*args: object) -> object:
        raise OSError("no more processes")

    monkeypatch.setattr(rf, "_start_child", no_child)
    apart = rf.read_all(folder, child_from=1)
    assert here is not None and apart is not None
    assert apart.files == here.files
    assert [p.render() for p in apart.problems] == [p.render() for p in here.problems]


def test_a_refused_file_survives_the_way_back_from_the_child() -> None:
    import pickle

    problem = rf.RatingsFileError(Path("x.ratings.yaml"), "err.ratings_version", version=9)
    back = pickle.loads(pickle.dumps(problem))
    assert (back.path, back.key, back.params) == (problem.path, problem.key, problem.params)
    assert back.render() == problem.render()


@pytest.mark.slow
def test_check_batch_is_linear(tri: Session, tmp_path: Path) -> None:
    """10,000 files in one folder: the duplicate check counts names once, not per file."""
    import time

    file = rf.read(FILES / "anna-triangulering.ratings.yaml")
    batch = [
        rf.RatingsFile(file.path, file.protocol_id, file.fingerprint, f"P {i}", file.at, {})
        for i in range(10_000)
    ]
    start = time.perf_counter()
    rf.check_batch(batch, tri.protocol, tri.participants)
    assert time.perf_counter() - start < 1.0


# --- the import policy during a meeting ---


def _file(session: Session, name: str, value: int = 3) -> rf.RatingsFile:
    protocol = session.protocol
    values = {st.id or "": value for g in protocol.groups for st in g.statement_list()}
    text = rf.render(protocol, name, values, datetime(2026, 11, 24, 14, 5))
    return rf.parse(text, Path(rf.default_name(name, protocol)))


def test_the_plan_takes_new_people_and_asks_before_replacing(tri: Session) -> None:
    """Somebody with ratings already is asked about; the others are taken at once, by name."""
    tri.replace_ratings("Bo", _file(tri, "Bo", 1).values)
    anna, bo = _file(tri, "Anna"), _file(tri, "Bo")
    plan = rf.plan_import([anna, bo, _file(tri, "Zlatan")], tri)
    assert plan.take == (rf.Take(anna, "Anna"),)
    assert plan.ask == (bo,)
    assert [p.key for p in plan.refused] == ["err.ratings_unknown_name"]
    assert tri.ratings["Bo"] == _file(tri, "Bo", 1).values  # planning changes nothing


def test_the_anonymous_plan_numbers_raters_and_refuses_a_person_twice(tri: Session) -> None:
    """Anonymous: each file under the next free number; a name read in before (any case) refused."""
    anon = Session.start(tri.protocol, PEOPLE, FakeClock(), anonymous=True)
    anon.replace_ratings("#1", _file(anon, "Anna").values)
    bo, cecilia, david = _file(anon, "Bo"), _file(anon, "Cecilia"), _file(anon, "David")
    plan = rf.plan_import([bo, cecilia, david], anon, imported=["Anna", "cecilia"])
    assert plan.take == (rf.Take(bo, "#2"), rf.Take(david, "#3"))
    assert plan.ask == ()
    assert [(p.key, p.params) for p in plan.refused] == [
        ("tui.import_already", {"name": "Cecilia"})
    ]
