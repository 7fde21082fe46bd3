"""run --serve, --host and --port: checked before the screen is taken over."""

from __future__ import annotations

import pytest

from tests.cli.test_run_cli import Cli


@pytest.mark.parametrize("option", [["--host", "10.0.0.5"], ["--port", "9000"]])
def test_host_or_port_without_serve_is_a_usage_error(cli: Cli, option: list[str]) -> None:
    r = cli("run", "triangulering", "--participants", "Anna,Bo", *option)
    assert r.code == 2
    assert "--serve" in r.err


@pytest.mark.parametrize("port", ["-1", "70000", "åtta"])
def test_a_port_out_of_range_is_refused(cli: Cli, port: str) -> None:
    r = cli("run", "triangulering", "--participants", "Anna,Bo", "--serve", "--port", port)
    assert r.code == 2
    assert "--port" in r.err


@pytest.mark.parametrize("command", ["run", "resume"])
def test_run_and_resume_help_name_the_phone_page(cli: Cli, command: str) -> None:
    out = cli(command, "--help").out
    assert "--serve" in out and "--host" in out and "--port" in out
    assert "telefoner" in out
    assert "kollegial[serve]" in " ".join(out.replace("│", " ").split())  # not eaten as markup


def test_host_or_port_without_serve_is_a_usage_error_for_resume_too(cli: Cli) -> None:
    r = cli("resume", "--port", "9000")
    assert r.code == 2
    assert "--serve" in r.err


def test_serve_without_the_extra_says_how_to_install_it(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without aiohttp or segno (the core install): the message says which extra to install."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name in ("aiohttp", "segno") else real(name, *a),
    )
    r = cli("run", "triangulering", "--participants", "Anna,Bo", "--serve")
    assert r.code == 2
    assert "pip install 'kollegial[serve]'" in r.err
