"""The protocol format as pydantic models: the shape and types of a protocol file.

Rules that relate one part of a file to another (references, unique ids, block
budgets) live in :mod:`kollegial.protocols.checks`, where each problem can be
pinned to the line it comes from. After both have passed, :func:`finalize`
fills in the defaults that depend on the whole file (ids, statement ids).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9-]+$"
_ID_RE = re.compile(ID_PATTERN)

Id = Annotated[str, Field(pattern=ID_PATTERN, description="Lowercase a-z, digits and hyphens.")]
Text = Annotated[str, Field(min_length=1)]
Minutes = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class Mode(StrEnum):
    """How a step runs."""

    INFO = "info"
    SILENT = "silent"
    ROUND = "round"
    DISCUSSION = "discussion"
    RATE = "rate"
    DECISION = "decision"


class RoundKind(StrEnum):
    """How long a ``round`` step goes on."""

    ONCE = "once"
    UNTIL_ALL_PASS = "until-all-pass"


class _Model(BaseModel):
    # Unknown keys are errors (with a suggestion), numbers written where text is
    # expected become text: a title like `2024` is fine.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Role(_Model):
    """A role the group appoints, e.g. samtalsledare or tidshållare."""

    id: Id
    title: Text
    description: str | None = None


class Column(_Model):
    """A named note column that steps write into."""

    id: Id
    title: Text
    description: str | None = None


class Scale(_Model):
    """The rating scale of ``rate`` steps."""

    min: int = 1
    max: int = 4
    labels: dict[int, str] = Field(default_factory=dict)

    @property
    def values(self) -> range:
        return range(self.min, self.max + 1)


class Statement(_Model):
    """One statement to rate. Written as plain text or as ``{id, text}``."""

    id: Id | None = None
    text: Text


class Group(_Model):
    """A named list of statements (a *hörn* of the triangulation)."""

    id: Id
    title: Text
    statements: Annotated[list[Text | Statement], Field(min_length=1)]

    def statement_list(self) -> list[Statement]:
        """The statements as :class:`Statement` objects, plain strings wrapped."""
        return [s if isinstance(s, Statement) else Statement(text=s) for s in self.statements]


class Step(_Model):
    """One step of the meeting, or a block of sub-steps."""

    title: Text
    id: Id | None = None
    mode: Mode | None = None
    minutes: Minutes | None = None
    prompt: str | None = None
    notes: str | bool | None = None
    appoint: Id | None = None
    round: RoundKind | None = None
    turn_seconds: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None
    groups: Literal["all"] | list[Id] | None = None
    show: Literal["ratings"] | None = None
    decision: str | None = None
    for_each: Literal["group"] | None = None
    steps: list[Step] | None = None

    @property
    def is_block(self) -> bool:
        return self.steps is not None

    @property
    def round_kind(self) -> RoundKind:
        return self.round or RoundKind.ONCE

    @property
    def notes_target(self) -> str | None:
        """The column id the notes go to, ``"own"`` for the step's own list, or None."""
        if self.notes is True:
            return "own"
        if isinstance(self.notes, str):
            return self.notes
        return None


class Protocol(_Model):
    """A whole protocol file."""

    title: Text
    id: Id | None = None
    summary: str | None = None
    language: str = "sv"
    source: str | None = None
    roles: list[Role] = Field(default_factory=list)
    columns: list[Column] = Field(default_factory=list)
    scale: Scale = Field(default_factory=Scale)
    groups: list[Group] = Field(default_factory=list)
    steps: Annotated[list[Step], Field(min_length=1)]

    # --- lookups used by the engine and the views ---

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def column(self, column_id: str) -> Column:
        return next(c for c in self.columns if c.id == column_id)

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def planned_minutes(self) -> float:
        """The planned total: the sum of the top-level steps' minutes."""
        return sum(step_minutes(s, len(self.groups)) for s in self.steps)


def step_minutes(step: Step, n_groups: int) -> float:
    """The planned minutes of ``step``: its own, or the sum of its sub-steps' (all passes)."""
    if step.minutes is not None:
        return step.minutes
    if step.steps:
        per_pass = sum(step_minutes(s, n_groups) for s in step.steps)
        return per_pass * (n_groups if step.for_each == "group" else 1)
    return 0.0


def slugify(text: str) -> str:
    """A readable id from a title: ``Tänk tyst`` -> ``tank-tyst``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_only = decomposed.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    return slug or "steg"


def is_valid_id(value: str) -> bool:
    return bool(_ID_RE.match(value))


def finalize(protocol: Protocol, default_id: str) -> Protocol:
    """Fill in the defaults that depend on the whole file.

    The protocol id defaults to the file name, step ids to a unique slug of the
    title, statement ids to ``<group>-<n>``.
    """
    used: set[str] = set()
    _collect_step_ids(protocol.steps, used)

    def unique(base: str) -> str:
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        return candidate

    def fill(steps: list[Step]) -> list[Step]:
        out = []
        for s in steps:
            update: dict[str, object] = {}
            if s.id is None:
                update["id"] = unique(slugify(s.title))
            if s.steps is not None:
                update["steps"] = fill(s.steps)
            out.append(s.model_copy(update=update) if update else s)
        return out

    groups = [
        g.model_copy(
            update={
                "statements": [
                    st if st.id else st.model_copy(update={"id": f"{g.id}-{i}"})
                    for i, st in enumerate(g.statement_list(), start=1)
                ]
            }
        )
        for g in protocol.groups
    ]
    return protocol.model_copy(
        update={"id": protocol.id or default_id, "steps": fill(protocol.steps), "groups": groups}
    )


def _collect_step_ids(steps: list[Step], into: set[str]) -> None:
    for s in steps:
        if s.id:
            into.add(s.id)
        if s.steps:
            _collect_step_ids(s.steps, into)


def sub_step_minutes(block: Step, n_groups: int) -> list[float | None]:
    """The minutes of each sub-step of ``block`` for one pass.

    Sub-steps that give no minutes share what the block has left evenly; in a
    ``for_each: group`` block the block's minutes are the total of all passes.
    """
    children = block.steps or []
    own = [
        step_minutes(c, n_groups) if (c.minutes is not None or c.steps) else None for c in children
    ]
    if block.minutes is None:
        return own
    passes = n_groups if block.for_each == "group" and n_groups else 1
    left = block.minutes / passes - sum(m for m in own if m is not None)
    sharing = [i for i, m in enumerate(own) if m is None]
    share = max(left, 0.0) / len(sharing) if sharing else 0.0
    return [share if m is None else m for m in own]
