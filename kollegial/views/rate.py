"""``kollegial rate``: one person's ratings on their own laptop, written to a file."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from kollegial.errors import KollegialError, UsageError
from kollegial.files import write_private
from kollegial.i18n import t
from kollegial.protocols.discovery import resolve
from kollegial.session import ratingsfile


def rate(ref: str, name: str | None, output: Path | None) -> None:
    protocol = resolve(ref)
    if not protocol.groups:
        raise KollegialError("err.no_statements", id=protocol.id)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("err.no_terminal_rate")
    from kollegial.prompts import ask_ratings

    person, values = ask_ratings(protocol, name)
    # Written only now, whole and at once: an interrupted dialogue leaves nothing.
    path = output or Path.cwd() / ratingsfile.default_name(person, protocol)
    write_private(path, ratingsfile.render(protocol, person, values, datetime.now().astimezone()))
    print(t("rate.written", path=path))
