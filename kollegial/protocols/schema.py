"""The JSON Schema of the protocol format, for editors (yaml-language-server)."""

from __future__ import annotations

import json
from typing import Any

from kollegial.protocols.spec import Protocol


def json_schema() -> dict[str, Any]:
    """The format's JSON Schema (draft 2020-12)."""
    schema = Protocol.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "kollegial protocol",
        "description": "A structured collegial conversation: timed steps, turns, notes, ratings.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
