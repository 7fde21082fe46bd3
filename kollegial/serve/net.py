"""The laptop's address on the local network, and drawing the QR code of the page."""

from __future__ import annotations

import socket

ALL_INTERFACES = ("0.0.0.0", "::")


def lan_address() -> str | None:
    """The address other machines on the local network reach this one at; None without one.

    A UDP socket "connected" to a documentation address (TEST-NET-1) makes the
    system pick the interface it would route through; no packet is sent.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            address = str(probe.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def qr_lines(url: str) -> list[str]:
    """The QR code of ``url`` as lines of half blocks: two rows of modules per line.

    Drawn dark on light by the caller (a scanner needs the quiet border light).
    """
    import segno

    matrix = [list(row) for row in segno.make(url, error="l", micro=False).matrix_iter(border=2)]
    if len(matrix) % 2:
        matrix.append([0] * len(matrix[0]))
    chars = {(0, 0): " ", (1, 0): "▀", (0, 1): "▄", (1, 1): "█"}
    return [
        "".join(chars[(bool(a), bool(b))] for a, b in zip(top, bottom, strict=True))
        for top, bottom in zip(matrix[::2], matrix[1::2], strict=True)
    ]
