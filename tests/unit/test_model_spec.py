"""The file format (spec.py, pydantic) and the run-time model (model.py) name the same keys."""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import BaseModel

from kollegial.protocols import model, spec

PAIRS = [
    (spec.Protocol, model.Protocol),
    (spec.Step, model.Step),
    (spec.Role, model.Role),
    (spec.Column, model.Column),
    (spec.Scale, model.Scale),
    (spec.Group, model.Group),
    (spec.Statement, model.Statement),
    (spec.Variant, model.Variant),
]


@pytest.mark.parametrize(("schema", "runtime"), PAIRS, ids=lambda c: c.__name__)
def test_every_key_of_the_format_has_a_field_at_run_time(
    schema: type[BaseModel], runtime: type
) -> None:
    """A key added to one and not the other would be validated and then dropped, or never read."""
    keys = {field.alias or name for name, field in schema.model_fields.items()}
    fields = {"as" if f.name == "as_role" else f.name for f in dataclasses.fields(runtime)}
    assert keys == fields
