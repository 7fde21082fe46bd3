"""Text from files and people reaches the terminal inert, in every command (issue 16, item 6).

Each command runs as the installed program in a real pseudo-terminal (so Rich
and the list table style their output as on a teacher's screen) over hostile
fixtures: titles, keys, ids, modes and file names holding ``ESC [2J``, an OSC
window title ``ESC ]0;…BEL`` and a bare BEL, and participants named ``[/]`` and
``[link=https://evil]Click[/link]``. Everything the terminal receives, stdout and
stderr together, may hold only colour/bold sequences (SGR), nothing else.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.conftest import DATA

# Each test starts the installed program (several times) in a pseudo-terminal.
pytestmark = pytest.mark.slow

# A SGR sequence (bold, dim, colour): the only escape the terminal may get.
SGR = re.compile(rb"\x1b\[[0-9;]*m")
DANGER = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]")

CLEAR = "\x1b[2J"
TITLE = "\x1b]0;pwned\x07"
HOSTILE_NAMES = ["[/]", "[link=https://evil]Click[/link]", f"Eve{CLEAR}", f"Mallory{TITLE}"]


def run_in_terminal(home: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, bytes]:
    """``kollegial ARGS`` with stdout and stderr on a pty; its exit code and every byte written."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environ.update(KOLLEGIAL_HOME=str(home), KOLLEGIAL_LANG="sv", COLUMNS="200", **(env or {}))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kollegial", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=environ,
    )
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            proc.kill()
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return proc.wait(timeout=30), out


def assert_inert(out: bytes) -> None:
    """Only SGR escapes; no other ESC, no OSC, no BEL or other control character."""
    rest = SGR.sub(b"", out).replace(b"\r\n", b"\n")
    assert b"\x1b" not in rest, f"escape sequence reached the terminal: {out!r}"
    found = DANGER.findall(rest)
    assert not found, f"control characters reached the terminal: {found!r} in {out!r}"


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    """A protocol folder with a hostile valid and a hostile invalid protocol, and an export."""
    folder = tmp_path / "delat"
    folder.mkdir()
    good = folder / f"ond{TITLE}.yaml"
    good.write_text(
        "id: ond\n"
        'title: "Ond \\e]0;pwned\\a titel \\e[2J"\n'
        'summary: "klocka \\a och \\e[31mrött"\n'
        "steps:\n"
        '  - {title: "Steg \\e[2J ett", mode: info, minutes: 5, prompt: "Fråga \\e]0;x\\a"}\n',
        encoding="utf-8",
    )
    bad = folder / f"trasig{CLEAR}.yaml"
    bad.write_text(
        'id: "x\\e[2J"\n'
        'title: "T\\e]0;pwned\\a"\n'
        '"nyckel\\e[2J": 1\n'
        "steps:\n"
        '  - {title: A, mode: "tyst\\e]0;pwned\\a"}\n',
        encoding="utf-8",
    )
    data = json.loads((DATA / "golden" / "triangulering.json").read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    for old, new in zip(("Anna", "Bo", "Cecilia"), HOSTILE_NAMES, strict=False):
        text = text.replace(json.dumps(old), json.dumps(new))
    document = json.loads(text)
    document["protocol"]["title"] = f"Importerad {CLEAR} {TITLE}"
    export = tmp_path / f"möte{TITLE}.json"
    export.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return {"folder": folder, "good": good, "bad": bad, "export": export}


def test_every_command_keeps_hostile_text_inert(tmp_path: Path, hostile: dict[str, Path]) -> None:
    """list, show, validate, import, sessions, export, errors: nothing raw reaches the tty."""
    home = tmp_path / "home"
    path = {"KOLLEGIAL_PATH": str(hostile["folder"])}
    out_file = tmp_path / f"ut{CLEAR}.md"
    runs = [
        (("list",), path, 0),
        (("show", "ond"), path, 0),
        (("show", str(hostile["good"])), {}, 0),
        (("show", str(hostile["bad"])), {}, 1),
        (("validate", str(hostile["folder"])), {}, 1),
        (("validate", str(tmp_path / f"saknas{TITLE}.yaml")), {}, 1),
        (("import", str(hostile["export"])), {}, 0),
        (("sessions",), {}, 0),
        (("export", "1"), {}, 0),
        (("export", "1", "--format", "json"), {}, 0),
        (("export", "1", "--format", "csv"), {}, 0),
        (("export", "1", "-o", str(out_file)), {}, 0),
        (("export", f"1{CLEAR}"), {}, 1),
        (("import", str(tmp_path / f"saknas{TITLE}.json")), {}, 1),
    ]
    for args, env, code in runs:
        got, out = run_in_terminal(home, *args, env=env)
        assert got == code, (args, got, out.decode("utf-8", "replace"))
        assert_inert(out)
        text = out.decode("utf-8")
        assert "Traceback" not in text, args
        if args[0] == "sessions":
            # Every name listed as written, none taken as markup or a link.
            for name in ("[/]", "[link=https://evil]Click[/link]", "Eve␛[2J"):
                assert name in text
        if args == ("list",):
            assert "ond" in text and "Ond ␛]0;pwned␇ titel ␛[2J" in text
        if args[0] == "import":
            assert "␛[2J" in text if got == 0 else "␛]0;pwned␇" in text


def test_sessions_with_a_markup_name_still_lists_every_meeting(
    tmp_path: Path, hostile: dict[str, Path]
) -> None:
    """A participant named ``[/]`` must not make ``sessions`` fail for every meeting."""
    home = tmp_path / "home"
    # Two meetings (an export imported twice is one meeting and a refusal).
    data = json.loads(hostile["export"].read_text(encoding="utf-8"))
    data["created_at"] = "2026-11-25T09:00:00Z"
    second = tmp_path / "second.json"
    second.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for export in (hostile["export"], second):
        assert run_in_terminal(home, "import", str(export))[0] == 0
    code, out = run_in_terminal(home, "sessions")
    assert code == 0, out
    lines = [line for line in out.decode().splitlines() if "triangulering" in line]
    assert len(lines) == 2
