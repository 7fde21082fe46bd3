"""The baseline for ``kollegial --help``: the smallest Typer app with one command.

The callback makes it a command group like ``kollegial``, so ``--help``
renders the same kind of page (usage, options, a list of commands).
"""

import typer

app = typer.Typer(help="En minimal app med ett kommando.")


@app.callback()
def root() -> None:
    """The options every command shares (none)."""


@app.command()
def hej(namn: str = "världen") -> None:
    """Säg hej."""
    print(f"Hej {namn}")


if __name__ == "__main__":
    app()
