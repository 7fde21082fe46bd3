"""Ratings per participant and statement, and the statistics the room sees."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from kollegial.errors import KollegialError
from kollegial.i18n import t
from kollegial.protocols.discovery import resolve
from kollegial.protocols.loader import load_text
from kollegial.session import FakeClock, Session
from kollegial.session.ratings import StatementStats, compute, rank_by_spread

PEOPLE = ["Anna", "Bo", "Cia", "Dan"]
K1, K2, K3 = "kvalitetsarbete-1", "kvalitetsarbete-2", "kvalitetsarbete-3"


@pytest.fixture
def tri() -> Session:
    session = Session.start(resolve("triangulering"), PEOPLE, FakeClock())
    session.next_step()  # the silent rating step
    return session


def rate(session: Session, statement: str, values: list[int]) -> None:
    for person, value in zip(PEOPLE, values, strict=False):
        session.set_rating(person, statement, value)


def stats_of(session: Session, statement: str) -> StatementStats:
    stats = (s for g in session.rating_stats() for s in g.statements)
    return next(s for s in stats if s.statement.id == statement)


def test_rating_is_stored_per_participant_and_statement(tri: Session) -> None:
    """Each participant's value for each statement is kept; a new value replaces the old."""
    tri.set_rating("Anna", K1, 3)
    tri.set_rating("Bo", K1, 1)
    tri.set_rating("Anna", K1, 4)
    assert tri.ratings == {"Anna": {K1: 4}, "Bo": {K1: 1}}


@pytest.mark.parametrize("value", [0, 5, -1, 100])
def test_out_of_scale_rating_is_refused_clearly(tri: Session, value: int) -> None:
    """A value outside the protocol's scale (1-4) is a KollegialError naming value and scale."""
    with pytest.raises(KollegialError) as info:
        tri.set_rating("Anna", K1, value)
    assert info.value.key == "err.rating_scale"
    assert info.value.params == {"value": value, "min": 1, "max": 4}
    assert str(value) in info.value.render("en") and "1–4" in info.value.render("en")
    assert tri.ratings == {}


def test_scale_ends_are_accepted(tri: Session) -> None:
    """Both ends of the scale are valid values."""
    tri.set_rating("Anna", K1, 1)
    tri.set_rating("Bo", K1, 4)
    assert stats_of(tri, K1).values == (1, 4)


def test_unknown_statement_or_person_is_refused(tri: Session) -> None:
    """A statement not in the protocol, or someone not in the meeting, is refused."""
    with pytest.raises(KollegialError) as info:
        tri.set_rating("Anna", "nope-1", 2)
    assert info.value.key == "err.unknown_statement"
    with pytest.raises(KollegialError) as info:
        tri.set_rating("Eva", K1, 2)
    assert info.value.key == "err.unknown_participant"


def test_partial_sets_are_allowed(tri: Session) -> None:
    """Rating only some statements is fine; stats count only the ratings given."""
    tri.set_rating("Anna", K1, 2)
    tri.set_rating("Bo", K2, 3)
    assert stats_of(tri, K1).n == 1
    assert stats_of(tri, K2).n == 1
    assert stats_of(tri, K3).n == 0
    assert tri.raters() == []


def test_a_rating_can_be_cleared(tri: Session) -> None:
    """Setting None removes a participant's rating of a statement."""
    tri.set_rating("Anna", K1, 2)
    tri.set_rating("Anna", K1, None)
    assert stats_of(tri, K1).n == 0


def test_raters_are_those_who_rated_every_statement(tri: Session) -> None:
    """A participant counts as done when they rated every statement of the step."""
    for statement in tri.rated_statements():
        tri.set_rating("Cia", statement, 2)
    assert len(tri.rated_statements()) == 18
    assert tri.raters() == ["Cia"]


def test_statement_stats_n_mean_median_min_max(tri: Session) -> None:
    """Per statement: number of ratings, mean, median, lowest and highest."""
    rate(tri, K1, [1, 2, 4, 4])
    s = stats_of(tri, K1)
    assert (s.n, s.mean, s.median, s.min, s.max) == (4, 2.75, 3.0, 1, 4)
    assert s.range == 3
    assert (s.group.id, s.number) == ("kvalitetsarbete", 1)


def test_statement_stats_counts_per_value(tri: Session) -> None:
    """Per statement: how many gave each value of the scale, zeros included."""
    rate(tri, K1, [1, 2, 4, 4])
    assert stats_of(tri, K1).counts == {1: 1, 2: 1, 3: 0, 4: 2}


def test_statement_stats_spread(tri: Session) -> None:
    """Spread is the population standard deviation; one rating or agreement spreads 0."""
    rate(tri, K1, [1, 2, 4, 4])
    rate(tri, K2, [3, 3, 3])
    tri.set_rating("Anna", K3, 4)
    assert stats_of(tri, K1).spread == pytest.approx(statistics.pstdev([1, 2, 4, 4]))
    assert stats_of(tri, K2).spread == 0
    assert stats_of(tri, K3).spread == 0


def test_unrated_statement_has_empty_stats(tri: Session) -> None:
    """A statement nobody rated has n 0, no mean/median/min/max and zero counts."""
    s = stats_of(tri, K3)
    assert (s.n, s.mean, s.median, s.min, s.max, s.spread, s.range) == (
        0,
        None,
        None,
        None,
        None,
        0.0,
        0,
    )
    assert set(s.counts.values()) == {0}


def test_group_mean_is_the_mean_of_statement_means(tri: Session) -> None:
    """A group's mean averages its statements' means, leaving unrated statements out."""
    rate(tri, K1, [1, 1, 1, 1])  # mean 1
    rate(tri, K2, [4, 4])  # mean 4, fewer raters: not weighted by count
    group = tri.rating_stats(["kvalitetsarbete"])[0]
    assert group.mean == 2.5
    other = tri.rating_stats(["kollegialt-larande"])[0]
    assert other.mean is None


def test_rating_stats_filters_groups(tri: Session) -> None:
    """Stats for chosen groups only, in protocol order; all groups by default."""
    assert [g.group.id for g in tri.rating_stats()] == [
        "kvalitetsarbete",
        "kollegialt-larande",
        "pedagogiskt-ledarskap",
    ]
    assert [g.group.id for g in tri.rating_stats(["pedagogiskt-ledarskap"])] == [
        "pedagogiskt-ledarskap"
    ]
    assert all(len(g.statements) == 6 for g in tri.rating_stats())


def test_ranking_by_spread_puts_disagreement_first(tri: Session) -> None:
    """Statements where views differ most come first; ties go to the wider range."""
    rate(tri, K1, [2, 2, 3, 3])  # pstdev 0.5, range 1
    rate(tri, K2, [1, 4, 1, 4])  # pstdev 1.5
    rate(tri, K3, [2, 2, 2, 2])  # no spread
    rate(tri, "kvalitetsarbete-4", [1, 2, 2, 2])  # pstdev ~0.43, range 1
    ranked = tri.rating_stats(["kvalitetsarbete"])[0].by_spread()
    assert [s.statement.id for s in ranked] == [K2, K1, "kvalitetsarbete-4", K3]


def test_ranking_leaves_out_statements_with_fewer_than_two_ratings(tri: Session) -> None:
    """A single rating has no spread to talk about, so it is not ranked."""
    rate(tri, K1, [1, 4])
    tri.set_rating("Anna", K2, 1)
    ranked = rank_by_spread(s for g in tri.rating_stats() for s in g.statements)
    assert [s.statement.id for s in ranked] == [K1]


def test_ranking_ties_are_stable_by_group_and_number(tri: Session) -> None:
    """Equal spread and range: protocol order decides."""
    rate(tri, K2, [1, 3])
    rate(tri, K1, [1, 3])
    ranked = tri.rating_stats(["kvalitetsarbete"])[0].by_spread()
    assert [s.number for s in ranked] == [1, 2]


def test_compute_uses_the_protocols_own_scale() -> None:
    """Counts follow the protocol's scale, here 0-2."""
    protocol = load_text(
        "title: T\nscale: {min: 0, max: 2}\n"
        "groups:\n  - {id: g, title: G, statements: [a, b]}\n"
        "steps:\n  - {title: R, mode: rate, minutes: 1}\n",
        Path("t.yaml"),
        "t",
    )
    stats = compute(protocol, {"x": {"g-1": 0}, "y": {"g-1": 2}})
    assert stats[0].statements[0].counts == {0: 1, 1: 0, 2: 1}
    assert stats[0].statements[0].mean == 1
    assert stats[0].statements[1].n == 0


def test_scale_message_is_in_both_languages() -> None:
    """The out-of-scale message exists in Swedish and English."""
    assert "4" in t("err.rating_scale", "sv", value=5, min=1, max=4)
    assert "outside" in t("err.rating_scale", "en", value=5, min=1, max=4)


def test_an_anonymous_session_refuses_names_for_ratings() -> None:
    """Anonymous: ratings go under rater numbers; a participant's name is refused."""
    import pytest

    from kollegial.errors import KollegialError
    from kollegial.protocols.discovery import resolve
    from kollegial.session import FakeClock, Session

    session = Session.start(resolve("triangulering"), ["Anna", "Bo"], FakeClock(), anonymous=True)
    with pytest.raises(KollegialError):
        session.set_rating("Anna", "kvalitetsarbete-1", 3)
    rater = session.new_rater()
    session.set_rating(rater, "kvalitetsarbete-1", 3)
    assert rater == "#1" and session.new_rater() == "#2"
    again = Session.replay(session.protocol, session.events, FakeClock())
    assert again.anonymous and again.ratings == {"#1": {"kvalitetsarbete-1": 3}}


def test_an_anonymous_session_exports_and_imports_intact(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """JSON export of an anonymous session reads back into the same ratings."""
    from kollegial.export import parse_session_json, render_json
    from kollegial.protocols.discovery import resolve
    from kollegial.session import FakeClock, Session

    session = Session.start(resolve("triangulering"), ["Anna", "Bo"], FakeClock(), anonymous=True)
    session.set_rating(session.new_rater(), "kvalitetsarbete-2", 4)
    protocol, events, _ = parse_session_json(render_json(session))
    assert Session.replay(protocol, events, FakeClock()).ratings == {"#1": {"kvalitetsarbete-2": 4}}


@pytest.mark.parametrize(
    ("value", "shown"),
    [(2.25, "2,3"), (3.25, "3,3"), (2.75, "2,8"), (2.35, "2,4"), (3.35, "3,4"), (2.24, "2,2")],
)
def test_figures_round_half_up_to_one_decimal(value: float, shown: str) -> None:
    """Issue 13: halves go up, as a teacher checks by hand (Python's own rounding gave 2,2)."""
    from kollegial.i18n import decimal
    from kollegial.session.ratings import round_half_up

    assert decimal(value, "sv") == shown
    assert decimal(value, "en") == shown.replace(",", ".")
    assert str(round_half_up(value)) == shown.replace(",", ".")


def test_only_the_statements_that_stand_out_are_listed(tri: Session) -> None:
    """Issue 13: "Där åsikterna skiljer sig mest" listed all six statements of a corner."""
    spreads = {1: [1, 4, 1, 4], 2: [1, 2, 1, 2], 3: [2, 3, 2, 3], 4: [1, 4, 2, 4], 5: [3, 3, 3, 3]}
    for n, values in spreads.items():
        rate(tri, f"kvalitetsarbete-{n}", values)
    group = compute(tri.protocol, tri.ratings, ["kvalitetsarbete"])[0]
    assert [s.number for s in group.standing_out()] == [1, 4]
    assert group.start_here() is not None and group.start_here().number == 1


def test_one_scale_rule_takes_whole_numbers_from_min_to_max() -> None:
    """Scale.holds is the one rating-scale rule: ends included, no bools, floats or text."""
    from kollegial.protocols.model import Scale

    scale = Scale(min=1, max=4)
    assert [v for v in range(-1, 7) if scale.holds(v)] == [1, 2, 3, 4]
    assert not any(scale.holds(v) for v in (True, 2.0, "2", None))
