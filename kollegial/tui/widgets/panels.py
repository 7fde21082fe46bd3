"""The text panels of the meeting screen. Each ``show_*`` takes plain values."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from kollegial.display import safe
from kollegial.i18n import decimal, t
from kollegial.session.ratings import GroupStats


class TurnPanel(Static):
    """Who speaks now, who is next, who passed, which lap."""

    def show(
        self,
        speaker: str | None,
        upcoming: list[str],
        lap: int,
        passed: list[str],
        absent: list[str],
    ) -> None:
        text = Text()
        if speaker is None:
            text.append(t("tui.round_done"), style="bold")
        else:
            text.append(f" {t('tui.speaking')} ", style="bold reverse")
            text.append("  " + safe(speaker), style="bold")
            text.append("      ")
            names = " · ".join(safe(n) for n in upcoming)
            text.append(t("tui.next", names=names) if upcoming else t("tui.next_none"))
        text.append("\n")
        detail = [t("tui.lap", lap=lap), t("tui.passed", names=", ".join(map(safe, passed)) or "–")]
        if absent:
            detail.append(t("tui.absent", names=", ".join(map(safe, absent))))
        text.append(" · ".join(detail), style="dim")
        self.update(text)


class RatingBars(Static):
    """Per statement of a group: a bar per scale value, the mean and the spread."""

    def show(self, stats: list[GroupStats], scale: range, compact: bool) -> None:
        if not any(s.n for g in stats for s in g.statements):
            self.update(Text(t("tui.ratings_none"), style="dim"))
            return
        if compact:
            self.update(self._compact(stats))
            return
        table = Table(box=None, pad_edge=False, show_edge=False, expand=True)
        table.add_column(t("tui.ratings_title"), ratio=1, no_wrap=True, overflow="ellipsis")
        for v in scale:
            table.add_column(str(v), justify="center", width=3)
        table.add_column(t("tui.ratings_mean"), justify="right", width=6)
        table.add_column(t("tui.ratings_spread"), justify="right", width=16)
        for group in stats:
            widest = {id(s) for s in group.by_spread()[:2] if s.spread > 0}
            for st in group.statements:
                cells = [_bar(st.counts.get(v, 0), max(1, st.n)) for v in scale]
                mark = t("tui.ratings_start_here") if id(st) in widest else ""
                table.add_row(
                    f"{st.number} {escape(safe(st.statement.text))}",
                    *cells,
                    decimal(st.mean),
                    f"{decimal(st.spread)} {mark}".strip(),
                )
            if len(stats) == 1:
                table.add_row(
                    Text(t("tui.ratings_group_mean", mean=decimal(group.mean)), style="bold")
                )
        self.update(table)

    def _compact(self, stats: list[GroupStats]) -> Text:
        text = Text()
        for group in stats:
            text.append(t("tui.ratings_group_mean", mean=decimal(group.mean)), style="bold")
            ranked = group.by_spread()
            if ranked and ranked[0].spread > 0:
                st = ranked[0]
                text.append(
                    "\n" + t("tui.ratings_widest", text=f"{st.number} {safe(st.statement.text)}")
                )
        return text


_BLOCKS = " ▏▎▍▌▋▊▉█"


def _bar(count: int, total: int) -> str:
    if not count:
        return "·"
    eighths = max(1, round(8 * count / total))
    return f"{_BLOCKS[min(8, eighths)]}{count}"
