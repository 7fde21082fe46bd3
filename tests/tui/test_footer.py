"""The footer names the keys as they work on the step on screen."""

from __future__ import annotations

from kollegial.protocols.model import Mode
from tests.tui.conftest import MakeApp


async def test_turn_keys_show_only_in_rounds_and_i_writes_the_decision(meeting: MakeApp) -> None:
    """n/p appear on round steps only; on a decision step `i` says it writes the decision."""
    app = meeting("observationssamtal")
    seen: dict[Mode, str] = {}
    async with app.run_test(size=(120, 35)) as pilot:
        for _ in range(len(app.session.plan.steps)):
            step = app.session.step
            assert step.mode is not None
            seen.setdefault(step.mode, str(app.screen.query_one("#footer").render()))
            await pilot.press("right")
            await pilot.pause()
    assert {Mode.ROUND, Mode.SILENT, Mode.DECISION} <= set(seen)
    assert "n nästa talare" in seen[Mode.ROUND] and "p stå över" in seen[Mode.ROUND]
    for mode in (Mode.SILENT, Mode.DECISION):
        assert "nästa talare" not in seen[mode] and "stå över" not in seen[mode]
    assert "i skriv beslutet" in seen[Mode.DECISION]
    assert "i anteckna" in seen[Mode.ROUND]
