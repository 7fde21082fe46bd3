"""What a phone in the room may do in a meeting, and what it may see: rules, no I/O.

The web server (``kollegial.serve``) only carries requests here. A phone's
rating goes through the same :class:`Session` commands as one typed at the
laptop, so it is saved, resumed and exported alike. What a phone may see is
decided here too: the step, its time and whose turn it is, how many have
rated, and never a value or a note of anyone else's.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from typing import Any

from kollegial.errors import KollegialError
from kollegial.protocols.model import Mode
from kollegial.session.session import Session

MAX_NOTE_LENGTH = 10_000
"""As in the note field at the laptop."""
MAX_CLIENT_ID = 64


def takes_phone_notes(session: Session) -> bool:
    """Whether the current step takes notes from the room: silent writing, or a step with notes."""
    step = session.step
    return not session.ended and (step.takes_notes or step.mode is Mode.SILENT)


def meeting_view(session: Session) -> dict[str, Any]:
    """What the page needs to draw itself: the protocol's statements, scale and the names.

    The names are the meeting's participants, to pick one's own; an anonymous
    meeting sends none (a phone gets a rater number when it sends).
    """
    protocol = session.protocol
    scale = protocol.scale
    return {
        "meeting": meeting_key(session),
        "protocol": protocol.id,
        "title": protocol.title,
        "anonymous": session.anonymous,
        "participants": [] if session.anonymous else list(session.participants),
        "scale": {
            "min": scale.min,
            "max": scale.max,
            "labels": {str(k): v for k, v in scale.labels.items()},
        },
        "groups": [
            {
                "id": g.id,
                "title": g.title,
                "statements": [{"id": st.id, "text": st.text} for st in g.statement_list()],
            }
            for g in protocol.groups
        ],
    }


def meeting_key(session: Session) -> str:
    """The same for a meeting when it is resumed (the page's address changes), another for another.

    The page keeps what the phone chose (its name, its random id in an
    anonymous meeting, its answers) under this, so a phone that comes back
    to a resumed meeting is the phone it was, and no id links two meetings.
    """
    started = session.started_at.isoformat() if session.started_at else ""
    return hashlib.sha256(f"{session.protocol.id}\0{started}".encode()).hexdigest()[:16]


def live_state(session: Session) -> dict[str, Any]:
    """The meeting as a phone follows it: public on the wall already, nothing more.

    No values, no notes and no names of who has rated: only how many.
    """
    step = session.step
    rating = step.mode is Mode.RATE and not session.ended
    remaining = session.remaining()
    title = step.title if step.group is None else f"{step.group.title} — {step.title}"
    return {
        "step": session.current,
        "title": title,
        "mode": step.mode.value,
        "ended": session.ended,
        "remaining": None if remaining is None else int(remaining),
        "running": session.running,
        "speaker": None if session.is_private else session.speaker,
        "rating": rating,
        "statements": session.rated_statements() if rating else [],
        "rated": len(session.raters()) if rating else 0,
        "of": len(session.participants),
        "notes": takes_phone_notes(session),
    }


class PhoneRaters:
    """Rater numbers for the phones of an anonymous meeting, by each phone's own random id.

    The number is the session's (:meth:`Session.phone_rater`), saved as an
    event under a digest of the id, so a phone that sends again keeps its
    number, also after the meeting is resumed, and a second sending replaces
    the first. The id itself is random, made by the phone; neither it nor
    its digest says who holds the phone.
    """

    def rater(self, session: Session, client: str) -> str:
        if not client or len(client) > MAX_CLIENT_ID:
            raise KollegialError("err.phone_bad_request")
        return session.phone_rater(phone_digest(client))


def phone_digest(client: str) -> str:
    """What the log keeps of a phone's id: 128 bits of its SHA-256."""
    return hashlib.sha256(client.encode()).hexdigest()[:32]


def submit_ratings(
    session: Session,
    raters: PhoneRaters,
    *,
    protocol: object,
    step: object,
    name: object,
    values: object,
) -> str:
    """Take one phone's ratings for the current rate step; checked whole before any is set.

    ``name`` is the participant picked on the phone, or in an anonymous
    meeting the phone's own random id. Sending the same again changes
    nothing (no event); sending other values replaces the earlier ones while
    the step lasts. Returns who the ratings stand under (a name or ``#n``).

    Raises:
        KollegialError: the step is over, another protocol, an unknown name or
            statement, a value off the scale: a message the phone shows.
    """
    _same_step(session, protocol, step)
    if session.step.mode is not Mode.RATE:
        raise KollegialError("err.phone_step_over")
    if not isinstance(name, str) or not isinstance(values, Mapping):
        raise KollegialError("err.phone_bad_request")
    wanted = session.rated_statements()
    for statement in values:
        if statement not in wanted:
            raise KollegialError("err.unknown_statement", statement=statement)
    scale = session.protocol.scale
    for value in values.values():  # before a rater number is given, in an anonymous meeting
        if not scale.holds(value):
            raise KollegialError("err.rating_scale", value=value, min=scale.min, max=scale.max)
    if session.anonymous:
        rater = raters.rater(session, name)
    else:
        if name not in session.participants:
            raise KollegialError("err.unknown_participant", name=name)
        rater = name
    # Ratings of statements this step does not ask for stay as they are.
    kept = {s: v for s, v in session.ratings.get(rater, {}).items() if s not in wanted}
    session.replace_ratings(rater, {**kept, **values})
    return rater


def submit_note(
    session: Session, *, protocol: object, step: object, name: object, text: object
) -> None:
    """A note sent from a phone, attributed to the participant who picked their name.

    Raises:
        KollegialError: the step takes no notes (or is over), an unknown name,
            an empty or too long note.
    """
    _same_step(session, protocol, step)
    if not takes_phone_notes(session):
        raise KollegialError("err.phone_no_notes")
    if not isinstance(text, str) or not (name is None or isinstance(name, str)):
        raise KollegialError("err.phone_bad_request")
    if len(text) > MAX_NOTE_LENGTH:
        raise KollegialError("err.phone_note_too_long", max=MAX_NOTE_LENGTH)
    speaker = name if name and not session.anonymous else None
    if speaker is not None and speaker not in session.participants:
        raise KollegialError("err.unknown_participant", name=speaker)
    session.add_note(text, by=speaker)


def _same_step(session: Session, protocol: object, step: object) -> None:
    if protocol != session.protocol.id:
        raise KollegialError("err.phone_wrong_protocol")
    whole = isinstance(step, int) and not isinstance(step, bool)
    if session.ended or not whole or step != session.current:
        raise KollegialError("err.phone_step_over")


def new_token() -> str:
    """The meeting's secret in the page's address: 128 random bits, URL-safe.

    128 bits and no more: every character more can make the QR code a size
    larger, and the wall may have 24 rows.
    """
    return secrets.token_urlsafe(16)
