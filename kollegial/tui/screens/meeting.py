"""The projected screen that leads the meeting, step by step."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from kollegial.display import safe
from kollegial.i18n import t
from kollegial.protocols.model import Mode
from kollegial.session import status
from kollegial.session.status import TimerStatus
from kollegial.tui.screens.base import AppScreen
from kollegial.tui.themes import PROJECTOR
from kollegial.tui.widgets.bigtimer import BigTimer
from kollegial.tui.widgets.header import HeaderBar
from kollegial.tui.widgets.prompt import Prompt

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from kollegial.tui.widgets.panels import GroupsPanel, RatingBars, SpeakerPanel, TurnPanel


STATE_CLASSES = {s: f"-{s.value}" for s in TimerStatus}
STATE_KEYS = {
    TimerStatus.RUNNING: "tui.state.running",
    TimerStatus.LAST_MINUTE: "tui.state.last-minute",
    TimerStatus.OVERTIME: "tui.state.overtime",
    TimerStatus.PAUSED: "tui.state.paused",
    TimerStatus.COUNTING: "tui.state.counting",
}
NARROW = 100
BIG_NAME_ROWS = 45
"""From this many rows the speaker's name in a round also stands in big capitals."""
OUTLINE_WIDTH = 30
"""The outline's columns, its border included (app.tcss)."""
NOTES_KEEP = 3
"""Rows the ratings leave for the notes below them: the heading and two lines."""
FOLLOW_UP_CHARS = 160
"""What last time's decision shows of itself: two lines at 80 columns."""


def _panels() -> ModuleType:
    from kollegial.tui.widgets import panels

    return panels


# The panels only some steps show, in their order on screen. Each is mounted the
# first time a step shows it: a step's first frame builds, styles and lays out
# only what it shows (start-up rules: docs/architecture.md). The note field is mounted the same way.
# Their module too is imported only then. (Textual's ``textual.lazy.Lazy`` does
# not do this: it mounts its widget one refresh after the first frame whether a
# step needs it or not, so every panel and this module would be built at each
# start, and the current step's own panels would miss the first frame.)
PANELS: dict[str, Callable[[], Widget]] = {
    "follow-up": lambda: Static(id="follow-up"),
    "presenter": lambda: _panels().SpeakerPanel(id="presenter"),
    "turns": lambda: _panels().TurnPanel(id="turns"),
    "groups": lambda: _panels().GroupsPanel(id="groups"),
    "rate-progress": lambda: Static(id="rate-progress"),
    "ratings": lambda: _panels().RatingBars(id="ratings"),
    "decision": lambda: Static(id="decision"),
}


class MeetingScreen(AppScreen[None]):
    """One step at a time: title, timer, prompt, turns, ratings, notes."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]  # noqa: RUF012
    # Keys belong to the leader until they choose to write: no field takes focus by itself.
    AUTO_FOCUS = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_pause", show=False),
        Binding("n", "next_speaker", show=False),
        Binding("p", "pass_turn", show=False),
        Binding("right,pagedown", "next_step", show=False),
        Binding("left,pageup", "previous_step", show=False),
        Binding("h", "skip_step", show=False),
        Binding("plus,+", "adjust(60)", show=False),
        Binding("minus,-", "adjust(-60)", show=False),
        # i and escape move the focus: as priority bindings they run when the app
        # reads the key, before the keys typed right after it are handed on, so
        # those reach the field (after i) or the screen (after escape).
        Binding("i", "write", show=False, priority=True),
        Binding("r", "ratings", show=False),
        Binding("f", "import_ratings", show=False),
        Binding("a", "people", show=False),
        Binding("e", "export", show=False),
        Binding("t", "next_theme", show=False),
        Binding("o", "toggle_outline", show=False),
        Binding("b", "page_ratings", show=False),
        Binding("k", "edit_focus", show=False),
        Binding("m", "phones", show=False),
        Binding("question_mark", "help", show=False),
        Binding("q", "quit_meeting", show=False),
        Binding("escape", "leave_field", show=False, priority=True),
        *[Binding(str(k), f"appoint({k})", show=False) for k in range(1, 10)],
        Binding("0", "choose_holder", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._ticker: Timer | None = None
        self._last_remaining: tuple[int, float] | None = None
        self._timer_words: str | None = None  # what #timer-state shows
        self._notes_rows: int | None = None
        """Rows free for notes below the step, measured after the last layout."""
        self._panels: dict[str, Widget] = {}
        self._field: Input | None = None
        """The note field, once it has been needed."""
        self._field_mounted: AwaitMount | None = None
        """Awaits the note field's mount, the first time it is needed."""
        self._notes = Static(id="notes")
        self._area: Vertical | None = None
        """The notes and the note field, once either has been needed."""
        self._laid_out_at = Size(0, 0)
        """The screen size the step was last laid out for."""

    def compose(self) -> ComposeResult:
        # The width class Textual sets on the first resize, set before the first
        # styling: set after it, it restyled every widget once more (~3 ms of the
        # first frame).
        self.add_class("-narrow" if self.app.size.width < NARROW else "-wide")
        yield HeaderBar(id="header")
        with Horizontal(id="body"):
            yield Static(id="outline")
            with Vertical(id="main"):
                yield Static(id="focus")
                yield Static(id="step-title")
                yield BigTimer(id="timer")
                yield Static(id="timer-state")
                yield Prompt(id="prompt")
                yield Static(id="appoint")
                # (the PANELS go here, and the notes area below them, when a
                # step first shows them)
        yield Static(id="footer")

    def on_mount(self) -> None:
        if self.kapp.draft:
            # A note being typed when the meeting stopped comes back, unsaved, to finish.
            self._note_field().value = self.kapp.draft
        self.refresh_view()

    def _panel(self, panel_id: str, shown: bool) -> Widget | None:
        """The panel when ``shown`` (mounted the first time); hidden and None otherwise."""
        panel = self._panels.get(panel_id)
        if not shown:
            if panel is not None:
                panel.display = False
            return None
        if panel is None:
            panel = self._panels[panel_id] = PANELS[panel_id]()
            order = list(PANELS)
            after = [
                self._panels[k] for k in order[order.index(panel_id) + 1 :] if k in self._panels
            ]
            before = after[0] if after else self._area
            self.query_one("#main").mount(panel, before=before)
        panel.display = True
        return panel

    def _notes_area(self) -> Vertical:
        """The notes (and the field), mounted the first time a step shows either.

        Docked at the bottom: the notes and the field stay in view however much
        the rating bars and a long prompt take above them.
        """
        if self._area is None:
            self._area = Vertical(id="notes-area")
            self.query_one("#main").mount(self._area)
            # Mounted in order, so the field (mounted later) always comes below.
            self._area.mount(self._notes)
        return self._area

    def _note_field(self) -> Input:
        """The note field, mounted under the notes the first time it is needed."""
        if self._field is None:
            # Not select_on_focus: i after a resume must go on writing the draft,
            # not have the first key replace it.
            self._field = Input(id="note-input", max_length=10_000, select_on_focus=False)
            self._field.display = False
            self._field_mounted = self._notes_area().mount(self._field)
        return self._field

    # --- showing the session ---

    def refresh_view(self) -> None:
        """Show the session as it is now, and arm the ticker for the next second."""
        session = self.kapp.session
        step = session.step
        mode = step.mode
        protocol = session.protocol
        narrow = self.size.width < NARROW
        self._laid_out_at = self.size

        # Text from files and people is Text, never markup: `[/]` in a title shows as typed.
        self.query_one("#header", HeaderBar).show(
            title=safe(protocol.title), position=self._position()
        )

        focus = self.query_one("#focus", Static)
        focus.display = bool(session.focus)
        self.set_class(bool(session.focus), "-with-focus")
        if session.focus:
            focus.update(Text(t("tui.focus", text=safe(session.focus))))

        title = step.title if step.group is None else f"{step.group.title} — {step.title}"
        heading = Text(safe(title), style="bold")
        if step.optional:
            heading.append(f"   ({t('tui.optional')})", style="not bold dim")
        self.query_one("#step-title", Static).update(heading)
        # The hint is our words beside the source's: secondary, so it gives way
        # on a small window, where the timer, the turn and the ratings need the rows.
        hint = safe(step.step.hint) if step.step.hint and not narrow else ""
        prompt = self.query_one("#prompt", Prompt)
        prompt.show(safe(step.prompt or ""), hint)
        self.query_one("#outline", Static).update(self._outline())
        self._update_footer()

        self._show_appoint(step.step.appoint)
        self._show_follow_up()
        self._show_presenter(narrow)
        turns = cast(
            "TurnPanel | None",
            self._panel("turns", mode is Mode.ROUND and session.round is not None),
        )
        if turns is not None and session.round is not None:
            r = session.round
            absent = [n for n in session.participants if not session.is_present(n)]
            turns.show(
                session.speaker,
                session.upcoming(),
                r.lap,
                r.passed,
                absent,
                self._left_out(),
                outcome=r.outcome,
                big=not narrow and self.size.height >= BIG_NAME_ROWS,
            )

        small_groups = cast("GroupsPanel | None", self._panel("groups", mode is Mode.SUBGROUPS))
        if small_groups is not None:
            small_groups.show(session.subgroups(session.current))

        self._show_rate_progress()

        if not self._may_grow():
            # Measured once laid out (_fit); never on a small window or in another theme.
            prompt.allow(0)
            if turns is not None:
                turns.grow(0)

        bars = cast("RatingBars | None", self._panel("ratings", session.shows_ratings()))
        self.set_class(bars is not None, "-with-ratings")
        if bars is not None:
            groups = [step.group.id] if step.group else None
            bars.show(session.rating_stats(groups), protocol.scale.values, compact=narrow)

        decision = cast("Static | None", self._panel("decision", mode is Mode.DECISION))
        if decision is not None:
            label = step.step.decision or t("mode.decision")
            text = session.decisions.get(step.index)
            body = Text(f"{safe(label)}\n", style="bold")
            body.append(safe(text) if text else t("tui.decision_none"), style="" if text else "dim")
            decision.update(body)

        notes = self._notes
        notes.display = (
            mode is not Mode.SILENT
            and mode is not Mode.RATE
            and (step.takes_notes or bool(session.notes_for()))
        )
        if notes.display:
            self._notes_area()
        # The speaker and the notes both need the room: the timer keeps 7 rows of digits.
        self.set_class(mode is Mode.PRESENT and notes.display, "-present-notes")
        if notes.display:
            notes.update(self._notes_text(narrow))
        self._show_field()
        self._show_outline()
        self.tick()

    def refresh_for_phones(self) -> None:
        """Phones sent something: in a rate step only the count changes, so only it is drawn.

        A burst of 30 phones must not redraw the whole wall (measured: the
        whole view took 9 ms of the event loop, the count alone well under one).
        """
        session = self.kapp.session
        if session.step.mode is Mode.RATE and not session.ended:
            self._show_rate_progress()
        else:
            self.refresh_view()

    def _show_rate_progress(self) -> None:
        session = self.kapp.session
        rate = cast("Static | None", self._panel("rate-progress", session.step.mode is Mode.RATE))
        if rate is not None:
            n = len(session.raters())
            progress = Text(t("tui.rated", n=n, m=len(session.participants)), style="bold")
            progress += Text("\n" + t("tui.rate_hint"), style="dim")
            if self.kapp.phones is not None:
                progress += Text("\n" + t("tui.phones_line", url=self.kapp.phones.url))
            rate.update(progress)

    def _show_outline(self) -> None:
        """The outline gives way by itself where it would make the timer's digits smaller."""
        from kollegial.tui import font

        small = any(self.has_class(c) for c in ("-with-ratings", "-present-notes", "-narrow"))
        height = 7 if small else 12  # the timer's rows (app.tcss)
        width = self.size.width - 4  # the main column's padding
        # As the time left reads most of the meeting (not the rarer, wider overtime:
        # the outline would come and go as a step ran over).
        digits = "00:00"
        squeezed = font.fit_scale(digits, width - OUTLINE_WIDTH, height) < font.fit_scale(
            digits, width, height
        )
        self.set_class(squeezed, "-outline-squeezes")

    def tick(self) -> None:
        """Update the timer and forecast; re-arm for the next whole second."""
        session = self.kapp.session
        text, delay = status.display(session)
        state = status.timer_status(session)
        timer = self.query_one("#timer", BigTimer)
        timer.value = text
        for s, cls in STATE_CLASSES.items():
            timer.set_class(s is state, cls)
        self.set_class(state is TimerStatus.PAUSED, "-paused")
        words = t(STATE_KEYS[state])
        if words != self._timer_words:
            # Static.update lays the screen out again: once a second for the same
            # words cost a full repaint of any dialog over the meeting.
            self._timer_words = words
            self.query_one("#timer-state", Static).update(words)
        end = session.forecast_end().astimezone()
        self.query_one("#header", HeaderBar).show(forecast=t("tui.forecast", time=f"{end:%H:%M}"))
        self._maybe_bell(session.remaining() if session.running else None)
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if delay is not None:
            # One-shot, re-armed at each whole second of remaining time: never a
            # second stale after pause/resume (measured; docs/architecture.md, the clock).
            self._ticker = self.set_timer(delay + 0.005, self.tick)

    def _maybe_bell(self, remaining: float | None) -> None:
        # Only a crossing within one step rings: arriving at a step that is
        # already in its last minute must not.
        index = self.kapp.session.current
        last = self._last_remaining
        self._last_remaining = None if remaining is None else (index, remaining)
        if remaining is None or last is None or last[0] != index or self.kapp.quiet:
            return
        if status.crossed(last[1], remaining):
            self.app.bell()

    def _position(self) -> str:
        """``Steg 4 av 6``, and the pass: ``Hörn 2 av 3`` or ``Presentatör 2 av 4: Bo``."""
        session = self.kapp.session
        step = session.step
        position = t("tui.step_of", n=step.top_index + 1, m=session.plan.top_count)
        if not step.pass_no:
            return position
        if step.pass_person is not None:
            label = (
                self._role_title(step.pass_role)
                if step.pass_role
                else t("tui.pass_label.participant")
            )
            return (
                position
                + " · "
                + t(
                    "tui.pass_of_person",
                    label=label,
                    k=step.pass_no,
                    n=step.pass_count,
                    name=safe(step.pass_person),
                )
            )
        label = t("tui.pass_label.group")
        return position + " · " + t("tui.pass_of", label=label, k=step.pass_no, n=step.pass_count)

    def _role_title(self, role_id: str) -> str:
        return safe(self.kapp.session.protocol.role(role_id).title)

    def _left_out(self) -> str | None:
        """``Bo (presentatör) lyssnar och antecknar`` in a round that excludes a role."""
        session = self.kapp.session
        role, r = session.step.exclude, session.round
        if role is None or r is None or r.excluded is None:
            return None
        return t("tui.excluded", name=safe(r.excluded), role=self._role_title(role).lower())

    def _show_presenter(self, narrow: bool) -> None:
        session = self.kapp.session
        step = session.step
        shown = step.mode is Mode.PRESENT and step.speaker is not None
        panel = cast("SpeakerPanel | None", self._panel("presenter", shown))
        if panel is None or step.speaker is None:
            return
        role = self._role_title(step.speaker)
        name = session.speaker_at(session.current)
        if name is None:
            panel.show(t("tui.presenter_none", role=role.lower()), None, big=False)
        else:
            panel.show(t("tui.presenting", role=role, name=safe(name)), safe(name), big=not narrow)

    def _outline(self) -> Text:
        session = self.kapp.session
        current = session.step
        text = Text(no_wrap=True, overflow="ellipsis")
        n_groups = len(session.protocol.groups)
        people = len(session.participants)
        for i, top in enumerate(session.protocol.steps):
            from kollegial.protocols.model import step_minutes

            indices = [s.index for s in session.plan.steps if s.top_index == i]
            # As planned, with the minutes the leader added or took away (+ / -).
            totals = [session.timers[k].total() for k in indices]
            if indices and all(x is not None for x in totals):
                minutes = sum(x for x in totals if x is not None) / 60
            else:
                minutes = step_minutes(top, n_groups, people)
            skipped = bool(indices) and all(session.skipped(k) for k in indices)
            if i == current.top_index:
                mark = "▶"
            elif skipped:
                mark = "↷"
            else:
                mark = "✓" if i < current.top_index else "·"
            line = f"{mark} {safe(top.title)}"
            if skipped:
                line += f" ({t('tui.skipped')})"
            elif minutes:
                line += f"  {round(minutes, 1):g}"
            style = "bold" if i == current.top_index else "dim" if skipped else ""
            text.append(line + "\n", style=style)
            if i == current.top_index and top.for_each == "group":
                for g in session.protocol.groups:
                    here = current.group is not None and current.group.id == g.id
                    text.append(
                        f"   {'▶' if here else '·'} {safe(g.title)}\n",
                        style="bold" if here else "dim",
                    )
            if i == current.top_index and top.for_each == "participant":
                passes: dict[int, str] = {}
                for k in indices:
                    s = session.plan[k]
                    if s.pass_person is not None:
                        passes.setdefault(s.pass_no, s.pass_person)
                for n, name in sorted(passes.items()):
                    here = n == current.pass_no
                    mark = "▶" if here else "✓" if n < current.pass_no else "·"
                    text.append(f"   {mark} {safe(name)}\n", style="bold" if here else "dim")
        return text

    def _show_follow_up(self) -> None:
        """On the first step: what the team agreed last time, to open the meeting with."""
        follow = self.kapp.follow_up
        panel = cast(
            "Static | None",
            self._panel("follow-up", follow is not None and self.kapp.session.current == 0),
        )
        if panel is None or follow is None:
            return
        date = f"{follow.at.astimezone():%Y-%m-%d}"
        text = Text(t("tui.follow_up", date=date, title=safe(follow.title)), style="bold")
        for item in follow.agreed:
            said = safe(" ".join(item.text.split()))
            if len(said) > FOLLOW_UP_CHARS:
                said = said[: FOLLOW_UP_CHARS - 1].rstrip() + "…"
            text.append(f"\n{safe(item.label)}: ", style="bold")
            text.append(said)
        panel.update(text)

    def _show_appoint(self, role_id: str | None) -> None:
        widget = self.query_one("#appoint", Static)
        widget.display = role_id is not None
        if role_id is None:
            return
        session = self.kapp.session
        role = session.protocol.role(role_id).title
        text = Text(t("tui.appoint", role=role.lower()) + "\n", style="bold")
        names = session.participants[:9]
        text.append("   ".join(f"{k} {safe(n)}" for k, n in enumerate(names, start=1)))
        holder = session.roles.get(role_id)
        if holder:
            text.append("\n" + t("tui.appointed", role=role, name=safe(holder)), style="bold")
        else:
            text.append("\n" + t("tui.appoint_hint"), style="dim")
        widget.update(text)

    def _notes_text(self, narrow: bool) -> Text:
        """The newest notes: at most a few, and only as many lines as there is room for."""
        session = self.kapp.session
        notes = session.notes_for()
        # With rating bars on screen there is room for fewer notes.
        limit = 2 if self.has_class("-with-ratings") else 3 if narrow else 6
        width = self._notes.content_region.width
        rows = self._notes_rows
        shown: list[Text] = []
        for note in reversed(notes[-limit:]):
            who = f"{safe(note.speaker)}: " if note.speaker else ""
            line = Text(f"• {who}{safe(note.text)}")
            wrapped = line.wrap(self.app.console, width) if width > 0 else [line]
            height = len(wrapped)
            if rows is not None and height > rows:
                if not shown:
                    # The newest note always shows: its beginning, as much as fits.
                    keep = list(wrapped)[: max(1, rows)]
                    keep[-1] = keep[-1].copy()
                    keep[-1].append("…")
                    shown.insert(0, Text("\n").join(keep))
                break
            shown.insert(0, line)
            rows = None if rows is None else rows - height
        text = Text(t("tui.notes_title"), style="bold")
        column = session.step.notes_column
        if column:
            text.append(f" — {safe(session.protocol.column(column).title)}", style="bold")
        if len(notes) > len(shown):
            text.append("  " + t("tui.notes_count_more", n=len(notes) - len(shown)), style="dim")
        for line in shown:
            text.append("\n")
            text.append_text(line)
        return text

    def _fit_notes(self) -> None:
        """Keep the notes from covering the step: they are docked, so they would.

        Counts the rows left below the last widget of the step (turns, speaker,
        groups ...) once the layout is done, and shows as many notes as fit.
        """
        notes, area = self._notes, self._area
        if area is None or not notes.display or not self.is_mounted:
            return
        main = self.query_one("#main", Vertical)
        field = self._field
        top = main.content_region.y
        for child in main.children:
            if child is not area and child.display and child.region.height:
                top = max(top, child.region.bottom + child.styles.margin.bottom)
        rows = main.content_region.bottom - top - 1  # the heading line of the notes
        if field is not None and field.display:
            rows -= field.outer_size.height + field.styles.margin.top
        rows = max(0, rows)
        if rows != self._notes_rows:
            self._notes_rows = rows
            notes.update(self._notes_text(self.size.width < NARROW))

    def _may_grow(self) -> bool:
        """The projector theme, a wide window, and no ratings to give the rows to."""
        return (
            self.app.theme == PROJECTOR.name
            and self.size.width >= NARROW
            and not self.kapp.session.shows_ratings()
        )

    def _free_rows(self) -> int:
        """The rows the step leaves free, as if the prompt were plain and the name small.

        Measured so, the answer is the same whichever size they have now: after
        a resize as at a fresh start. The notes keep their heading and two
        lines, and the note field its row.
        """
        main = self.query_one("#main", Vertical)
        bottom = main.content_region.y
        for child in main.children:
            if child is not self._area and child.display and child.region.height:
                bottom = max(bottom, child.region.bottom + child.styles.margin.bottom)
        free = main.content_region.bottom - bottom
        prompt = self.query_one("#prompt", Prompt)
        free += prompt.size.height - prompt.plain_height(prompt.content_size.width)
        turns = self._turns()
        if turns is not None:
            free += turns.size.height - turns.small_height(turns.content_size.width)
        if self._notes.display:
            free -= NOTES_KEEP
        field = self._field
        if field is not None and field.display:
            free -= field.outer_size.height + field.styles.margin.top
        return free

    def _turns(self) -> TurnPanel | None:
        turns = cast("TurnPanel | None", self._panels.get("turns"))
        return turns if turns is not None and turns.display else None

    def _grow(self) -> bool:
        """In the projector theme: the speaker's name, then the prompt, grow into the free rows.

        True when that changed anything (the screen is laid out again first).
        """
        prompt = self.query_one("#prompt", Prompt)
        turns = self._turns()
        if not self._may_grow():
            changed = prompt.allow(0)
            return (turns is not None and turns.grow(0)) or changed
        free = self._free_rows()
        if turns is not None:
            # Who speaks first: the name takes its rows before the prompt.
            if turns.grow(max(0, free)):
                return True
            free -= turns.grown_rows(turns.content_size.width)
        plain = prompt.plain_height(prompt.content_size.width)
        return prompt.allow(plain + free if free > 0 else 0)

    def _fit(self) -> None:
        """Once the layout is done: give the ratings their rows, then the notes what is left.

        Where no ratings show, the prompt may take the rows free in big letters first.
        """
        bars = cast("RatingBars | None", self._panels.get("ratings"))
        if bars is not None and bars.display and self.is_mounted:
            main = self.query_one("#main", Vertical)
            rows = main.content_region.bottom - bars.region.y
            if self._notes.display:
                rows -= NOTES_KEEP
            field = self._field
            if field is not None and field.display:
                rows -= field.outer_size.height + field.styles.margin.top
            if bars.fit(rows):
                # Laid out again with the new rows first; then fit once more.
                self.call_after_refresh(self._fit)
                return
        if self.is_mounted and self._grow():
            self.call_after_refresh(self._fit)
            return
        self._update_footer()
        self._fit_notes()

    def _update_footer(self) -> None:
        self.query_one("#footer", Static).update(self._footer(self.size.width < NARROW))

    def on_resize(self) -> None:
        # Everything that depends on the size is chosen in refresh_view (the
        # compact ratings, the short footer, the big name): a resize re-lays out
        # the step at once, as a fresh start at the new size would show it.
        if self.is_mounted and self.size != self._laid_out_at:
            self.refresh_view()
        self.call_after_refresh(self._fit)

    # --- commands ---

    def _do(self, command: Callable[..., object], *args: object) -> None:
        """A session command through the app's one way in, then the screen that follows."""
        self.kapp.command(command, *args)
        if self.kapp.session.ended:
            self.kapp.show_closing()
        else:
            self.refresh_view()

    def action_toggle_pause(self) -> None:
        self._do(self.kapp.session.toggle_pause)

    def action_next_speaker(self) -> None:
        if self.kapp.session.step.mode is Mode.ROUND:
            self._do(self.kapp.session.next_speaker)

    def action_pass_turn(self) -> None:
        if self.kapp.session.step.mode is Mode.ROUND:
            self._do(self.kapp.session.pass_turn)

    def action_next_step(self) -> None:
        self._do(self.kapp.session.next_step)

    def action_previous_step(self) -> None:
        self._do(self.kapp.session.previous_step)

    def action_skip_step(self) -> None:
        session = self.kapp.session
        if not session.step.optional:
            self.notify(t("tui.skip_not_optional"), severity="warning")
            return
        from kollegial.tui.screens.dialogs import ConfirmSkip

        index = session.current

        def answered(skip: bool | None) -> None:
            # Still the same step: the dialog is modal, but a resize or an
            # import may have refreshed the screen meanwhile.
            if skip and session.current == index:
                self._do(session.skip_step)

        self.app.push_screen(ConfirmSkip(session.step.title), answered)

    def action_adjust(self, seconds: int) -> None:
        if self.kapp.session.timer.planned is not None:
            self._do(self.kapp.session.adjust, seconds)

    def action_appoint(self, k: int) -> None:
        session = self.kapp.session
        role = session.step.step.appoint
        if role and k <= len(session.participants):
            self._do(session.appoint, role, session.participants[k - 1])

    def action_choose_holder(self) -> None:
        session = self.kapp.session
        role = session.step.step.appoint
        if role is None:
            return
        from kollegial.tui.screens.people import ChooseHolder

        def chosen(name: str | None) -> None:
            if name is not None:
                self._do(session.appoint, role, name)

        title = session.protocol.role(role).title
        self.app.push_screen(ChooseHolder(title, session.participants), chosen)

    async def action_write(self) -> None:
        field = self._note_field()
        decision = self.kapp.session.step.mode is Mode.DECISION
        field.placeholder = t("tui.decision_placeholder" if decision else "tui.note_placeholder")
        if decision and not field.value:
            field.value = self.kapp.session.decisions.get(self.kapp.session.current, "")
        field.display = True
        # Focus now, before the next key is handled: Widget.focus() defers to a
        # later message, and letters typed right after i (already queued) would
        # run as keys (p passes the turn, a opens the people dialog).
        if not field.is_mounted and self._field_mounted is not None:
            await self._field_mounted
        self.set_focus(field)
        self.call_after_refresh(self._update_footer)
        self.call_after_refresh(self._fit)

    def action_leave_field(self) -> None:
        field = self._field
        if field is not None and self._writing:
            field.blur()
            # blur() takes effect after this handler: hide an empty field once it has.
            self.call_after_refresh(self._show_field)
            self.call_after_refresh(self._update_footer)

    @property
    def _writing(self) -> bool:
        """The note field has focus: asked of the screen, which knows at once.

        ``Widget.has_focus`` follows only once the Focus/Blur message is handled,
        and by then the keys typed right after i or escape have been handed on.
        """
        return self._field is not None and self.focused is self._field

    def _show_field(self) -> None:
        """An unsaved draft stays in view, except where the room must not read it."""
        field = self._field
        if field is not None:
            private = self.kapp.session.is_private
            field.display = self._writing or (bool(field.value) and not private)
        self.call_after_refresh(self._fit)

    def _footer(self, narrow: bool) -> str:
        """The main keys, as they work on this step: turns only in a round.

        Never cut: when the keys do not fit the width, the least needed give
        way first (all keys stay listed behind ``?``).
        """
        step = self.kapp.session.step
        if self._writing:
            # Every letter is text now: only enter and escape do anything else.
            decision = step.mode is Mode.DECISION
            text = t("tui.footer.writing_decision" if decision else "tui.footer.writing")
            return text if len(text) <= self.size.width - 2 else t("tui.footer.writing_short")
        bars = cast("RatingBars | None", self._panels.get("ratings"))
        paging = bars is not None and bars.display and bars.page_count > 1
        if narrow:
            keys = [t("tui.footer_short")]
            if paging:
                keys.insert(0, t("tui.footer.page"))
        else:
            keys = [t("tui.footer.pause")]
            if step.mode is Mode.ROUND:
                keys.append(t("tui.footer.turns"))
            keys.append(t("tui.footer.move"))
            decision = step.mode is Mode.DECISION
            keys.append(t("tui.footer.decide" if decision else "tui.footer.note"))
            if paging:
                keys.append(t("tui.footer.page"))
            keys.append(t("tui.footer.help"))
        if step.optional:
            keys.insert(0, t("tui.footer_skip"))
        width = self.size.width - 2
        if len(" · ".join(keys)) > width and t("tui.footer.help") in keys:
            keys[keys.index(t("tui.footer.help"))] = t("tui.footer_short")
        for dispensable in (t("tui.footer.pause"), t("tui.footer.move")):
            if len(" · ".join(keys)) > width and dispensable in keys:
                keys.remove(dispensable)
        return " · ".join(keys)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the note field has focus every key is text (pagedown and pageup
        # too, which Input leaves unbound); only escape gets the leader out.
        return action == "leave_field" or not self._writing

    @on(Input.Submitted, "#note-input")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value
        if not text.strip():
            return
        self._do(self.kapp.session.capture, text)
        event.input.clear()
        # Keep the draft on disk while the note itself is still waiting to be saved.
        if self.kapp.journal is None or not self.kapp.journal.pending:
            self.kapp.save_draft("")

    @on(Input.Changed, "#note-input")
    def _changed(self, event: Input.Changed) -> None:
        self.kapp.save_draft(event.value)

    def action_ratings(self) -> None:
        if self.kapp.session.step.mode is Mode.RATE or self.kapp.session.protocol.groups:
            from kollegial.tui.screens.rating import RatingEntry

            self.app.push_screen(RatingEntry(), lambda _: self.refresh_view())

    def action_import_ratings(self) -> None:
        if self.kapp.session.protocol.groups:
            from pathlib import Path

            from kollegial.tui.screens.imports import ImportRatings

            folder = self.kapp.ratings_dir or Path.cwd()
            self.app.push_screen(ImportRatings(folder), lambda _: self.refresh_view())

    def action_people(self) -> None:
        from kollegial.tui.screens.people import People

        self.app.push_screen(People(), lambda _: self.refresh_view())

    def action_export(self) -> None:
        self.kapp.export_now()

    def action_next_theme(self) -> None:
        self.kapp.next_theme()
        # Only the projector theme's prompt grows: lay the step out again.
        self.refresh_view()

    async def action_phones(self) -> None:
        await self.kapp.show_phones()

    def action_edit_focus(self) -> None:
        from kollegial.tui.screens.dialogs import EditFocus

        session = self.kapp.session

        def edited(text: str | None) -> None:
            if text is not None and text.strip() != (session.focus or ""):
                self._do(session.set_focus, text)

        self.app.push_screen(EditFocus(session.focus or ""), edited)

    def action_page_ratings(self) -> None:
        bars = cast("RatingBars | None", self._panels.get("ratings"))
        if bars is not None and bars.display:
            bars.next_page()
            self.call_after_refresh(self._fit)

    def action_toggle_outline(self) -> None:
        self.toggle_class("-no-outline")

    def action_help(self) -> None:
        from kollegial.tui.screens.dialogs import Help

        self.app.push_screen(Help())

    def action_quit_meeting(self) -> None:
        self.kapp.ask_quit()
