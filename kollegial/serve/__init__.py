"""The phone page: a small web server on the local network, inside the running meeting.

An optional extra (``pip install 'kollegial[serve]'``): aiohttp serves the page
and segno draws the QR code. Nothing here is imported unless the leader asks
for it (``run --serve`` or the ``m`` key); the rules are in
:mod:`kollegial.session.remote`.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PORT = 8765


@dataclass(frozen=True)
class ServeSettings:
    """Where to listen: ``host`` None means the laptop's address on the local network."""

    host: str | None = None
    port: int = DEFAULT_PORT


def available() -> bool:
    """Whether the extra is installed (aiohttp and segno importable), without importing them."""
    from importlib.util import find_spec

    return find_spec("aiohttp") is not None and find_spec("segno") is not None
