"""What every export says about a meeting, computed once: step states, note rows, ratings.

The markdown, HTML and Excel exports show the same facts in their own form;
the rules (what counts as skipped, who a rating is shown under) live here.
"""

from __future__ import annotations

from enum import Enum

from kollegial.session.session import Session, StepReport


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
