"""bench/run.py's verdicts, CI margins, options and timing plan; no real measurement."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import common  # noqa: E402
import run  # noqa: E402
from common import Figure  # noqa: E402


def test_absolute_target() -> None:
    assert Figure("x", 4.0, "ms", target=5.0).verdict() == ("ok", False)
    assert Figure("x", 6.0, "ms", target=5.0).verdict() == ("MISSED", True)
    assert Figure("x", 6.0, "ms").verdict() == ("—", False)  # informational


def test_ratio_target_judges_the_ratio_not_the_value() -> None:
    fig = Figure("x", 120.0, "ms", baseline=100.0, target=1.1, on_ratio=True)
    assert fig.ratio == pytest.approx(1.2)
    assert fig.verdict() == ("MISSED", True)
    assert Figure("x", 105.0, "ms", baseline=100.0, target=1.1, on_ratio=True).verdict()[1] is False


def test_check_fails_only_beyond_the_margin() -> None:
    # ratio: 1.3 × 1.5 = 1.95
    within = Figure("x", 190.0, "ms", baseline=100.0, target=1.3, on_ratio=True)
    beyond = Figure("x", 200.0, "ms", baseline=100.0, target=1.3, on_ratio=True)
    assert within.verdict(check=True) == ("missed (CI limit 1.95×)", False)
    assert beyond.verdict(check=True) == ("REGRESSED (CI limit 1.95×)", True)
    # absolute: 50 ms × 2 = 100 ms
    assert Figure("x", 99.0, "ms", target=50.0).verdict(check=True)[1] is False
    assert Figure("x", 101.0, "ms", target=50.0).verdict(check=True) == (
        "REGRESSED (CI limit 100 ms)",
        True,
    )
    assert Figure("x", 40.0, "ms", target=50.0).verdict(check=True) == ("ok", False)


def test_zero_baseline_has_no_ratio() -> None:
    assert Figure("idle", 1.0, "%", baseline=0.0, target=2.0).ratio is None


def test_markdown_table_escapes_pipes() -> None:
    fig = Figure("timer: worst |shown − true|", 0.9, "s", target=0.999)
    text = common.table([fig], markdown=True)
    lines = text.splitlines()
    assert lines[0] == "| figure | value | baseline | ratio | per item | target | verdict | note |"
    assert "worst \\|shown − true\\|" in lines[2]
    assert "| 0.900 s | — | — | — | ≤ 0.999 s | ok |" in lines[2]


def test_interleaved_plan_rotates_who_goes_first() -> None:
    plan = common.interleaved_plan(["a", "b"], warmup=1, runs=3)
    assert plan == ["a", "b", "b", "a", "a", "b", "b", "a"]


@pytest.mark.slow
@pytest.mark.parametrize("tool", ["own", "hyperfine"])
def test_time_commands_keeps_runs_apart(tool: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if tool == "own":
        monkeypatch.setenv("BENCH_NO_HYPERFINE", "1")
    elif common.hyperfine() is None:
        pytest.skip("hyperfine not installed")
    quick = [sys.executable, "-c", "pass"]
    slow = [sys.executable, "-c", "import time; time.sleep(0.15)"]
    times = common.time_commands({"quick": quick, "slow": slow}, {}, runs=2, warmup=1)
    assert [len(times["quick"]), len(times["slow"])] == [2, 2]
    assert min(times["slow"]) > max(times["quick"])
    assert min(times["slow"]) >= 150


def test_only_rejects_unknown_names(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run.parse_args(["--only", "help,nonsense"])
    assert "nonsense" in capsys.readouterr().err


def test_settings() -> None:
    assert run.settings_for(run.parse_args([])) == run.DEFAULT
    assert run.settings_for(run.parse_args(["--quick"])) == run.QUICK
    long = run.settings_for(run.parse_args(["--quick", "--long"]))
    assert long.timer_seconds == 3600 and long.presses == run.QUICK.presses


def _fake(value: float) -> run.Bench:
    def bench(s: run.Settings, home: Path, tmp: Path) -> list[Figure]:
        return [Figure("fake", value, "ms", baseline=100.0, target=1.3, on_ratio=True)]

    return run.Bench("fake", "a fake benchmark", bench)


@pytest.mark.parametrize(
    ("value", "argv", "code", "verdict"),
    [
        (120.0, [], 0, "ok"),
        (150.0, [], 1, "MISSED"),
        (150.0, ["--check"], 0, "missed (CI limit 1.95×)"),
        (250.0, ["--check"], 1, "REGRESSED (CI limit 1.95×)"),
    ],
)
def test_exit_code_follows_the_verdicts(
    value: float,
    argv: list[str],
    code: int,
    verdict: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(run, "BENCHES", [_fake(value)])
    assert run.main(["--markdown", *argv]) == code
    out = capsys.readouterr().out
    assert f"| {verdict} |" in out
    assert "machine: " in out and " cores, Python " in out


def test_each_benchmarks_seconds_follow_the_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """CI's log says where the run's time went, one figure per benchmark, in run order."""

    def slow(s: run.Settings, home: Path, tmp: Path) -> list[Figure]:
        time.sleep(0.2)
        return []

    monkeypatch.setattr(run, "BENCHES", [_fake(100.0), run.Bench("slow", "sleeps", slow)])
    assert run.main([]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    match = re.fullmatch(r"seconds per benchmark: fake (\d+\.\d), slow (\d+\.\d)", last)
    assert match is not None, last
    assert float(match[2]) >= 0.2


def test_a_crashing_benchmark_fails_the_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(s: run.Settings, home: Path, tmp: Path) -> list[Figure]:
        raise RuntimeError("no terminal")

    monkeypatch.setattr(run, "BENCHES", [_fake(100.0), run.Bench("boom", "crashes", boom)])
    assert run.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "ERROR boom: RuntimeError: no terminal" in out
    assert "fake" in out


def test_memory_has_a_tighter_margin() -> None:
    rss = Figure("rss", 76.0, "MiB", target=60.0, ci_margin=common.MEMORY_MARGIN)
    assert rss.verdict(check=True) == ("REGRESSED (CI limit 75 MiB)", True)


def test_a_slow_disk_excuses_an_absolute_figure_only_when_its_baseline_was_slow_too() -> None:
    slow_disk = Figure("note", 12.0, "ms", baseline=9.0, target=5.0, ci_ratio=3.0)
    assert slow_disk.verdict(check=True) == (
        "missed (slow machine: ratio within CI limit 3×)",
        False,
    )
    slow_code = Figure("note", 12.0, "ms", baseline=0.4, target=5.0, ci_ratio=3.0)
    assert slow_code.verdict(check=True)[1] is True
    assert slow_disk.verdict(check=False) == ("MISSED", True)  # the target itself stays


def test_per_item_column() -> None:
    fig = Figure("list, 1,000", 130.0, "ms", baseline=100.0, per_item=common.fmt_per_item(0.03))
    assert fig.cells()[4] == "30.0 µs"
    assert common.fmt_per_item(2.5) == "2.50 ms"
    assert Figure("x", 1.0, "ms").cells()[4] == "—"


def test_quick_growth_measures_the_smallest_and_the_largest_size() -> None:
    import bench_growth

    assert bench_growth.sizes((10, 100, 1000), quick=True) == (10, 1000)
    assert bench_growth.sizes((10, 100, 1000), quick=False) == (10, 100, 1000)


def test_the_growth_fixture_copies_a_meeting_into_every_table(tmp_path: Path) -> None:
    """The copies are meetings like the first: listed, summarised and loadable."""
    import bench_growth

    from kollegial.session.clock import FakeClock
    from kollegial.store import Store

    store = Store(bench_growth.meetings_home(tmp_path / "home", 5))
    infos = store.sessions()
    assert sorted(i.id for i in infos) == [1, 2, 3, 4, 5]
    assert {(i.participants, i.ended, i.notes) for i in infos} == {
        (tuple(bench_growth.PEOPLE), True, 5)
    }
    assert store.load(5, FakeClock()).notes == store.load(1, FakeClock()).notes
    store.close()
