"""The phone page: one HTML document, its CSS and JavaScript inline, nothing from outside.

The meeting's data travel as JSON in a ``<script type="application/json">``,
with ``<``, ``>`` and ``&`` escaped, and the script puts every text on the page
as text (``textContent``), never as markup: a name or a statement cannot
become HTML.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from kollegial.i18n import Lang, t
from kollegial.session import remote
from kollegial.session.session import Session

# The page's strings, written out so that a check finds every key in use.
STRINGS = (
    "phone.anonymous",
    "phone.answered",
    "phone.change",
    "phone.ended",
    "phone.ended_text",
    "phone.failed",
    "phone.follow",
    "phone.not_me",
    "phone.note_sent",
    "phone.offline",
    "phone.pick_name",
    "phone.rate_intro",
    "phone.reconnecting",
    "phone.review",
    "phone.send",
    "phone.send_note",
    "phone.sent",
    "phone.summary",
    "phone.turn",
    "phone.write",
    "phone.you_are",
)


def render(session: Session, lang: Lang, nonce: str) -> str:
    data = {
        **remote.meeting_view(session),
        "state": remote.live_state(session),
        "strings": {k.removeprefix("phone."): t(k, lang) for k in STRINGS},
    }
    payload = (
        json.dumps(data, ensure_ascii=False)
        .replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
    )
    return (
        template()
        .replace("__LANG__", lang)
        .replace("__NONCE__", nonce)
        .replace("__TITLE__", "kollegial")
        .replace("__DATA__", payload)
    )


@cache
def template() -> str:
    """page.html, beside this module (in the wheel too)."""
    return files("kollegial.serve").joinpath("page.html").read_text(encoding="utf-8")
