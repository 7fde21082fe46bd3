"""The run plan: a protocol flattened into the steps a meeting actually goes through.

``for_each: group`` blocks expand into one pass per group (*ett hörn i taget*
becomes three passes of its sub-steps), ``for_each: participant`` blocks into one
pass per participant (Final Word: each in turn presents); sub-steps without
minutes share what their block has left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kollegial.protocols.model import (
    Group,
    Mode,
    Protocol,
    Step,
    step_minutes,
    sub_step_minutes,
)
from kollegial.values import Value, frozen


@frozen(kw_only=True)
class Within(Value):
    """Where a plan step lies: the blocks and the ``for_each`` pass around it.

    :func:`build_plan` carries it down the protocol's blocks, each adding to it.
    """

    block: Step | None = None
    group: Group | None = None
    pass_no: int = 0
    """1-based pass of a ``for_each`` block, 0 outside one."""
    pass_count: int = 0
    pass_person: str | None = None
    """The participant whose pass this is (``for_each: participant``), else None."""
    pass_role: str | None = None
    """The role (``as:``) the pass's participant holds during the pass, else None."""
    pass_block: Step | None = None
    """The ``for_each`` block whose pass this is (``block`` may be one inside it)."""
    optional_block: str | None = None
    """Key prefix of the outermost ``optional`` block the step lies in (``block.2.``);
    skipping one of its steps skips the rest of that block's pass too."""


@frozen(kw_only=True)
class PlanStep(Within):
    """One step of the meeting as it runs, and where it lies (:class:`Within`)."""

    index: int
    key: str
    """Unique within the plan: ``block.group.step`` for a step inside a group's pass,
    ``block.N.step`` inside the N-th participant's pass."""
    step: Step
    planned_seconds: float | None
    """None: the step has no timer (it counts up instead)."""
    top_index: int
    """Position of the top-level step it belongs to (0-based)."""

    @property
    def mode(self) -> Mode:
        assert self.step.mode is not None  # leaves always have a mode once validated
        return self.step.mode

    @property
    def title(self) -> str:
        return self.step.title

    @property
    def prompt(self) -> str | None:
        return self.step.prompt

    @property
    def speaker(self) -> str | None:
        """The role that speaks in a ``present`` step."""
        return self.step.speaker

    @property
    def exclude(self) -> str | None:
        """The role whose holder gets no turn in this ``round``."""
        return self.step.exclude

    @property
    def optional(self) -> bool:
        """Whether the leader may skip the step (its own ``optional`` or its block's)."""
        return self.step.optional or self.optional_block is not None

    @property
    def size(self) -> int | None:
        """The size of the small groups of a ``subgroups`` step."""
        return self.step.size

    @property
    def notes_column(self) -> str | None:
        """The column notes go to; None for the step's own list."""
        target = self.step.notes_target
        return None if target in (None, "own") else target

    @property
    def takes_notes(self) -> bool:
        # A decision step captures the agreed text in its own field, not in notes.
        return self.step.notes_target is not None or self.mode is Mode.DISCUSSION


@frozen
class Plan(Value):
    """The ordered steps of a meeting and the protocol they come from."""

    protocol: Protocol
    steps: tuple[PlanStep, ...]
    participants: tuple[str, ...] = ()
    """Who the plan was made for: one pass each in a ``for_each: participant`` block."""

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index: int) -> PlanStep:
        return self.steps[index]

    @property
    def top_count(self) -> int:
        return len(self.protocol.steps)

    @property
    def planned_seconds(self) -> float:
        return sum(s.planned_seconds or 0.0 for s in self.steps)

    def index_of(self, key: str) -> int:
        return next(s.index for s in self.steps if s.key == key)


_PLANS: dict[tuple[int, tuple[str, ...]], Plan] = {}
"""The last plans made, by protocol (its identity) and participants: a plan is immutable."""
_PLANS_KEPT = 16


def build_plan(protocol: Protocol, participants: Sequence[str] = ()) -> Plan:
    """:func:`make_plan`, remembered for the last few protocols and groups of participants.

    Replaying a meeting makes the plan again for each participant added before
    the start; a report replays a thousand meetings of a few protocol
    snapshots. A remembered plan holds its protocol, so the
    protocol's identity cannot be taken by another while it is remembered.
    """
    key = (id(protocol), tuple(participants))
    plan = _PLANS.get(key)
    if plan is not None and plan.protocol is protocol:
        return plan
    plan = make_plan(protocol, participants)
    if len(_PLANS) >= _PLANS_KEPT:
        del _PLANS[next(iter(_PLANS))]
    _PLANS[key] = plan
    return plan


def make_plan(protocol: Protocol, participants: Sequence[str] = ()) -> Plan:
    """Flatten ``protocol`` into its run plan for ``participants``.

    A ``for_each: participant`` block gets one pass per participant, in the
    order given, and ``minutes_per_person`` counts them. The participants are
    those known when the meeting starts: someone who arrives later joins the
    rounds but gets no pass of their own, since the plan (and with it every
    step's number and planned time) stays as it was when the meeting began.
    """
    out: list[PlanStep] = []
    n_groups = len(protocol.groups)
    people = len(participants)

    def add(step: Step, key: str, seconds: float | None, top: int, within: Within) -> None:
        out.append(
            PlanStep(
                index=len(out),
                key=key,
                step=step,
                planned_seconds=seconds,
                top_index=top,
                block=within.block,
                group=within.group,
                pass_no=within.pass_no,
                pass_count=within.pass_count,
                pass_person=within.pass_person,
                pass_role=within.pass_role,
                pass_block=within.pass_block,
                optional_block=within.optional_block,
            )
        )

    def expand(
        steps: list[Step],
        minutes: list[float | None],
        prefix: str,
        top: int | None,
        within: Within,
    ) -> None:
        for i, (step, m) in enumerate(zip(steps, minutes, strict=True)):
            key = f"{prefix}{step.id}"
            t = i if top is None else top
            if not step.steps:
                add(step, key, m * 60 if m else None, t, within)
                continue
            shares = sub_step_minutes(step, n_groups, people)
            outer = within.optional_block

            def optional(prefix: str, step: Step = step, outer: str | None = outer) -> str | None:
                # The outermost optional block decides what a skip leaves out: a
                # repeated one is skipped a pass at a time.
                return outer if outer is not None or not step.optional else prefix

            if step.for_each is not None:
                # One pass per group (its statements) or per participant (who holds
                # the `as:` role for the pass); the pass carries through sub-blocks.
                passes: list[tuple[str, Within]] = (
                    [(f"{key}.{g.id}.", replace(within, group=g)) for g in protocol.groups]
                    if step.for_each == "group"
                    else [
                        (f"{key}.{n}.", replace(within, pass_person=person, pass_role=step.as_role))
                        for n, person in enumerate(participants, start=1)
                    ]
                )
                for n, (own, whose) in enumerate(passes, start=1):
                    in_pass = replace(
                        whose,
                        optional_block=optional(own),
                        block=step,
                        pass_block=step,
                        pass_no=n,
                        pass_count=len(passes),
                    )
                    expand(step.steps, shares, own, t, in_pass)
            else:
                # Inside a for_each pass, ``within`` already names a block: the
                # innermost one wins, the pass (group, person, number) carries through.
                own = f"{key}."
                in_block = replace(within, optional_block=optional(own), block=step)
                expand(step.steps, shares, own, t, in_block)

    top_minutes: list[float | None] = [
        step_minutes(s, n_groups, people)
        if (s.minutes is not None or s.minutes_per_person is not None or s.steps)
        else None
        for s in protocol.steps
    ]
    expand(protocol.steps, top_minutes, "", None, Within())
    return Plan(protocol, tuple(out), tuple(participants))
