"""Sessions on a fake clock, shared by the engine's unit tests."""

from __future__ import annotations

import pytest

from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session

PEOPLE = ["Anna", "Bo", "Cia"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def obs(clock: FakeClock) -> Session:
    """observationssamtal: 10/5/3/5/1/5 minutes; rounds into columns, silent steps, a decision."""
    return Session.start(resolve("observationssamtal"), PEOPLE, clock)


@pytest.fixture
def tri(clock: FakeClock) -> Session:
    """triangulering: an appoint step without a timer first, then a 10-minute rating."""
    return Session.start(resolve("triangulering"), PEOPLE, clock)
