"""A participant's ratings as a small file, made on their own laptop with ``kollegial rate``.

The file names the protocol and carries a fingerprint of its statements, so a
file made for another protocol, or before the statements changed, is refused
rather than read into the wrong rows. Parsing and checking are pure; the
callers read and write the files.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

from kollegial.errors import KollegialError
from kollegial.i18n import Msg
from kollegial.protocols.model import Protocol, slugify
from kollegial.values import Value, frozen

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

    Raises:
        RatingsFileError: with a message that names the file and the problem.
    """
    from kollegial.protocols.loader import read_yaml

    # The protocols' reader: duplicate keys (which would silently let the last
    # value win), aliases and tags are refused, each with its place.
    located, problems = read_yaml(text, path)
    if problems and problems[0].key not in ("err.not_mapping", "err.empty"):
        first = problems[0]
        raise RatingsFileError(
            path,
            "err.ratings_not_yaml",
            line=first.line,
            column=first.column,
            problem=Msg(first.key, **first.params),
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
    """Read and parse the file at ``path``."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise RatingsFileError(path, "err.ratings_not_ratings")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise RatingsFileError(path, "err.read_failed", path=path, reason=reason) from None
    return parse(text, path)


def check(file: RatingsFile, protocol: Protocol, participants: list[str]) -> None:
    """Refuse a file for another protocol, for changed statements, an unknown name or bad values."""
    if file.protocol_id != protocol.id:
        raise RatingsFileError(
            file.path, "err.ratings_protocol", got=file.protocol_id, want=protocol.id
        )
    if file.fingerprint != fingerprint(protocol):
        raise RatingsFileError(file.path, "err.ratings_changed")
    if file.name not in participants:
        raise RatingsFileError(file.path, "err.ratings_unknown_name", name=file.name)
    known = {st.id for g in protocol.groups for st in g.statement_list()}
    scale = protocol.scale
    for statement, value in file.values.items():
        if statement not in known:
            raise RatingsFileError(file.path, "err.unknown_statement", statement=statement)
        if not scale.min <= value <= scale.max:
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
    names = [f.name.casefold() for f in files]
    for file in files:
        try:
            if names.count(file.name.casefold()) > 1:
                raise RatingsFileError(file.path, "err.ratings_duplicate_name", name=file.name)
            check(file, protocol, participants)
        except RatingsFileError as exc:
            problems.append(exc)
        else:
            ok.append(file)
    return ok, problems
