"""What every export says about a meeting, computed once: step states, note rows, ratings.

The markdown, HTML and Excel exports show the same facts in their own form;
the rules (what counts as skipped, who a rating is shown under) live here.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from kollegial.export.anonymize import Names
from kollegial.i18n import Lang, t
from kollegial.session.plan import PlanStep
from kollegial.session.ratings import GroupStats
from kollegial.session.session import Session, StepReport
from kollegial.values import Value, frozen


class StepState(Enum):
    """How far a meeting got with a step."""

    USED = "used"
    """The meeting was at the step (its time used may still be 0)."""
    SKIPPED = "skipped"
    """Left out: skipped as optional, or passed over on the way to a later step."""
    NOT_REACHED = "not_reached"
    """After the furthest step the meeting got to: ended early or still running."""


def furthest_step(session: Session, reports: list[StepReport]) -> int:
    """The index of the furthest plan step the meeting has been at."""
    visited = [r.step.index for r in reports if r.visits]
    return max([session.current, *visited])


def step_state(report: StepReport, furthest: int) -> StepState:
    """``report``'s state, given :func:`furthest_step`."""
    if report.left_out:
        return StepState.SKIPPED
    if report.visits:
        return StepState.USED
    return StepState.NOT_REACHED if report.step.index > furthest else StepState.SKIPPED


# --- plain texts and rows for the tabular formats (Excel, HTML) ---


def step_title(session: Session, step: PlanStep, names: Names, lang: Lang) -> str:
    """A plan step's title as the minutes name it: ``Ett hörn i taget — Hörn: Laget runt``.

    Plain text; a pass of a ``for_each: participant`` block names its person.
    """
    title = step.title
    if step.block is None:
        return title
    if step.pass_person is not None:
        role = next((r.title for r in session.protocol.roles if r.id == step.pass_role), None)
        which = t(
            "export.pass_of_anonymous" if names.anonymize else "export.pass_of",
            lang,
            label=role or t("export.pass", lang),
            number=step.pass_no,
            count=step.pass_count,
            name=names(step.pass_person),
        )
        if step.block.for_each == "participant":
            return f"{step.block.title} — {which}: {title}"
        block = step.pass_block.title if step.pass_block is not None else step.block.title
        return f"{block} — {which}: {step.block.title}: {title}"
    if step.group is not None:
        return f"{step.block.title} — {step.group.title}: {title}"
    return f"{step.block.title}: {title}"


@frozen
class NoteRow(Value):
    """One note as a row: where it was written, by whom, what, when."""

    step: int
    """1-based number of the plan step."""
    step_title: str
    column: str
    who: str
    text: str
    at: datetime


def note_rows(session: Session, names: Names, lang: Lang) -> list[NoteRow]:
    """Every note in the order it was written; ``who`` is empty when not attributed."""
    known = {c.id: c.title for c in session.protocol.columns}
    rows = []
    for note in sorted(session.notes.values(), key=lambda n: n.id):
        speaker = names.speaker(note.speaker)
        step = session.plan[note.index]
        rows.append(
            NoteRow(
                step=note.index + 1,
                step_title=step_title(session, step, names, lang),
                column=known.get(note.column, note.column) if note.column else "",
                who=names(speaker) if speaker else "",
                text=names.text(note.text),
                at=note.at,
            )
        )
    return rows


def raters(session: Session) -> list[str]:
    """Everyone with a rating, participants in the order they joined first."""
    people = [p for p in session.participants if session.ratings.get(p)]
    return people + sorted(p for p in session.ratings if p not in people and session.ratings[p])


def corner_spread(stats: GroupStats) -> float | None:
    """How far apart views are in a group, on average: the mean of its statements' spreads."""
    spreads = [st.spread for st in stats.statements if st.n]
    return sum(spreads) / len(spreads) if spreads else None
