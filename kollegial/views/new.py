"""``kollegial new``: a starter protocol, with the schema beside it so editors check it at once."""

from __future__ import annotations

from pathlib import Path

from kollegial.errors import KollegialError, UsageError
from kollegial.files import write_private
from kollegial.i18n import t
from kollegial.paths import user_protocols_dir
from kollegial.protocols.model import is_valid_id, slugify
from kollegial.protocols.schema import json_schema_text

SCHEMA_NAME = "protocol.schema.json"


def new(pid: str, output: Path | None) -> None:
    """Write the template as protocol ``pid`` (to ``output`` or the user's folder), never over one.

    The schema is written (again) beside it, as this version of kollegial has it,
    and the template's first line points at it for yaml-language-server.
    """
    if not is_valid_id(pid):
        raise UsageError("err.new_bad_id", id=pid, hint=slugify(pid) or "mitt-protokoll")
    path = output or user_protocols_dir() / f"{pid}.yaml"
    if path.exists():
        raise KollegialError("err.new_exists", path=path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    schema = path.parent / SCHEMA_NAME
    write_private(schema, json_schema_text())
    header = f"# yaml-language-server: $schema={SCHEMA_NAME}\nid: {pid}\n"
    write_private(path, header + t("new.template"))
    print(t("new.written", path=path, schema=schema))
