"""``sessions``, ``export`` and ``import`` on the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kollegial.display import safe
from kollegial.errors import KollegialError, UsageError
from kollegial.i18n import t
from kollegial.session.clock import SystemClock
from kollegial.store import Store
from kollegial.views.files import write_private

FORMATS = ("md", "json", "csv")


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


def export(store: Store, ref: str | None, fmt: str, output: Path | None, anonymize: bool) -> None:
    from kollegial.export import render_csv, render_json, render_markdown

    if fmt not in FORMATS:
        raise UsageError("err.bad_format", format=fmt, choices=", ".join(FORMATS))
    session_id = store.resolve_id(ref)
    session = store.load(session_id, SystemClock())
    if fmt == "md":
        text = render_markdown(session, anonymize=anonymize)
    elif fmt == "json":
        text = render_json(session, anonymize=anonymize, created_at=store.created_at(session_id))
    else:
        text = render_csv(session, anonymize=anonymize, session_id=session_id)
    if output is None:
        sys.stdout.write(text)
    else:
        write_private(output, text)
        print(t("export.written", path=output), file=sys.stderr)


def import_file(store: Store, path: Path) -> None:
    from kollegial.export import parse_session_json

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise KollegialError("err.read_failed", path=path, reason=reason) from None
    protocol, events, created_at = parse_session_json(text)
    session_id = store.import_session(protocol, events, created_at)
    print(t("import.done", id=session_id, title=protocol.title))
