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
from kollegial.session.session import MIN_PARTICIPANTS, clean_name, name_taken
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
    # questionary's own words on ctrl-c ("Cancelled by user") stay unsaid:
    # Cancelled says it in the user's language.
    answer = question.ask(kbi_msg="")
    if answer is None:
        raise Cancelled()
    return answer


def stop_running_dialogue() -> bool:
    """Cancel the question on screen, as ctrl-c would; False when none is asked.

    Safe from a signal handler: the question's own event loop does the work.
    """
    from functools import partial

    from prompt_toolkit.application import get_app_or_none

    app = get_app_or_none()
    if app is None or not app.is_running or app.loop is None:
        return False
    app.loop.call_soon_threadsafe(partial(app.exit, exception=KeyboardInterrupt))
    return True


YES_KEYS = "jJyY"
"""Keys that answer yes: j for ja, and y, which English-speaking fingers press anyway."""
NO_KEYS = "nN"


def yes_no(message: str, default: bool = True) -> questionary.Question:
    """A yes/no question in the user's language: questionary.confirm with the catalog's words.

    questionary.confirm says ``(Y/n)`` and ``Yes``/``No`` and knows only y and n;
    this is the same question (same look, same prompt_toolkit application)
    where ``j`` and ``y`` mean yes, ``n`` no, and enter the default.
    """
    from prompt_toolkit import PromptSession
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
    from prompt_toolkit.keys import Keys
    from questionary.styles import merge_styles_default

    answer: list[bool] = []
    done: list[bool] = []

    def tokens() -> FormattedText:
        parts = [("class:qmark", "?"), ("class:question", f" {message} ")]
        if not done:
            hint = t("prompt.yes_no") if default else t("prompt.no_yes")
            parts.append(("class:instruction", f"{hint} "))
        if answer:
            parts.append(("class:answer", t("prompt.yes") if answer[0] else t("prompt.no")))
        return FormattedText(parts)

    def finish(event: KeyPressEvent, value: bool) -> None:
        answer[:] = [value]
        done.append(True)
        event.app.exit(result=value)

    bindings = KeyBindings()

    @bindings.add(Keys.ControlQ, eager=True)
    @bindings.add(Keys.ControlC, eager=True)
    def _abort(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    for key in YES_KEYS:
        bindings.add(key)(lambda event: finish(event, True))
    for key in NO_KEYS:
        bindings.add(key)(lambda event: finish(event, False))

    @bindings.add(Keys.ControlM, eager=True)
    def _enter(event: KeyPressEvent) -> None:
        finish(event, default)

    @bindings.add(Keys.Any)
    def _other(event: KeyPressEvent) -> None:
        """Any other key does nothing."""

    session: PromptSession[bool] = PromptSession(
        tokens, key_bindings=bindings, style=merge_styles_default([None])
    )
    return questionary.Question(session.app)


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
        if name_taken(name, names):
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
    start = bool(_ask(yes_no(t("prompt.start_now"), default=True)))
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
                instruction=t("prompt.arrows"),
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
