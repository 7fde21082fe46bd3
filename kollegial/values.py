"""A base for frozen dataclasses that compare, hash and print by their fields.

Python 3.11's ``dataclass`` generates each method by compiling source text;
for the protocol model and the event classes, generating ``__eq__``,
``__hash__`` and ``__repr__`` per class cost ~10 ms of every start of
``kollegial run`` and ``list`` (issue 7). Subclasses are declared with
``@dataclass(frozen=True, eq=False, repr=False, ...)`` and get these three
once, from here.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any


class Value:
    """Equal when of the same class with equal fields; hashable when the fields are."""

    __slots__ = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))  # type: ignore[arg-type]

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Value)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        args = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))  # type: ignore[arg-type]
        return f"{type(self).__name__}({args})"
