"""``list``, ``show`` and ``validate`` as text on the terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from kollegial.display import safe
from kollegial.errors import ProtocolInvalidError, UsageError
from kollegial.i18n import decimal, get_language, t
from kollegial.protocols.discovery import Found, Origin, discover, protocol_files, search_dirs
from kollegial.protocols.model import (
    MODE_KEYS,
    Protocol,
    Step,
    apply_variant,
    pass_budget,
    step_minutes,
    sub_step_minutes,
)
from kollegial.store.cache import ProtocolCache
from kollegial.views import columns

DEFAULT_PARTICIPANTS = 4
"""The group size `list` and `show` plan for when the length depends on it and none is given."""


def fmt_minutes(value: float) -> str:
    """Minutes as a reader writes them: ``10``, ``2,5`` in Swedish, ``2.5`` in English."""
    return str(int(value)) if value == int(value) else decimal(value)


def print_list() -> None:
    found = discover(cache=ProtocolCache())
    on = columns.styled()
    valid = [f for f in found if f.protocol is not None]
    if not valid:
        print(t("list.none"))
    else:
        names = (
            "list.col.id",
            "list.col.title",
            "list.col.minutes",
            "list.col.steps",
            "list.col.variants",
            "list.col.source",
        )
        rows: list[list[str]] = []
        scaling = False
        for entry in valid:
            assert entry.protocol is not None
            p = entry.protocol
            minutes = fmt_minutes(p.planned_minutes(DEFAULT_PARTICIPANTS))
            if p.scales_with_people:
                minutes += "*"
                scaling = True
            cells = [p.id or "", p.title, minutes, str(len(p.steps)), ", ".join(p.variants)]
            rows.append([safe(c) for c in cells] + [_source_text(entry)])
        # On a terminal the table fits its width (titles, then sources, cut with …);
        # piped, lines are never cut, so they stay greppable.
        width = os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
        lines = columns.render(
            [t(n) for n in names],
            rows,
            right=frozenset({2, 3}),
            shrink=(5, 1, 4),
            width=width,
        )
        print(columns.bold(lines[0], on))
        print("\n".join(lines[1:]))
        if scaling:
            print(columns.dim(t("list.scales", people=DEFAULT_PARTICIPANTS), on))
    folders = ", ".join(safe(str(folder)) for _, folder in search_dirs())
    print(columns.dim(t("list.folders", folders=folders), on))
    broken = [f for f in found if f.error is not None]
    skipped = [f for f in broken if f.error is not None and _not_read(f.error)]
    broken = [f for f in broken if f not in skipped]
    if broken:
        files = ", ".join(str(f.path) for f in broken)
        print(t("list.invalid", count=len(broken), files=files), file=sys.stderr)
    for entry in skipped:
        assert entry.error is not None
        reason = entry.error.problems[0].message()
        print(t("list.skipped", file=safe(str(entry.path)), reason=reason), file=sys.stderr)


def _not_read(error: ProtocolInvalidError) -> bool:
    """A file not read at all (a FIFO, a device, too big): said with its reason by `list`."""
    return len(error.problems) == 1 and error.problems[0].key in _NOT_READ


_NOT_READ = frozenset({"err.file_not_regular", "err.file_too_big", "err.file_unreadable"})


_ORIGIN_KEYS = {
    Origin.CLI: "source.cli",
    Origin.PATH: "source.path",
    Origin.USER: "source.user",
    Origin.BUNDLED: "source.bundled",
}


def _source_text(entry: Found) -> str:
    label = t(_ORIGIN_KEYS[entry.origin])
    if entry.overrides_bundled:
        return f"{label}, {t('list.overrides')}"
    if entry.shadowed_by is not None:
        return f"{label}, {t('list.shadowed')}"
    return label


def parse_participant_count(value: str | None) -> int | None:
    """``--participants N`` of ``show``: a whole number of people, at least two.

    Raises:
        UsageError: not such a number.
    """
    if value is None:
        return None
    from kollegial.session.session import MIN_PARTICIPANTS

    try:
        number = int(value.strip())
    except ValueError:
        number = 0
    if number < MIN_PARTICIPANTS:
        raise UsageError("err.bad_participant_count", value=value, minimum=MIN_PARTICIPANTS)
    return number


def role_definite(protocol: Protocol, role_id: str, *, capital: bool = False) -> str:
    """A role as the subject of a sentence: *presentatören*, *den som är observerad lärare*.

    Swedish has no article to put in front: a one-word title takes the
    definite ending (presentatör → presentatören, lärare → läraren); a longer
    title is said with *den som är*. In English, *the* and the title.
    """
    title = next((r.title for r in protocol.roles if r.id == role_id), role_id)
    word = title.strip().lower()
    if get_language() == "en":
        text = f"the {word}"
    elif " " in word:
        text = f"den som är {word}"
    elif word.endswith("e"):
        text = word + "n"  # lärare → läraren, samtalsledare → samtalsledaren
    elif word.endswith("a"):
        text = word + "n"  # kollega → kollegan
    else:
        text = word + "en"  # presentatör → presentatören
    return text[0].upper() + text[1:] if capital else text


def protocol_lines(
    protocol: Protocol, start: datetime | None = None, participants: int | None = None
) -> list[str]:
    """The protocol as a reader wants it before a meeting, one line per item.

    ``participants`` is how many will take part: durations that scale with the
    group (``minutes_per_person``, a pass per participant) are then worked out;
    without it they are shown per person, and the total is given for
    :data:`DEFAULT_PARTICIPANTS`, saying so.
    """
    lines = [f"{protocol.title}  ({protocol.id})"]
    if protocol.summary:
        lines.append(protocol.summary)
    if protocol.source:
        lines.append(t("show.source", source=protocol.source))
    if protocol.roles:
        lines += ["", t("show.roles") + ": " + ", ".join(r.title for r in protocol.roles)]
    if protocol.columns:
        lines += ["", t("show.columns") + ":"]
        lines += [f"  – {c.title}" for c in protocol.columns]
    if protocol.groups:
        scale = protocol.scale
        labels = ", ".join(f"{v} = {text}" for v, text in sorted(scale.labels.items()))
        lines += [
            "",
            t("show.scale", min=scale.min, max=scale.max, labels=f" ({labels})" if labels else ""),
        ]
    if protocol.variants:
        people = participants or DEFAULT_PARTICIPANTS
        lines += ["", t("show.variants") + ":"]
        for name, variant in protocol.variants.items():
            minutes = fmt_minutes(apply_variant(protocol, name).planned_minutes(people))
            title = f"{variant.title}, " if variant.title else ""
            lines.append(f"  – {name} ({title}{t('show.minutes', minutes=minutes)})")
        lines.append(
            "    " + t("show.variant_hint", id=protocol.id, name=next(iter(protocol.variants)))
        )
    lines += ["", t("show.steps") + ":"]
    clock = [start] if start else None
    lines += list(_step_lines(protocol, protocol.steps, None, "", clock, participants))
    if protocol.groups:
        lines += ["", t("show.groups") + ":"]
        for group in protocol.groups:
            lines.append(f"  {group.title}")
            for n, st in enumerate(group.statement_list(), start=1):
                lines.append(f"    {n:>2}. {st.text}")
    if not protocol.scales_with_people:
        lines += ["", t("show.total", minutes=fmt_minutes(protocol.planned_minutes()))]
    elif participants is not None:
        total = fmt_minutes(protocol.planned_minutes(participants))
        lines += ["", t("show.total_for", minutes=total, people=participants)]
    else:
        total = fmt_minutes(protocol.planned_minutes(DEFAULT_PARTICIPANTS))
        lines += [
            "",
            t("show.total_for", minutes=total, people=DEFAULT_PARTICIPANTS),
            t("show.total_default", people=DEFAULT_PARTICIPANTS, id=protocol.id),
        ]
    return lines


def _step_lines(
    protocol: Protocol,
    steps: list[Step],
    minutes: list[float | None] | None,
    prefix: str,
    clock: list[datetime] | None,
    participants: int | None,
) -> Iterator[str]:
    n_groups = len(protocol.groups)
    people = participants or DEFAULT_PARTICIPANTS
    indent = "  " + "  " * prefix.count(".")
    for i, step in enumerate(steps, start=1):
        number = f"{prefix}{i}"
        timed = step.minutes is not None or step.minutes_per_person is not None or step.steps
        planned = (
            minutes[i - 1] if minutes else (step_minutes(step, n_groups, people) if timed else None)
        )
        mode = t(MODE_KEYS[step.mode]) if step.mode else t("mode.block")
        when = f"{clock[0]:%H:%M}  " if clock else ""
        length = _length(step, planned, n_groups, participants)
        optional = f"  {t('show.optional')}" if step.optional else ""
        yield f"{indent}{when}{number}. {step.title}  [{mode} · {length}]{optional}"
        detail = indent + " " * (len(when) + len(number) + 2)
        if step.speaker is not None:
            yield detail + t(
                "show.present", who=role_definite(protocol, step.speaker, capital=True)
            )
        if step.exclude is not None:
            yield detail + t("show.exclude", who=role_definite(protocol, step.exclude))
        if step.size is not None:
            yield detail + _subgroups_text(step.size, participants)
        if step.round is not None and step.round.value == "until-all-pass":
            yield detail + t("show.round_until_all_pass")
        if step.turn_seconds:
            yield detail + t("show.turn_seconds", seconds=fmt_minutes(step.turn_seconds))
        if step.appoint:
            yield detail + t("show.appoint", role=protocol.role(step.appoint).title)
        target = step.notes_target
        if target == "own":
            yield detail + t("show.notes_own")
        elif target:
            yield detail + t("show.notes_column", column=protocol.column(target).title)
        if step.decision:
            yield detail + t("show.decision", label=step.decision)
        if step.show == "ratings":
            yield detail + t("show.show_ratings")
        if step.prompt:
            yield detail + step.prompt
        if step.hint:
            yield detail + step.hint
        if step.steps:
            shares = sub_step_minutes(step, n_groups, people)
            if step.for_each == "group":
                yield detail + t("show.for_each_group")
                for g in protocol.groups:
                    yield detail + f"{g.title}:"
                    yield from _step_lines(
                        protocol, step.steps, shares, f"{number}.", clock, participants
                    )
            elif step.for_each == "participant":
                yield detail + _each_participant_text(protocol, step, participants)
                began = clock[0] if clock else None
                # One pass is shown; the clock then moves on past all of them.
                yield from _step_lines(
                    protocol, step.steps, shares, f"{number}.", clock, participants
                )
                if clock is not None and began is not None:
                    clock[0] = began + timedelta(minutes=planned or 0)
            else:
                yield from _step_lines(
                    protocol, step.steps, shares, f"{number}.", clock, participants
                )
        elif clock is not None and planned:
            clock[0] += timedelta(minutes=planned)


def _length(step: Step, planned: float | None, n_groups: int, participants: int | None) -> str:
    """The length in a step's line: minutes, per person, or no timer."""
    if participants is None and step.scales_with_people:
        if step.minutes is None and step.minutes_per_person is not None:
            return t("show.per_person", minutes=fmt_minutes(step.minutes_per_person))
        # A pass whose own length grows with the group (a minute per responder)
        # has no one figure per person: the total for the assumed group is shown.
        if step.for_each == "participant" and not any(
            s.scales_with_people for s in step.steps or []
        ):
            budget = pass_budget(step, n_groups)
            per_pass = (
                budget
                if budget is not None
                else sum(step_minutes(s, n_groups) for s in step.steps or [])
            )
            if step.minutes is None and per_pass:
                return t("show.per_person", minutes=fmt_minutes(per_pass))
    if planned:
        return t("show.minutes", minutes=fmt_minutes(planned))
    return t("show.no_timer")


def _subgroups_text(size: int, participants: int | None) -> str:
    text = t("show.pairs") if size == 2 else t("show.groups_of", size=size)
    if participants is not None:
        from kollegial.session.session import form_subgroups  # `show` only, not `list`

        groups = form_subgroups([str(i) for i in range(participants)], size)
        sizes = " + ".join(str(len(g)) for g in groups)
        text += " " + t("show.split", people=participants, sizes=sizes)
    return text


def _each_participant_text(protocol: Protocol, step: Step, participants: int | None) -> str:
    times = f" ({t('show.passes', count=participants)})" if participants is not None else ""
    if step.as_role is None:
        return t("show.for_each_participant", times=times)
    role = next((r.title for r in protocol.roles if r.id == step.as_role), step.as_role)
    return t("show.for_each_participant_as", times=times, role=role.lower())


def print_protocol(
    protocol: Protocol, start: datetime | None = None, participants: int | None = None
) -> None:
    lines = protocol_lines(protocol, start, participants)
    sys.stdout.write("\n".join(safe(line) for line in lines) + "\n")


def _expand(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """Files to validate; folders give their .yaml files. The flag marks an empty folder."""
    for path in paths:
        if path.is_dir():
            files = protocol_files(path)
            if not files:
                yield path, True
            for f in files:
                yield f, False
        else:
            yield path, False


def print_validation(paths: Iterable[Path]) -> bool:
    """Validate each file, print ``OK`` or its problems; True when all are valid."""
    # Validation itself, never the cache: this is the command that checks a file.
    from kollegial.protocols.loader import load_protocol

    ok = True
    total = bad = 0
    for path, empty_folder in _expand(paths):
        if empty_folder:
            print(t("validate.nothing", path=path), file=sys.stderr)
            ok = False
            continue
        total += 1
        try:
            load_protocol(path)
        except ProtocolInvalidError as exc:
            ok = False
            bad += 1
            for problem in exc.problems:
                print(problem.render())
        else:
            print(t("validate.ok", file=path))
    if bad and total > 1:
        print(t("validate.summary_bad", bad=bad, total=total), file=sys.stderr)
    return ok
