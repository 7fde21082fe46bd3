"""The JSON Schema of the protocol format, for editors (yaml-language-server)."""

from __future__ import annotations

import json
from typing import Any

from kollegial.protocols.spec import Protocol


def json_schema() -> dict[str, Any]:
    """The format's JSON Schema (draft 2020-12)."""
    schema = Protocol.model_json_schema(by_alias=True)
    schema["$defs"]["Step"]["allOf"] = _step_rules()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "kollegial protocol",
        "description": "A structured collegial conversation: timed steps, turns, notes, ratings.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def _step_rules() -> list[dict[str, Any]]:
    """What :mod:`kollegial.protocols.checks` asks of one step that a schema can say too.

    Built from the checks' own tables, so an editor marks what ``validate``
    refuses. Rules that relate a step to the rest of the file (roles,
    columns, groups, ids, block budgets) stay the checks' alone.
    """
    from kollegial.protocols.checks import _LEAF_ONLY, _MODE_NEEDS, _MODE_ONLY

    def has(key: str) -> dict[str, Any]:
        return {"required": [key]}

    def given(key: str, value: dict[str, Any]) -> dict[str, Any]:
        # (`key: null` is as good as no key to the checks that read the value)
        return {"required": [key], "properties": {key: value}}

    text = {"type": "string"}
    rules: list[dict[str, Any]] = [
        {"not": {"required": ["minutes", "minutes_per_person"]}},
        # A step does something (a mode) or holds steps; a block holds no leaf keys.
        {"if": {"not": has("steps")}, "then": has("mode")},
        {"if": has("steps"), "then": {"not": {"anyOf": [has(k) for k in _LEAF_ONLY]}}},
        # for_each repeats a block; `as` names the role of each pass's participant.
        {"if": given("for_each", text), "then": has("steps")},
        {"if": has("as"), "then": given("for_each", {"const": "participant"})},
        {
            "if": {
                "allOf": [
                    given("for_each", {"const": "participant"}),
                    given("steps", {"type": "array"}),
                ]
            },
            "then": has("as"),
        },
    ]
    for mode, (key, _message) in _MODE_NEEDS.items():
        rules.append({"if": given("mode", {"const": mode.value}), "then": has(key)})
    for key, modes in _MODE_ONLY.items():
        rules.append(
            {
                "if": {"allOf": [has(key), given("mode", text)]},
                "then": given("mode", {"enum": [m.value for m in modes]}),
            }
        )
    return rules
