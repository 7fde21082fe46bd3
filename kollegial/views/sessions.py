"""``sessions``, ``export`` and ``import`` on the terminal."""

from __future__ import annotations

import contextlib
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kollegial.display import safe
from kollegial.errors import KollegialError, UsageError
from kollegial.files import write_or_print, write_private
from kollegial.i18n import get_language, t

if TYPE_CHECKING:  # the listing reads the summaries alone (Summaries): no engine, no pydantic
    from kollegial.session.events import Event
    from kollegial.store import Store
    from kollegial.store.summaries import Summaries

FORMATS = ("md", "html", "xlsx", "json", "csv")


DEFAULT_LIMIT = 20
"""The meetings `sessions` lists without ``--limit``: a screenful, the newest."""


def parse_limit(value: str | None) -> int | None:
    """``--limit``: a count of meetings, 0 for all (None); :data:`DEFAULT_LIMIT` when not given."""
    if value is None:
        return DEFAULT_LIMIT
    try:
        number = int(value.strip())
    except ValueError:
        number = -1
    if number < 0:
        raise UsageError("err.bad_limit", value=value)
    return number or None


def print_sessions(
    store: Store | Summaries,
    limit: int | None = None,
    protocol_id: str | None = None,
    team: str | None = None,
) -> None:
    """The ``limit`` newest meetings (all with None), of one protocol and of one team
    when they are given (``--team ""``: the meetings of no team)."""
    wanted: str | None = None
    if team is not None:
        from kollegial.session.team import clean_team

        wanted = clean_team(team) or ""
    infos = store.sessions(limit, protocol_id, wanted) if store.path.exists() else []
    if not infos and wanted is not None:
        print(t("sessions.none_in_team", team=safe(wanted or '""')))
        return
    if not infos:
        if protocol_id is None:
            print(t("sessions.none"))
        else:
            print(t("sessions.none_protocol", id=safe(protocol_id)))
        return
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=10_000)
    table = Table(box=None, pad_edge=False, header_style="bold")
    # The team's column only where meetings have teams: one person's list stays as it was.
    teams = any(info.team for info in infos)
    for key in (
        "sessions.col.id",
        "sessions.col.protocol",
        "sessions.col.when",
        *(("sessions.col.team",) if teams else ()),
        "sessions.col.participants",
        "sessions.col.state",
    ):
        table.add_column(t(key))
    table.add_column("")  # "demo" on a try-out meeting
    for info in infos:
        if info.damaged:
            unknown = ("?",) * (4 if teams else 3)
            cells: tuple[str, ...] = (str(info.id), *unknown, t("sessions.state_damaged"))
            table.add_row(*cells)
            continue
        assert info.created_at is not None
        cells = (
            str(info.id),
            info.protocol_id,
            local_time(info.created_at),
            *((info.team or "",) if teams else ()),
            ", ".join(info.participants),
            t("sessions.ended") if info.ended else t("sessions.running"),
            t("sessions.demo") if info.demo else "",
        )
        # Text, never a str: Rich would read ``[/]`` or ``[link=…]`` in a name as markup.
        table.add_row(*(Text(safe(cell)) for cell in cells))
    console.print(table)
    more = store.count_sessions(protocol_id, wanted) - len(infos) if limit is not None else 0
    if more > 0:
        print(t("sessions.more", count=more))
    damaged = [str(info.id) for info in infos if info.damaged]
    if damaged:
        print(t("sessions.damaged", ids=", ".join(damaged), path=store.path), file=sys.stderr)
        raise SystemExit(1)


def set_team(store: Store, ref: str, team: str | None) -> None:
    """``sessions --set-team ID --team T``: give a meeting to a team afterwards."""
    from kollegial.session.team import clean_team

    session_id = store.resolve_id(ref)
    if team is None:
        raise UsageError("err.set_team_needs_team", id=session_id)
    name = clean_team(team)
    store.set_team(session_id, name)
    store.close()
    if name is None:
        print(t("sessions.team_cleared", id=session_id))
    else:
        print(t("sessions.team_set", id=session_id, team=name))


def delete(store: Store, ref: str, yes: bool) -> None:
    """``sessions --delete ID``: ask (unless ``yes``), then remove the meeting for good."""
    session_id = store.resolve_id(ref)
    if not yes:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError("err.no_terminal_delete")
        from kollegial.prompts import confirm

        info = next(i for i in store.sessions() if i.id == session_id)
        when = local_time(info.created_at) if info.created_at else "?"
        question = t(
            "sessions.confirm_delete",
            id=session_id,
            title=info.title,
            when=when,
            people=", ".join(info.participants),
        )
        if not confirm(question):
            print(t("sessions.not_deleted"))
            return
    with store.lock(session_id):
        clean = store.delete(session_id)
    store.close()
    if clean:
        print(t("sessions.deleted", id=session_id))
    else:
        print(t("sessions.deleted_busy", id=session_id, path=store.path), file=sys.stderr)


def local_time(when: datetime) -> str:
    """``YYYY-MM-DD HH:MM`` in local time; as stored when it has no local time.

    A time near the ends of the calendar (`9999-12-31T23:59:59Z`, from a database
    written before imports were bounded) overflows in the conversion.
    """
    with contextlib.suppress(OverflowError, ValueError, OSError):
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


def export(
    store: Store,
    ref: str | None,
    fmt: str,
    output: Path | None,
    anonymize: bool,
    keep_roles: bool = False,
) -> None:
    from kollegial.export import render_csv, render_json, render_markdown
    from kollegial.export.anonymize import Names

    if fmt not in FORMATS:
        raise UsageError("err.bad_format", format=fmt, choices=", ".join(FORMATS))
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        # A workbook is bytes: on a terminal they would be garbage.
        raise KollegialError("err.xlsx_needs_output")
    from kollegial.session.clock import SystemClock

    session_id = store.resolve_id(ref)
    session = store.load(session_id, SystemClock())
    names = Names.of(session, anonymize=anonymize, lang=get_language(), keep_roles=keep_roles)
    data: str | bytes
    if fmt == "md":
        data = render_markdown(session, names=names)
    elif fmt == "html":
        from kollegial.export.html import render_html

        data = render_html(session, names=names)
    elif fmt == "xlsx":
        from kollegial.export.xlsx import render_xlsx

        data = render_xlsx(session, names=names)
    elif fmt == "json":
        data = render_json(
            session,
            names=names,
            created_at=store.created_at(session_id),
            team=store.team(session_id),
        )
    else:
        data = render_csv(session, names=names, session_id=session_id)
    write_or_print(data, output)
    if output is not None:
        print(t("export.written", path=output), file=sys.stderr)


def rescue(db: Path | None, output: Path | None) -> None:
    """``kollegial rescue``: each meeting that can be read into its own JSON file for import.

    Exits 1 when anything could not be saved, so a script can tell.
    """
    import sqlite3
    from datetime import datetime

    from kollegial.files import expand, unique_path
    from kollegial.store.rescue import rescue as read_all

    db = expand(db) if db is not None else Store().path
    try:
        found = read_all(db)
    except (OSError, sqlite3.DatabaseError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise KollegialError("err.rescue_unreadable", path=db, reason=reason) from None
    if not found:
        print(t("rescue.none", path=db))
        raise SystemExit(1)
    folder = (
        expand(output)
        if output
        else unique_path(Path.cwd(), f"kollegial-raddning-{datetime.now():%Y%m%d-%H%M%S}", "")
    )
    try:
        folder.mkdir(mode=0o700, parents=True)
    except OSError as exc:
        raise KollegialError("err.write_failed", path=folder, reason=exc.strerror) from None
    saved = 0
    for item in found:
        if item.text is None:
            if item.problem == "protocol":
                print(t("rescue.lost", id=item.session_id, lost=item.lost))
            else:
                print(t("rescue.failed", id=item.session_id, reason=item.problem))
            continue
        path = folder / f"mote-{item.session_id}.json"
        write_private(path, item.text)
        saved += 1
        key = "rescue.partly" if item.lost else "rescue.saved"
        print(
            t(
                key,
                id=item.session_id,
                title=item.title,
                saved=item.saved,
                lost=item.lost,
                path=path,
            )
        )
        if item.protocol_from == "library":
            print("  " + t("rescue.protocol_library"))
        elif item.protocol_from is not None:
            print("  " + t("rescue.protocol_other", other=item.protocol_from))
    print(t("rescue.summary", saved=saved, total=len(found), folder=folder, path=db))
    if saved < len(found) or any(item.lost for item in found):
        raise SystemExit(1)


def _already_there(
    store: Store, protocol_id: str | None, events: list[Event], created_at: datetime
) -> int | None:
    """The id of the stored meeting the import is a copy of (same start, same log), if any."""
    from kollegial.export.jsonfmt import same_meeting

    if not store.path.exists():
        return None
    for info in store.sessions():
        if info.protocol_id != protocol_id or info.created_at != created_at:
            continue
        if same_meeting(store.events(info.id), events):
            return info.id
    return None


MAX_IMPORT_BYTES = 50_000_000
"""An export of a long meeting is well under 1 MB; fifty times that is no export."""


def import_file(store: Store, path: Path) -> None:
    from kollegial.export import parse_session_json
    from kollegial.export.jsonfmt import parse_team
    from kollegial.readfile import FileRefused, read_bytes

    try:
        # Regular files only, never more than the cap read (unbounded, `import
        # /dev/zero` took 23.8 GB, a 200 MB file 1 GB).
        text = read_bytes(path, MAX_IMPORT_BYTES).decode("utf-8")
    except FileRefused as exc:
        key = "err.import_too_big" if exc.key == "err.file_too_big" else exc.key
        reason = t(key, limit=MAX_IMPORT_BYTES)
        raise KollegialError("err.read_failed", path=path, reason=reason) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise KollegialError("err.read_failed", path=path, reason=reason) from None
    protocol, events, created_at = parse_session_json(text)
    team = parse_team(text)

    def refuse_a_copy() -> None:
        existing = _already_there(store, protocol.id, events, created_at)
        if existing is not None:
            raise KollegialError("err.import_exists", path=path, id=existing)

    session_id = store.import_session(protocol, events, created_at, check=refuse_a_copy, team=team)
    print(t("import.done", id=session_id, title=protocol.title))
