"""The run plan: a protocol flattened into the steps a meeting goes through."""

from __future__ import annotations

from pathlib import Path

import pytest

from kollegial.protocols.discovery import resolve
from kollegial.protocols.loader import load_text
from kollegial.protocols.model import Mode, Protocol
from kollegial.session import build_plan

GROUPS = ["kvalitetsarbete", "kollegialt-larande", "pedagogiskt-ledarskap"]


def protocol(text: str) -> Protocol:
    return load_text(text, Path("test.yaml"), "test")


@pytest.fixture
def triangulering() -> Protocol:
    return resolve("triangulering")


def test_for_each_group_expands_into_one_pass_per_group(triangulering: Protocol) -> None:
    """`for_each: group` gives one pass per group: three corners, each with its two sub-steps."""
    plan = build_plan(triangulering)
    corner = [s for s in plan.steps if s.block is not None]
    assert [(s.group.id if s.group else None, s.step.id) for s in corner] == [
        (g, sub) for g in GROUPS for sub in ("laget-runt", "diskutera-det-ni-fatt-syn-pa")
    ]
    assert [s.mode for s in corner] == [Mode.ROUND, Mode.DISCUSSION] * 3
    assert [(s.pass_no, s.pass_count) for s in corner] == [
        (n, 3) for n in (1, 2, 3) for _ in range(2)
    ]
    assert {s.top_index for s in corner} == {3}


def test_sub_steps_without_minutes_share_the_block_evenly(triangulering: Protocol) -> None:
    """30 minutes / 3 groups / 2 sub-steps = 5 minutes for each sub-step of each corner."""
    plan = build_plan(triangulering)
    corner = [s for s in plan.steps if s.block is not None]
    assert len(corner) == 6
    assert all(s.planned_seconds == 5 * 60 for s in corner)


def test_whole_plan_of_triangulering_in_order(triangulering: Protocol) -> None:
    """Appoint, rate 10, appoint, 3 x (round 5, discussion 5), closing talk 10: 50 minutes."""
    plan = build_plan(triangulering)
    assert [(s.mode, s.planned_seconds) for s in plan.steps] == [
        (Mode.INFO, None),
        (Mode.RATE, 600.0),
        (Mode.INFO, None),
        *[(Mode.ROUND, 300.0), (Mode.DISCUSSION, 300.0)] * 3,
        (Mode.DISCUSSION, 600.0),
    ]
    assert plan.planned_seconds == 50 * 60
    assert plan.top_count == 5
    assert [s.index for s in plan.steps] == list(range(len(plan)))


def test_plan_keys_are_unique_and_name_block_group_and_step(triangulering: Protocol) -> None:
    """Each plan step has a unique key ``block.group.step`` that index_of finds again."""
    plan = build_plan(triangulering)
    keys = [s.key for s in plan.steps]
    assert len(set(keys)) == len(keys)
    assert "ett-horn-i-taget.kollegialt-larande.laget-runt" in keys
    for s in plan.steps:
        assert plan.index_of(s.key) == s.index


def test_steps_without_minutes_have_no_timer() -> None:
    """A leaf step without minutes (outside a timed block) counts up: no planned seconds."""
    plan = build_plan(
        protocol(
            "title: T\nsteps:\n  - title: A\n    mode: info\n"
            "  - title: B\n    mode: silent\n    minutes: 2\n"
        )
    )
    assert [s.planned_seconds for s in plan.steps] == [None, 120.0]
    assert plan.planned_seconds == 120.0


def test_sub_steps_with_minutes_keep_them_and_the_rest_share_what_is_left() -> None:
    """In a 10-minute block, a 4-minute sub-step keeps 4; the other two share 6 (3 each)."""
    plan = build_plan(
        protocol(
            """
title: T
steps:
  - title: Block
    minutes: 10
    steps:
      - title: A
        mode: silent
        minutes: 4
      - title: B
        mode: discussion
      - title: C
        mode: discussion
"""
        )
    )
    assert [s.planned_seconds for s in plan.steps] == [240.0, 180.0, 180.0]
    assert [s.key for s in plan.steps] == ["block.a", "block.b", "block.c"]
    assert all(s.pass_no == 0 and s.group is None for s in plan.steps)


def test_plain_block_inside_a_for_each_pass_expands() -> None:
    """A block nested in a ``for_each: group`` block expands in each pass (it used to crash)."""
    plan = build_plan(
        protocol(
            """
title: T
groups:
  - {id: a, title: A, statements: [x]}
  - {id: b, title: B, statements: [y]}
steps:
  - title: Outer
    for_each: group
    steps:
      - title: Inner
        steps:
          - title: Leaf
            mode: discussion
            minutes: 2
      - title: Last
        mode: discussion
        minutes: 1
"""
        )
    )
    assert [s.key for s in plan.steps] == [
        "outer.a.inner.leaf",
        "outer.a.last",
        "outer.b.inner.leaf",
        "outer.b.last",
    ]
    leaf = plan.steps[0]
    assert leaf.block is not None and leaf.block.id == "inner"
    assert leaf.group is not None and leaf.group.id == "a"
    assert (leaf.pass_no, leaf.pass_count) == (1, 2)
    assert plan.planned_seconds == 2 * (2 + 1) * 60


def test_note_column_follows_the_step(triangulering: Protocol) -> None:
    """A step writing into a column names it; `notes: true` keeps the step's own list."""
    obs = build_plan(resolve("observationssamtal"))
    assert [s.notes_column for s in obs.steps] == [
        "gor-sager",
        "larande",
        "behov",
        "behov",
        None,
        None,
    ]
    # The decision step captures the agreed text in its own field, not in notes.
    assert [s.takes_notes for s in obs.steps] == [True, True, True, True, False, False]
    tri = build_plan(triangulering)
    assert tri[0].takes_notes is False  # an info step
    assert tri[4].takes_notes is True and tri[4].notes_column is None


def test_observationssamtal_plan_totals_29_minutes() -> None:
    """The observation protocol plans 10 + 5 + 3 + 5 + 1 + 5 minutes, no blocks."""
    plan = build_plan(resolve("observationssamtal"))
    assert [s.planned_seconds for s in plan.steps] == [600.0, 300.0, 180.0, 300.0, 60.0, 300.0]
    assert plan.planned_seconds == 29 * 60
    assert [s.top_index for s in plan.steps] == list(range(6))
