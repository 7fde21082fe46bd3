"""The ``kollegial`` command. Each command is a few lines over the core.

Heavy or interactive modules (textual, questionary) are imported only inside the
commands that need them, so ``--help``, ``list`` and ``validate`` start fast.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kollegial {__version__}")
        raise typer.Exit()


def make_cli() -> typer.Typer:
    """Build the command tree, with help texts in the current language."""
    app = typer.Typer(
        name="kollegial",
        help=t("help.app"),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def root(
        version: Annotated[
            bool,
            typer.Option("--version", callback=_version, is_eager=True, help=t("help.version")),
        ] = False,
        lang: Annotated[str | None, typer.Option("--lang", help=t("help.lang"))] = None,
    ) -> None:
        """The options every command shares."""

    @app.command("list", help=t("help.list"))
    def list_cmd() -> None:
        from kollegial.views import listing

        listing.print_list()

    @app.command("show", help=t("help.show"))
    def show_cmd(
        ref: Annotated[str, typer.Argument(metavar="ID|PATH", help=t("help.show.ref"))],
        start: Annotated[
            str | None, typer.Option("--start", metavar="TT:MM", help=t("help.show.start"))
        ] = None,
    ) -> None:
        from kollegial.protocols.discovery import resolve
        from kollegial.store.cache import ProtocolCache
        from kollegial.views import listing

        start_at = _parse_start(start) if start else None
        listing.print_protocol(resolve(ref, cache=ProtocolCache()), start_at)

    @app.command("validate", help=t("help.validate"))
    def validate_cmd(
        paths: Annotated[
            list[Path], typer.Argument(metavar="PATH...", help=t("help.validate.paths"))
        ],
    ) -> None:
        from kollegial.views import listing

        if not listing.print_validation(paths):
            raise typer.Exit(1)

    @app.command("schema", help=t("help.schema"))
    def schema_cmd() -> None:
        from kollegial.protocols.schema import json_schema_text

        sys.stdout.write(json_schema_text())

    @app.command("sheet", help=t("help.sheet"))
    def sheet_cmd(
        ref: Annotated[str, typer.Argument(metavar="ID|PATH", help=t("help.show.ref"))],
        output: Annotated[
            Path | None, typer.Option("--output", "-o", metavar="FIL", help=t("help.sheet.output"))
        ] = None,
        fmt: Annotated[
            str | None,
            typer.Option("--format", "-f", metavar="md|html", help=t("help.sheet.format")),
        ] = None,
    ) -> None:
        from kollegial.views import sheet

        sheet.sheet(ref, output, fmt)

    @app.command("run", help=t("help.run"))
    def run_cmd(
        ref: Annotated[str, typer.Argument(metavar="ID|PATH", help=t("help.show.ref"))],
        participants: Annotated[
            str | None,
            typer.Option("--participants", metavar="NAMN,NAMN", help=t("help.run.participants")),
        ] = None,
        role: Annotated[
            list[str] | None, typer.Option("--role", metavar="ROLL=NAMN", help=t("help.run.role"))
        ] = None,
        focus: Annotated[
            str | None, typer.Option("--focus", metavar="TEXT", help=t("help.run.focus"))
        ] = None,
        theme: Annotated[
            str | None, typer.Option("--theme", metavar="TEMA", help=t("help.run.theme"))
        ] = None,
        quiet: Annotated[bool, typer.Option("--quiet", help=t("help.run.quiet"))] = False,
        demo: Annotated[bool, typer.Option("--demo", help=t("help.run.demo"))] = False,
        ratings: Annotated[
            Path | None, typer.Option("--ratings", metavar="MAPP", help=t("help.run.ratings"))
        ] = None,
        anonymous: Annotated[
            bool, typer.Option("--anonymous", help=t("help.run.anonymous"))
        ] = False,
    ) -> None:
        from kollegial.views import meeting

        meeting.run(ref, participants, role or [], focus, theme, quiet, demo, ratings, anonymous)

    @app.command("resume", help=t("help.resume"))
    def resume_cmd(
        session: Annotated[
            str | None, typer.Argument(metavar="[SESSION]", help=t("help.export.session"))
        ] = None,
        theme: Annotated[
            str | None, typer.Option("--theme", metavar="TEMA", help=t("help.run.theme"))
        ] = None,
        quiet: Annotated[bool, typer.Option("--quiet", help=t("help.run.quiet"))] = False,
    ) -> None:
        from kollegial.views import meeting

        meeting.resume(session, theme, quiet)

    @app.command("rate", help=t("help.rate"))
    def rate_cmd(
        ref: Annotated[str, typer.Argument(metavar="ID|PATH", help=t("help.show.ref"))],
        name: Annotated[
            str | None, typer.Option("--name", metavar="NAMN", help=t("help.rate.name"))
        ] = None,
        output: Annotated[
            Path | None, typer.Option("--output", "-o", metavar="FIL", help=t("help.rate.output"))
        ] = None,
    ) -> None:
        from kollegial.views import rate

        rate.rate(ref, name, output)

    @app.command("sessions", help=t("help.sessions"))
    def sessions_cmd() -> None:
        from kollegial.store import Store
        from kollegial.views import sessions

        sessions.print_sessions(Store())

    @app.command("export", help=t("help.export"))
    def export_cmd(
        session: Annotated[
            str | None, typer.Argument(metavar="[SESSION]", help=t("help.export.session"))
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", "-f", metavar="md|json|csv", help=t("help.export.format"))
        ] = "md",
        output: Annotated[
            Path | None, typer.Option("--output", "-o", metavar="FIL", help=t("help.export.output"))
        ] = None,
        anonymize: Annotated[
            bool, typer.Option("--anonymize", help=t("help.export.anonymize"))
        ] = False,
    ) -> None:
        from kollegial.store import Store
        from kollegial.views import sessions

        sessions.export(Store(), session, fmt, output, anonymize)

    @app.command("import", help=t("help.import"))
    def import_cmd(
        file: Annotated[Path, typer.Argument(metavar="FIL", help=t("help.import.file"))],
    ) -> None:
        from kollegial.store import Store
        from kollegial.views import sessions

        sessions.import_file(Store(), file)

    return app


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
    try:
        lang, args = _prescan_language(args)
        set_language(lang)
        command = typer.main.get_command(make_cli())
        command.main(args=args, prog_name="kollegial", standalone_mode=True)
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
