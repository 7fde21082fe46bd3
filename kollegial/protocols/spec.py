"""The protocol file format as pydantic models: its shape and types.

Used to validate a file (and to describe the format as JSON Schema), never at
run time: a valid file becomes the plain classes of :mod:`kollegial.protocols.model`.
Rules that relate one part of a file to another (references, unique ids, block
budgets) live in :mod:`kollegial.protocols.checks`, where each problem can be
pinned to the line it comes from.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from kollegial.protocols.model import ID_PATTERN, Mode, RoundKind

Id = Annotated[str, Field(pattern=ID_PATTERN, description="Lowercase a-z, digits and hyphens.")]
Text = Annotated[str, Field(min_length=1)]
MAX_MINUTES = 480
"""A step lasts at most 8 hours: a larger number is a typo (or an attack)."""
MAX_SCALE = 100
"""A scale's ends lie within ±100."""
MAX_SCALE_POINTS = 11
"""A scale has at most 11 points (0–10): every point is a row on screen and on paper."""

Minutes = Annotated[float, Field(gt=0, le=MAX_MINUTES, allow_inf_nan=False)]
ScaleEnd = Annotated[int, Field(ge=-MAX_SCALE, le=MAX_SCALE)]


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

    min: ScaleEnd = 1
    max: ScaleEnd = 4
    labels: dict[int, str] = Field(default_factory=dict)


class Statement(_Model):
    """One statement to rate. Written as plain text or as ``{id, text}``."""

    id: Id | None = None
    text: Text


class Group(_Model):
    """A named list of statements (a *hörn* of the triangulation)."""

    id: Id
    title: Text
    statements: Annotated[list[Text | Statement], Field(min_length=1)]


class Step(_Model):
    """One step of the meeting, or a block of sub-steps."""

    title: Text
    id: Id | None = None
    mode: Mode | None = None
    minutes: Minutes | None = None
    prompt: str | None = None
    hint: str | None = Field(
        default=None,
        description="Our own words beside a prompt quoted from a source; shown smaller.",
    )
    notes: str | bool | None = None
    appoint: Id | None = None
    round: RoundKind | None = None
    turn_seconds: Annotated[float, Field(gt=0, le=MAX_MINUTES * 60, allow_inf_nan=False)] | None = (
        None
    )
    groups: Literal["all"] | list[Id] | None = None
    show: Literal["ratings"] | None = None
    decision: str | None = None
    for_each: Literal["group", "participant"] | None = None
    as_role: Id | None = Field(default=None, alias="as")
    speaker: Id | None = None
    exclude: Id | None = None
    optional: bool = False
    minutes_per_person: Minutes | None = None
    size: Annotated[int, Field(ge=2, le=100)] | None = None
    steps: list[Step] | None = None


class Variant(_Model):
    """A named timing variant (``kollegial run ID --variant NAME``)."""

    title: str | None = None
    minutes: dict[Id, Minutes] = Field(default_factory=dict)
    skip: list[Id] = Field(default_factory=list)


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
    variants: dict[Id, Variant] = Field(default_factory=dict)
