"""Writes the report's fixture: one team's year and a half, as JSON exports (issue 19).

Six triangulations over three terms (the team rates the same 18 statements
twice a term, the fifth anonymously) and four observation talks, each ending
in a development area. Run it again only to change the fixture, then look at
the new golden files before committing them:

    python tests/data/report/make_fixture.py
    KOLLEGIAL_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_report.py
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from kollegial.export import render_json
from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session

HERE = Path(__file__).resolve().parent
TEAM = "Åk 4–6"
PEOPLE = ["Anna", "Bo", "Cecilia", "David", "Eva"]
TRIANGULATIONS = [
    datetime(2026, 9, 8, 14, 0, tzinfo=UTC),
    datetime(2026, 11, 24, 14, 0, tzinfo=UTC),
    datetime(2027, 2, 2, 14, 0, tzinfo=UTC),
    datetime(2027, 5, 11, 14, 0, tzinfo=UTC),
    datetime(2027, 9, 7, 14, 0, tzinfo=UTC),
    datetime(2027, 11, 23, 14, 0, tzinfo=UTC),
]
OBSERVATIONS = [
    (
        datetime(2026, 10, 6, 8, 30, tzinfo=UTC),
        "Övergången från genomgång till eget arbete",
        "Tydliga mål på tavlan och en tydlig övergång till eget arbete.",
    ),
    (
        datetime(2027, 3, 16, 8, 30, tzinfo=UTC),
        "Positiv återkoppling",
        "Mer återkoppling på elevernas resonemang, mindre på ordning.",
    ),
    (
        datetime(2027, 4, 20, 8, 30, tzinfo=UTC),
        "Elevernas resonemang i par",
        "Att ställa öppna frågor och ge betänketid; Bo provar EPA i matematik.",
    ),
    (
        datetime(2027, 12, 7, 8, 30, tzinfo=UTC),
        "Avslutning av lektionen",
        "Att avsluta varje lektion med att knyta an till målet.",
    ),
]
# Where the team starts on each statement and how it moves per meeting: the
# systematic quality work rises, collegial learning rises slowly, leadership falls a little.
BASE = [1.6, 2.0, 2.2, 1.8, 2.4, 2.0, 2.6, 2.2, 2.8, 2.0, 2.4, 3.0, 2.8, 2.4, 2.2, 2.6, 3.0, 2.4]
TREND = [0.35, 0.25, 0.2, 0.3, 0.1, 0.15, 0.1, 0.05, 0.15, 0.2, 0.0, 0.05] + [-0.1] * 6


def triangulation(number: int, at: datetime) -> Session:
    clock = FakeClock(at)
    people = PEOPLE if number % 2 == 0 else PEOPLE[:4]
    anonymous = number == 4
    s = Session.start(resolve("triangulering"), people, clock, anonymous=anonymous)
    clock.advance(60)
    s.appoint("samtalsledare", people[number % len(people)])
    s.next_step()
    rng = Random(number)
    for person in people:
        rater = s.new_rater() if anonymous else person
        for i, statement in enumerate(s.rated_statements()):
            value = BASE[i] + TREND[i] * number + rng.uniform(-0.9, 0.9)
            s.set_rating(rater, statement, max(1, min(4, round(value))))
        clock.advance(110)
    clock.advance(60)
    s.next_step()
    s.appoint("tidshallare", people[(number + 1) % len(people)])
    s.next_step()
    while not s.ended and s.step.title != "Avslutande samtal":
        clock.advance(rng.choice((240, 270, 300, 330)))
        s.next_step()
    s.add_note("Vi följer upp vid nästa triangulering.")
    clock.advance(600 + 60 * number)
    s.next_step()
    assert s.ended
    return s


def observation(number: int, at: datetime, focus: str, area: str) -> Session:
    clock = FakeClock(at)
    s = Session.start(resolve("observationssamtal"), PEOPLE[:4], clock, focus=focus)
    for minutes in (10, 5, 3, 4 + number, 1):
        clock.advance(minutes * 60)
        s.next_step()
    clock.advance(300)
    s.set_decision(area)
    s.next_step()
    assert s.ended
    return s


def main() -> None:
    for old in HERE.glob("*.json"):
        old.unlink()
    for number, at in enumerate(TRIANGULATIONS):
        text = render_json(triangulation(number, at), created_at=at, team=TEAM)
        (HERE / f"{at:%Y-%m-%d}-triangulering.json").write_text(text, encoding="utf-8")
    for number, (at, focus, area) in enumerate(OBSERVATIONS):
        text = render_json(observation(number, at, focus, area), created_at=at, team=TEAM)
        (HERE / f"{at:%Y-%m-%d}-observationssamtal.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
