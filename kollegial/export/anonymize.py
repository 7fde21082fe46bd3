"""Participants' names in exports: as they are, or replaced by *Deltagare 1…N*.

Every export format takes its names from one :class:`Names`, so an anonymized
markdown, JSON and CSV file of the same meeting agree on who is *Deltagare 2*.
Texts people typed (notes, focus, decisions) are never changed: a name written
inside a note is the leader's responsibility.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kollegial.i18n import Lang, t
from kollegial.session import events as ev
from kollegial.session.session import Session


class Names:
    """Maps a participant's name to the name an export shows.

    With ``anonymize`` the participants become *Deltagare 1…N* (English
    *Participant 1…N*) in the order they joined; without, names pass through.
    """

    def __init__(self, participants: Iterable[str], *, anonymize: bool, lang: Lang) -> None:
        self.anonymize = anonymize
        self.lang: Lang = lang
        self._aliases: dict[str, str] = {}
        if anonymize:
            for name in participants:
                self(name)

    @classmethod
    def of(cls, session: Session, *, anonymize: bool, lang: Lang) -> Names:
        """The names of ``session``'s participants, in the order they joined."""
        return cls(session.participants, anonymize=anonymize, lang=lang)

    def __call__(self, name: str) -> str:
        if not self.anonymize:
            return name
        alias = self._aliases.get(name)
        if alias is None:
            # A name that is not among the participants (possible only in a
            # hand-edited log) still gets an alias: a real name must never leak.
            alias = t("export.participant", self.lang, number=len(self._aliases) + 1)
            self._aliases[name] = alias
        return alias

    def speaker(self, name: str | None) -> str | None:
        """Who a note is attributed to: nobody once anonymized."""
        return None if self.anonymize else name


def anonymize_events(events: Iterable[ev.Event], names: Names) -> list[ev.Event]:
    """The event log with every participant's name replaced through ``names``.

    Notes lose their attribution (the speaker becomes None), as in the other
    formats; turns, presence, roles and ratings keep their alias, so the log
    replays into the same meeting with other names.
    """
    if not names.anonymize:
        return list(events)
    return [_anonymize_event(event, names) for event in events]


def _anonymize_event(event: ev.Event, names: Names) -> ev.Event:
    match event:
        case ev.ParticipantAdded() | ev.PresenceChanged() | ev.TurnTaken() | ev.TurnPassed():
            return replace(event, name=names(event.name))
        case ev.RoleAssigned(name=str() as name):
            return replace(event, name=names(name))
        case ev.NoteAdded() | ev.NoteAttributed():
            return replace(event, speaker=None)
        case ev.RatingSet():
            return replace(event, participant=names(event.participant))
        case ev.SubgroupsFormed():
            return replace(event, groups=tuple(tuple(map(names, g)) for g in event.groups))
    return event
