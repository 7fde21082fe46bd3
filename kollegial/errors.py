"""One base error for everything a user can cause; the CLI turns it into a message and exit code."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from kollegial.display import safe
from kollegial.i18n import Lang, t
from kollegial.values import Value, frozen


class KollegialError(Exception):
    """An error a user can act on. Carries a catalog key, not a formatted string."""

    exit_code = 1

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, lang: Lang | None = None) -> str:
        """The message in ``lang`` (default: the current language)."""
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render()


class UsageError(KollegialError):
    """The command line asks for something that cannot be done as asked."""

    exit_code = 2


class ProtocolNotFoundError(KollegialError):
    """No protocol with that id is on the search path."""


@frozen
class Problem(Value):
    """One positioned problem in a protocol file. ``line`` and ``column`` are 1-based."""

    file: Path
    line: int
    column: int
    key: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: Lang | None = None) -> str:
        """The problem's text alone."""
        return t(self.key, lang, **self.params)

    def render(self, lang: Lang | None = None) -> str:
        """``FILE:LINE:COLUMN: message``, the form editors and CI logs understand."""
        return f"{safe(str(self.file))}:{self.line}:{self.column}: {self.message(lang)}"


class ProtocolInvalidError(KollegialError):
    """A protocol file has one or more problems; all of them are carried."""

    def __init__(self, file: Path, problems: list[Problem]) -> None:
        super().__init__("err.invalid_protocol", file=file)
        self.file = file
        self.problems = problems

    def render(self, lang: Lang | None = None) -> str:
        lines = [t("err.invalid_protocol", lang, file=self.file)]
        lines += [p.render(lang) for p in self.problems]
        return "\n".join(lines)
