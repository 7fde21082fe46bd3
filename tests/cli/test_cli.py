"""The commands as a teacher types them: output, language and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kollegial import __version__
from kollegial.protocols.schema import json_schema_text
from tests.conftest import DATA, ROOT, Result

Cli = Callable[..., Result]


def test_version(cli: Cli) -> None:
    """--version prints the version and exits 0."""
    r = cli("--version")
    assert (r.code, r.out.strip()) == (0, f"kollegial {__version__}")


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_lists_the_commands(cli: Cli, flag: str) -> None:
    """-h and --help show every command with a Swedish description."""
    r = cli(flag)
    assert r.code == 0
    for command in ("list", "show", "validate", "schema"):
        assert command in r.out
    assert "protokoll" in r.out


def test_list_shows_the_bundled_protocols(cli: Cli) -> None:
    """list shows id, title, minutes, steps and source for each protocol."""
    r = cli("list")
    assert r.code == 0
    lines = {line.split()[0]: line for line in r.out.splitlines()[1:] if line.strip()}
    assert "observationssamtal" in lines and "triangulering" in lines
    assert "29" in lines["observationssamtal"] and "medföljer" in lines["observationssamtal"]
    assert "50" in lines["triangulering"]


def test_list_marks_an_override(cli: Cli, isolated: Path) -> None:
    """A user protocol with a bundled id is marked as overriding it."""
    folder = isolated / "protocols"
    folder.mkdir(parents=True)
    (folder / "triangulering.yaml").write_text(
        "title: Egen\nsteps: [{title: A, mode: info}]\n", encoding="utf-8"
    )
    r = cli("list")
    assert "ersätter den medföljande" in r.out


def test_list_names_unreadable_files(cli: Cli, isolated: Path) -> None:
    """A broken file in a protocol folder is named on stderr, the rest still listed."""
    folder = isolated / "protocols"
    folder.mkdir(parents=True)
    (folder / "trasig.yaml").write_text("title: [\n", encoding="utf-8")
    r = cli("list")
    assert r.code == 0
    assert "triangulering" in r.out
    assert "trasig.yaml" in r.err and "kollegial validate" in r.err


def test_show_triangulation(cli: Cli) -> None:
    """show lists the steps in Swedish words, 18 numbered statements and 50 minutes."""
    r = cli("show", "triangulering")
    assert r.code == 0
    assert "Planerad tid: 50 minuter" in r.out
    for word in ("värdering", "laget runt", "samtal", "information"):
        assert f"[{word}" in r.out
    assert "utse: Samtalsledare" in r.out
    statements = [line for line in r.out.splitlines() if line.startswith("     ") and ". " in line]
    numbered = [line for line in statements if line.strip()[:2].rstrip(".").isdigit()]
    assert len(numbered) == 18
    assert "Det pedagogiska ledarskapet" in r.out


def test_show_says_the_triangulations_minutes_per_corner_are_ours(cli: Cli) -> None:
    """The seed gives 30 minutes for the corners; show says the 5 + 5 split is ours."""
    r = cli("show", "triangulering")
    out = " ".join(r.out.split())
    assert "5 + 5 minuter per hörn är vår" in out  # the source line
    assert "Uppdelningen är vår: 5 minuter laget runt och 5 minuter samtal per hörn." in out


def test_show_observation_talk_names_columns(cli: Cli) -> None:
    """show says which column each step's notes go to and the decision label."""
    r = cli("show", "observationssamtal")
    assert "anteckningar i: Hur gör eleverna? Vad säger eleverna?" in r.out
    assert "beslut: Utvecklingsområde" in r.out
    assert "[tyst · 3 min]" in r.out
    assert "Planerad tid: 29 minuter" in r.out


def test_show_with_start_time_gives_clock_times(cli: Cli) -> None:
    """--start 14:00 puts the clock time before each step."""
    r = cli("show", "observationssamtal", "--start", "14:00")
    starts = [
        line.split()[0] for line in r.out.splitlines() if line.startswith("  1") and ". " in line
    ]
    assert starts == ["14:00", "14:10", "14:15", "14:18", "14:23", "14:24"]


def test_show_rejects_a_bad_start_time(cli: Cli) -> None:
    """An unreadable --start is a usage error with a hint, exit 2."""
    r = cli("show", "triangulering", "--start", "kvart över två")
    assert r.code == 2
    assert "TT:MM" in r.err


def test_show_unknown_id(cli: Cli) -> None:
    """An unknown id: a message pointing at `kollegial list`, exit 1."""
    r = cli("show", "finns-inte")
    assert r.code == 1
    assert "kollegial list" in r.err
    assert "Traceback" not in r.err


def test_validate_ok(cli: Cli) -> None:
    """validate prints one OK line per valid file and exits 0."""
    r = cli("validate", str(ROOT / "protocols"))
    assert r.code == 0
    bundled = sorted((ROOT / "protocols").glob("*.yaml"))
    assert [line.split()[0] for line in r.out.splitlines()] == ["OK"] * len(bundled)


def test_validate_reports_positions_and_exits_1(cli: Cli, tmp_path: Path) -> None:
    """An invalid file gives FILE:LINE:COLUMN: message lines and exit 1."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: X\nsteps:\n  - {title: A, mode: tyst}\n", encoding="utf-8")
    good = ROOT / "protocols" / "triangulering.yaml"
    r = cli("validate", str(bad), str(good))
    assert r.code == 1
    assert r.out.splitlines()[0].startswith(f"{bad}:3:22: `tyst` är inte ett giltigt värde")
    assert r.out.splitlines()[-1] == f"OK {good}"
    assert "1 av 2 filer har fel" in r.err


def test_validate_in_english(cli: Cli, tmp_path: Path) -> None:
    """--lang en, before or after the command, gives English messages."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: X\nsteps:\n  - {title: A, mode: info, minuts: 3}\n", encoding="utf-8")
    for args in (("--lang", "en", "validate", str(bad)), ("validate", str(bad), "--lang=en")):
        r = cli(*args)
        assert r.code == 1
        assert "unknown key `minuts`. Did you mean `minutes`?" in r.out


def test_english_from_lang_environment(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An English LANG gives English messages when nothing else is asked."""
    monkeypatch.delenv("KOLLEGIAL_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    r = cli("validate", str(tmp_path / "missing.yaml"))
    assert "the file does not exist" in r.out


def test_unknown_language_is_a_usage_error(cli: Cli) -> None:
    """--lang de: a message naming the choices, exit 2."""
    r = cli("--lang", "de", "list")
    assert r.code == 2 and "sv" in r.err and "en" in r.err


def test_validate_empty_folder(cli: Cli, tmp_path: Path) -> None:
    """A folder with no protocol files is reported, exit 1."""
    r = cli("validate", str(tmp_path))
    assert r.code == 1 and "Inga protokollfiler" in r.err


def test_schema_is_json_and_describes_steps(cli: Cli) -> None:
    """schema prints a JSON Schema whose properties include the format's top-level keys."""
    r = cli("schema")
    schema = json.loads(r.out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"title", "steps", "groups", "scale"} <= set(schema["properties"])
    assert "Step" in schema["$defs"]


def test_committed_schema_is_current() -> None:
    """docs/protocol.schema.json is what `kollegial schema` prints (regenerate it if not)."""
    assert (ROOT / "docs" / "protocol.schema.json").read_text(
        encoding="utf-8"
    ) == json_schema_text()


def test_usage_errors_exit_2(cli: Cli) -> None:
    """An unknown command is a usage error, exit 2."""
    assert cli("foo").code == 2


def test_unexpected_errors_become_a_message(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug surfaces as one readable line and exit 70, never a traceback."""
    import kollegial.protocols.discovery as discovery

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("sönder")

    monkeypatch.setattr(discovery, "resolve", boom)
    r = cli("show", "triangulering")
    assert r.code == 70
    assert "Ett oväntat fel" in r.err and "sönder" in r.err and "Traceback" not in r.err


def test_read_only_commands_write_nothing_but_the_protocol_cache(cli: Cli, isolated: Path) -> None:
    """list, show and validate leave no database, settings or file about anyone.

    The only thing written is the cache of validated protocols (issue 7), which
    holds protocol files' contents and nothing about a meeting; validate never
    uses it, as it is the command that checks a file.
    """
    cli("validate", str(DATA.parent.parent / "protocols"))
    assert not isolated.exists()
    cli("list")
    cli("show", "triangulering")
    written = sorted(p.relative_to(isolated).parts[:2] for p in isolated.rglob("*") if p.is_file())
    assert written and {parts for parts in written} == {("cache", "protocols")}


# --- lengths that grow with the group, new step kinds, variants (issue 8) ---

KINDS = str(DATA / "valid" / "alla-sorter.yaml")


@pytest.mark.parametrize(("people", "minutes"), [("4", 28), ("5", 40), ("6", 54)])
def test_show_final_word_for_a_number_of_participants(cli: Cli, people: str, minutes: int) -> None:
    """show --participants N: each pass is 3 + a minute per responder + 1: 28/40/54 in all."""
    r = cli("show", "sista-ordet", "--participants", people)
    assert r.code == 0
    assert f"Planerad tid: {minutes} minuter för {people} deltagare" in r.out
    assert f"[flera steg · {minutes} min]" in r.out
    assert f"en gång per deltagare ({people} omgångar), som presentatör:" in r.out


def test_show_without_participants_gives_per_person_times_and_says_for_how_many(
    cli: Cli,
) -> None:
    """Without --participants: a minute per responder, the total for 4, how to ask for more."""
    r = cli("show", "sista-ordet")
    assert r.code == 0
    # A pass grows with the group, so the block has no one figure per person.
    assert "[flera steg · 28 min]" in r.out and "4 min per deltagare" not in r.out
    assert "[laget runt · 1 min per deltagare]" in r.out
    assert "Planerad tid: 28 minuter för 4 deltagare" in r.out
    assert "kollegial show sista-ordet --participants N" in r.out


def test_show_names_the_new_step_kinds_in_swedish(cli: Cli) -> None:
    """Who speaks, who is left out, small groups, optional steps and passes, in words."""
    r = cli("show", KINDS)
    assert r.code == 0
    for line in (
        "en gång per deltagare, som presentatör:",
        "2.1. Presentera  [presentation · 2 min]",
        "Presentatören talar, de andra lyssnar",
        "alla utom presentatören",
        "alla utom den som är observerad lärare",
        "3. Två och två  [smågrupper · 3 min]",
        "i par",
        "i grupper om 4",
        "5. Laget runt utan observatören  [laget runt · 1 min per deltagare]",
        "6. Extra  [samtal · 5 min]  (kan hoppas över)",
        "Planerad tid: 39 minuter för 4 deltagare",
    ):
        assert line in r.out, line


def test_show_with_participants_splits_the_small_groups(cli: Cli) -> None:
    """With a number of people the small groups and per-person times are worked out."""
    r = cli("show", KINDS, "--participants", "7")
    assert "i par (7 deltagare: 3 + 2 + 2)" in r.out
    assert "[laget runt · 6 min]" in r.out  # 1 per person, the observed teacher excepted
    assert "Planerad tid: 60 minuter för 7 deltagare" in r.out


def test_show_new_kinds_in_english(cli: Cli) -> None:
    """The same in English."""
    r = cli("--lang", "en", "show", KINDS)
    assert "The presentatör speaks, the others listen" in r.out
    assert "in pairs" in r.out and "(may be skipped)" in r.out
    assert "Planned time: 39 minutes for 4 participants" in r.out


@pytest.mark.parametrize("value", ["1", "många", "-3"])
def test_show_refuses_a_bad_number_of_participants(cli: Cli, value: str) -> None:
    """--participants must be a whole number of at least two: exit 2 and why."""
    r = cli("show", "sista-ordet", "--participants", value)
    assert r.code == 2
    assert "minst 2" in r.err and "Traceback" not in r.err


def test_show_lists_the_variants_and_shows_one(cli: Cli) -> None:
    """show names each variant with its length; --variant shows the protocol as it runs."""
    r = cli("show", "stamma-av")
    assert "Varianter:" in r.out and "– kort (Kort: 30 minuter, 30 min)" in r.out
    assert "kollegial run stamma-av --variant kort" in r.out
    short = cli("show", "stamma-av", "--variant", "kort")
    assert short.code == 0
    assert short.out.startswith("Stämma av ett arbete (Kort: 30 minuter)  (stamma-av)")
    assert "Planerad tid: 30 minuter" in short.out
    assert "Granska arbetet under tystnad" not in short.out


def test_an_unknown_variant_lists_the_known_ones(cli: Cli) -> None:
    """An unknown variant: a usage error (exit 2) naming the variants there are."""
    r = cli("show", "stamma-av", "--variant", "lang")
    assert r.code == 2
    assert "ingen variant som heter `lang`. Varianter: kort." in r.err
    none = cli("show", "observationssamtal", "--variant", "kort")
    assert none.code == 2 and "inga varianter" in none.err


def test_list_marks_lengths_that_depend_on_the_group_and_names_variants(cli: Cli) -> None:
    """list gives Sista ordet's length for 4 with a star and a note; variants in their column."""
    r = cli("list")
    lines = {line.split()[0]: line for line in r.out.splitlines()[1:] if line.strip()}
    assert " 28* " in lines["sista-ordet"]
    assert " kort " in lines["stamma-av"] and " kort " in lines["dilemma"]
    assert "* Längden beror på hur många ni är; här för 4 deltagare." in r.out
    assert "varianter" in r.out.splitlines()[0]


def test_list_shows_hostile_titles_as_typed_and_harmless(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared file's title is text: no markup is applied, controls are made visible."""
    (tmp_path / "ond.yaml").write_text(
        'title: "[bold red]Rubrik[/] \\e[2J"\nsteps: [{title: Steg, mode: info}]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KOLLEGIAL_PATH", str(tmp_path))
    r = cli("list")
    assert r.code == 0
    assert "[bold red]Rubrik[/] ␛[2J" in r.out
    assert "\x1b" not in r.out
