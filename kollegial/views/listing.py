"""``list``, ``show`` and ``validate`` as text on the terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kollegial.errors import ProtocolInvalidError
from kollegial.i18n import decimal, t
from kollegial.protocols.discovery import Found, discover, protocol_files, search_dirs
from kollegial.protocols.model import Protocol, Step, step_minutes, sub_step_minutes
from kollegial.store.cache import ProtocolCache


def _console() -> Console:
    console = Console(highlight=False)
    if not console.is_terminal:
        # Piped or captured: no wrapping at 80 columns, lines stay greppable.
        console = Console(highlight=False, width=10_000)
    return console


def fmt_minutes(value: float) -> str:
    """Minutes as a reader writes them: ``10``, ``2,5`` in Swedish, ``2.5`` in English."""
    return str(int(value)) if value == int(value) else decimal(value)


def print_list() -> None:
    found = discover(cache=ProtocolCache())
    console = _console()
    valid = [f for f in found if f.protocol is not None]
    if not valid:
        console.print(t("list.none"))
    else:
        table = Table(box=None, pad_edge=False, header_style="bold")
        for col in ("id", "title", "minutes", "steps", "source"):
            table.add_column(
                t(f"list.col.{col}"), justify="right" if col in ("minutes", "steps") else "left"
            )
        for entry in valid:
            assert entry.protocol is not None
            p = entry.protocol
            table.add_row(
                p.id or "",
                p.title,
                fmt_minutes(p.planned_minutes()),
                str(len(p.steps)),
                _source_text(entry),
            )
        console.print(table)
    folders = ", ".join(str(folder) for _, folder in search_dirs())
    console.print(Text(t("list.folders", folders=folders), style="dim"))
    broken = [f for f in found if f.error is not None]
    if broken:
        files = ", ".join(str(f.path) for f in broken)
        print(t("list.invalid", count=len(broken), files=files), file=sys.stderr)


def _source_text(entry: Found) -> Text:
    label = t(f"source.{entry.origin.value}")
    if entry.overrides_bundled:
        return Text(f"{label}, {t('list.overrides')}", style="bold")
    if entry.shadowed_by is not None:
        return Text(f"{label}, {t('list.shadowed')}", style="dim")
    return Text(label)


def protocol_lines(protocol: Protocol, start: datetime | None = None) -> list[str]:
    """The protocol as a reader wants it before a meeting, one line per item."""
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
    lines += ["", t("show.steps") + ":"]
    clock = [start] if start else None
    lines += list(_step_lines(protocol, protocol.steps, None, "", clock))
    if protocol.groups:
        lines += ["", t("show.groups") + ":"]
        for group in protocol.groups:
            lines.append(f"  {group.title}")
            for n, st in enumerate(group.statement_list(), start=1):
                lines.append(f"    {n:>2}. {st.text}")
    lines += ["", t("show.total", minutes=fmt_minutes(protocol.planned_minutes()))]
    return lines


def _step_lines(
    protocol: Protocol,
    steps: list[Step],
    minutes: list[float | None] | None,
    prefix: str,
    clock: list[datetime] | None,
) -> Iterator[str]:
    n_groups = len(protocol.groups)
    indent = "  " + "  " * prefix.count(".")
    for i, step in enumerate(steps, start=1):
        number = f"{prefix}{i}"
        planned = (
            minutes[i - 1]
            if minutes
            else (step_minutes(step, n_groups) if step.minutes or step.steps else None)
        )
        mode = t(f"mode.{step.mode.value}") if step.mode else t("mode.block")
        when = f"{clock[0]:%H:%M}  " if clock else ""
        length = t("show.minutes", minutes=fmt_minutes(planned)) if planned else t("show.no_timer")
        yield f"{indent}{when}{number}. {step.title}  [{mode} · {length}]"
        detail = indent + " " * (len(when) + len(number) + 2)
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
        if step.steps:
            shares = sub_step_minutes(step, n_groups)
            if step.for_each == "group":
                yield detail + t("show.for_each_group")
                for g in protocol.groups:
                    yield detail + f"{g.title}:"
                    yield from _step_lines(protocol, step.steps, shares, f"{number}.", clock)
            else:
                yield from _step_lines(protocol, step.steps, shares, f"{number}.", clock)
        elif clock is not None and planned:
            clock[0] += timedelta(minutes=planned)


def print_protocol(protocol: Protocol, start: datetime | None = None) -> None:
    sys.stdout.write("\n".join(protocol_lines(protocol, start)) + "\n")


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
