"""The JSON Schema editors check with and ``kollegial validate`` agree (issue 15).

Every file of the invalid corpus goes to both. ``validate`` refuses each; the
schema may let through only what a schema cannot express, each named below
with the reason. Files that are not YAML data at all (syntax, anchors, tabs,
control characters, not UTF-8, empty) never reach a schema. The bundled and
the valid protocols pass both.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from kollegial.errors import ProtocolInvalidError
from kollegial.protocols.loader import load_protocol, read_yaml
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "protocol.schema.json").read_text(encoding="utf-8"))
INVALID = sorted((DATA / "invalid").glob("*.yaml"))
VALID = sorted((ROOT / "protocols").glob("*.yaml")) + sorted((DATA / "valid").glob("*.yaml"))

REFERENCE = "refers to an id defined elsewhere in the file"
UNIQUE = "ids unique across a list: JSON Schema's uniqueItems compares whole items"
BUDGET = "sums the sub-steps' minutes against the block's"
READING = "the YAML reader's own warning about how the text was read; the value is well-formed"
SCHEMA_CANNOT = {
    "appoint_unknown_role.yaml": REFERENCE,
    "as_unknown_role.yaml": REFERENCE,
    "exclude_unknown_role.yaml": REFERENCE,
    "notes_unknown_column.yaml": REFERENCE,
    "speaker_unknown_role.yaml": REFERENCE,
    "rate_unknown_group.yaml": REFERENCE,
    "variant_unknown_step.yaml": REFERENCE,
    "many_problems_references.yaml": REFERENCE,
    "notes_no_columns.yaml": "needs columns defined at the top level",
    "for_each_without_groups.yaml": "needs groups defined at the top level",
    "rate_without_groups.yaml": "needs groups defined at the top level",
    "show_ratings_without_groups.yaml": "needs groups defined at the top level",
    "duplicate_column_ids.yaml": UNIQUE,
    "duplicate_group_ids.yaml": UNIQUE,
    "duplicate_role_ids.yaml": UNIQUE,
    "duplicate_step_ids.yaml": UNIQUE,
    "duplicate_nested_step_ids.yaml": UNIQUE,
    "duplicate_key_step.yaml": "a key twice in one mapping is gone once parsed to JSON",
    "duplicate_key_top.yaml": "a key twice in one mapping is gone once parsed to JSON",
    "minutes_octal.yaml": READING,
    "tag_bad_value.yaml": READING,
    "nested_for_each_participant.yaml": "relates a step to the blocks around it",
    "per_person_block_exceeds.yaml": BUDGET,
    "variant_block_exceeds.yaml": BUDGET,
    "variant_shortened_and_skipped.yaml": "relates a variant's minutes to its skip list by value",
    "variant_skips_everything.yaml": "needs the steps a variant leaves",
    "scale_label_outside.yaml": "compares the labels' keys with min and max",
    "scale_max_below_default_min.yaml": "compares max with min",
    "scale_min_not_below_max.yaml": "compares max with min",
}


def _data(path: Path) -> object | None:
    """The file as data a schema checks; None when it is not YAML data at all."""
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    located, _ = read_yaml(text, path)
    return None if located is None else located.data


def _schema_errors(data: object) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [error.message for error in validator.iter_errors(data)]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_protocols_pass_both(path: Path) -> None:
    load_protocol(path)
    assert _schema_errors(_data(path)) == []


def test_the_schema_lets_through_only_what_it_cannot_express() -> None:
    let_through = set()
    for path in INVALID:
        with pytest.raises(ProtocolInvalidError):
            load_protocol(path)
        data = _data(path)
        if data is not None and not _schema_errors(data):
            let_through.add(path.name)
    assert sorted(let_through - SCHEMA_CANNOT.keys()) == []  # the schema could refuse these
    assert sorted(SCHEMA_CANNOT.keys() - let_through) == []  # refused now: take them off
