"""The protocol as the engine and the views use it: plain frozen dataclasses.

A file is validated once by the pydantic models in :mod:`kollegial.protocols.spec`
(the format's shape and types) and :mod:`kollegial.protocols.checks` (what
relates one part of the file to another); the result is turned into these
classes by :func:`from_data`. Keeping pydantic out of this module keeps it off
the start-up path of ``kollegial run``: a protocol that was validated before is
rebuilt from its cached data without importing pydantic at all
(docs/architecture.md, start-up).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import field
from enum import StrEnum
from typing import Any, Literal

from kollegial.values import Value, frozen, replace

ID_PATTERN = r"^[a-z0-9-]+$"
_ID_RE = re.compile(ID_PATTERN)


class Mode(StrEnum):
    """How a step runs."""

    INFO = "info"
    SILENT = "silent"
    ROUND = "round"
    DISCUSSION = "discussion"
    RATE = "rate"
    DECISION = "decision"
    PRESENT = "present"
    SUBGROUPS = "subgroups"


MODE_KEYS: dict[Mode, str] = {
    Mode.INFO: "mode.info",
    Mode.SILENT: "mode.silent",
    Mode.ROUND: "mode.round",
    Mode.DISCUSSION: "mode.discussion",
    Mode.RATE: "mode.rate",
    Mode.DECISION: "mode.decision",
    Mode.PRESENT: "mode.present",
    Mode.SUBGROUPS: "mode.subgroups",
}
"""Each mode's catalog key, written out so that tests/unit/test_i18n.py sees it used."""


class RoundKind(StrEnum):
    """How long a ``round`` step goes on."""

    ONCE = "once"
    UNTIL_ALL_PASS = "until-all-pass"


@frozen(kw_only=True)
class Role(Value):
    """A role the group appoints, e.g. samtalsledare or tidshållare."""

    id: str
    title: str
    description: str | None = None


@frozen(kw_only=True)
class Column(Value):
    """A named note column that steps write into."""

    id: str
    title: str
    description: str | None = None


@frozen(kw_only=True)
class Scale(Value):
    """The rating scale of ``rate`` steps."""

    min: int = 1
    max: int = 4
    labels: dict[int, str] = field(default_factory=dict)

    @property
    def values(self) -> range:
        return range(self.min, self.max + 1)

    def holds(self, value: object) -> bool:
        """Whether ``value`` is a rating on this scale: a whole number from min to max.

        The one rating-scale rule: the live session, a replayed log, a ratings
        file and the rating screen all ask it. ``True`` is no rating, though
        Python counts it as 1.
        """
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        return self.min <= value <= self.max


@frozen(kw_only=True)
class Statement(Value):
    """One statement to rate; its id is filled in by :func:`finalize`."""

    text: str
    id: str | None = None


@frozen(kw_only=True)
class Group(Value):
    """A named list of statements (a *hörn* of the triangulation)."""

    id: str
    title: str
    statements: list[Statement]

    def statement_list(self) -> list[Statement]:
        return self.statements


@frozen(kw_only=True)
class Step(Value):
    """One step of the meeting, or a block of sub-steps."""

    title: str
    id: str | None = None
    mode: Mode | None = None
    minutes: float | None = None
    minutes_per_person: float | None = None
    prompt: str | None = None
    hint: str | None = None
    """Our own words beside a prompt that quotes its source; shown smaller than the prompt."""
    notes: str | bool | None = None
    appoint: str | None = None
    round: RoundKind | None = None
    turn_seconds: float | None = None
    groups: Literal["all"] | list[str] | None = None
    show: Literal["ratings"] | None = None
    decision: str | None = None
    for_each: Literal["group", "participant"] | None = None
    as_role: str | None = None
    """The role the participant of a ``for_each: participant`` pass holds (``as:``)."""
    speaker: str | None = None
    exclude: str | None = None
    optional: bool = False
    size: int | None = None
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

    @property
    def scales_with_people(self) -> bool:
        """Whether the planned length depends on how many take part."""
        return self.minutes_per_person is not None or self.for_each == "participant"


@frozen(kw_only=True)
class Variant(Value):
    """A named timing variant: other minutes for some steps, some steps left out."""

    title: str | None = None
    minutes: dict[str, float] = field(default_factory=dict)
    skip: list[str] = field(default_factory=list)


@frozen(kw_only=True)
class Protocol(Value):
    """A whole protocol."""

    title: str
    steps: list[Step]
    id: str | None = None
    summary: str | None = None
    language: str = "sv"
    source: str | None = None
    roles: list[Role] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    scale: Scale = field(default_factory=Scale)
    groups: list[Group] = field(default_factory=list)
    variants: dict[str, Variant] = field(default_factory=dict)

    # --- lookups used by the engine and the views ---

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def column(self, column_id: str) -> Column:
        return next(c for c in self.columns if c.id == column_id)

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def planned_minutes(self, people: int | None = None) -> float:
        """The planned total: the sum of the top-level steps' minutes.

        Durations that grow with the group count only when ``people`` is given.
        """
        return sum(step_minutes(s, len(self.groups), people) for s in self.steps)

    @property
    def scales_with_people(self) -> bool:
        return any(s.scales_with_people for s, _ in walk(self.steps))


def walk(steps: list[Step], depth: int = 0) -> list[tuple[Step, int]]:
    """Every step, blocks before their sub-steps, with its nesting depth."""
    out: list[tuple[Step, int]] = []
    for s in steps:
        out.append((s, depth))
        if s.steps:
            out += walk(s.steps, depth + 1)
    return out


def passes(step: Step, n_groups: int, people: int | None) -> int:
    """How many times a block's sub-steps run."""
    if step.for_each == "group":
        return n_groups
    if step.for_each == "participant":
        return people or 0
    return 1


def _per_person(step: Step, people: int | None) -> float:
    if step.minutes_per_person is None or not people:
        return 0.0
    count = people if step.is_block else people - (1 if step.exclude else 0)
    return step.minutes_per_person * max(count, 0)


def step_minutes(step: Step, n_groups: int, people: int | None = None) -> float:
    """The planned minutes of ``step``: its own, or the sum of its sub-steps' (all passes).

    ``minutes_per_person`` counts only when ``people`` is known.
    """
    if step.minutes is not None:
        return step.minutes
    if step.minutes_per_person is not None:
        return _per_person(step, people)
    if step.steps:
        per_pass = sum(step_minutes(s, n_groups, people) for s in step.steps)
        return per_pass * passes(step, n_groups, people)
    return 0.0


def pass_budget(block: Step, n_groups: int, people: int | None = None) -> float | None:
    """The minutes one pass of ``block`` may take; None when the block sets none.

    A ``for_each: participant`` block with ``minutes_per_person: N`` has N minutes
    per pass whatever the group's size; any other block divides its total among
    its passes (a ``minutes_per_person`` total then needs ``people``).
    """
    if block.minutes is None and block.minutes_per_person is None:
        return None
    if block.minutes is None and block.for_each == "participant":
        return block.minutes_per_person
    total = block.minutes if block.minutes is not None else _per_person(block, people)
    return total / (passes(block, n_groups, people) or 1)


def sub_step_minutes(block: Step, n_groups: int, people: int | None = None) -> list[float | None]:
    """The minutes of each sub-step of ``block`` for one pass.

    Sub-steps that give no minutes share what the block has left evenly; in a
    repeated block (``for_each``) the block's minutes are the total of all passes,
    except ``minutes_per_person`` on a ``for_each: participant`` block, which is
    the length of each pass (see :func:`pass_budget`).
    """
    children = block.steps or []
    own = [
        step_minutes(c, n_groups, people)
        if (c.minutes is not None or c.minutes_per_person is not None or c.steps)
        else None
        for c in children
    ]
    if block.minutes is None and block.minutes_per_person is None:
        return own
    per_pass = pass_budget(block, n_groups, people)
    assert per_pass is not None
    left = per_pass - sum(m for m in own if m is not None)
    sharing = [i for i, m in enumerate(own) if m is None]
    share = max(left, 0.0) / len(sharing) if sharing else 0.0
    return [share if m is None else m for m in own]


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A readable id from a title: ``Tänk tyst`` -> ``tank-tyst``."""
    lowered = text.lower()
    if not lowered.isascii():  # (plain ASCII is its own decomposition)
        lowered = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", lowered).strip("-") or "steg"


def is_valid_id(value: str) -> bool:
    return bool(_ID_RE.match(value))


def finalize(protocol: Protocol, default_id: str) -> Protocol:
    """Fill in the defaults that depend on the whole file.

    The protocol id defaults to the file name, step ids to a unique slug of the
    title, statement ids to ``<group>-<n>``.
    """
    used: set[str] = {s.id for s, _ in walk(protocol.steps) if s.id}
    tried: dict[str, int] = {}  # per base: the next number to try

    def unique(base: str) -> str:
        # Counting on from the last number given: 20,000 steps with one title
        # tried steg-2, steg-3, … from the start each time: quadratic.
        candidate, n = base, tried.get(base, 2)
        if n > 2:
            candidate, n = f"{base}-{n}", n + 1
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        tried[base] = n
        used.add(candidate)
        return candidate

    def fill(steps: list[Step]) -> list[Step]:
        out = []
        for s in steps:
            update: dict[str, Any] = {}
            if s.id is None:
                update["id"] = unique(slugify(s.title))
            if s.steps is not None:
                update["steps"] = fill(s.steps)
            out.append(replace(s, **update) if update else s)
        return out

    groups = [
        dataclasses.replace(
            g,
            statements=[
                st if st.id else dataclasses.replace(st, id=f"{g.id}-{i}")
                for i, st in enumerate(g.statements, start=1)
            ],
        )
        for g in protocol.groups
    ]
    return dataclasses.replace(
        protocol, id=protocol.id or default_id, steps=fill(protocol.steps), groups=groups
    )


def apply_variant(protocol: Protocol, name: str) -> Protocol:
    """The protocol as variant ``name`` runs it: its minutes, without its skipped steps.

    The title says which variant it is; the result has no variants of its own.

    Raises:
        KeyError: the protocol has no such variant.
    """
    variant = protocol.variants[name]

    def adjust(steps: list[Step]) -> list[Step]:
        out = []
        for s in steps:
            if s.id in variant.skip:
                continue
            update: dict[str, Any] = {}
            if s.id in variant.minutes:
                update.update(minutes=variant.minutes[s.id], minutes_per_person=None)
            if s.steps is not None:
                update["steps"] = adjust(s.steps)
            out.append(dataclasses.replace(s, **update) if update else s)
        return out

    title = f"{protocol.title} ({variant.title or name})"
    # The result is what runs: its variants (which may name steps it no longer
    # has) go, so that a meeting's stored protocol passes the checks on import.
    return dataclasses.replace(protocol, title=title, steps=adjust(protocol.steps), variants={})


# --- plain data <-> objects (the cache, the session database, JSON exports) ---


def to_data(protocol: Protocol) -> dict[str, Any]:
    """The protocol as JSON-ready data, keyed as in a protocol file."""
    data = _plain(protocol)
    assert isinstance(data, dict)
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            key = "as" if f.name == "as_role" else f.name
            out[key] = _plain(getattr(value, f.name))
        return out
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def from_data(data: dict[str, Any]) -> Protocol:
    """Rebuild a protocol from :func:`to_data` output (or pydantic's dump of a file).

    The data must already be valid: it comes from a validated file, from the
    cache of validated files or from the session database.

    Raises:
        KeyError, TypeError, ValueError: the data is not a protocol's.
    """
    scale = data.get("scale") or {}
    return Protocol(
        title=data["title"],
        id=data.get("id"),
        summary=data.get("summary"),
        language=data.get("language") or "sv",
        source=data.get("source"),
        roles=[Role(**r) for r in data.get("roles") or []],
        columns=[Column(**c) for c in data.get("columns") or []],
        scale=Scale(
            min=scale.get("min", 1),
            max=scale.get("max", 4),
            labels={int(k): v for k, v in (scale.get("labels") or {}).items()},
        ),
        groups=[
            Group(
                id=g["id"],
                title=g["title"],
                statements=[
                    Statement(text=s) if isinstance(s, str) else Statement(**s)
                    for s in g["statements"]
                ],
            )
            for g in data.get("groups") or []
        ],
        steps=[_step(s) for s in data["steps"]],
        variants={
            name: Variant(
                title=v.get("title"),
                minutes=dict(v.get("minutes") or {}),
                skip=list(v.get("skip") or []),
            )
            for name, v in (data.get("variants") or {}).items()
        },
    )


_BLANK_STEP = Step(title="")
"""Every field at its default: a step read from data is this with the data's fields
replaced, a dict copy instead of ``__init__`` going through all 21 fields (a file
may have 20,000 steps)."""


def _step(data: dict[str, Any]) -> Step:
    values = {k: v for k, v in data.items() if k not in ("as", "as_role", "steps")}
    mode, kind = values.pop("mode", None), values.pop("round", None)
    sub = data.get("steps")
    if "title" not in data:  # (the blank step's "" must not stand in for it)
        raise KeyError("title")
    return replace(
        _BLANK_STEP,
        **values,
        as_role=data.get("as", data.get("as_role")),
        mode=Mode(mode) if mode is not None else None,
        round=RoundKind(kind) if kind is not None else None,
        steps=[_step(s) for s in sub] if sub is not None else None,
    )
