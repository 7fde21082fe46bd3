"""The ``kollegial`` command, on Typer: one short function per command over the views.

Heavy or interactive modules (textual, questionary, PyYAML) are imported only
inside the commands that need them, so ``--help``, ``list`` and ``validate``
start fast.

Adding a command or an option:

- Write a function below with ``@command("name", "help.name")``; each
  parameter is ``Annotated[type, typer.Argument(...)]`` or ``typer.Option(...)``.
  Its body imports a view inside the function and calls it; rules and checks
  live in the view or the core, never here.
- Every ``help=`` is a catalog key and every word ``metavar=`` a ``meta.*``
  key (kollegial/i18n.py, Swedish and English): :mod:`kollegial.clikit`
  translates them when the command tree is built, after ``--lang`` is known.
- Values that a shell can complete get ``autocompletion=`` with a function of
  :mod:`kollegial.completion` (protocol ids, session ids, a list of choices).
- A value outside its choices raises :class:`kollegial.errors.UsageError`
  (exit 2) naming the allowed ones, from the view.
"""

# No ``from __future__ import annotations`` here: Typer reads the parameters'
# annotations, and as strings it would evaluate each one again (twice per
# command) on every start: ~40 % of building the command tree.

import os
import signal
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from kollegial import __version__, collector, completion
from kollegial.clikit import (
    AbortType,
    KollegialCommand,
    KollegialGroup,
    UsageErrorType,
    is_help_shown,
    usage_error_text,
)
from kollegial.errors import KollegialError, UsageError
from kollegial.i18n import LANGUAGES, Lang, detect_language, set_language, t

F = TypeVar("F", bound=Callable[..., Any])

SCREEN_COMMANDS = frozenset({"run", "resume"})
"""Commands that open the meeting screen."""

app = typer.Typer(
    name="kollegial",
    cls=KollegialGroup,
    help="help.app",
    no_args_is_help=True,
    add_completion=False,  # kollegial's own options below, in the user's language
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def command(name: str, help_key: str) -> Callable[[F], F]:
    """Register a command; its help and its parameters' texts are catalog keys."""
    return app.command(name, help=help_key, cls=KollegialCommand)


def _version(value: bool) -> None:
    if value:
        print(f"kollegial {__version__}")
        raise typer.Exit()


# --- parameters that several commands share ---

ProtocolRef = Annotated[
    str,
    typer.Argument(
        metavar="meta.protocol", help="help.show.ref", autocompletion=completion.protocol_ids
    ),
]
SessionRef = Annotated[
    str | None,
    typer.Argument(
        metavar="meta.session", help="help.export.session", autocompletion=completion.session_ids
    ),
]
Variant = Annotated[
    str | None,
    typer.Option(metavar="meta.name", help="help.variant", autocompletion=completion.variants),
]
Theme = Annotated[
    str | None,
    typer.Option(metavar="meta.theme", help="help.run.theme", autocompletion=completion.themes),
]
Quiet = Annotated[bool, typer.Option("--quiet", help="help.run.quiet")]
# The phones' page, for run and resume alike.
Serve = Annotated[bool, typer.Option("--serve", help="help.run.serve")]
Host = Annotated[str | None, typer.Option(metavar="meta.host", help="help.run.host")]
Port = Annotated[
    int | None, typer.Option(metavar="meta.port", help="help.run.port", min=0, max=65535)
]
OutputFile = Annotated[
    Path | None, typer.Option("--output", "-o", metavar="meta.file", help="help.export.output")
]


@app.callback()
def root(
    ctx: typer.Context,
    lang: Annotated[
        str | None,
        typer.Option(metavar="sv|en", help="help.lang", autocompletion=completion.languages),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", help="help.version", is_eager=True, callback=_version)
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            help="help.install_completion",
            is_eager=True,
            callback=completion.install,
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            help="help.show_completion",
            is_eager=True,
            callback=completion.show,
        ),
    ] = False,
) -> None:
    """The options every command shares (``--lang`` is read before parsing, anywhere)."""
    if ctx.invoked_subcommand not in SCREEN_COMMANDS:
        collector.release()  # only the meeting screen waits with collecting


@command("list", "help.list")
def list_cmd() -> None:
    from kollegial.views import listing

    listing.print_list()


@command("show", "help.show")
def show_cmd(
    ref: ProtocolRef,
    start: Annotated[str | None, typer.Option(metavar="meta.time", help="help.show.start")] = None,
    participants: Annotated[
        str | None, typer.Option(metavar="N", help="help.show.participants")
    ] = None,
    variant: Variant = None,
) -> None:
    from kollegial.protocols.discovery import resolve, with_variant
    from kollegial.store.cache import ProtocolCache
    from kollegial.views import listing

    start_at = _parse_start(start) if start else None
    people = listing.parse_participant_count(participants)
    protocol = with_variant(resolve(ref, cache=ProtocolCache()), variant)
    listing.print_protocol(protocol, start_at, people)


@command("validate", "help.validate")
def validate_cmd(
    paths: Annotated[list[Path], typer.Argument(metavar="meta.paths", help="help.validate.paths")],
) -> None:
    from kollegial.views import listing

    if not listing.print_validation(paths):
        raise SystemExit(1)


@command("new", "help.new")
def new_cmd(
    pid: Annotated[str, typer.Argument(metavar="ID", help="help.new.id")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="meta.file", help="help.new.output")
    ] = None,
) -> None:
    from kollegial.views import new

    new.new(pid, output)


@command("schema", "help.schema")
def schema_cmd() -> None:
    from kollegial.protocols.schema import json_schema_text

    sys.stdout.write(json_schema_text())


@command("sheet", "help.sheet")
def sheet_cmd(
    ref: ProtocolRef,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="meta.file", help="help.sheet.output")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="md|html",
            help="help.sheet.format",
            autocompletion=completion.sheet_formats,
        ),
    ] = None,
) -> None:
    from kollegial.views import sheet

    sheet.sheet(ref, output, fmt)


@command("run", "help.run")
def run_cmd(
    ref: ProtocolRef,
    participants: Annotated[
        str | None, typer.Option(metavar="meta.names", help="help.run.participants")
    ] = None,
    role: Annotated[
        list[str] | None, typer.Option(metavar="meta.role", help="help.run.role")
    ] = None,
    focus: Annotated[str | None, typer.Option(metavar="meta.text", help="help.run.focus")] = None,
    theme: Theme = None,
    quiet: Quiet = False,
    demo: Annotated[bool, typer.Option("--demo", help="help.run.demo")] = False,
    ratings: Annotated[
        Path | None, typer.Option(metavar="meta.folder", help="help.run.ratings")
    ] = None,
    anonymous: Annotated[bool, typer.Option("--anonymous", help="help.run.anonymous")] = False,
    variant: Variant = None,
    team: Annotated[str | None, typer.Option(metavar="meta.team", help="help.run.team")] = None,
    serve: Serve = False,
    host: Host = None,
    port: Port = None,
) -> None:
    from kollegial.views import meeting

    meeting.run(
        ref,
        participants=participants,
        role_options=role or [],
        focus=focus,
        theme=theme,
        quiet=quiet,
        demo=demo,
        ratings=ratings,
        anonymous=anonymous,
        variant=variant,
        team=team,
        serve=meeting.serve_settings(serve, host, port),
    )


@command("resume", "help.resume")
def resume_cmd(
    session: SessionRef = None,
    theme: Theme = None,
    quiet: Quiet = False,
    serve: Serve = False,
    host: Host = None,
    port: Port = None,
) -> None:
    from kollegial.views import meeting

    meeting.resume(
        session, theme=theme, quiet=quiet, serve=meeting.serve_settings(serve, host, port)
    )


@command("rate", "help.rate")
def rate_cmd(
    ref: ProtocolRef,
    name: Annotated[str | None, typer.Option(metavar="meta.name", help="help.rate.name")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="meta.file", help="help.rate.output")
    ] = None,
) -> None:
    from kollegial.views import rate

    rate.rate(ref, name, output)


@command("sessions", "help.sessions")
def sessions_cmd(
    delete: Annotated[
        str | None,
        typer.Option(
            "--delete",
            metavar="meta.session",
            help="help.sessions.delete",
            autocompletion=completion.session_ids,
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="help.sessions.yes")] = False,
    team: Annotated[
        str | None, typer.Option(metavar="meta.team", help="help.sessions.team")
    ] = None,
    set_team: Annotated[
        str | None,
        typer.Option(
            "--set-team",
            metavar="meta.session",
            help="help.sessions.set_team",
            autocompletion=completion.session_ids,
        ),
    ] = None,
    limit: Annotated[
        str | None, typer.Option("--limit", "-n", metavar="N", help="help.sessions.limit")
    ] = None,
    protocol: Annotated[
        str | None,
        typer.Option(
            "--protocol",
            metavar="meta.id",
            help="help.sessions.protocol",
            autocompletion=completion.protocol_ids,
        ),
    ] = None,
) -> None:
    from kollegial.views import sessions

    if delete is not None:
        from kollegial.store import Store

        sessions.delete(Store(), delete, yes)
    elif set_team is not None:
        from kollegial.store import Store

        sessions.set_team(Store(), set_team, team)
    else:
        from kollegial.store.summaries import Summaries

        sessions.print_sessions(
            Summaries(), sessions.parse_limit(limit), protocol_id=protocol, team=team
        )


@command("export", "help.export")
def export_cmd(
    session: SessionRef = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="md|html|xlsx|json|csv",
            help="help.export.format",
            autocompletion=completion.export_formats,
        ),
    ] = "md",
    output: OutputFile = None,
    anonymize: Annotated[bool, typer.Option("--anonymize", help="help.export.anonymize")] = False,
    keep_roles: Annotated[
        bool, typer.Option("--keep-roles", help="help.export.keep_roles")
    ] = False,
) -> None:
    from kollegial.store import Store
    from kollegial.views import sessions

    sessions.export(Store(), session, fmt, output, anonymize, keep_roles)


@command("report", "help.report")
def report_cmd(
    team: Annotated[str | None, typer.Option(metavar="meta.team", help="help.report.team")] = None,
    start: Annotated[
        str | None, typer.Option("--from", metavar="meta.date", help="help.report.from")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", metavar="meta.date", help="help.report.to")
    ] = None,
    output: OutputFile = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="html|md|xlsx", help="help.report.format"),
    ] = None,
    anonymize: Annotated[bool, typer.Option("--anonymize", help="help.report.anonymize")] = False,
) -> None:
    from kollegial.store import Store
    from kollegial.views import report

    report.report(Store(), team, start, end, output, fmt, anonymize)


@command("import", "help.import")
def import_cmd(
    file: Annotated[Path, typer.Argument(metavar="meta.file", help="help.import.file")],
) -> None:
    from kollegial.store import Store
    from kollegial.views import sessions

    sessions.import_file(Store(), file)


@command("rescue", "help.rescue")
def rescue_cmd(
    db: Annotated[
        Path | None, typer.Argument(metavar="meta.database", help="help.rescue.db")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="meta.folder", help="help.rescue.output"),
    ] = None,
) -> None:
    from kollegial.views import sessions

    sessions.rescue(db, output)


def _parse_start(value: str) -> datetime:
    try:
        clock = datetime.strptime(value.strip(), "%H:%M")
    except ValueError:
        raise UsageError("show.bad_start", value=value) from None
    today = datetime.now().replace(second=0, microsecond=0)
    return today.replace(hour=clock.hour, minute=clock.minute)


def _prescan_language(argv: list[str]) -> tuple[Lang, list[str]]:
    """Take ``--lang X`` from anywhere in ``argv`` so it works before or after the command."""
    lang: str = detect_language()
    rest: list[str] = []
    it = iter(argv)
    for arg in it:
        if arg == "--lang":
            lang = next(it, "")
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    if lang not in LANGUAGES:
        raise UsageError("err.bad_lang", lang=lang)
    return lang, rest  # type: ignore[return-value]


SIGTERM_EXIT = 128 + signal.SIGTERM


def _on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM outside the meeting screen: end cleanly instead of on the spot.

    Python's default ends the process at once, which left the terminal without
    echo when it came during a dialogue. A dialogue is cancelled as by ctrl-c
    (its loop restores the terminal); anywhere else SystemExit unwinds through
    every ``with`` and ``finally``. While the meeting screen runs, the app's own
    handler takes over (``KollegialApp.on_load``) and saves before it leaves.
    """
    prompts = sys.modules.get("kollegial.prompts")
    if prompts is not None and prompts.stop_running_dialogue():
        return
    raise SystemExit(SIGTERM_EXIT)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: the one place where a user's error becomes a message and exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    collector.hold()
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        set_language(detect_language())  # for a --lang that is itself wrong
        lang, args = _prescan_language(args)
        set_language(lang)
        if completion.wants_completion(os.environ):
            completion.init()
        cli = typer.main.get_command(app)
        code = cli.main(args=args, prog_name="kollegial", standalone_mode=False)
        if isinstance(code, int) and code:
            raise SystemExit(code)
    except UsageErrorType as exc:
        if not is_help_shown(exc):
            print(usage_error_text(exc), file=sys.stderr)
        raise SystemExit(exc.exit_code) from None
    except AbortType:
        print(t("cli.aborted"), file=sys.stderr)
        raise SystemExit(1) from None
    except KollegialError as exc:
        print(exc.render(), file=sys.stderr)
        raise SystemExit(exc.exit_code) from None
    except (KeyboardInterrupt, EOFError):
        raise SystemExit(130) from None
    except Exception as exc:  # the last net: a message, never a traceback
        if os.environ.get("KOLLEGIAL_DEBUG"):
            raise
        print(t("err.unexpected", error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        raise SystemExit(70) from None
    finally:
        collector.release()
