"""The base of every screen of the meeting app: the app, typed as what it is."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from kollegial.tui.app import KollegialApp

ResultT = TypeVar("ResultT")


class AppScreen(Screen[ResultT]):
    """A screen of :class:`KollegialApp`, which it reaches as ``kapp``."""

    @property
    def kapp(self) -> KollegialApp:
        return self.app  # type: ignore[return-value]


class AppModal(ModalScreen[ResultT], AppScreen[ResultT]):
    """A dialog over the meeting (a Textual modal screen), reaching the app as ``kapp``.

    ModalScreen comes first: Textual takes a class's CSS (its type name, its
    default styles) from the first base only.
    """
