"""Frozen value classes that cost little to define.

Python 3.11's ``dataclass`` generates each method by compiling source text.
A frozen dataclass gets four per class (``__init__`` through
``object.__setattr__``, ``__setattr__``, ``__delattr__``, plus ``__eq__``,
``__hash__`` and ``__repr__`` unless told otherwise); for the ~50 classes the
meeting screen imports (the protocol model, the events, the plan) that was
~15 ms of every start of ``kollegial run`` (issue 7).

``@frozen`` makes a plain dataclass (only ``__init__`` is generated) of a
:class:`Value` subclass, and :class:`Value` supplies the rest once for all:
comparison, hashing and printing by fields, and refusing any change after
``__init__``. Type checkers see ``@frozen`` classes as frozen dataclasses
(``dataclass_transform``), so assigning to a field is an error there too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import FrozenInstanceError, fields
from typing import Any, TypeVar, dataclass_transform, overload

V = TypeVar("V", bound="Value")


class Value:
    """Equal when of the same class with equal fields; hashable when the fields are; frozen."""

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

    def __setattr__(self, name: str, value: Any) -> None:
        # ``__init__`` sets each field once; any later assignment is refused.
        if name in self.__dict__:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


@overload
def frozen(cls: type[V], /) -> type[V]: ...
@overload
def frozen(*, kw_only: bool = False) -> Callable[[type[V]], type[V]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(
    cls: type[V] | None = None, /, *, kw_only: bool = False
) -> type[V] | Callable[[type[V]], type[V]]:
    """Declare a frozen dataclass of a :class:`Value` subclass (see the module docstring)."""

    def wrap(cls: type[V]) -> type[V]:
        if not issubclass(cls, Value):
            raise TypeError(f"@frozen needs a Value subclass, not {cls.__name__}")
        return dataclasses.dataclass(cls, eq=False, repr=False, kw_only=kw_only)

    return wrap if cls is None else wrap(cls)
