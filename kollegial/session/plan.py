"""The run plan: a protocol flattened into the steps a meeting actually goes through.

``for_each: group`` blocks expand into one pass per group (*ett hörn i taget*
becomes three passes of its sub-steps); sub-steps without minutes share what
their block has left.
"""

from __future__ import annotations

from dataclasses import dataclass

from kollegial.protocols.model import Group, Mode, Protocol, Step, step_minutes, sub_step_minutes


@dataclass(frozen=True)
class PlanStep:
    """One step of the meeting as it runs."""

    index: int
    key: str
    """Unique within the plan: ``block.group.step`` for a step inside a pass."""
    step: Step
    planned_seconds: float | None
    """None: the step has no timer (it counts up instead)."""
    top_index: int
    """Position of the top-level step it belongs to (0-based)."""
    block: Step | None = None
    group: Group | None = None
    pass_no: int = 0
    """1-based pass of a ``for_each`` block, 0 outside one."""
    pass_count: int = 0

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
    def notes_column(self) -> str | None:
        """The column notes go to; None for the step's own list."""
        target = self.step.notes_target
        return None if target in (None, "own") else target

    @property
    def takes_notes(self) -> bool:
        # A decision step captures the agreed text in its own field, not in notes.
        return self.step.notes_target is not None or self.mode is Mode.DISCUSSION


@dataclass(frozen=True)
class Plan:
    """The ordered steps of a meeting and the protocol they come from."""

    protocol: Protocol
    steps: tuple[PlanStep, ...]

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


def build_plan(protocol: Protocol) -> Plan:
    """Flatten ``protocol`` into its run plan."""
    out: list[PlanStep] = []
    n_groups = len(protocol.groups)

    def add(step: Step, key: str, seconds: float | None, top: int, **extra: object) -> None:
        out.append(
            PlanStep(
                index=len(out),
                key=key,
                step=step,
                planned_seconds=seconds,
                top_index=top,
                **extra,  # type: ignore[arg-type]
            )
        )

    def expand(
        steps: list[Step],
        minutes: list[float | None],
        prefix: str,
        top: int | None,
        **extra: object,
    ) -> None:
        for i, (step, m) in enumerate(zip(steps, minutes, strict=True)):
            key = f"{prefix}{step.id}"
            t = i if top is None else top
            if not step.steps:
                add(step, key, m * 60 if m else None, t, **extra)
                continue
            shares = sub_step_minutes(step, n_groups)
            if step.for_each == "group":
                for n, group in enumerate(protocol.groups, start=1):
                    expand(
                        step.steps,
                        shares,
                        f"{key}.{group.id}.",
                        t,
                        block=step,
                        group=group,
                        pass_no=n,
                        pass_count=n_groups,
                    )
            else:
                # Inside a for_each pass, ``extra`` already names a block: the
                # innermost one wins, the pass (group, pass_no) carries through.
                expand(step.steps, shares, f"{key}.", t, **{**extra, "block": step})

    top_minutes: list[float | None] = [
        step_minutes(s, n_groups) if (s.minutes is not None or s.steps) else None
        for s in protocol.steps
    ]
    expand(protocol.steps, top_minutes, "", None)
    return Plan(protocol, tuple(out))
