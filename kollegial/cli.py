"""The ``kollegial`` command. Each command is a few lines over the core.

Heavy or interactive modules (textual, questionary) are imported only inside the
commands that need them, so ``--help``, ``list`` and ``validate`` start fast.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from kollegial import __version__
from kollegial.errors import KollegialError, UsageError
from kollegial.i18n import LANGUAGES, Lang, detect_language, set_language, t


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


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"kollegial {__version__}")
        ctx.exit()


F = TypeVar("F", bound=Callable[..., Any])


def _opt(*decls: str, help_key: str, metavar: str | None = None, **kw: Any) -> Callable[[F], F]:
    return click.option(*decls, help=t(help_key), metavar=metavar, **kw)


def _arg(name: str, metavar: str, **kw: Any) -> Callable[[F], F]:
    return click.argument(name, metavar=metavar, **kw)


def _help() -> Callable[[F], F]:
    return click.help_option("-h", "--help", help=t("help.help"))


SCREEN_COMMANDS = frozenset({"run", "resume"})
"""Commands that open the meeting screen."""


def make_cli() -> click.Group:
    """Build the command tree, with help texts in the current language.

    Plain click rather than Typer: Typer (0.2x) builds a pydantic adapter for
    every parameter on every call, ~100 ms that the projector would wait for
    before the first frame of ``kollegial run`` (issue 7, BENCHMARKS.md).
    """

    @click.group(name="kollegial", help=t("help.app"), no_args_is_help=True, add_help_option=False)
    @_help()
    @click.option(
        "--version",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_version,
        help=t("help.version"),
    )
    @_opt("--lang", help_key="help.lang", metavar="sv|en")
    @click.pass_context
    def app(ctx: click.Context, lang: str | None) -> None:
        """The options every command shares (``--lang`` is read before parsing)."""
        if ctx.invoked_subcommand not in SCREEN_COMMANDS:
            gc.enable()  # only the meeting screen waits with collecting (see main)

    @app.command("list", help=t("help.list"), add_help_option=False)
    @_help()
    def list_cmd() -> None:
        from kollegial.views import listing

        listing.print_list()

    @app.command("show", help=t("help.show"), add_help_option=False)
    @_help()
    @_arg("ref", "ID|PATH")
    @_opt("--start", help_key="help.show.start", metavar="TT:MM")
    @_opt("--participants", help_key="help.show.participants", metavar="N")
    @_opt("--variant", help_key="help.variant", metavar="NAMN")
    def show_cmd(
        ref: str, start: str | None, participants: str | None, variant: str | None
    ) -> None:
        from kollegial.protocols.discovery import resolve, with_variant
        from kollegial.store.cache import ProtocolCache
        from kollegial.views import listing

        start_at = _parse_start(start) if start else None
        people = listing.parse_participant_count(participants)
        protocol = with_variant(resolve(ref, cache=ProtocolCache()), variant)
        listing.print_protocol(protocol, start_at, people)

    @app.command("validate", help=t("help.validate"), add_help_option=False)
    @_help()
    @_arg("paths", "PATH...", nargs=-1, required=True, type=click.Path(path_type=Path))
    def validate_cmd(paths: tuple[Path, ...]) -> None:
        from kollegial.views import listing

        if not listing.print_validation(list(paths)):
            raise SystemExit(1)

    @app.command("schema", help=t("help.schema"), add_help_option=False)
    @_help()
    def schema_cmd() -> None:
        from kollegial.protocols.schema import json_schema_text

        sys.stdout.write(json_schema_text())

    @app.command("sheet", help=t("help.sheet"), add_help_option=False)
    @_help()
    @_arg("ref", "ID|PATH")
    @_opt("--output", "-o", help_key="help.sheet.output", metavar="FIL", type=_PATH)
    @_opt("--format", "-f", "fmt", help_key="help.sheet.format", metavar="md|html")
    def sheet_cmd(ref: str, output: Path | None, fmt: str | None) -> None:
        from kollegial.views import sheet

        sheet.sheet(ref, output, fmt)

    @app.command("run", help=t("help.run"), add_help_option=False)
    @_help()
    @_arg("ref", "ID|PATH")
    @_opt("--participants", help_key="help.run.participants", metavar="NAMN,NAMN")
    @_opt("--role", help_key="help.run.role", metavar="ROLL=NAMN", multiple=True)
    @_opt("--focus", help_key="help.run.focus", metavar="TEXT")
    @_opt("--theme", help_key="help.run.theme", metavar="TEMA")
    @_opt("--quiet", help_key="help.run.quiet", is_flag=True)
    @_opt("--demo", help_key="help.run.demo", is_flag=True)
    @_opt("--ratings", help_key="help.run.ratings", metavar="MAPP", type=_PATH)
    @_opt("--anonymous", help_key="help.run.anonymous", is_flag=True)
    @_opt("--variant", help_key="help.variant", metavar="NAMN")
    def run_cmd(
        ref: str,
        participants: str | None,
        role: tuple[str, ...],
        focus: str | None,
        theme: str | None,
        quiet: bool,
        demo: bool,
        ratings: Path | None,
        anonymous: bool,
        variant: str | None,
    ) -> None:
        from kollegial.views import meeting

        meeting.run(
            ref, participants, list(role), focus, theme, quiet, demo, ratings, anonymous, variant
        )

    @app.command("resume", help=t("help.resume"), add_help_option=False)
    @_help()
    @_arg("session", "[SESSION]", required=False)
    @_opt("--theme", help_key="help.run.theme", metavar="TEMA")
    @_opt("--quiet", help_key="help.run.quiet", is_flag=True)
    def resume_cmd(session: str | None, theme: str | None, quiet: bool) -> None:
        from kollegial.views import meeting

        meeting.resume(session, theme, quiet)

    @app.command("rate", help=t("help.rate"), add_help_option=False)
    @_help()
    @_arg("ref", "ID|PATH")
    @_opt("--name", help_key="help.rate.name", metavar="NAMN")
    @_opt("--output", "-o", help_key="help.rate.output", metavar="FIL", type=_PATH)
    def rate_cmd(ref: str, name: str | None, output: Path | None) -> None:
        from kollegial.views import rate

        rate.rate(ref, name, output)

    @app.command("sessions", help=t("help.sessions"), add_help_option=False)
    @_help()
    @_opt("--delete", help_key="help.sessions.delete", metavar="ID")
    @_opt("--yes", "-y", help_key="help.sessions.yes", is_flag=True)
    def sessions_cmd(delete: str | None, yes: bool) -> None:
        from kollegial.store import Store
        from kollegial.views import sessions

        if delete is not None:
            sessions.delete(Store(), delete, yes)
        else:
            sessions.print_sessions(Store())

    @app.command("export", help=t("help.export"), add_help_option=False)
    @_help()
    @_arg("session", "[SESSION]", required=False)
    @_opt(
        "--format",
        "-f",
        "fmt",
        help_key="help.export.format",
        metavar="md|html|xlsx|json|csv",
        default="md",
    )
    @_opt("--output", "-o", help_key="help.export.output", metavar="FIL", type=_PATH)
    @_opt("--anonymize", help_key="help.export.anonymize", is_flag=True)
    @_opt("--keep-roles", help_key="help.export.keep_roles", is_flag=True)
    def export_cmd(
        session: str | None, fmt: str, output: Path | None, anonymize: bool, keep_roles: bool
    ) -> None:
        from kollegial.store import Store
        from kollegial.views import sessions

        sessions.export(Store(), session, fmt, output, anonymize, keep_roles)

    @app.command("import", help=t("help.import"), add_help_option=False)
    @_help()
    @_arg("file", "FIL", type=_PATH)
    def import_cmd(file: Path) -> None:
        from kollegial.store import Store
        from kollegial.views import sessions

        sessions.import_file(Store(), file)

    @app.command("rescue", help=t("help.rescue"), add_help_option=False)
    @_help()
    @_arg("db", "[DB]", required=False, type=_PATH)
    @_opt("--output", "-o", help_key="help.rescue.output", metavar="MAPP", type=_PATH)
    def rescue_cmd(db: Path | None, output: Path | None) -> None:
        from kollegial.views import sessions

        sessions.rescue(db, output)

    return app


_PATH = click.Path(path_type=Path)


def _parse_start(value: str) -> datetime:
    try:
        clock = datetime.strptime(value.strip(), "%H:%M")
    except ValueError:
        raise UsageError("show.bad_start", value=value) from None
    today = datetime.now().replace(second=0, microsecond=0)
    return today.replace(hour=clock.hour, minute=clock.minute)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and turn every user error into a message and exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    # Starting the meeting screen allocates some 200,000 objects and frees few;
    # the collector running over them again and again cost ~30 ms before the
    # first frame (issue 7). It is off until the screen is drawn (the app turns
    # it back on), and for every other command until the command is known.
    gc.disable()
    try:
        lang, args = _prescan_language(args)
        set_language(lang)
        make_cli().main(args=args, prog_name="kollegial", standalone_mode=True)
    except KollegialError as exc:
        print(exc.render(), file=sys.stderr)
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except Exception as exc:  # the last net: a message, never a traceback
        if os.environ.get("KOLLEGIAL_DEBUG"):
            raise
        print(t("err.unexpected", error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        raise SystemExit(70) from None
    finally:
        gc.enable()
