"""The ratings of a meeting as CSV, one row per rating, for R, pandas or a database.

Long form (``session, participant, group, statement, value``, then the
statement's text) so that files from several meetings can simply be appended.
The file is RFC 4180: UTF-8 without a BOM, comma-separated, every record ending
in CRLF, and a field holding a comma, a quote, a CR or an LF quoted, so a line
break inside a text never starts a new row. The column names are English and
stable whatever the interface language: scripts rely on them. For Excel, the
``xlsx`` export is the file to open (a CSV double-clicked in a Swedish Excel
lands in one column).
"""

from __future__ import annotations

import csv
import io

from kollegial.export.anonymize import Names
from kollegial.i18n import Lang, get_language
from kollegial.session.session import Session

HEADER = ("session", "participant", "group", "statement", "value", "statement_text")

# A spreadsheet runs a cell that starts with one of these as a formula
# (`=HYPERLINK(...)`, `@SUM(...)`); tab and carriage return count too (OWASP).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(text: str) -> str:
    """``text`` made safe from spreadsheet formula injection.

    Args:
        text: A text cell.

    Returns:
        The text, with a single quote in front if it would start a formula.
    """
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def render_csv(
    session: Session,
    *,
    anonymize: bool = False,
    session_id: int | str | None = None,
    lang: Lang | None = None,
    names: Names | None = None,
) -> str:
    """The ratings as CSV: a header and one row per rating.

    Rows are ordered by participant (in the order they joined), then by
    statement in protocol order. Text cells are defused against formula
    injection; quoting of commas, quotes and line breaks is the csv module's.

    Args:
        session: The meeting.
        anonymize: Participants as *Deltagare 1…N* (numbered in a random order).
        session_id: What the ``session`` column holds (the store's id); the
            meeting's start time (ISO 8601) when None.
        lang: Language of the aliases; the current interface language when None.
        names: The names to show, overriding ``anonymize``.

    Returns:
        The CSV text (CRLF line endings), header included even without ratings.
    """
    names = names or Names.of(session, anonymize=anonymize, lang=lang or get_language())
    if session_id is None:
        started = session.started_at
        session_id = started.isoformat() if started is not None else ""
    people = list(session.participants)
    # Ratings by someone who is not a participant exist only in a hand-edited
    # log; they are kept, after everyone else, in a stable order.
    people += sorted(p for p in session.ratings if p not in session.participants)
    # Once anonymized, by number: the order people joined would tell who is who.
    people = names.ordered(people)
    out = io.StringIO()
    # CRLF as the terminator also makes the writer quote any field with a bare
    # CR or LF in it (it quotes every field holding a terminator character).
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for person in people:
        values = session.ratings.get(person, {})
        for group in session.protocol.groups:
            for statement in group.statement_list():
                value = values.get(statement.id or "")
                if value is None:
                    continue
                writer.writerow(
                    (
                        defuse(str(session_id)),
                        defuse(names(person)),
                        defuse(group.id),
                        defuse(statement.id or ""),
                        value,
                        defuse(statement.text),
                    )
                )
    return out.getvalue()
