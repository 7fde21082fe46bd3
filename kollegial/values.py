"""Dataclasses that cost little to define: frozen values and mutable records.

Python 3.11's ``dataclass`` writes each generated method as source text and
compiles it, for every class: a frozen dataclass gets ``__init__``,
``__setattr__``, ``__delattr__``, ``__eq__``, ``__hash__`` and ``__repr__``.
For the ~50 classes the meeting screen imports (the protocol model, the
events, the plan) that was ~18 ms of every start of ``kollegial run``
(the start-up rules: docs/architecture.md).

``@frozen`` makes a dataclass of a :class:`Value` subclass without generating
any method; :class:`Value` supplies them once for all classes, driven by the
dataclass fields: ``__init__`` (keyword-only with ``kw_only=True``, defaults
and default factories as declared), comparison, hashing and printing by
fields, and refusing any change after ``__init__``. Everything that reads
dataclasses still works (``fields``, ``replace``, pydantic), and type checkers
see ``@frozen`` classes as frozen dataclasses (``dataclass_transform``), so a
wrong constructor call or an assignment to a field is an error there too.
``@record`` does the same for a mutable :class:`Record` subclass: built,
compared and printed by its fields, unhashable, changeable.

Not honoured (tests/unit/test_values.py checks no class uses them):
``__post_init__``, ``KW_ONLY`` and ``field(init=, compare=, hash=, kw_only=)``.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, fields
from typing import Any, ClassVar, TypeVar, dataclass_transform, overload

V = TypeVar("V", bound="Value")
R = TypeVar("R", bound="Record")


class Record:
    """Built, compared and printed by its dataclass fields; mutable (see ``@record``)."""

    __slots__ = ()

    _init_fields: ClassVar[tuple[tuple[str, Any, Any], ...]] = ()
    """(name, default, default factory) per field, in order; set by the decorator."""
    _kw_only: ClassVar[bool] = False
    _names: ClassVar[tuple[str, ...]] = ()
    """The field names, in order; set by the decorator."""
    _get: ClassVar[Callable[[Any], tuple[Any, ...]]] = staticmethod(lambda _: ())
    """The field values of an instance as a tuple, precomputed by the decorator:
    asking ``fields()`` on every ``==`` made it 13 times slower than a dataclass's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        spec = self._init_fields
        if args:
            name = type(self).__name__
            if self._kw_only or len(args) > len(spec):
                most = 0 if self._kw_only else len(spec)
                raise TypeError(f"{name}() takes {most} positional arguments, {len(args)} given")
            for (field_name, _, _), value in zip(spec, args, strict=False):
                if field_name in kwargs:
                    raise TypeError(f"{name}() got multiple values for {field_name!r}")
                kwargs[field_name] = value
        # Straight into the instance dict: no __setattr__ (a Value refuses it).
        values = self.__dict__
        pop = kwargs.pop
        for field_name, default, factory in spec:
            value = pop(field_name, MISSING)
            if value is MISSING:
                if default is not MISSING:
                    value = default
                elif factory is not MISSING:
                    value = factory()
                else:
                    name = type(self).__name__
                    raise TypeError(f"{name}() missing required argument {field_name!r}")
            values[field_name] = value
        if kwargs:
            name, extra = type(self).__name__, next(iter(kwargs))
            raise TypeError(f"{name}() got an unexpected keyword argument {extra!r}")

    def __eq__(self, other: object) -> bool:  # (and so __hash__ is None: unhashable)
        if type(other) is not type(self):
            return NotImplemented
        get = type(self)._get
        return get(self) == get(other)

    def __repr__(self) -> str:
        args = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._names)
        return f"{type(self).__name__}({args})"


class Value(Record):
    """A :class:`Record` that is frozen, and hashable when its fields are (see ``@frozen``)."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash((type(self), type(self)._get(self)))

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


def _declare(cls: type[R], kw_only: bool, base: type[Record]) -> type[R]:
    if not issubclass(cls, base):
        raise TypeError(f"needs a {base.__name__} subclass, not {cls.__name__}")
    dataclasses.dataclass(cls, init=False, eq=False, repr=False, kw_only=kw_only)
    cls._init_fields = tuple((f.name, f.default, f.default_factory) for f in fields(cls))  # type: ignore[arg-type]
    cls._kw_only = kw_only
    cls._names = tuple(name for name, _, _ in cls._init_fields)
    cls._get = staticmethod(_getter(cls._names))
    return cls


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function from an instance to its values at ``names``, as a tuple, in C."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda instance: (one(instance),)
    return lambda _: ()


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
        return _declare(cls, kw_only, Value)

    return wrap if cls is None else wrap(cls)


@overload
def record(cls: type[R], /) -> type[R]: ...
@overload
def record(*, kw_only: bool = False) -> Callable[[type[R]], type[R]]: ...


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def record(
    cls: type[R] | None = None, /, *, kw_only: bool = False
) -> type[R] | Callable[[type[R]], type[R]]:
    """Declare a mutable dataclass of a :class:`Record` subclass (see the module docstring)."""

    def wrap(cls: type[R]) -> type[R]:
        return _declare(cls, kw_only, Record)

    return wrap if cls is None else wrap(cls)


def replace(obj: R, /, **changes: Any) -> R:
    """``dataclasses.replace`` for a ``@frozen`` or ``@record`` instance, in one dict copy.

    The fields live in the instance dict, so a copy needs no ``__init__``:
    ``dataclasses.replace`` reads every field and builds the object anew, which
    for the 20,000 steps of one protocol file (each given its id) was a quarter
    of validating it.

    Raises:
        TypeError: a name in ``changes`` is no field of ``obj``.
    """
    values = obj.__dict__
    unknown = changes.keys() - values.keys()
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {min(unknown)!r}")
    new = object.__new__(type(obj))
    new.__dict__.update(values, **changes)
    return new
