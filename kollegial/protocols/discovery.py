"""Finding protocols: a path, ``KOLLEGIAL_PATH``, the user's folder, the bundled library.

The first place in that order that has a protocol with a given id wins.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Protocol as Interface

from kollegial.errors import Problem, ProtocolInvalidError, ProtocolNotFoundError, UsageError
from kollegial.paths import user_protocols_dir
from kollegial.protocols.model import Protocol, apply_variant, is_valid_id, slugify
from kollegial.values import Value, frozen

SUFFIXES = (".yaml", ".yml")
MAX_BYTES = 1_000_000
"""Files larger than this are refused before parsing: no protocol is that big."""


class Origin(StrEnum):
    """Where a protocol was found, in search order."""

    CLI = "cli"
    PATH = "path"
    USER = "user"
    BUNDLED = "bundled"


@frozen
class Found(Value):
    """One protocol file found on the search path, valid or not."""

    path: Path
    origin: Origin
    protocol: Protocol | None = None
    error: ProtocolInvalidError | None = None
    shadowed_by: Path | None = None
    overrides_bundled: bool = False

    @property
    def id(self) -> str | None:
        return self.protocol.id if self.protocol else None


def bundled_dir() -> Path:
    """The protocols that ship with kollegial.

    In the wheel they are force-included as ``kollegial/bundled``; in a source
    checkout they are the top-level ``protocols/`` folder.
    """
    here = Path(__file__).resolve().parent.parent
    installed = here / "bundled"
    return installed if installed.is_dir() else here.parent / "protocols"


def search_dirs(environ: Mapping[str, str] | None = None) -> list[tuple[Origin, Path]]:
    """The folders searched for protocol ids, in order."""
    env = os.environ if environ is None else environ
    dirs = [
        (Origin.PATH, Path(p).expanduser())
        for p in env.get("KOLLEGIAL_PATH", "").split(os.pathsep)
        if p.strip()
    ]
    dirs.append((Origin.USER, user_protocols_dir(env)))
    dirs.append((Origin.BUNDLED, bundled_dir()))
    return dirs


def protocol_files(folder: Path) -> list[Path]:
    """The protocol files directly in ``folder``, sorted by name."""
    try:
        return sorted(
            p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and not p.is_dir()
        )
    except OSError:  # missing or unreadable folders simply hold no protocols
        return []


class Cache(Interface):
    """Validated protocols by content (``kollegial.store.cache.ProtocolCache``)."""

    def key(self, content: bytes, default_id: str) -> str: ...
    def get(self, key: str) -> Protocol | None: ...
    def put(self, key: str, protocol: Protocol) -> None: ...


def load(path: Path, cache: Cache | None = None) -> Protocol:
    """The valid protocol in ``path``, from ``cache`` when this content was validated before.

    Only on a miss are the loader, PyYAML and pydantic imported.

    Raises:
        ProtocolInvalidError: the file is missing, unreadable or invalid.
    """
    from kollegial.readfile import FileRefused, read_bytes

    try:
        # Once, capped, regular files only: a FIFO or a /dev/zero link in a shared
        # folder must not hang or exhaust `list`.
        content = read_bytes(path, MAX_BYTES)
    except FileRefused as exc:
        raise ProtocolInvalidError(path, [Problem(path, 1, 1, exc.key, exc.params)]) from None
    except OSError:
        from kollegial.protocols.loader import load_protocol

        return load_protocol(path)  # it says what is wrong with the file
    key = None
    if cache is not None:
        key = cache.key(content, slugify(path.stem))
        hit = cache.get(key)
        if hit is not None:
            return hit
    from kollegial.protocols.loader import load_bytes

    protocol = load_bytes(content, path)
    if cache is not None and key is not None:
        cache.put(key, protocol)
    return protocol


def _load(path: Path, origin: Origin, cache: Cache | None) -> Found:
    try:
        return Found(path, origin, protocol=load(path, cache))
    except ProtocolInvalidError as exc:
        return Found(path, origin, error=exc)


def discover(environ: Mapping[str, str] | None = None, cache: Cache | None = None) -> list[Found]:
    """Every protocol file on the search path, marking which ones win.

    The winner for an id is the one :func:`resolve` finds: the first folder
    that has it, and in that folder the file named after the id, else the
    first by name: ``list`` and ``show`` must agree.
    """
    found: list[Found] = []
    winner: dict[str, Found] = {}
    for origin, folder in search_dirs(environ):
        entries = [_load(path, origin, cache) for path in protocol_files(folder)]
        for entry in sorted(entries, key=lambda e: e.path.stem != e.id):  # stable: by name next
            if entry.id is not None and entry.id not in winner:
                winner[entry.id] = entry
        for entry in entries:
            pid = entry.id
            if pid is None or winner[pid] is entry:
                found.append(entry)
                continue
            found.append(replace(entry, shadowed_by=winner[pid].path))
            if origin is Origin.BUNDLED and winner[pid].origin is not Origin.BUNDLED:
                i = found.index(winner[pid])
                found[i] = winner[pid] = replace(winner[pid], overrides_bundled=True)
    return found


def looks_like_path(ref: str) -> bool:
    """Whether a command-line reference names a file rather than an id."""
    return os.sep in ref or "/" in ref or ref.lower().endswith(SUFFIXES)


def _candidates(folder: Path, pid: str) -> Iterator[Path]:
    files = protocol_files(folder)
    # The file named after the id is the likely one; check it before the rest.
    yield from (p for p in files if p.stem == pid)
    yield from (p for p in files if p.stem != pid)


def resolve(
    ref: str, environ: Mapping[str, str] | None = None, cache: Cache | None = None
) -> Protocol:
    """The protocol a command line means: a path, or an id on the search path.

    Raises:
        ProtocolInvalidError: the file found (or given) is invalid.
        ProtocolNotFoundError: no protocol has that id.
        UsageError: ``ref`` is neither a path nor a well-formed id.
    """
    if looks_like_path(ref):
        return load(Path(ref).expanduser(), cache)
    if not is_valid_id(ref):
        raise UsageError("err.protocol_bad_ref", ref=ref)
    for _origin, folder in search_dirs(environ):
        for path in _candidates(folder, ref):
            try:
                protocol = load(path, cache)
            except ProtocolInvalidError:
                if path.stem == ref:
                    raise  # the file meant by this id is broken: say so
                continue
            if protocol.id == ref:
                return protocol
    raise ProtocolNotFoundError("err.protocol_not_found", id=ref)


def with_variant(protocol: Protocol, name: str | None) -> Protocol:
    """``protocol`` as its variant ``name`` runs it (as it is when ``name`` is None).

    Raises:
        UsageError: the protocol has no variant of that name; the message lists
            the ones it has.
    """
    if name is None:
        return protocol
    if name not in protocol.variants:
        known = ", ".join(protocol.variants)
        if known:
            raise UsageError("err.unknown_variant", variant=name, id=protocol.id, known=known)
        raise UsageError("err.no_variants", variant=name, id=protocol.id)
    return apply_variant(protocol, name)
