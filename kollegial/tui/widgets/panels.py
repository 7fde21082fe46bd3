"""The text panels of the meeting screen. Each ``show_*`` takes plain values."""

from __future__ import annotations

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from kollegial.display import safe
from kollegial.i18n import decimal, t
from kollegial.session.ratings import GroupStats, StatementStats
from kollegial.tui import font

# How a round ended (``Round.outcome``), said in the turn panel.
_OUTCOME_KEYS = {
    "all-passed": "tui.round_done.all-passed",
    "all-spoke": "tui.round_done.all-spoke",
    "some-passed": "tui.round_done.some-passed",
}


class TurnPanel(Widget):
    """Who speaks now, who is next, who passed, which lap.

    With ``big`` (a large window) the speaker's name also stands in big
    capitals under the line, when it fits the width: readable from the back.
    The screen may also let it grow into the rows the step leaves free (:meth:`grow`).
    """

    DEFAULT_CSS = """
    TurnPanel { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._head = Text()
        self._rest = Text()
        self._name: str | None = None
        self._big = False
        self._room = 0

    def grow(self, rows: int) -> bool:
        """Let the big name take up to ``rows`` rows where ``big`` is off; True if that changed."""
        if rows == self._room:
            return False
        self._room = rows
        self._relayout()
        return True

    def grown_rows(self, width: int) -> int:
        """The rows the big name would take because the panel was let grow (0 when big anyway)."""
        return 0 if self._big else len(self._big_name(width))

    def small_height(self, width: int) -> int:
        """The panel's rows without the big name it may grow (with it where it is big anyway)."""
        return self._rows(self._text(width, grown=False), width)

    def _rows(self, text: Text, width: int) -> int:
        return len(text.wrap(self.app.console, max(1, width)))

    def _big_name(self, width: int, grown: bool = True) -> list[str]:
        """The name in big capitals: twice the size where it fits, else plain size, else none."""
        capitals = (self._name or "").upper()
        if (
            not capitals
            or not font.can_render(capitals)
            or not (self._big or (grown and self._room))
        ):
            return []
        for k in (2, 1):
            rows = (font.HEIGHT * k + 1) // 2
            if font.pixel_width(capitals) * k <= width and (self._big or rows <= self._room):
                return font.render(capitals, k, k)
        return []

    def _relayout(self) -> None:
        # As RatingBars._relayout: a pending layout keeps the old height cached.
        if self._layout_required:
            self._layout_updates += 1
        self.refresh(layout=True)

    def _text(self, width: int, grown: bool = True) -> Text:
        text = self._head.copy()
        for line in self._big_name(width, grown):
            text.append("\n" + line.rstrip(), style="bold")
        text.append("\n")
        text.append_text(self._rest)
        return text

    def render(self) -> RenderResult:
        return self._text(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._rows(self._text(width), width)

    def show(
        self,
        speaker: str | None,
        upcoming: list[str],
        lap: int,
        passed: list[str],
        absent: list[str],
        left_out: str | None = None,
        outcome: str | None = None,
        big: bool = False,
    ) -> None:
        """``left_out``: who the round leaves out and why, on a line of its own.

        ``outcome``: how the round ended (see ``Round.outcome``), once it has.
        """
        text = Text()
        if speaker is None and outcome is not None:
            text.append(t(_OUTCOME_KEYS[outcome], n=len(passed), lap=lap), style="bold")
        elif speaker is None:
            text.append(t("tui.round_done"), style="bold")
        else:
            text.append(f" {t('tui.speaking')} ", style="bold reverse")
            text.append("  " + safe(speaker), style="bold")
            text.append("      ")
            names = " · ".join(safe(n) for n in upcoming)
            text.append(t("tui.next", names=names) if upcoming else t("tui.next_none"))
        rest = Text()
        detail = [t("tui.lap", lap=lap), t("tui.passed", names=", ".join(map(safe, passed)) or "–")]
        if absent:
            detail.append(t("tui.absent", names=", ".join(map(safe, absent))))
        rest.append(" · ".join(detail), style="dim")
        if left_out:
            rest.append("\n" + left_out, style="bold")
        self._head, self._rest, self._big = text, rest, big
        self._name = None if speaker is None else safe(speaker)
        self._relayout()


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


class RatingBars(Widget):
    """Per statement of a group: a bar per scale value, the mean and the spread.

    Statements are never cut: they wrap. When the table is taller than the
    rows the screen gives it (:meth:`fit`), it is shown a page at a time and
    the leader turns the pages (:meth:`next_page`). Compact (a small window),
    it is the group mean and the statement where views differ most, in words.
    """

    DEFAULT_CSS = """
    RatingBars { height: auto; }
    """

    DEFAULT_ROWS = 12

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._stats: list[GroupStats] = []
        self._scale: range = range(0)
        self._compact = False
        self._rows: int | None = None
        self._page = 0
        self._pages: list[list[StatementStats]] = []

    def show(self, stats: list[GroupStats], scale: range, compact: bool) -> None:
        groups = [g.group.id for g in stats]
        if groups != [g.group.id for g in self._stats] or compact != self._compact:
            self._page = 0
        self._stats, self._scale, self._compact = stats, scale, compact
        self._relayout()

    def fit(self, rows: int) -> bool:
        """Give the table ``rows`` rows of the screen; True when that changed anything."""
        rows = max(4, rows)
        if rows == self._rows:
            return False
        self._rows = rows
        self._relayout()
        return True

    @property
    def page_count(self) -> int:
        """How many pages the table takes at its last width (1 when it all fits).

        The compact summary is one page, whatever the wide table took before a resize.
        """
        return 1 if self._compact else max(1, len(self._pages))

    @property
    def page(self) -> int:
        return min(self._page, self.page_count - 1)

    def next_page(self) -> None:
        """Turn to the next page of the table, from the last back to the first."""
        self._page = (self.page + 1) % self.page_count
        self._relayout()

    def _relayout(self) -> None:
        """Measure the table again at the next layout.

        ``refresh(layout=True)`` alone is lost when a layout is still pending
        from an earlier change (the box model stays cached with the old
        height): the count of layout updates is what Textual's cache keys on.
        """
        if self._layout_required:
            self._layout_updates += 1
        self.refresh(layout=True)

    def _rated(self) -> bool:
        return any(s.n for g in self._stats for s in g.statements)

    def _renderable(self, width: int) -> RenderableType:
        if not self._rated():
            return Text(t("tui.ratings_none"), style="dim")
        if self._compact:
            return self._compact_text()
        self._pages = self._paginate(width)
        page = self._pages[self.page] if self._pages else []
        shown = {id(s) for s in page}
        table = self._table(shown)
        parts: list[RenderableType] = [table]
        below = Text()
        if len(self._stats) == 1:
            below.append(t("tui.ratings_group_mean", mean=decimal(self._stats[0].mean)), "bold")
        if any(g.start_here() is not None for g in self._stats):
            below.append("   " if below else "")
            below.append(t("tui.ratings_start_here"), "bold")
        if below:
            parts.append(below)
        if len(self._pages) > 1:
            hint = t("tui.ratings_page", k=self.page + 1, n=len(self._pages))
            parts.append(Text(hint, style="dim"))
        return Group(*parts)

    def _table(self, shown: set[int] | None = None) -> Table:
        """The table of the statements whose ``id()`` is in ``shown`` (all by default)."""
        table = Table(box=None, pad_edge=False, show_edge=False, expand=True, collapse_padding=True)
        # The mark stands before the statement (its words are said under the
        # table): the statements keep the width, the spread figures their column.
        table.add_column("", width=1, no_wrap=True)
        # Wrapped, never cut: the group must read what it talks about.
        table.add_column(t("tui.ratings_title"), ratio=1, overflow="fold")
        for v in self._scale:
            table.add_column(str(v), justify="center", width=3, no_wrap=True)
        table.add_column(t("tui.ratings_mean"), justify="right", width=5, no_wrap=True)
        table.add_column(t("tui.ratings_spread"), justify="right", width=9, no_wrap=True)
        for group in self._stats:
            start = group.start_here()
            for st in group.statements:
                if shown is not None and id(st) not in shown:
                    continue
                cells = [_bar(st.counts.get(v, 0), max(1, st.n)) for v in self._scale]
                mark = Text(MARK, style="bold") if st is start else ""
                label = Text(f"{st.number} ")
                label.append(safe(st.statement.text))
                table.add_row(mark, label, *cells, decimal(st.mean), decimal(st.spread))
        return table

    def _height(self, renderable: RenderableType, width: int) -> int:
        console = self.app.console
        options = console.options.update_width(max(1, width))
        return len(console.render_lines(renderable, options, pad=False))

    def _paginate(self, width: int) -> list[list[StatementStats]]:
        """The statements page by page, each page as many whole rows as fit the rows given."""
        rows = self._rows if self._rows is not None else self.DEFAULT_ROWS
        every = [st for g in self._stats for st in g.statements]
        below = 1  # the group mean and what the mark means
        if self._height(self._table(), width) + below <= rows:
            return [every]
        budget = rows - below - 1  # and the line that says which page this is
        pages: list[list[StatementStats]] = [[]]
        for st in every:
            candidate = [*pages[-1], st]
            height = self._height(self._table({id(s) for s in candidate}), width)
            if height > budget and pages[-1]:
                pages.append([st])
            else:
                pages[-1] = candidate
        return pages

    def _compact_text(self) -> Text:
        text = Text()
        for n, group in enumerate(self._stats):
            if n:
                text.append("\n")
            if len(self._stats) > 1:
                text.append(safe(group.group.title) + ": ", style="bold")
            text.append(t("tui.ratings_group_mean", mean=decimal(group.mean)), style="bold")
            widest = group.start_here()
            if widest is not None:
                # In words, quoted: "4 Skolanalyser ..." read as four school analyses.
                quoted = f"”{safe(widest.statement.text)}”"
                text.append("\n" + t("tui.ratings_widest", text=quoted))
        return text

    def render(self) -> RenderResult:
        return self._renderable(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._height(self._renderable(width), width)


MARK = "◆"
_BLOCKS = " ▏▎▍▌▋▊▉█"


def _bar(count: int, total: int) -> str:
    if not count:
        return "·"
    eighths = max(1, round(8 * count / total))
    return f"{_BLOCKS[min(8, eighths)]}{count}"
