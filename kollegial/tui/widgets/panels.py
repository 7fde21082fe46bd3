"""The text panels of the meeting screen. Each ``show_*`` takes plain values."""

from __future__ import annotations

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from kollegial.display import safe
from kollegial.i18n import decimal, t
from kollegial.session.ratings import GroupStats
from kollegial.tui import font


class TurnPanel(Static):
    """Who speaks now, who is next, who passed, which lap."""

    def show(
        self,
        speaker: str | None,
        upcoming: list[str],
        lap: int,
        passed: list[str],
        absent: list[str],
        left_out: str | None = None,
    ) -> None:
        """``left_out``: who the round leaves out and why, on a line of its own."""
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
        if left_out:
            text.append("\n" + left_out, style="bold")
        self.update(text)


class SpeakerPanel(Widget):
    """The one person who speaks in a ``present`` step: role and name, the name in big capitals.

    The big name is drawn only when it fits the width and ``big`` allows it
    (the screen turns it off when the window is short); the plain line above
    it always says the same, so nothing depends on the big letters.
    """

    DEFAULT_CSS = """
    SpeakerPanel { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._line = ""
        self._name: str | None = None
        self._big = True

    def show(self, line: str, name: str | None, big: bool) -> None:
        """``line``: what the plain first line says; ``name``: who speaks, None if nobody."""
        self._line, self._name, self._big = line, name, big
        self.refresh(layout=True)

    def _text(self, width: int) -> Text:
        text = Text(no_wrap=False)
        if self._name is None:
            text.append(self._line, style="bold")
            return text
        text.append(f" {t('tui.speaking')} ", style="bold reverse")
        text.append("  " + self._line, style="bold")
        capitals = self._name.upper()
        if self._big and font.can_render(capitals) and font.pixel_width(capitals) <= width:
            for line in font.render(capitals, 1, 1):
                text.append("\n" + line.rstrip(), style="bold")
        text.append("\n" + t("tui.others_listen"))
        return text

    def render(self) -> RenderResult:
        return self._text(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._text(width).wrap(self.app.console, max(1, width)))


class GroupsPanel(Static):
    """The room split into groups, one line each (side by side when there are many)."""

    ONE_PER_LINE = 8

    def show(self, groups: list[list[str]]) -> None:
        if not groups:
            self.update(Text(t("tui.subgroups_none"), style="bold"))
            return
        labels = [t("tui.group_n", n=n) for n in range(1, len(groups) + 1)]
        wide = max(map(len, labels))
        entries = []
        for label, names in zip(labels, groups, strict=True):
            entry = Text()
            entry.append(f" {label:<{wide}} ", style="bold reverse")
            entry.append("  " + " · ".join(safe(name) for name in names), style="bold")
            entries.append(entry)
        body: RenderableType
        if len(groups) <= self.ONE_PER_LINE:
            body = Text("\n\n").join(entries) if len(groups) <= 4 else Text("\n").join(entries)
        else:
            body = Columns(entries, padding=(0, 4), column_first=True)
        self.update(Group(body, Text(), Text(t("tui.subgroups_clock"), style="dim")))


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
