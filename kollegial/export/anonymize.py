"""Participants' names in exports: as they are, or replaced by *Deltagare 1…N*.

Every export format takes its names from one :class:`Names`, so an anonymized
markdown, HTML, Excel, JSON and CSV file made from one :class:`Names` agree on
who is *Deltagare 2*. What anonymizing does, and what it cannot do:

- The numbers are dealt in a random order, anew for every export: *Deltagare 1*
  is not the first who joined, and two exports of one meeting number people
  differently, so that they cannot be laid side by side.
- The names of the participants are replaced in the free text the program
  keeps (focus, notes, decisions): as whole words, in any case (``anna``,
  ``ANNA``), in the genitive (``Annas`` becomes *Deltagare 2:s*), with å, ä
  and ö counting as letters, and a name of several words also word by word
  (``Anna Svensson``, then ``Anna`` and ``Svensson``).
- Who said what, who held a role (unless asked for), who sat in which small
  group, and who came late or left early are left out of the minutes: each
  would tell who a number is.
- The JSON export keeps the event log (it must, to be importable): the order
  in which people joined and took their turns is in it, so whoever was there
  can tell the numbers apart. Share the markdown, HTML, Excel or CSV instead.
- Other people's names, nicknames and descriptions (*"hon som har 7B"*) are
  not known to the program and stay: the leader reads the file before sharing.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import replace

from kollegial.i18n import Lang, t
from kollegial.session import events as ev
from kollegial.session.session import Session

_RATER = re.compile(r"#\d+")


class Names:
    """Maps a participant's name to the name an export shows.

    With ``anonymize`` the participants become *Deltagare 1…N* (English
    *Participant 1…N*) in a random order; without, names pass through.
    """

    def __init__(
        self,
        participants: Iterable[str],
        *,
        anonymize: bool,
        lang: Lang,
        rng: random.Random | None = None,
        keep_roles: bool = False,
    ) -> None:
        self.anonymize = anonymize
        self.roles_shown = keep_roles or not anonymize
        """Whether an export says who held each role (a role tells who a number is)."""
        self.lang: Lang = lang
        self._aliases: dict[str, str] = {}
        self._numbers: dict[str, int] = {}
        self._pattern: re.Pattern[str] | None = None
        self._words: dict[str, str] = {}
        if anonymize:
            everyone = list(dict.fromkeys(participants))
            # Rater numbers of an anonymous rating (#1, #2 ...) follow the order
            # people rated in: they are dealt anew too, as rater numbers.
            raters = [p for p in everyone if _RATER.fullmatch(p)]
            people = [p for p in everyone if not _RATER.fullmatch(p)]
            # Not guessable from the meeting: a system source unless a test injects one.
            shuffle = (rng or random.SystemRandom()).shuffle
            for group, rater in ((people, False), (raters, True)):
                numbers = list(range(1, len(group) + 1))
                shuffle(numbers)
                for name, number in zip(group, numbers, strict=True):
                    self._set(name, number, rater=rater)
            self._compile()

    @classmethod
    def of(
        cls,
        session: Session,
        *,
        anonymize: bool,
        lang: Lang,
        rng: random.Random | None = None,
        keep_roles: bool = False,
    ) -> Names:
        """The names of ``session``'s participants (and of anyone who rated)."""
        people = [*session.participants, *sorted(set(session.ratings) - set(session.participants))]
        return cls(people, anonymize=anonymize, lang=lang, rng=rng, keep_roles=keep_roles)

    def _set(self, name: str, number: int, *, rater: bool = False) -> None:
        self._numbers[name] = number
        alias = f"#{number}" if rater else t("export.participant", self.lang, number=number)
        self._aliases[name] = alias

    def _compile(self) -> None:
        words: dict[str, str] = {}
        for name, alias in self._aliases.items():
            if not _RATER.fullmatch(name):
                words.setdefault(name.casefold(), alias)
        for name, alias in self._aliases.items():
            for part in name.split():
                if len(part) > 1:
                    words.setdefault(part.casefold(), alias)
        self._words = words
        if words:
            # Longest first, so "Anna-Karin" is replaced before "Anna"; \w is
            # Unicode, so "Åsa" in "Åsas" is part of a longer word and stays.
            alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            self._pattern = re.compile(rf"(?<!\w)({alternatives})(s|[’']s)?(?!\w)", re.IGNORECASE)

    def __call__(self, name: str) -> str:
        if not self.anonymize:
            return name
        alias = self._aliases.get(name)
        if alias is None:
            # A name that is not among the participants (possible only in a
            # hand-edited log) still gets an alias: a real name must never leak.
            self._set(name, len(self._numbers) + 1)
            alias = self._aliases[name]
        return alias

    def speaker(self, name: str | None) -> str | None:
        """Who a note is attributed to: nobody once anonymized."""
        return None if self.anonymize else name

    def ordered(self, people: Iterable[str]) -> list[str]:
        """``people`` in the order an export lists them: by number once anonymized.

        The order people joined would tell who is who.
        """
        people = list(people)
        if not self.anonymize:
            return people
        return sorted(people, key=lambda p: (self(p).startswith("#"), self._numbers[p]))

    def text(self, text: str) -> str:
        """Free text (a note, the focus, a decision) with the participants' names replaced."""
        if not self.anonymize or self._pattern is None:
            return text
        genitive = t("export.genitive", self.lang)
        return self._pattern.sub(
            lambda m: self._words[m.group(1).casefold()] + (genitive if m.group(2) else ""), text
        )


def anonymize_events(events: Iterable[ev.Event], names: Names) -> list[ev.Event]:
    """The event log with every participant's name replaced through ``names``.

    Notes lose their attribution (the speaker becomes None), as in the other
    formats; names in the texts of the focus, notes and decisions are
    replaced; turns, presence, roles and ratings keep their alias, so the log
    replays into the same meeting with other names.
    """
    if not names.anonymize:
        return list(events)
    return [
        _anonymize_event(event, names)
        for event in events
        # Who held a role tells who a number is, unless asked for.
        if names.roles_shown or not isinstance(event, ev.RoleAssigned)
    ]


def _anonymize_event(event: ev.Event, names: Names) -> ev.Event:
    match event:
        case ev.ParticipantAdded() | ev.PresenceChanged() | ev.TurnTaken() | ev.TurnPassed():
            return replace(event, name=names(event.name))
        case ev.RoleAssigned(name=str() as name):
            return replace(event, name=names(name))
        case ev.NoteAdded():
            return replace(event, speaker=None, text=names.text(event.text))
        case ev.NoteEdited() | ev.FocusSet() | ev.DecisionSet():
            return replace(event, text=names.text(event.text))
        case ev.NoteAttributed():
            return replace(event, speaker=None)
        case ev.RatingSet():
            return replace(event, participant=names(event.participant))
        case ev.SubgroupsFormed():
            return replace(event, groups=tuple(tuple(map(names, g)) for g in event.groups))
    return event
