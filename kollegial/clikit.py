"""Typer in the user's language: the few hooks that make the command line speak the catalog.

Typer 0.29 ships its own copy of click (``typer._click``) whose texts are fixed
English strings (no gettext), and its Rich help takes its panel titles from
module constants. So instead of translating click's sentences, kollegial:

- gives every help text and word metavar as a catalog key; the command classes
  here (passed as ``cls=``) translate them when the command tree is built,
  which happens after ``--lang`` is known (:func:`kollegial.cli.main`);
- writes the usage line's prefix and placeholders, the help option's text and
  the Rich panel titles from the catalog;
- renders usage errors from the exception's fields (which option, which
  parameter, which values), never from click's English message
  (:func:`usage_error_text`).

How to add a command or option: see ``kollegial/cli.py``'s module docstring.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any

import typer
from typer._click import Command, Context, HelpFormatter
from typer._click import exceptions as click_errors
from typer._click.core import Parameter
from typer.core import TyperCommand, TyperGroup

from kollegial.i18n import t

ARGS_KEY = "kollegial.args"
"""Where a command's context keeps the words it was given (see :func:`first_argument`)."""

METAVAR_PREFIX = "meta."
"""A metavar starting with this is a catalog key (``meta.file`` → FIL / FILE)."""


def _metavar(value: str | None) -> str | None:
    return t(value) if value is not None and value.startswith(METAVAR_PREFIX) else value


def _no_type(ctx: Context) -> None:
    return None


def _localize_params(params: Sequence[Parameter]) -> None:
    for param in params:
        help_key = getattr(param, "help", None)
        if help_key:
            param.help = t(help_key)  # type: ignore[attr-defined]
        param.metavar = _metavar(param.metavar)
        # The help's type column would say `<bool>` or `<str>`, Python's words:
        # a flag takes no value, and an argument's metavar already says what it is.
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
        elif param.param_type_name == "argument":
            param.display_type_rich = _no_type  # type: ignore[attr-defined]


def _localize_rich_help() -> None:
    """Rich help's fixed words, from the catalog; imported only when help is drawn."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = t("cli.panel.arguments")
    rich_utils.OPTIONS_PANEL_TITLE = t("cli.panel.options")
    rich_utils.COMMANDS_PANEL_TITLE = t("cli.panel.commands")
    rich_utils.DEFAULT_STRING = t("cli.default")
    rich_utils.REQUIRED_LONG_STRING = t("cli.required")
    rich_utils.DEPRECATED_STRING = ""


class _Localized:
    """What the command and the group share: usage line, help option, help page."""

    params: list[Parameter]
    _help_option: Any

    def _localize(self) -> None:
        command: Any = self
        if command.help:
            command.help = t(command.help)
        if command.options_metavar:
            command.options_metavar = t("cli.options_metavar")
        _localize_params(self.params)

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("cli.usage") + " ")

    def get_help_option(self, ctx: Context) -> Any:
        fresh = self._help_option is None
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None and fresh:
            option.help = t("help.help")
            option.metavar = ""
            _plain_text([option])
        return option

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        _localize_rich_help()
        super().format_help(ctx, formatter)  # type: ignore[misc]


def _plain_text(params: Sequence[Parameter]) -> None:
    """Text options and arguments taken as typed, without a pydantic ``TypeAdapter``.

    Typer 0.29 converts every value through pydantic, built on first use: ~50 ms
    of imports for ``kollegial sessions``, which reads a table and prints it.
    A word from the command line is already a ``str``, and a flag a ``bool``;
    Typer's own pass-through keeps it as it is (and refuses anything else).
    """
    from typer._coercion import PassThroughRuntimeParam
    from typer.core import _TyperParameter

    for param in params:
        if not isinstance(param, _TyperParameter) or param.multiple or param.nargs != 1:
            continue
        kind = param.type_descriptor
        if kind.parameter_info.parser is not None or kind.is_choice:
            continue
        flag = kind.annotation is bool and getattr(param, "is_flag", False)
        if kind.annotation is str or flag:
            param._runtime_param = PassThroughRuntimeParam(
                parameter_info=kind.parameter_info, annotation=kind.annotation
            )


class KollegialCommand(_Localized, TyperCommand):
    """A command whose help, metavars and errors come from the catalog."""

    # Extra arguments are refused here, in the user's language, not by click.
    allow_extra_args = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._localize()
        _plain_text(self.params)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        # Completion parses leniently and stops at an option still waiting for
        # its value, before the arguments: completers read the words themselves.
        ctx.meta[ARGS_KEY] = list(args)
        rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            raise click_errors.UsageError(t("cli.err.extra_args", args=" ".join(rest)), ctx)
        return rest


class KollegialGroup(_Localized, TyperGroup):
    """The ``kollegial`` group: as :class:`KollegialCommand`, and unknown commands named."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._localize()
        _plain_text(self.params)
        self.subcommand_metavar = t("cli.command_metavar")

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        name = args[0]
        if (
            self.get_command(ctx, name) is None
            and not ctx.resilient_parsing
            and not name.startswith("-")
        ):
            message = t("cli.err.no_such_command", name=name)
            near = get_close_matches(name, list(self.commands))
            if near:
                message += " " + t("cli.err.did_you_mean", names=", ".join(near))
            raise click_errors.UsageError(message, ctx)
        return super().resolve_command(ctx, args)


def first_argument(ctx: Context) -> str | None:
    """The command's first argument as typed, also where parsing stopped short of it."""
    parsed = next(
        (v for p, v in ctx.params.items() if _is_argument(ctx, p) and isinstance(v, str)), None
    )
    if parsed:
        return parsed
    takes_value = {
        opt
        for param in ctx.command.params
        if param.param_type_name == "option" and not getattr(param, "is_flag", False)
        for opt in param.opts
    }
    words = iter(ctx.meta.get(ARGS_KEY, []))
    for word in words:
        if word in takes_value:
            next(words, None)
        elif not word.startswith("-"):
            return str(word)
    return None


def _is_argument(ctx: Context, name: str) -> bool:
    return any(p.name == name and p.param_type_name == "argument" for p in ctx.command.params)


UsageErrorType = click_errors.UsageError
AbortType = typer.Abort


def _param_name(param: Parameter | None, hint: Any = None) -> str:
    if hint:
        return hint if isinstance(hint, str) else " / ".join(hint)
    if param is None:
        return "?"
    if param.param_type_name == "argument":
        return param.metavar or (param.name or "?").upper()
    return " / ".join(param.opts)


def usage_message(exc: click_errors.UsageError) -> str:
    """What is wrong, in the user's language, from the exception's fields."""
    if isinstance(exc, click_errors.NoSuchOption):
        message = t("cli.err.no_such_option", name=exc.option_name)
        if exc.possibilities:
            message += " " + t("cli.err.did_you_mean", names=", ".join(sorted(exc.possibilities)))
        return message
    if isinstance(exc, click_errors.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "argument")
        key = "cli.err.missing_option" if kind == "option" else "cli.err.missing_argument"
        return t(key, name=_param_name(exc.param, exc.param_hint))
    if isinstance(exc, click_errors.BadParameter):
        return t("cli.err.bad_value", name=_param_name(exc.param, exc.param_hint))
    if isinstance(exc, click_errors.BadOptionUsage):
        if "does not take a value" in exc.message:
            return t("cli.err.no_value", name=exc.option_name)
        return t("cli.err.needs_value", name=exc.option_name)
    if isinstance(exc, click_errors.BadArgumentUsage):
        return t("cli.err.bad_usage")
    # Raised by kollegial's own hooks above, already in the user's language.
    return exc.message


def usage_error_text(exc: click_errors.UsageError) -> str:
    """The usage line, where to find help, and what is wrong: as a usage error is shown."""
    lines = []
    ctx = exc.ctx
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                t("cli.try_help", command=f"{ctx.command_path} {ctx.help_option_names[0]}")
            )
        lines.append("")
    lines.append(t("cli.error", message=usage_message(exc)))
    return "\n".join(lines)


def is_help_shown(exc: click_errors.UsageError) -> bool:
    """``kollegial`` alone: the help page was drawn; the error carries nothing more."""
    return isinstance(exc, click_errors.NoArgsIsHelpError)
