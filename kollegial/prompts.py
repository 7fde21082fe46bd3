"""Every questionary dialogue, in one place; each returns plain values.

Imported only by the commands that ask something, so the rest of the CLI never
pays for prompt_toolkit at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

import questionary

from kollegial.errors import KollegialError
from kollegial.i18n import t
from kollegial.session.session import MIN_PARTICIPANTS, clean_name


@dataclass(frozen=True)
class MeetingSetup:
    participants: list[str]
    focus: str | None
    start_now: bool


class Cancelled(KollegialError):
    """The user pressed ctrl-c or ctrl-d in a dialogue."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__("prompt.cancelled")


def _ask(question: questionary.Question) -> object:
    answer = question.ask()
    if answer is None:
        raise Cancelled()
    return answer


def ask_meeting(title: str) -> MeetingSetup:
    """Ask for the participants (at least two, no duplicates), the focus, and whether to start."""
    print(t("prompt.intro", title=title))
    names: list[str] = []

    def validate(text: str) -> bool | str:
        name = clean_name(text)
        if not name:
            return (
                True
                if len(names) >= MIN_PARTICIPANTS
                else t("prompt.need_more", n=MIN_PARTICIPANTS)
            )
        if name.casefold() in {n.casefold() for n in names}:
            return t("err.duplicate_participant", name=name)
        return True

    while True:
        answer = str(
            _ask(
                questionary.text(
                    t("prompt.participant", n=len(names) + 1),
                    instruction=t("prompt.participant_hint")
                    if len(names) >= MIN_PARTICIPANTS
                    else "",
                    validate=validate,
                )
            )
        )
        name = clean_name(answer)
        if not name:
            break
        names.append(name)
    focus = str(_ask(questionary.text(t("prompt.focus"), instruction=t("prompt.optional")))).strip()
    start = bool(_ask(questionary.confirm(t("prompt.start_now"), default=True)))
    return MeetingSetup(names, focus or None, start)
