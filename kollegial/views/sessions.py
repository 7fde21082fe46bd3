"""``sessions``, ``export`` and ``import`` on the terminal."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kollegial.display import safe
from kollegial.errors import KollegialError
from kollegial.i18n import get_language, t
from kollegial.session.clock import SystemClock
from kollegial.session.events import Event
from kollegial.store import Store
from kollegial.views.files import write_private

FORMATS = ("md", "html", "xlsx", "json", "csv")


def print_sessions(store: Store) -> None:
    infos = store.sessions() if store.path.exists() else []
    if not infos:
        print(t("sessions.none"))
        return
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=10_000)
    table = Table(box=None, pad_edge=False, header_style="bold")
    for key in ("id", "protocol", "when", "participants", "state"):
        table.add_column(t(f"sessions.col.{key}"))
    for info in infos:
        table.add_row(
            str(info.id),
            info.protocol_id,
            info.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            ", ".join(safe(p) for p in info.participants),
            t("sessions.ended") if info.ended else t("sessions.running"),
        )
    console.print(table)


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
        raise KollegialError("err.bad_format", format=fmt, choices=", ".join(FORMATS))
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        # A workbook is bytes: on a terminal they would be garbage.
        raise KollegialError("err.xlsx_needs_output")
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
        data = render_json(session, names=names, created_at=store.created_at(session_id))
    else:
        data = render_csv(session, names=names, session_id=session_id)
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
    else:
        write_private(output, data)
        print(t("export.written", path=output), file=sys.stderr)


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


def import_file(store: Store, path: Path) -> None:
    from kollegial.export import parse_session_json

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise KollegialError("err.read_failed", path=path, reason=reason) from None
    protocol, events, created_at = parse_session_json(text)
    existing = _already_there(store, protocol.id, events, created_at)
    if existing is not None:
        raise KollegialError("err.import_exists", path=path, id=existing)
    session_id = store.import_session(protocol, events, created_at)
    print(t("import.done", id=session_id, title=protocol.title))
