"""The phone page's QR code and address on the wall, for the room to scan."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from kollegial.i18n import t
from kollegial.protocols.model import Mode

if TYPE_CHECKING:
    from kollegial.serve.server import PhoneServer
    from kollegial.tui.app import KollegialApp


class Phones(ModalScreen[None]):
    """The QR code, the short address, where it listens, and how many have rated."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,m,q", "dismiss", show=False),
        Binding("s", "stop", show=False),
    ]

    def __init__(self, server: PhoneServer) -> None:
        super().__init__()
        self.server = server

    @property
    def kapp(self) -> KollegialApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        from kollegial.serve.net import qr_lines

        server = self.server
        # Dark modules on light, whatever the theme: scanners need the light border.
        code = Text("\n".join(qr_lines(server.url)), style="#000000 on #ffffff", no_wrap=True)
        if server.everywhere:
            where = Text(t("tui.phones_everywhere", host=server.host), style="bold")
        else:
            where = Text(t("tui.phones_address", host=server.address, port=server.port))
        # Side by side: the code needs some 17 rows, and the wall may have 24.
        with Horizontal(classes="dialog", id="phones"):
            yield Static(code, id="phones-qr")
            with Vertical(id="phones-text"):
                yield Static(t("tui.phones_title"), classes="dialog-title")
                yield Static(Text(server.url, style="bold"), id="phones-url")
                yield Static(t("tui.phones_scan"), classes="dialog-hint")
                yield Static(where, id="phones-where", classes="dialog-hint")
                yield Static(id="phones-count", classes="dialog-hint")
                yield Static(t("tui.phones_keys"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.refresh_count()

    def refresh_count(self) -> None:
        session = self.kapp.session
        rating = session.step.mode is Mode.RATE and not session.ended
        count = self.query_one("#phones-count", Static)
        count.display = rating
        if rating:
            n, m = len(session.raters()), len(session.participants)
            count.update(Text(t("tui.rated", n=n, m=m), style="bold"))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)

    async def action_stop(self) -> None:
        await self.kapp.stop_phones()
        self.dismiss(None)
