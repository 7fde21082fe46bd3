"""The protocol format: model, loader, discovery and schema. Imports no UI."""

from kollegial.protocols.loader import load_protocol, load_text
from kollegial.protocols.model import Mode, Protocol, RoundKind, Step

__all__ = ["Mode", "Protocol", "RoundKind", "Step", "load_protocol", "load_text"]
