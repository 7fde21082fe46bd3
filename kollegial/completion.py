"""Shell completion that knows the domain: protocol ids, session ids, option values.

Each completer takes what Typer gives an ``autocompletion=`` function (the
context and the word typed so far) and returns ``(value, help)`` pairs; Typer
keeps those that start with the word. The imports are inside the functions:
completing runs the program, and only the completer asked for pays for its data.

``--install-completion`` and ``--show-completion`` are kollegial's own options
over Typer's completion scripts, so that what they say is in the user's language.
They use Typer's completion module directly (``typer._completion_*``): the
reason pyproject.toml pins Typer below its next minor version.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from kollegial.i18n import LANGUAGES, t

PROG_NAME = "kollegial"
COMPLETE_VAR = "_KOLLEGIAL_COMPLETE"
"""The environment variable through which the shell asks for completions."""

Items = list[tuple[str, str]]


def protocol_ids(incomplete: str) -> Items:
    """Every protocol id on the search path, with its title."""
    from kollegial.protocols.discovery import discover
    from kollegial.store.cache import ProtocolCache

    return [
        (found.protocol.id, found.protocol.title)
        for found in discover(cache=ProtocolCache())
        if found.protocol is not None and found.protocol.id and found.shadowed_by is None
    ]


def session_ids(incomplete: str) -> Items:
    """Every saved meeting's id, with its protocol and date."""
    from kollegial.store import Store
    from kollegial.views.sessions import local_time

    store = Store()
    if not store.path.exists():
        return []
    return [
        (str(info.id), f"{info.protocol_id} {local_time(info.created_at)}")
        for info in sorted(store.sessions(), key=lambda i: i.id)
        if info.created_at is not None  # a meeting on a damaged page: not offered
    ]


def variants(ctx: typer.Context, incomplete: str) -> Items:
    """The variants of the protocol named earlier on the line."""
    from kollegial.clikit import first_argument
    from kollegial.errors import KollegialError
    from kollegial.protocols.discovery import resolve
    from kollegial.store.cache import ProtocolCache

    ref = first_argument(ctx)
    if not ref:
        return []
    try:
        protocol = resolve(str(ref), cache=ProtocolCache())
    except KollegialError:
        return []
    return [(name, "") for name in protocol.variants]


def themes(incomplete: str) -> Items:
    from kollegial.tui.themes import NAMES

    return [(name, "") for name in NAMES]


def languages(incomplete: str) -> Items:
    return [(lang, "") for lang in LANGUAGES]


def export_formats(incomplete: str) -> Items:
    from kollegial.views.sessions import FORMATS

    return [(fmt, "") for fmt in FORMATS]


def sheet_formats(incomplete: str) -> Items:
    from kollegial.views.sheet import FORMATS

    return [(fmt, "") for fmt in FORMATS]


def init() -> None:
    """Register Typer's completion scripts (bash, zsh, fish, PowerShell) with its click."""
    from typer._completion_classes import completion_init

    completion_init()


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _shell() -> str:
    """The user's shell, when Typer has a completion script for it."""
    from typer._completion_shared import _get_shell_name

    shell = _get_shell_name()
    if shell not in SHELLS:
        from kollegial.errors import UsageError

        raise UsageError("err.completion_shell", shell=shell or "?", shells=", ".join(SHELLS))
    return shell


def install(ctx: typer.Context, value: bool) -> None:
    """``--install-completion``: add completion to the user's shell start-up file."""
    if not value or ctx.resilient_parsing:
        return
    from typer._completion_shared import install as install_script

    init()
    shell, path = install_script(shell=_shell(), prog_name=PROG_NAME, complete_var=COMPLETE_VAR)
    print(t("completion.installed", shell=shell, path=path))
    raise typer.Exit()


def show(ctx: typer.Context, value: bool) -> None:
    """``--show-completion``: print the completion script for the user's shell."""
    if not value or ctx.resilient_parsing:
        return
    from typer._completion_shared import get_completion_script

    init()
    shell = _shell()
    sys.stdout.write(
        get_completion_script(prog_name=PROG_NAME, complete_var=COMPLETE_VAR, shell=shell) + "\n"
    )
    raise typer.Exit()


def wants_completion(environ: Any) -> bool:
    """Whether the shell runs the program to ask for completions."""
    return COMPLETE_VAR in environ
