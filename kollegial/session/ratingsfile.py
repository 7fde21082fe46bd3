"""A participant's ratings as a small file, made on their own laptop with ``kollegial rate``.

The file names the protocol and carries a fingerprint of its statements, so a
file made for another protocol, or before the statements changed, is refused
rather than read into the wrong rows. Parsing and checking are pure; the
callers read and write the files.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kollegial.errors import KollegialError
from kollegial.protocols.model import Protocol, slugify
from kollegial.values import Value, frozen

if TYPE_CHECKING:
    import subprocess
    from multiprocessing.connection import Connection

    from kollegial.session.session import Session

FORMAT = "kollegial-ratings"
VERSION = 1
SUFFIX = ".ratings.yaml"
MAX_BYTES = 200_000


@frozen
class RatingsFile(Value):
    """One person's ratings, read from a file and checked against its protocol."""

    path: Path
    protocol_id: str
    fingerprint: str
    name: str
    at: str
    values: dict[str, int]


class RatingsFileError(KollegialError):
    """A ratings file that cannot be imported; carries the file for the message."""

    def __init__(self, path: Path, key: str, /, **params: object) -> None:
        super().__init__(key, **params)
        self.path = path

    def render(self, lang: Any = None) -> str:
        return f"{self.path.name}: {super().render(lang)}"

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled on the way back from the child process that parses a big folder.
        return (_refused, (type(self), self.path, self.key, self.params))


def _refused(
    cls: type[RatingsFileError], path: Path, key: str, params: dict[str, object]
) -> RatingsFileError:
    return cls(path, key, **params)


def fingerprint(protocol: Protocol) -> str:
    """A short hash of the statements and scale: changes when any statement changes."""
    digest = hashlib.sha256()
    digest.update(f"{protocol.scale.min}-{protocol.scale.max}\n".encode())
    for group in protocol.groups:
        for st in group.statement_list():
            digest.update(f"{st.id}\t{st.text}\n".encode())
    return "sha256:" + digest.hexdigest()[:16]


def default_name(person: str, protocol: Protocol) -> str:
    """``<name>-<protocol id>.ratings.yaml``."""
    return f"{slugify(person)}-{protocol.id}{SUFFIX}"


def render(protocol: Protocol, person: str, values: dict[str, int], at: datetime) -> str:
    """The YAML text of a ratings file."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "protocol": protocol.id,
        "fingerprint": fingerprint(protocol),
        "name": person,
        "at": at.isoformat(timespec="seconds"),
        "values": {
            st.id: values[st.id]
            for g in protocol.groups
            for st in g.statement_list()
            if st.id in values
        },
    }
    import yaml  # only when a file is written or read: not on the meeting's start-up path

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def parse(text: str, path: Path) -> RatingsFile:
    """Read a ratings file's text; the shape is checked here, the protocol by :func:`check`.

    The text goes through the protocols' hardened reader: aliases, tags and
    deep nesting are refused before anything is built (a 514-byte "billion
    laughs" grew to 4.7 GB through ``yaml.safe_load``).

    Raises:
        RatingsFileError: with a message that names the file and the problem.
    """
    from kollegial.protocols.loader import read_yaml

    # The protocols' reader: duplicate keys (which would silently let the last
    # value win), aliases, tags and deep nesting are refused, each with its place.
    located, problems = read_yaml(text, path)
    problems = [p for p in problems if p.key not in ("err.not_mapping", "err.empty")]
    if problems:
        first = min(problems, key=lambda p: (p.line, p.column))
        raise RatingsFileError(
            path,
            "err.ratings_not_yaml",
            line=first.line,
            column=first.column,
            problem=first.message(),
        )
    data = located.data if located is not None else None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RatingsFileError(path, "err.ratings_not_ratings")
    version = data.get("version")
    if type(version) is not int or version != VERSION:  # `true` and `1.0` are not version 1
        raise RatingsFileError(path, "err.ratings_version", version=version)
    name = data.get("name")
    values = data.get("values")
    if not isinstance(name, str) or not name.strip():
        raise RatingsFileError(path, "err.ratings_no_name")
    if not isinstance(values, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
        for k, v in values.items()
    ):
        raise RatingsFileError(path, "err.ratings_values")
    if not values:  # read in, it would clear every rating the person has given
        raise RatingsFileError(path, "err.ratings_empty")
    return RatingsFile(
        path=path,
        protocol_id=str(data.get("protocol", "")),
        fingerprint=str(data.get("fingerprint", "")),
        name=" ".join(name.split()),
        at=str(data.get("at", "")),
        values=values,
    )


def read(path: Path) -> RatingsFile:
    """Read and parse the file at ``path``: a regular file, at most :data:`MAX_BYTES`."""
    from kollegial.readfile import FileRefused, read_bytes

    try:
        text = read_bytes(path, MAX_BYTES).decode("utf-8")
    except FileRefused as exc:
        if exc.key == "err.file_too_big":
            raise RatingsFileError(path, "err.ratings_too_big", limit=MAX_BYTES) from None
        raise RatingsFileError(path, exc.key, **exc.params) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise RatingsFileError(path, "err.read_failed", path=path, reason=reason) from None
    return parse(text, path)


@frozen
class Batch(Value):
    """What reading a folder gave: files read, files refused, and each path's mtime."""

    files: list[RatingsFile]
    problems: list[RatingsFileError]
    seen: dict[Path, float]


PROGRESS_EVERY = 100
"""Files read here between two progress reports."""

CHILD_FROM = 200
"""From this many files on, the screen's imports parse them in a child process (see
:func:`read_all`): fewer take less time than starting one (~0.3–0.6 s)."""

CHILD_CHUNK = 50
"""Files the child process sends back at a time."""

PROGRESS_SECONDS = 0.1
"""At most ten progress reports a second from the child's files: each is a repaint."""

Outcome = RatingsFile | RatingsFileError
"""One file read: its ratings, or why it was refused."""


def read_all(
    where: Path,
    seen: Mapping[Path, float] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    child_from: int | None = None,
) -> Batch | None:
    """Read every ratings file at ``where`` (one file, or a folder's ``*.ratings.yaml``).

    With ``seen`` (path → mtime of an earlier read), only new or changed
    files are read. Each refused file is a problem naming it, never an
    exception: one bad file must not stop the others. Runs in a worker
    thread during a meeting; ``progress(read, total)`` says how far it got,
    and None is returned as soon as ``cancelled()`` says so.

    With ``child_from``, that many files or more are parsed in a child process
    (the same :func:`read`, the same messages) and sent back in chunks. In a
    thread of this process, parsing 10,000 files held the interpreter lock the
    meeting screen needs to handle a key: the screen's thread got it back only
    every few milliseconds, many times per key, and not at all while the
    reading thread was off the CPU. Where no child can be started, or it ends
    early, the rest is read here.
    """
    if where.is_file():
        paths = [where]
    else:
        try:
            paths = sorted(where.glob(f"*{SUFFIX}"))
        except OSError:
            paths = []
    mtimes = {path: _mtime(path) for path in paths}
    if seen is not None:
        paths = [path for path in paths if seen.get(path) != mtimes[path]]
    read_so_far: list[Outcome] = []
    if child_from is not None and len(paths) >= child_from:
        try:
            if not _read_apart(paths, read_so_far, progress, cancelled):
                return None
        except (OSError, EOFError):
            pass  # no child process, or it ended early: the rest is read here
    if not _read_here(paths, read_so_far, progress, cancelled):
        return None
    return Batch(
        files=[o for o in read_so_far if isinstance(o, RatingsFile)],
        problems=[o for o in read_so_far if isinstance(o, RatingsFileError)],
        seen=mtimes,
    )


def _read_here(
    paths: list[Path],
    out: list[Outcome],
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> bool:
    """Read the ``paths`` not in ``out`` yet into it, in this process; False if cancelled."""
    for count, path in enumerate(paths[len(out) :], len(out) + 1):
        if cancelled is not None and cancelled():
            return False
        try:
            out.append(read(path))
        except RatingsFileError as exc:
            out.append(exc)
        if progress is not None and (count % PROGRESS_EVERY == 0 or count == len(paths)):
            progress(count, len(paths))
        if cancelled is not None:
            # In a worker thread: hand the interpreter to the screen's thread
            # after every file, not only every 5 ms, so keys are handled at once.
            time.sleep(0)
    return True


def _read_apart(
    paths: list[Path],
    out: list[Outcome],
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> bool:
    """Have a child process read ``paths`` into ``out``; False if cancelled.

    Raises:
        OSError: no child process could be started.
        EOFError: the child ended before it sent every file.
    """
    child, receive = _start_child(paths)
    reported = time.monotonic()
    try:
        while len(out) < len(paths):
            if cancelled is not None and cancelled():
                return False
            if not receive.poll(0.05):  # waits without holding the interpreter
                continue
            out += receive.recv()  # EOFError once the child is gone
            now = time.monotonic()
            if progress is not None and (
                now - reported >= PROGRESS_SECONDS or len(out) == len(paths)
            ):
                progress(len(out), len(paths))
                reported = now
        return True
    finally:
        receive.close()
        child.kill()  # done, cancelled or failed: nothing more is wanted from it
        child.wait()


_CHILD_MAIN = (
    "import pickle, sys\n"
    "path, paths = pickle.load(sys.stdin.buffer)\n"
    "sys.path[:] = path\n"
    "from kollegial.session.ratingsfile import _child\n"
    "_child(paths)\n"
)
"""The child's program: this process's import path, then :func:`_child`."""


def _start_child(paths: list[Path]) -> tuple[subprocess.Popen[bytes], Connection]:
    """A child process reading ``paths`` (see :func:`_child`), and where its files arrive.

    A new interpreter (not a fork of this one, whose other threads may hold
    locks; not multiprocessing, whose helper process fails to start while
    Textual has replaced ``sys.stderr``). ``-P``: no folder of the working
    directory's is importable; the import path is this process's.
    """
    import pickle
    import subprocess
    import sys
    from multiprocessing.connection import Connection

    child = subprocess.Popen(
        [sys.executable, "-P", "-c", _CHILD_MAIN],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # it shares the meeting's terminal otherwise
        # Its own session: where Linux shares CPU time out by session (autogroup),
        # the screen's session stays idle between keys instead of busy reading, and
        # the child gets a share of its own (10,000 files took 10-15 s instead of
        # 19-29 s at load ~9; the nice below then only matters without autogroup).
        start_new_session=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        with child.stdin:
            pickle.dump((sys.path, paths), child.stdin)
        receive = Connection(os.dup(child.stdout.fileno()), writable=False)
    except BaseException:
        child.kill()
        child.wait()
        raise
    finally:
        child.stdout.close()
    return child, receive


def _child(paths: list[Path]) -> None:
    """In the child process: :func:`read` each of ``paths``, sending the outcomes back
    on its standard output, :data:`CHILD_CHUNK` at a time."""
    from multiprocessing.connection import Connection

    send = Connection(os.dup(1), readable=False)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # nothing printed can end up in the data
    if hasattr(os, "nice"):
        os.nice(10)  # the screen before the import, wherever the CPU is short
    chunk: list[Outcome] = []
    for path in paths:
        try:
            chunk.append(read(path))
        except RatingsFileError as exc:
            chunk.append(exc)
        if len(chunk) == CHILD_CHUNK:
            send.send(chunk)
            chunk = []
    if chunk:
        send.send(chunk)
    send.close()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def check(file: RatingsFile, protocol: Protocol, participants: list[str]) -> None:
    """Refuse a file for another protocol, for changed statements, an unknown name or bad values."""
    _check(file, protocol, set(participants), fingerprint(protocol), _statement_ids(protocol))


def _statement_ids(protocol: Protocol) -> set[str | None]:
    return {st.id for g in protocol.groups for st in g.statement_list()}


def _check(
    file: RatingsFile,
    protocol: Protocol,
    participants: set[str],
    expected: str,
    known: set[str | None],
) -> None:
    if file.protocol_id != protocol.id:
        raise RatingsFileError(
            file.path, "err.ratings_protocol", got=file.protocol_id, want=protocol.id
        )
    if file.fingerprint != expected:
        raise RatingsFileError(file.path, "err.ratings_changed")
    if file.name not in participants:
        raise RatingsFileError(file.path, "err.ratings_unknown_name", name=file.name)
    scale = protocol.scale
    for statement, value in file.values.items():
        if statement not in known:
            raise RatingsFileError(file.path, "err.unknown_statement", statement=statement)
        if not scale.holds(value):
            raise RatingsFileError(
                file.path, "err.rating_scale", value=value, min=scale.min, max=scale.max
            )


def check_batch(
    files: list[RatingsFile], protocol: Protocol, participants: list[str]
) -> tuple[list[RatingsFile], list[RatingsFileError]]:
    """The files that may be imported, and a problem for each that may not.

    Two files with the same name in one batch are both refused: nobody can
    tell which one the person meant.
    """
    ok: list[RatingsFile] = []
    problems: list[RatingsFileError] = []
    # The key of name_taken (case does not tell people apart), counted rather
    # than asked per file: a batch of 10,000 files must stay linear.
    names = Counter(f.name.casefold() for f in files)
    # Worked out once for the batch, not per file: a folder may hold 10,000 files.
    people, expected, known = set(participants), fingerprint(protocol), _statement_ids(protocol)
    for file in files:
        try:
            if names[file.name.casefold()] > 1:
                raise RatingsFileError(file.path, "err.ratings_duplicate_name", name=file.name)
            _check(file, protocol, people, expected, known)
        except RatingsFileError as exc:
            problems.append(exc)
        else:
            ok.append(file)
    return ok, problems


@frozen
class Take(Value):
    """Read a file's ratings in now, as ``rater``'s (a rater number when anonymous)."""

    file: RatingsFile
    rater: str


@frozen
class ImportPlan(Value):
    """What to do with a batch of files during a meeting; :func:`plan_import` decides it."""

    take: tuple[Take, ...]
    """Read in at once."""
    ask: tuple[RatingsFile, ...]
    """People who have ratings already: replaced only if the leader says so, one by one."""
    refused: tuple[RatingsFileError, ...]
    """Files that may not be read in, each saying why."""


def plan_import(
    files: list[RatingsFile],
    session: Session,
    imported: Iterable[str] = (),
    *,
    checked: tuple[list[RatingsFile], list[RatingsFileError]] | None = None,
) -> ImportPlan:
    """The ratings-import policy: what to take in, what to ask about, what to refuse.

    A file is checked whole (:func:`check_batch`). A person who has ratings
    already is asked about before they are replaced. In an anonymous meeting
    each file is kept under the next rater number, and ``imported`` (the
    names read in so far while this app runs, never written down) refuses a
    person imported a second time, in any case. Pure: the caller asks and
    carries out the plan. ``checked``: :func:`check_batch`'s answer for
    ``files`` when it was worked out already (off the screen's loop).
    """
    from kollegial.session.session import name_taken  # the session's rules: pydantic and all

    ok, refused = checked or check_batch(files, session.protocol, session.participants)
    refused = list(refused)  # the caller's list is not the plan's
    take: list[Take] = []
    ask: list[RatingsFile] = []
    if session.anonymous:
        numbers = itertools.count(int(session.new_rater().removeprefix("#")))
        before = list(imported)
        for file in ok:
            if name_taken(file.name, before):
                refused.append(RatingsFileError(file.path, "tui.import_already", name=file.name))
            else:
                take.append(Take(file, f"#{next(numbers)}"))
    else:
        for file in ok:
            if session.ratings.get(file.name):
                ask.append(file)
            else:
                take.append(Take(file, file.name))
    return ImportPlan(take=tuple(take), ask=tuple(ask), refused=tuple(refused))
