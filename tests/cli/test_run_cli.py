"""`kollegial run` before the screen opens: every problem is reported on the terminal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result

Cli = Callable[..., Result]


def test_an_invalid_protocol_is_reported_and_the_tui_never_opens(cli: Cli, tmp_path: Path) -> None:
    """A broken file: its positioned problems on stderr, exit 1."""
    bad = tmp_path / "trasig.yaml"
    bad.write_text("title: X\nsteps:\n  - {title: A, mode: tyst}\n", encoding="utf-8")
    r = cli("run", str(bad), "--participants", "Anna,Bo")
    assert r.code == 1
    assert f"{bad}:3:22:" in r.err


def test_without_a_terminal_participants_are_required(cli: Cli) -> None:
    """No terminal and no --participants: a message naming the option, exit 2."""
    r = cli("run", "triangulering")
    assert r.code == 2
    assert "--participants" in r.err and "--demo" in r.err


def test_too_few_or_duplicate_participants(cli: Cli) -> None:
    """One name, or the same name twice, is refused before anything starts."""
    assert "minst 2" in cli("run", "triangulering", "--participants", "Anna").err
    r = cli("run", "triangulering", "--participants", "Anna, anna")
    assert r.code == 1 and "finns redan" in r.err


def test_a_bad_role_option(cli: Cli) -> None:
    """--role needs role=name, a role of the protocol and a participant."""
    base = ("run", "triangulering", "--participants", "Anna,Bo")
    assert cli(*base, "--role", "samtalsledare").code == 2
    assert "ingen roll" in cli(*base, "--role", "ordforande=Anna").err
    assert "inte med i mötet" in cli(*base, "--role", "samtalsledare=Cecilia").err


def test_an_unknown_theme(cli: Cli) -> None:
    """--theme must be dark, light or projector."""
    r = cli("run", "triangulering", "--demo", "--theme", "rosa")
    assert r.code == 2 and "projector" in r.err


def test_resume_without_sessions(cli: Cli) -> None:
    """resume with nothing saved says how to start a meeting, exit 1."""
    r = cli("resume")
    assert r.code == 1 and "kollegial run" in r.err


def test_an_unusable_data_folder_is_reported_before_the_meeting(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data folder that cannot be created: the folder and the way out are named, exit 1."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("KOLLEGIAL_HOME", str(blocker / "home"))
    from kollegial.views import meeting

    monkeypatch.setattr(meeting, "_need_terminal", lambda: None)  # pytest has no terminal
    r = cli("run", "triangulering", "--demo")
    assert r.code == 1
    assert str(blocker / "home") in r.err and "KOLLEGIAL_HOME" in r.err
    assert "Traceback" not in r.err


def test_an_unknown_variant_is_refused_before_the_meeting(cli: Cli) -> None:
    """run --variant with a name the protocol lacks: exit 2, the known variants named."""
    r = cli("run", "stamma-av", "--participants", "Anna,Bo", "--variant", "lang")
    assert r.code == 2
    assert "Varianter: kort" in r.err


def test_a_variant_is_what_the_meeting_runs(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """run --variant hands the meeting screen the protocol as the variant has it."""
    import kollegial.tui.app
    from kollegial.protocols.model import Protocol
    from kollegial.views import meeting

    handed: list[Protocol] = []
    monkeypatch.setattr(
        kollegial.tui.app, "make_app", lambda protocol, *a, **k: handed.append(protocol)
    )
    monkeypatch.setattr(meeting, "_lead", lambda store, app: None)
    monkeypatch.setattr(meeting, "_need_terminal", lambda: None)  # pytest has no terminal
    r = cli("run", "stamma-av", "--participants", "Anna,Bo", "--variant", "kort")
    assert r.code == 0, r.err
    [protocol] = handed
    assert protocol.title == "Stämma av ett arbete (Kort: 30 minuter)"
    assert protocol.planned_minutes() == 30


def test_a_crashed_screen_exits_non_zero_and_does_not_claim_saved(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: the meeting screen dying (as on a CSS error under an old Textual) is exit 1
    with what happened and how to go on, never "Mötet är sparat"."""
    from textual.app import App

    import kollegial.tui.app
    from kollegial.views import meeting

    def crash(self: kollegial.tui.app.KollegialApp) -> None:
        raise RuntimeError("the stylesheet could not be parsed")

    monkeypatch.setattr(meeting, "_need_terminal", lambda: None)  # pytest has no terminal
    monkeypatch.setattr(kollegial.tui.app.KollegialApp, "on_mount", crash)
    monkeypatch.setattr(
        kollegial.tui.app.KollegialApp, "run", lambda self: App.run(self, headless=True)
    )
    r = cli("run", "triangulering", "--demo")
    assert r.code == 1
    assert "sparat" not in r.out
    assert "kollegial resume 1" in r.err


def test_run_and_resume_take_their_options_by_name() -> None:
    """No row of positional flags (quiet, demo, anonymous) that a caller could swap unseen."""
    import inspect

    from kollegial.views import meeting

    for fn in (meeting.run, meeting.resume):
        ref, *options = inspect.signature(fn).parameters.values()
        assert ref.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        assert options and all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in options)
