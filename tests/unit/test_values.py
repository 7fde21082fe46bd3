"""@frozen classes behave as frozen dataclasses: built, compared, hashed, never changed."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import FrozenInstanceError, field
from datetime import UTC, datetime
from typing import Any

import pytest

from kollegial.protocols.model import Role
from kollegial.session import events as ev
from kollegial.values import Record, Value, frozen, record, replace


@frozen
class Point(Value):
    """Positional and keyword arguments, a default and a default factory."""

    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)


@frozen(kw_only=True)
class Named(Value):
    name: str
    late: bool = False


def test_arguments_defaults_and_factories() -> None:
    assert (Point(1, 2).x, Point(1, 2).y) == (1, 2)
    assert Point(x=1) == Point(1, 0, [])
    assert Point(1).tags is not Point(1).tags  # a fresh list each time
    assert Named(name="Bo").late is False


@pytest.mark.parametrize(
    ("cls", "args", "kwargs", "message"),
    [
        (Point, (), {}, "missing required argument 'x'"),
        (Point, (1, 2, [], 4), {}, "takes 3 positional arguments, 4 given"),
        (Point, (1,), {"x": 2}, "multiple values for 'x'"),
        (Point, (1,), {"z": 2}, "unexpected keyword argument 'z'"),
        (Named, ("Bo",), {}, "takes 0 positional arguments, 1 given"),
    ],
)
def test_wrong_arguments_are_refused_as_dataclasses_do(
    cls: type[Value], args: tuple[Any, ...], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        cls(*args, **kwargs)


def test_fields_cannot_change_after_init() -> None:
    p = Point(1)
    with pytest.raises(FrozenInstanceError):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del p.x
    with pytest.raises(FrozenInstanceError):
        p.other = 1
    assert p.x == 1


def test_equal_by_fields_and_class_hashable_and_printed() -> None:
    assert Named(name="Bo") == Named(name="Bo") != Named(name="Bo", late=True)
    assert Role(id="a", title="A") != Named(name="a")
    assert len({Named(name="Bo"), Named(name="Bo")}) == 1
    assert repr(Point(1, 2, ["t"])) == "Point(x=1, y=2, tags=['t'])"


def test_dataclass_tools_still_work() -> None:
    p = Point(1, 2)
    assert [f.name for f in dataclasses.fields(p)] == ["x", "y", "tags"]
    assert dataclasses.replace(p, y=5) == Point(1, 5)
    assert dataclasses.asdict(p) == {"x": 1, "y": 2, "tags": []}
    assert pickle.loads(pickle.dumps(p)) == p


def test_replace_is_dataclasses_replace_without_init() -> None:
    """values.replace gives what dataclasses.replace gives, for values and records."""
    p = Point(1, 2, ["a"])
    assert replace(p, y=5) == dataclasses.replace(p, y=5) == Point(1, 5, ["a"])
    assert replace(p) == p and replace(p) is not p
    assert p == Point(1, 2, ["a"])  # the original is untouched
    with pytest.raises(FrozenInstanceError):
        replace(p, y=5).y = 6  # type: ignore[misc]
    t = Tally("Bo", 1)
    changed = replace(t, count=5)
    changed.count += 1
    assert (changed, t) == (Tally("Bo", 6), Tally("Bo", 1))
    with pytest.raises(TypeError, match="no field 'z'"):
        replace(p, z=1)


def test_events_validate_and_round_trip_through_pydantic() -> None:
    """Events read back are built by pydantic, without __init__: still frozen and equal."""
    event = ev.NoteAdded(at=datetime(2026, 11, 24, 9, tzinfo=UTC), id=1, index=0, text="hej")
    back = ev.event_adapter().validate_json(ev.to_json(event))
    assert back == event and type(back) is ev.NoteAdded
    with pytest.raises(FrozenInstanceError):
        back.text = "ändrad"  # type: ignore[misc]


@record
class Tally(Record):
    """A mutable record: changes in place, compares by fields, is not hashable."""

    name: str
    count: int = 0
    seen: list[str] = field(default_factory=list)


def test_records_change_in_place_and_compare_by_fields() -> None:
    t = Tally("Bo")
    t.count += 1
    t.seen.append("x")
    assert t == Tally("Bo", 1, ["x"]) != Tally("Bo")
    assert repr(t) == "Tally(name='Bo', count=1, seen=['x'])"
    with pytest.raises(TypeError, match="unhashable"):
        hash(t)
    with pytest.raises(TypeError, match="missing required argument 'name'"):
        Tally(**{})
    assert dataclasses.replace(t, count=5).count == 5


def test_decorators_check_the_base() -> None:
    with pytest.raises(TypeError, match="Record subclass"):
        record(type("Plain", (), {}))
    with pytest.raises(TypeError, match="Value subclass"):
        frozen(type("Mutable", (Record,), {}))


def test_no_class_uses_what_record_does_not_honour() -> None:
    """Record's methods ignore __post_init__, field(init/compare/hash/kw_only=) and KW_ONLY.

    Checked here over every @frozen and @record class of the package rather
    than at each class definition, which would cost every start.
    """
    import importlib
    import pkgutil

    import kollegial

    for info in pkgutil.walk_packages(kollegial.__path__, "kollegial."):
        if not info.name.startswith("kollegial.tui"):
            importlib.import_module(info.name)
    seen = 0
    stack: list[type] = [Record]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if not cls.__module__.startswith("kollegial") or not dataclasses.is_dataclass(cls):
            continue
        seen += 1
        assert not hasattr(cls, "__post_init__"), cls
        for f in dataclasses.fields(cls):
            assert f.init and f.compare and f.hash is None, (cls, f.name)
            assert f.kw_only is cls._kw_only, (cls, f.name)
    assert seen >= 40


@frozen
class Single(Value):
    only: int


@frozen
class Empty(Value):
    pass


def test_comparing_and_hashing_use_field_names_known_in_advance(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """==, hash and repr read the names the decorator stored, never dataclasses.fields():
    asking it on every call made == 13 times and hash 8 times slower than a dataclass's."""
    import kollegial.values

    def no_fields(_: object) -> None:
        raise AssertionError("fields() asked per call")

    monkeypatch.setattr(kollegial.values, "fields", no_fields)
    assert Point(1, 2) == Point(1, 2) != Point(1, 3)
    assert hash(Named(name="Bo")) == hash(Named(name="Bo"))
    assert repr(Point(1)) == "Point(x=1, y=0, tags=[])"
    assert Single(1) == Single(1) != Single(2) and hash(Single(1)) == hash(Single(1))
    assert Empty() == Empty() and hash(Empty()) == hash(Empty()) and repr(Empty()) == "Empty()"
