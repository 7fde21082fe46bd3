"""Rules that relate one part of a protocol to another, each problem at its line.

The model checks each value on its own; these checks need the whole file:
references to columns, roles and groups, unique ids, what a block may hold.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kollegial.errors import Problem
from kollegial.i18n import Msg
from kollegial.protocols.model import (
    Mode,
    Protocol,
    Step,
    apply_variant,
    finalize,
    pass_budget,
    step_minutes,
    walk,
)
from kollegial.protocols.spec import MAX_SCALE_POINTS

if TYPE_CHECKING:
    from kollegial.protocols.loader import Located, Path_, Pos

# Keys that make sense only for some modes: key -> modes it applies to.
_MODE_ONLY: dict[str, tuple[Mode, ...]] = {
    "round": (Mode.ROUND,),
    "turn_seconds": (Mode.ROUND,),
    "groups": (Mode.RATE,),
    "decision": (Mode.DECISION,),
    "speaker": (Mode.PRESENT,),
    "exclude": (Mode.ROUND,),
    "size": (Mode.SUBGROUPS,),
}
# The key a mode cannot do without, and the message when it is missing.
_MODE_NEEDS: dict[Mode, tuple[str, str]] = {
    Mode.PRESENT: ("speaker", "err.speaker_missing"),
    Mode.SUBGROUPS: ("size", "err.size_missing"),
}
# Keys a block (a step with `steps:`) cannot have: they belong to its sub-steps.
_LEAF_ONLY = (
    "mode",
    "notes",
    "appoint",
    "round",
    "turn_seconds",
    "groups",
    "show",
    "decision",
    "speaker",
    "exclude",
    "size",
)


class _Checker:
    def __init__(self, protocol: Protocol, located: Located, file: Path) -> None:
        self.protocol = protocol
        self.located = located
        self._keys_by_parent: dict[Path_, set[str]] | None = None
        self.file = file
        self.problems: list[Problem] = []
        self.columns = [c.id for c in protocol.columns]
        self.roles = [r.id for r in protocol.roles]
        self.groups = [g.id for g in protocol.groups]

    def unknown_step(self, pos: Pos, got: str, ids: list[str], variant: str) -> None:
        near = difflib.get_close_matches(got, ids, n=1, cutoff=0.6)
        self.add(
            pos,
            "err.variant_unknown_step",
            got=got,
            variant=variant,
            suggestion=Msg("err.suggest", near=near[0]) if near else "",
            known=", ".join(ids),
        )

    def add(self, pos: Pos, key: str, /, **params: object) -> None:
        self.problems.append(Problem(self.file, pos.line, pos.column, key, params))

    def at(self, path: Path_) -> Pos:
        return self.located.value_pos(path)

    def reference(
        self, path: Path_, got: str, known: list[str], msg: str, /, **extra: object
    ) -> None:
        if got in known:
            return
        near = difflib.get_close_matches(got, known, n=1, cutoff=0.6)
        self.add(
            self.at(path),
            msg,
            got=got,
            suggestion=Msg("err.suggest", near=near[0]) if near else "",
            known=", ".join(dict.fromkeys(known)) if known else Msg("err.none_defined"),
            **extra,
        )

    def run(self) -> list[Problem]:
        self.scale()
        self.unique("roles", [r.id for r in self.protocol.roles], "kind.role")
        self.unique("columns", [c.id for c in self.protocol.columns], "kind.column")
        self.unique("groups", [g.id for g in self.protocol.groups], "kind.group")
        statement_ids: list[tuple[Path_, str]] = [
            (("groups", gi, "statements", si, "id"), st.id)
            for gi, g in enumerate(self.protocol.groups)
            for si, st in enumerate(g.statements)
            if not isinstance(st, str) and st.id
        ]
        self.unique_paths(statement_ids, "kind.statement")
        self.unique_paths(
            [((*path, "id"), s.id) for path, s in _walk(self.protocol.steps, ("steps",)) if s.id],
            "kind.step",
        )
        for path, step in _walk(self.protocol.steps, ("steps",)):
            self.step(path, step)
        self.variants()
        return self.problems

    def scale(self) -> None:
        scale = self.protocol.scale
        if scale.min >= scale.max:
            # At `min`, or at `max` when `min` is the default.
            given = "min" if ("scale", "min") in self.located.values else "max"
            self.add(self.at(("scale", given)), "err.scale_order", min=scale.min, max=scale.max)
            return
        if scale.max - scale.min + 1 > MAX_SCALE_POINTS:
            self.add(
                self.at(("scale", "max")),
                "err.scale_too_wide",
                min=scale.min,
                max=scale.max,
                most=MAX_SCALE_POINTS,
            )
        for value in scale.labels:
            if not scale.min <= value <= scale.max:
                pos = self.located.key_pos(("scale", "labels", value))
                self.add(pos, "err.scale_label", value=value, min=scale.min, max=scale.max)

    def unique(self, key: str, ids: list[str], kind: str) -> None:
        self.unique_paths([((key, i, "id"), id_) for i, id_ in enumerate(ids)], kind)

    def unique_paths(self, items: list[tuple[Path_, str]], kind: str) -> None:
        first: dict[str, Path_] = {}
        for path, id_ in items:
            if id_ in first:
                line = self.at(first[id_]).line
                self.add(self.at(path), "err.duplicate_id", id=id_, first_line=line, kind=Msg(kind))
            else:
                first[id_] = path

    def step(self, path: Path_, step: Step) -> None:
        given = self.located_keys(path)
        if step.is_block:
            for key in _LEAF_ONLY:
                if key in given:
                    self.add(self.located.key_pos((*path, key)), "err.block_with_mode", key=key)
            self.block_budget(path, step)
        else:
            if step.mode is None:
                choices = ", ".join(m.value for m in Mode)
                self.add(self.at(path), "err.mode_missing", choices=choices)
            if step.for_each is not None:
                self.add(self.located.key_pos((*path, "for_each")), "err.for_each_without_steps")
            needed = _MODE_NEEDS.get(step.mode) if step.mode is not None else None
            if needed is not None and needed[0] not in given:
                self.add(self.at((*path, "mode")), needed[1], known=self.known(self.roles))
            for key, modes in _MODE_ONLY.items():
                if key in given and step.mode is not None and step.mode not in modes:
                    self.add(
                        self.located.key_pos((*path, key)),
                        "err.not_for_mode",
                        key=key,
                        modes=" / ".join(m.value for m in modes),
                        mode=step.mode.value,
                    )
        if step.for_each == "group" and not self.groups:
            self.add(self.at((*path, "for_each")), "err.needs_groups", what="for_each: group")
        if step.for_each is not None and _inside_for_each(self.protocol.steps, path):
            self.add(self.at((*path, "for_each")), "err.nested_for_each")
        if step.for_each == "participant" and step.steps is not None and "as" not in given:
            self.add(self.at((*path, "for_each")), "err.as_missing", known=self.known(self.roles))
        if "as" in given and step.for_each != "participant":
            self.add(self.located.key_pos((*path, "as")), "err.as_without_participant")
        if "minutes_per_person" in given and "minutes" in given:
            self.add(self.located.key_pos((*path, "minutes_per_person")), "err.minutes_both")
        if step.mode is Mode.RATE and not self.groups:
            self.add(self.at((*path, "mode")), "err.needs_groups", what="mode: rate")
        if step.show == "ratings" and not self.groups:
            self.add(self.at((*path, "show")), "err.show_without_groups")
        if step.show == "ratings" and step.mode in (Mode.RATE, Mode.SILENT):
            # Values on the projector while people are still rating would defeat
            # the silent rating the step is for.
            self.add(
                self.located.key_pos((*path, "show")), "err.show_in_private", mode=step.mode.value
            )
        if isinstance(step.notes, str):
            self.reference((*path, "notes"), step.notes, self.columns, "err.unknown_column")
        for key, role in (
            ("appoint", step.appoint),
            ("as", step.as_role),
            ("speaker", step.speaker),
            ("exclude", step.exclude),
        ):
            if role is not None:
                self.reference((*path, key), role, self.roles, "err.unknown_role", key=key)
        if isinstance(step.groups, list) and self.groups:
            for i, gid in enumerate(step.groups):
                self.reference((*path, "groups", i), gid, self.groups, "err.unknown_group")

    def block_budget(
        self, path: Path_, step: Step, key: Path_ | None = None, variant: str | None = None
    ) -> None:
        """Sub-steps may not plan more than their block has, per pass.

        A total that depends on the group's size (``minutes`` shared among the
        participants' passes, ``minutes_per_person`` on a plain block) cannot be
        checked before the meeting; ``minutes_per_person`` on a participant block
        is each pass's length, and is.
        """
        if not step.steps:
            return
        per_person = step.minutes is None and step.minutes_per_person is not None
        if per_person and step.for_each != "participant":
            return
        if step.minutes is not None and step.for_each == "participant":
            return
        n_groups = len(self.groups)
        budget = pass_budget(step, n_groups)
        if budget is None:
            return
        children = sum(step_minutes(s, n_groups) for s in step.steps)
        if children > budget + 1e-9:
            repeated = step.for_each == "participant" or (step.for_each == "group" and n_groups > 1)
            field = "minutes_per_person" if per_person else "minutes"
            self.add(
                self.at(key or (*path, field)),
                "err.children_exceed",
                children=_fmt(children),
                budget=_fmt(budget),
                per=Msg("err.per_pass") if repeated else "",
                where=Msg("err.in_variant", variant=variant) if variant else "",
                key=field,
            )

    def known(self, ids: list[str]) -> str | Msg:
        return ", ".join(dict.fromkeys(ids)) if ids else Msg("err.none_defined")

    def variants(self) -> None:
        """Each variant names steps that exist, and does not both shorten and skip one."""
        if not self.protocol.variants:
            return
        # Ids as the meeting will know them: written, or made from the titles.
        steps = finalize(self.protocol, "protokoll").steps
        ids = [s.id or "" for s, _ in walk(steps)]
        for name, variant in self.protocol.variants.items():
            base: Path_ = ("variants", name)
            for step_id in variant.minutes:
                if step_id not in ids:
                    pos = self.located.key_pos((*base, "minutes", step_id))
                    self.unknown_step(pos, step_id, ids, name)
            for i, step_id in enumerate(variant.skip):
                pos = self.at((*base, "skip", i))
                if step_id not in ids:
                    self.unknown_step(pos, step_id, ids, name)
                elif step_id in variant.minutes:
                    self.add(pos, "err.variant_both", id=step_id, variant=name)
            if self.problems:
                continue
            applied = apply_variant(dataclasses.replace(self.protocol, steps=steps), name)
            if not any(not s.is_block for s, _ in walk(applied.steps)):
                self.add(self.located.key_pos((*base, "skip")), "err.variant_empty", variant=name)
                continue
            # Shorter steps must still fit their block, in the variant too.
            for path, block in _walk(applied.steps, ()):
                changed = [s.id for s in [block, *(block.steps or [])] if s.id in variant.minutes]
                if block.steps and changed:
                    key = (*base, "minutes", changed[0])
                    self.block_budget(path, block, key, name)

    def located_keys(self, path: Path_) -> set[str]:
        """The keys written in the mapping at ``path``.

        From an index of every mapping's keys, built once: scanning all keys
        for every step made validation quadratic (4,000 steps 11 s, 20,000 past
        a minute).
        """
        if self._keys_by_parent is None:
            index: dict[Path_, set[str]] = {}
            for key in self.located.keys:
                if key and isinstance(key[-1], str):
                    index.setdefault(key[:-1], set()).add(key[-1])
            self._keys_by_parent = index
        return self._keys_by_parent.get(path, set())


def _walk(steps: list[Step], prefix: Path_) -> Iterator[tuple[Path_, Step]]:
    for i, step in enumerate(steps):
        path = (*prefix, i)
        yield path, step
        if step.steps:
            yield from _walk(step.steps, (*path, "steps"))


def _inside_for_each(steps: list[Step], path: Path_) -> bool:
    """Whether a block that encloses the step at ``path`` repeats with ``for_each``."""
    node_steps = steps
    for depth in range(1, len(path) - 1, 2):
        parent = node_steps[int(path[depth])]
        if depth + 2 >= len(path):
            return False
        if parent.for_each is not None:
            return True
        node_steps = parent.steps or []
    return False


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def check(protocol: Protocol, located: Located, file: Path) -> list[Problem]:
    """Every cross-reference problem of ``protocol``, positioned in ``file``."""
    return _Checker(protocol, located, file).run()
