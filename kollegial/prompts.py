"""Every questionary dialogue, in one place; each returns plain values.

Imported only by the commands that ask something, so the rest of the CLI never
pays for prompt_toolkit at start-up.
"""

from __future__ import annotations

import questionary

from kollegial.display import safe
from kollegial.errors import KollegialError
from kollegial.i18n import t
from kollegial.protocols.model import Protocol
from kollegial.session.session import MIN_PARTICIPANTS, clean_name
from kollegial.values import Value, frozen

BACK = "back"


@frozen
class MeetingSetup(Value):
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


def confirm(question: str) -> bool:
    """A yes/no question, no by default: for what cannot be undone."""
    return bool(_ask(questionary.confirm(safe(question), default=False)))


def ask_name() -> str:
    def validate(text: str) -> bool | str:
        return True if clean_name(text) else t("err.empty_name")

    return clean_name(str(_ask(questionary.text(t("rate.name"), validate=validate))))


def ask_ratings(protocol: Protocol, name: str | None = None) -> tuple[str, dict[str, int]]:
    """Ask for the name (unless given) and a value for each statement, in order.

    Digits or arrow keys pick a value, ``b`` goes back one statement; at the end
    a summary asks to save, change or cancel. Nothing is returned until saved.
    """
    name = clean_name(name) if name else ask_name()
    scale = protocol.scale
    items = [
        (group, n, st, len(group.statements))
        for group in protocol.groups
        for n, st in enumerate(group.statement_list(), start=1)
    ]
    values: dict[str, int] = {}
    i = 0
    while True:
        while i < len(items):
            group, n, st, count = items[i]
            assert st.id is not None
            choices = [
                questionary.Choice(
                    safe(f"{v}  {scale.labels.get(v, '')}".rstrip()),
                    value=v,
                    shortcut_key=str(v) if 0 <= v <= 9 else True,
                )
                for v in scale.values
            ]
            if i > 0:
                choices.append(questionary.Choice(t("rate.back"), value=BACK, shortcut_key="b"))
            answer = _ask(
                questionary.select(
                    safe(f"{group.title} · {n}/{count}\n  {st.text}"),
                    choices=choices,
                    default=next((c for c in choices if c.value == values.get(st.id)), None),
                    use_shortcuts=True,
                    instruction=t("rate.instruction"),
                )
            )
            if answer == BACK:
                i -= 1
                continue
            values[st.id] = int(str(answer))
            i += 1
        print(t("rate.summary", name=name))
        for group, n, st, _ in items:
            line = f"  {values[st.id or '']}  {group.title[:24]:<24} {n}. {st.text[:60]}"
            print(safe(line))
        action = _ask(
            questionary.select(
                t("rate.confirm"),
                choices=[
                    questionary.Choice(t("rate.save"), value="save"),
                    questionary.Choice(t("rate.change"), value="change"),
                    questionary.Choice(t("rate.cancel"), value="cancel"),
                ],
            )
        )
        if action == "save":
            return name, values
        if action == "cancel":
            raise Cancelled()
        i = len(items) - 1
