"""Rules that relate one part of a protocol to another, each problem at its line.

The model checks each value on its own; these checks need the whole file:
references to columns, roles and groups, unique ids, what a block may hold.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kollegial.errors import Problem
from kollegial.i18n import Msg
from kollegial.protocols.model import Mode, Protocol, Step, step_minutes

if TYPE_CHECKING:
    from kollegial.protocols.loader import Located, Path_, Pos

# Keys that make sense only for some modes: key -> modes it applies to.
_MODE_ONLY: dict[str, tuple[Mode, ...]] = {
    "round": (Mode.ROUND,),
    "turn_seconds": (Mode.ROUND,),
    "groups": (Mode.RATE,),
    "decision": (Mode.DECISION,),
}
# Keys a block (a step with `steps:`) cannot have: they belong to its sub-steps.
_LEAF_ONLY = ("mode", "notes", "appoint", "round", "turn_seconds", "groups", "show", "decision")


class _Checker:
    def __init__(self, protocol: Protocol, located: Located, file: Path) -> None:
        self.protocol = protocol
        self.located = located
        self.file = file
        self.problems: list[Problem] = []
        self.columns = [c.id for c in protocol.columns]
        self.roles = [r.id for r in protocol.roles]
        self.groups = [g.id for g in protocol.groups]

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
        return self.problems

    def scale(self) -> None:
        scale = self.protocol.scale
        if scale.min >= scale.max:
            # At `min`, or at `max` when `min` is the default.
            given = "min" if ("scale", "min") in self.located.values else "max"
            self.add(self.at(("scale", given)), "err.scale_order", min=scale.min, max=scale.max)
            return
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
            for key, modes in _MODE_ONLY.items():
                if key in given and step.mode is not None and step.mode not in modes:
                    self.add(
                        self.located.key_pos((*path, key)),
                        "err.not_for_mode",
                        key=key,
                        modes=" / ".join(m.value for m in modes),
                        mode=step.mode.value,
                    )
        if step.for_each == "group":
            if not self.groups:
                self.add(self.at((*path, "for_each")), "err.needs_groups", what="for_each: group")
            if _inside_for_each(self.protocol.steps, path):
                self.add(self.at((*path, "for_each")), "err.nested_for_each")
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
        if step.appoint is not None:
            self.reference(
                (*path, "appoint"), step.appoint, self.roles, "err.unknown_role", key="appoint"
            )
        if isinstance(step.groups, list) and self.groups:
            for i, gid in enumerate(step.groups):
                self.reference((*path, "groups", i), gid, self.groups, "err.unknown_group")

    def block_budget(self, path: Path_, step: Step) -> None:
        if step.minutes is None or not step.steps:
            return
        passes = len(self.groups) if step.for_each == "group" and self.groups else 1
        budget = step.minutes / passes
        children = sum(step_minutes(s, len(self.groups)) for s in step.steps)
        if children > budget + 1e-9:
            self.add(
                self.at((*path, "minutes")),
                "err.children_exceed",
                children=_fmt(children),
                budget=_fmt(budget),
                per=Msg("err.per_pass") if passes > 1 else "",
            )

    def located_keys(self, path: Path_) -> set[str]:
        n = len(path) + 1
        return {
            str(k[-1])
            for k in self.located.keys
            if len(k) == n and k[:-1] == path and isinstance(k[-1], str)
        }


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
