"""`kollegial report` (issue 19): a team's meetings over time, from a committed fixture.

The fixture (tests/data/report, written by its make_fixture.py) is one team's
six triangulations over three terms and four observation talks, as JSON
exports; each test imports them through the real `kollegial import`.
Golden files: tests/data/golden/report.*; after a deliberate change, look at
the new output and update with ``KOLLEGIAL_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest

from kollegial.export.report import StoredMeeting, build_report
from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session
from kollegial.store import Store
from tests.conftest import DATA, Result, copy_home, run_cli_in
from tests.unit.test_export import check_golden

FIXTURE = DATA / "report"
TEAM = "Åk 4–6"
NAMES = ("Anna", "Bo", "Cecilia", "David", "Eva")


@pytest.fixture(scope="module")
def imported_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    """The fixture's ten meetings, imported one file at a time as a principal would,
    into a data folder built once for this module."""
    home = tmp_path_factory.mktemp("report") / "home"
    ids = []
    for path in sorted(FIXTURE.glob("*.json")):
        result = run_cli_in(home, "import", str(path))
        assert result.code == 0, result.err
        ids.append(int(re.search(r"id (\d+)", result.out).group(1)))  # type: ignore[union-attr]
    return home, ids


@pytest.fixture
def imported(imported_once: tuple[Path, list[int]], isolated: Path) -> list[int]:
    """The ten imported meetings in this test's own data folder (a copy: a test may
    change it)."""
    built, ids = imported_once
    copy_home(built, isolated)
    return ids


def stored() -> list[StoredMeeting]:
    store = Store()
    meetings = [
        StoredMeeting.replayed(i, team, created, session)
        for i, team, created, session in store.replay_all(FakeClock())
    ]
    store.close()
    return meetings


def replayed() -> dict[int, Session]:
    store = Store()
    sessions = {i: session for i, _, _, session in store.replay_all(FakeClock())}
    store.close()
    return sessions


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("report.md", ("-f", "md")),
        ("report.html", ("-f", "html")),
        ("report-anonymized.md", ("-f", "md", "--anonymize")),
        ("report-2027.md", ("-f", "md", "--from", "2027-01-01", "--to", "2027-06-30")),
    ],
)
def test_report_matches_golden_file(
    imported: list[int], cli: Callable[..., Result], name: str, args: tuple[str, ...]
) -> None:
    result = cli("report", "--team", TEAM, *args)
    assert result.code == 0, result.err
    # Aliases are dealt at random for each meeting (as in every anonymized export).
    check_golden(name, re.sub(r"Deltagare \d+", "Deltagare N", result.out))


def test_the_team_and_the_terms_are_counted(imported: list[int]) -> None:
    report = build_report(stored(), team=TEAM)
    assert report.meetings == 10
    assert report.terms == ("HT 2026", "VT 2027", "HT 2027")
    assert {pid: counts for pid, _, counts in report.per_term} == {
        "triangulering": (2, 2, 2),
        "observationssamtal": (1, 2, 1),
    }
    assert report.people == 5
    assert dict(report.participants) == {"Anna": 10, "Bo": 10, "Cecilia": 10, "David": 10, "Eva": 3}


def test_ratings_over_time_are_means_and_spreads_per_meeting(imported: list[int]) -> None:
    meetings = stored()
    (rated,) = build_report(meetings, team=TEAM).rated
    triangulations = [m for m in meetings if m.protocol.id == "triangulering"]
    assert rated.days == tuple(m.day for m in triangulations)
    assert [len(c.points) for c in rated.corners] == [6, 6, 6]
    assert len(rated.statements) == 18
    # Recomputed here from each meeting's own ratings: the first statement at each meeting.
    first = rated.statements[0]
    for meeting, point in zip(triangulations, first.points, strict=True):
        values = [r[first.key] for r in meeting.outcome.ratings.values() if first.key in r]
        assert point is not None and point.n == len(values)
        assert point.mean == pytest.approx(sum(values) / len(values))
    # The statements named as moved most are those whose mean changed most, largest first.
    changes = sorted((abs(s.change or 0), s.key) for s in rated.statements)[::-1]
    assert [m.series.key for m in rated.moved] == [key for _, key in changes[:3]]
    assert all(abs(m.last - m.first) >= 0.5 for m in rated.moved)


def test_anonymous_ratings_are_aggregated_and_no_rater_is_named(
    imported: list[int], cli: Callable[..., Result]
) -> None:
    meetings = stored()
    sessions = replayed()
    anonymous = [m for m in meetings if sessions[m.id].anonymous]
    assert len(anonymous) == 1  # the fixture's fifth triangulation
    (rated,) = build_report(meetings, team=TEAM).rated
    at = rated.days.index(anonymous[0].day)
    assert rated.raters[at] == 5
    assert rated.corners[0].points[at] is not None
    for fmt in ("md", "html"):
        out = cli("report", "-f", fmt).out
        assert "#1" not in out and "#5" not in out


def test_anonymized_report_names_nobody(imported: list[int], cli: Callable[..., Result]) -> None:
    for fmt in ("md", "html"):
        out = cli("report", "--anonymize", "-f", fmt).out
        for name in NAMES:
            assert not re.search(rf"\b{name}\b", out), (fmt, name)
    plain = cli("report", "-f", "md").out
    assert "Bo provar EPA" in plain  # the decision names him; anonymized it must not
    anonymized = cli("report", "--anonymize", "-f", "md").out
    assert re.search(r"Deltagare \d provar EPA", anonymized)


def test_decisions_in_date_order_with_their_follow_up(imported: list[int]) -> None:
    report = build_report(stored(), team=TEAM)
    days = [d.day for d in report.decisions]
    assert days == sorted(days) and len(days) == 4
    assert [d.followed_up for d in report.decisions] == [
        date(2026, 11, 24),
        date(2027, 4, 20),
        date(2027, 5, 11),
        None,  # the last one: no meeting since
    ]


def test_time_planned_and_used_per_protocol(imported: list[int]) -> None:
    meetings = stored()
    timing = {row.protocol_id: row for row in build_report(meetings, team=TEAM).timing}
    sessions = replayed()
    obs = [sessions[m.id] for m in meetings if m.protocol.id == "observationssamtal"]
    used = [sum(r.used for r in s.reports()) for s in obs]
    assert timing["observationssamtal"].meetings == 4
    assert timing["observationssamtal"].used == pytest.approx(sum(used) / len(used) / 60)
    assert timing["observationssamtal"].planned == pytest.approx(29.0)
    fitting = sum(1 for u in used if u <= 29 * 60 + 60)
    assert timing["observationssamtal"].fitting == fitting
    assert 0 < fitting < 4  # the fixture has both kinds


def test_from_and_to_and_team_choose_the_meetings(
    imported: list[int], cli: Callable[..., Result]
) -> None:
    store = Store()
    clock = FakeClock(datetime(2027, 3, 1, 9, 0, tzinfo=UTC))
    other = store.create(resolve("observationssamtal"), clock, team="Åk 1–3")
    Session.start(
        resolve("observationssamtal"), ["Ada", "Ove"], clock, listeners=[store.listener(other)]
    )
    store.close()
    meetings = stored()
    assert build_report(meetings).meetings == 11
    assert build_report(meetings, team=TEAM).meetings == 10
    assert build_report(meetings, team="Åk 1–3").meetings == 1
    spring = build_report(meetings, team=TEAM, start=date(2027, 1, 1), end=date(2027, 6, 30))
    assert (spring.first, spring.last, spring.meetings) == (date(2027, 2, 2), date(2027, 5, 11), 4)
    assert "Ada" not in cli("report", "--team", TEAM, "-f", "md").out
    empty = cli("report", "--team", "Åk 7–9", "-f", "md")
    assert empty.code == 0 and "Inga möten att redovisa" in empty.out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--from", "2027-13-01"), "--from '2027-13-01' är inget datum"),
        (("--to", "igår"), "--to 'igår' är inget datum"),
        (("--from", "2027-06-01", "--to", "2027-01-01"), "ligger efter"),
        (("-f", "pdf"), "Formatet 'pdf' finns inte"),
    ],
)
def test_bad_options_are_told_plainly(
    cli: Callable[..., Result], args: tuple[str, ...], said: str
) -> None:
    result = cli("report", *args)
    assert result.code == 2 and said in result.err and "Traceback" not in result.err


def test_the_workbook_holds_the_same_facts(
    imported: list[int], cli: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "rapport.xlsx"
    result = cli("report", "--team", TEAM, "-o", str(path))
    assert result.code == 0 and "10 möten" in result.err
    assert path.stat().st_mode & 0o777 == 0o600
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert book.sheetnames == ["Över tid", "Beslut", "Tid", "Antal"]
    over_time = list(book["Över tid"].iter_rows(values_only=True))
    assert len(over_time) == 1 + 6 * (3 + 18)  # a row per corner and statement per meeting
    assert all(isinstance(row[6], float | int) for row in over_time[1:])
    decisions = list(book["Beslut"].iter_rows(values_only=True))
    assert [row[0] for row in decisions[1:]] == [
        "2026-10-06",
        "2027-03-16",
        "2027-04-20",
        "2027-12-07",
    ]


def test_html_is_standalone(imported: list[int], cli: Callable[..., Result]) -> None:
    html = cli("report", "-f", "html").out
    assert html.count("<svg") == 1 + 21  # the triangle and one line per corner and statement
    assert not re.search(r"""(src|href)=|@import|url\(|<script|<link""", html)
    assert "@page { size: A4" in html and '<html lang="sv">' in html


def test_replay_all_reads_every_real_meeting_once_by_team(imported: list[int]) -> None:
    store = Store()
    clock = FakeClock(datetime(2027, 3, 1, 9, 0, tzinfo=UTC))
    demo = store.create(resolve("observationssamtal"), clock, demo=True, team=TEAM)
    people = ["Ada", "Ove"]
    Session.start(resolve("observationssamtal"), people, clock, listeners=[store.listener(demo)])
    everything = list(store.replay_all(FakeClock()))
    assert [i for i, *_ in everything] == imported  # the demo is left out
    assert {team for _, team, _, _ in everything} == {TEAM}
    assert list(store.replay_all(FakeClock(), team="Åk 7–9")) == []
    # One protocol snapshot, one protocol object: its plans are made once, not per meeting.
    protocols = {id(s.protocol) for _, _, _, s in everything if s.protocol.id == "triangulering"}
    assert len(protocols) == 1
    plans = {id(s.plan) for _, _, _, s in everything if s.protocol.id == "observationssamtal"}
    assert len(plans) == 1


def test_a_meeting_that_cannot_be_read_is_named_and_the_rest_reported(
    imported: list[int], cli: Callable[..., Result], isolated: Path
) -> None:
    import sqlite3

    conn = sqlite3.connect(isolated / "kollegial.db")
    conn.execute(
        "UPDATE events SET data = ? WHERE session_id = ? AND seq = 3",
        ('{"type": "ingen_sådan", "at": "2026-09-08T14:00:00Z"}', imported[2]),
    )
    conn.commit()
    # What the meeting came to was kept when it was imported, from its log whole: the
    # report reads no log (as `sessions`), and `export`/`resume` find the damage.
    kept = cli("report", "-f", "md")
    assert kept.code == 0 and "· 10 möten" in kept.out
    # Without it (a database of older code): the log is replayed, and the damage named.
    conn.execute("DELETE FROM outcomes WHERE session_id = ?", (imported[2],))
    conn.commit()
    conn.close()
    result = cli("report", "-f", "md")
    assert result.code == 1
    assert f"Möte {imported[2]} gick inte att läsa" in result.err and "rescue" in result.err
    assert "· 9 möten" in result.out  # the other nine are reported
