"""The baseline for the first frame of ``kollegial run``: Typer starting a one-widget Textual app.

Built from the same two libraries as ``kollegial run`` and doing the least a
command that starts a meeting does: Typer parses the command line, the command
starts a Textual app with one line of text. ``run ID`` takes one argument, as
``kollegial run`` takes the protocol (Typer converts it, which loads pydantic);
``bare`` takes none, for the figure without that conversion.
"""

from typing import Annotated

import typer
from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        yield Static(f"Hej från en minimal app: {self.what}")


app = typer.Typer()


@app.command()
def run(protocol: Annotated[str, typer.Argument()]) -> None:
    """Start the app for one protocol."""
    Minimal(protocol).run()


@app.command()
def bare() -> None:
    """Start the app, with no parameter to convert."""
    Minimal("utan argument").run()


if __name__ == "__main__":
    app()
