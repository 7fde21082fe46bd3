"""Issue 19: `kollegial report` reads what each meeting came to, kept, instead of replaying it.

The engine derives a meeting's :class:`Outcome` from its replayed log; the store
keeps it with the number of events it stands for and derives it again when the
log has grown or another engine kept it. Whatever was kept, what the report
reads equals a full replay.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from kollegial.protocols.discovery import resolve
from kollegial.session.clock import FakeClock
from kollegial.session.outcome import dumps, loads, outcome_of
from kollegial.session.session import Session
from kollegial.store import Store
from tests.conftest import Result
from tests.unit import test_report
from tests.unit.test_report import TEAM, stored
from tests.unit.test_summaries import OPS, PEOPLE, play

Cli = Callable[..., Result]
imported_once = test_report.imported_once
imported = test_report.imported
"""The fixture: the report's ten meetings, imported (once a module, a copy a test)."""


def kept(store: Store) -> dict[int, int]:
    """Each kept outcome's meeting and the number of events it stands for."""
    return dict(store.conn.execute("SELECT session_id, events FROM outcomes").fetchall())


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=OPS, then=OPS)
def test_the_kept_outcome_equals_a_full_replay(
    first: list[tuple[str, int]], then: list[tuple[str, int]]
) -> None:
    """Derived and kept, read back as kept, and derived again once the meeting went on:
    each time equal to the outcome of the whole log replayed."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        protocol = resolve("triangulering" if len(first) % 2 else "kapacitet")
        clock = FakeClock()
        session_id = store.create(protocol, clock, team="Åk 4–6")
        with store.starting():
            session = Session.start(protocol, PEOPLE, clock, listeners=[store.listener(session_id)])
        play(session, first)

        def replayed() -> object:
            return outcome_of(Session.replay(protocol, store.events(session_id), FakeClock()))

        for _ in range(2):  # derived, then read as kept
            ((_, team, _, _, outcome),) = store.outcomes(FakeClock())
            assert (team, outcome) == ("Åk 4–6", replayed())
            assert kept(store) == {session_id: len(store.events(session_id))}
        assert loads(dumps(outcome)) == outcome
        play(session, [*then, ("note", 1)])  # the log grows: the kept one no longer stands
        ((*_, outcome),) = store.outcomes(FakeClock(), team="Åk 4–6")
        assert outcome == replayed()
        assert kept(store) == {session_id: len(store.events(session_id))}
        store.close()


def test_the_report_is_the_same_from_kept_outcomes(imported: list[int], cli: Cli) -> None:
    """`import` keeps each meeting's outcome with it; the golden report made from them is
    the one made by replaying every meeting, which keeps them again."""
    store = Store()
    events = dict(store.conn.execute("SELECT session_id, events FROM summaries").fetchall())
    assert kept(store) == events and len(events) == 10
    from_kept = cli("report", "--team", TEAM, "-f", "md")
    store.conn.execute("DELETE FROM outcomes")
    replayed = cli("report", "--team", TEAM, "-f", "md")
    assert kept(store) == events
    assert from_kept.code == replayed.code == 0
    assert from_kept.out == replayed.out
    store.close()


def test_an_outcome_of_another_engine_or_unreadable_is_derived_again(
    imported: list[int], cli: Cli
) -> None:
    expected = cli("report", "-f", "md").out
    store = Store()
    store.conn.execute(
        "UPDATE outcomes SET engine = 'en annan' WHERE session_id = ?", (imported[0],)
    )
    store.conn.execute("UPDATE outcomes SET outcome = '[1, 2' WHERE session_id = ?", (imported[1],))
    meetings = store.outcomes(FakeClock())
    assert [outcome for *_, outcome in meetings] == [m.outcome for m in stored()]
    engines = dict(store.conn.execute("SELECT session_id, engine FROM outcomes").fetchall())
    assert len(set(engines.values())) == 1 and "en annan" not in engines.values()
    store.close()
    assert cli("report", "-f", "md").out == expected


def test_a_folder_that_cannot_be_written_still_gets_its_report(
    imported: list[int], cli: Cli, isolated: Path
) -> None:
    """Keeping the outcomes only saves time: a read-only database is reported all the same."""
    expected = cli("report", "-f", "md").out
    store = Store()
    store.conn.execute("DELETE FROM outcomes")
    store.conn.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON outcomes BEGIN SELECT RAISE(ABORT, 'nej'); END"
    )
    store.close()
    result = cli("report", "-f", "md")
    assert result.code == 0 and result.out == expected
    with sqlite3.connect(isolated / "kollegial.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM outcomes").fetchone() == (0,)
    conn.close()
