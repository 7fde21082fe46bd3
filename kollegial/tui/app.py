"""The meeting app and its factory, used alike by the CLI and the tests."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from kollegial import collector
from kollegial.errors import KollegialError
from kollegial.i18n import t
from kollegial.protocols.model import Protocol
from kollegial.session.clock import Clock, SystemClock
from kollegial.session.session import Session
from kollegial.store import settings
from kollegial.store.db import Store
from kollegial.store.journal import Journal
from kollegial.tui import themes
from kollegial.tui.screens.meeting import MeetingScreen
from kollegial.values import Record, record

if TYPE_CHECKING:
    from textual.theme import Theme

    from kollegial.serve import ServeSettings
    from kollegial.serve.server import PhoneServer
    from kollegial.session import ratingsfile
    from kollegial.session.team import FollowUp

    Checked = tuple[list[ratingsfile.RatingsFile], list[ratingsfile.RatingsFileError]]
    """What ratingsfile.check_batch says: the files to take in, the refused ones."""

CHECKPOINT_SECONDS = 5.0
WATCH_SECONDS = 2.0
IMPORT_GROUP = "ratings-import"
NOTIFY_AT_MOST = 5
PHONES_REDRAW_SECONDS = 0.1
"""A burst of phones' ratings redraws the wall once, this long after the first."""
"""Messages shown for one watched-folder import; the rest are counted."""


@record
class ImportResult(Record):
    """What one import did: files taken in, files refused, people asked about."""

    imported: list[ratingsfile.RatingsFile] = field(default_factory=list)
    problems: list[ratingsfile.RatingsFileError] = field(default_factory=list)
    replacing: list[ratingsfile.RatingsFile] = field(default_factory=list)


class KollegialApp(App[None]):
    """Shows one session; every key becomes a session command, saved as it happens."""

    CSS_PATH = "app.tcss"
    TITLE = "kollegial"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        session: Session,
        *,
        journal: Journal | None = None,
        theme: str | None = None,
        quiet: bool = False,
        export_dir: Path | None = None,
        ratings_dir: Path | None = None,
        serve: ServeSettings | None = None,
    ) -> None:
        # The theme is chosen before App.__init__ builds the stylesheet, so the
        # CSS is parsed once, in the right colours. Setting ``self.theme`` after
        # it made Textual parse and apply all the CSS a second time (~6 ms of
        # every start; docs/architecture.md, start-up).
        name = themes.theme_name(theme or settings.load().get("theme"))
        self.set_reactive(App.theme, name)
        super().__init__()
        for theme_ in themes.THEMES:
            self.register_theme(theme_)
        dark = self.current_theme.dark
        self.set_class(True, f"-theme-{name}", update=False)
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.session = session
        self.journal = journal
        self.quiet = quiet
        self.export_dir = export_dir or Path.cwd()
        self.ratings_dir = ratings_dir
        self._seen_files: dict[Path, float] = {}
        self._imported_names: list[str] = []
        self.draft = ""
        self.follow_up: FollowUp | None = None
        """What the meeting's team agreed last time: shown on the first step."""
        self.team: str | None = None
        """The meeting's team, for the JSON file a lost data folder is rescued into."""
        self._store_failing = False
        self._importing = False
        self._exported: tuple[Path, str] | None = None
        """The file this app last exported to, and what it wrote there."""
        self._drawn = False  # the first frame is on screen
        self._leave_when_drawn = False
        self.serve = serve
        """Start the phone page with the meeting (``run --serve``), here."""
        self.phones: PhoneServer | None = None
        self._phones_redraw = False

    def get_theme(self, theme_name: str) -> Theme | None:
        # Our themes are known before they are registered: App.__init__ asks
        # for the current theme's colours before we can register anything.
        return themes.BY_NAME.get(theme_name) or super().get_theme(theme_name)

    @property
    def session_id(self) -> int | None:
        return self.journal.session_id if self.journal else None

    def on_ready(self) -> None:
        """The first frame is on screen."""
        collector.settle()  # see kollegial.collector
        self._drawn = True
        if self._leave_when_drawn:
            self.leave()

    def get_default_screen(self) -> MeetingScreen:
        # The meeting is the first screen itself: pushing it over Textual's blank
        # default screen painted that blank screen first (~30 ms of the first frame).
        return MeetingScreen()

    def on_load(self) -> None:
        """Sent before Textual takes over the terminal: from here on, signals end us cleanly."""
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop = asyncio.get_running_loop()
            # A closed terminal window (SIGHUP) or a shutdown (SIGTERM): everything
            # is on disk already; leave cleanly so the terminal is restored. Set
            # on load, not on mount: a signal while the screen starts must not
            # interrupt Textual between switching the terminal and restoring it.
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, self._signalled)

    def _signalled(self) -> None:
        """SIGTERM or SIGHUP: leave now, or once the screen is built (not halfway through)."""
        if self._drawn:
            self.leave()
        else:
            self._leave_when_drawn = True

    def on_mount(self) -> None:
        if self.session.ended:
            self.show_closing()
        if self.journal is not None:
            self.set_interval(CHECKPOINT_SECONDS, self.checkpoint)
        if self.ratings_dir is not None:
            self.set_interval(WATCH_SECONDS, self.watch_ratings)
        if self.serve is not None:
            self.run_worker(self.show_phones(), exit_on_error=False)

    async def on_unmount(self) -> None:
        await self.stop_phones(quiet=True)

    # --- the one way commands reach the session ---

    def command(self, fn: Callable[..., Any], *args: Any) -> bool:
        """Run a session command; a refusal becomes a message on screen."""
        try:
            fn(*args)
        except KollegialError as exc:
            self.notify(exc.render(), severity="warning")
            return False
        finally:
            self.after_change()
        return True

    def after_change(self) -> None:
        """Say so when saving fails, and when it works again."""
        if self.phones is not None:
            self.phones.changed()
        journal = self.journal
        if journal is None:
            return
        if journal.error is not None and not self._store_failing:
            self._store_failing = True
            key = "tui.store_lost" if journal.store.lost else "tui.store_failed"
            self.notify(t(key, error=journal.error.render()), severity="error", timeout=30)
        elif journal.error is None and self._store_failing:
            self._store_failing = False
            self.notify(t("tui.store_recovered"))

    def checkpoint(self) -> None:
        if self.journal is not None:
            self.journal.checkpoint(self.session)
            self.after_change()

    def save_draft(self, text: str) -> None:
        """The note field changed: keep its text on disk too."""
        if text == self.draft:
            return
        self.draft = text
        if self.journal is not None:
            self.journal.save_draft(text)
            self.after_change()

    # --- screens ---

    def show_closing(self) -> None:
        from kollegial.tui.screens.closing import Closing

        if not isinstance(self.screen, Closing):
            self.push_screen(Closing())

    def show_meeting(self) -> None:
        while not isinstance(self.screen, MeetingScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        if isinstance(self.screen, MeetingScreen):
            self.screen.refresh_view()

    def leave(self) -> None:
        """Save where the timers stand and stop; the caller saves whatever is still waiting."""
        self.checkpoint()
        self.exit()

    def ask_quit(self) -> None:
        from kollegial.tui.screens.dialogs import ConfirmQuit

        def answered(quit_: bool | None) -> None:
            if quit_:
                self.leave()

        unsaved = self.journal is not None and bool(self.journal.pending)
        lost = self.journal is not None and self.journal.store.lost
        self.push_screen(
            ConfirmQuit(self.session_id, unsaved, lost, ended=self.session.ended), answered
        )

    async def action_quit(self) -> None:
        """ctrl+q asks too: quitting by accident must not end a meeting."""
        self.ask_quit()

    # --- the phone page ---

    async def show_phones(self) -> None:
        """Start the phone page if it is not running, and show its QR code on the wall.

        Whatever fails (no extra, no network, a port taken) is said on the
        wall; the meeting goes on.
        """
        from kollegial import serve

        if self.phones is None:
            if not serve.available():
                self.notify(t("err.serve_missing"), severity="error", timeout=15)
                return
            from kollegial.serve.server import PhoneServer

            settings_ = self.serve or serve.ServeSettings()
            phones = PhoneServer(
                self.session,
                host=settings_.host,
                port=settings_.port,
                on_change=self._phone_changed,
                commits=self.journal,
            )
            try:
                await phones.start()
            except KollegialError as exc:
                self.notify(exc.render(), severity="error", timeout=30)
                # The next try takes any free port.
                self.serve = serve.ServeSettings(settings_.host, 0)
                return
            self.phones = phones
            self._refresh_meeting()
        from kollegial.tui.screens.phones import Phones

        if not isinstance(self.screen, Phones):
            self.push_screen(Phones(self.phones))

    async def stop_phones(self, *, quiet: bool = False) -> None:
        phones, self.phones = self.phones, None
        if phones is not None:
            await phones.stop()
            if not quiet:
                self.notify(t("tui.phones_stopped"))
                self._refresh_meeting()

    def _phone_changed(self) -> None:
        """A phone's rating or note went into the session: say any saving trouble, show the count.

        The wall is redrawn once for a burst of phones, not once for each:
        30 phones sending at once must not hold the leader's keys up.
        """
        self.after_change()
        if not self._phones_redraw:
            self._phones_redraw = True
            self.set_timer(PHONES_REDRAW_SECONDS, self._redraw_for_phones)

    def _redraw_for_phones(self) -> None:
        from kollegial.tui.screens.phones import Phones

        self._phones_redraw = False
        for screen in self.screen_stack:
            if isinstance(screen, MeetingScreen):
                screen.refresh_for_phones()
        if isinstance(self.screen, Phones):
            self.screen.refresh_count()

    # --- ratings files ---

    def import_ratings(self, where: Path, *, only_new: bool = False) -> ImportResult:
        """Import every ratings file at ``where`` (a file or a folder), here and now.

        A file is taken whole or not at all; a person who already has ratings
        is asked about before their ratings are replaced. The screen imports
        with :meth:`start_import` instead, which reads the files off the event
        loop.
        """
        from kollegial.session import ratingsfile

        batch = ratingsfile.read_all(where, self._seen_files if only_new else None)
        assert batch is not None  # nothing can cancel it
        return self._take_in(batch)

    def start_import(
        self,
        where: Path,
        *,
        only_new: bool = False,
        done: Callable[[ImportResult], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> bool:
        """Read the files at ``where`` in a thread, then take them in on the event loop.

        A shared folder may hold 10,000 files, or files that are slow to read:
        keys keep working meanwhile. ``progress(read, total)`` is
        called on the event loop now and then; ``done(result)`` at the end.
        False when an import is still running (nothing is started).
        """
        from kollegial.session import ratingsfile

        if self._importing:
            return False
        self._importing = True
        seen = dict(self._seen_files) if only_new else None
        protocol, participants = self.session.protocol, list(self.session.participants)
        # No collections while the files are read: each full one walks every file
        # read so far, in the worker but holding the interpreter, so keys waited
        # up to 0.46 s, longer with every 1,000 files (bench import-keys). What
        # is read holds no cycles; refcounts free it.
        collecting = collector.pause()

        def on_loop(fn: Callable[..., Any], *args: Any) -> None:
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                self.call_from_thread(fn, *args)

        def report(read: int, total: int) -> None:
            if progress is not None:
                on_loop(progress, read, total)

        def finish(batch: ratingsfile.Batch | None, checked: Checked | None) -> None:
            self._importing = False
            try:
                if batch is not None:
                    if participants != self.session.participants:
                        checked = None  # checked against who was there when it started
                    result = self._take_in(batch, checked)
                    if done is not None:
                        done(result)
            finally:
                collector.keep(collecting)

        def work() -> None:
            from textual.worker import get_current_worker

            worker = get_current_worker()
            batch = checked = None
            try:
                # Many files are parsed in a child process: in this one they held
                # the interpreter the screen's thread needs (bench import-keys).
                batch = ratingsfile.read_all(
                    where,
                    seen,
                    report,
                    lambda: worker.is_cancelled,
                    child_from=ratingsfile.CHILD_FROM,
                )
                if batch is not None:
                    # Here too, not on the screen's loop: 10,000 files held keys
                    # for over a second there (key → repaint, bench import-keys).
                    checked = ratingsfile.check_batch(batch.files, protocol, participants)
            finally:
                on_loop(finish, batch, checked)

        self.run_worker(work, thread=True, group=IMPORT_GROUP, exit_on_error=False)
        return True

    def cancel_import(self) -> None:
        """Stop reading files; nothing read so far is taken in."""
        self.workers.cancel_group(self, IMPORT_GROUP)

    def _take_in(self, batch: ratingsfile.Batch, checked: Checked | None = None) -> ImportResult:
        """Take read files in: on the event loop, as every session command is.

        ``checked`` is :func:`ratingsfile.check_batch`'s answer when the worker
        already worked it out.
        """
        from kollegial.session import ratingsfile

        self._seen_files.update(batch.seen)
        plan = ratingsfile.plan_import(
            batch.files, self.session, self._imported_names, checked=checked
        )
        result = ImportResult(problems=[*batch.problems, *plan.refused], replacing=list(plan.ask))
        for take in plan.take:
            if self.command(self.session.replace_ratings, take.rater, take.file.values):
                result.imported.append(take.file)
                if self.session.anonymous:
                    # Only guards against importing a person twice while this
                    # app runs; never written down.
                    self._imported_names.append(take.file.name)
        self._ask_replace(result.replacing)
        if result.imported:
            # Only then: behind a dialog, redrawing the meeting repaints the whole
            # screen twice, and keys wait (end of a 10,000-file import, import-keys).
            self._refresh_meeting()
        return result

    def _ask_replace(self, files: list[ratingsfile.RatingsFile]) -> None:
        from kollegial.tui.screens.imports import ConfirmReplace

        if not files:
            return
        file, rest = files[0], files[1:]

        def answered(replace: bool | None) -> None:
            if replace:
                self.command(self.session.replace_ratings, file.name, file.values)
                self.notify(t("tui.import_replaced", name=file.name))
            self._refresh_meeting()
            self._ask_replace(rest)

        self.push_screen(ConfirmReplace(file.name, file.path.name), answered)

    def watch_ratings(self) -> None:
        """During a rating step, take in new files from the watched folder."""
        from kollegial.protocols.model import Mode

        if self.ratings_dir is None or self.session.step.mode is not Mode.RATE:
            return
        self.start_import(self.ratings_dir, only_new=True, done=self._say_imported)

    def _say_imported(self, result: ImportResult) -> None:
        """What the watched folder brought: a few messages, then how many more."""
        for file in result.imported[:NOTIFY_AT_MOST]:
            self.notify(t("tui.import_done", name=file.name, file=file.path.name))
        for problem in result.problems[:NOTIFY_AT_MOST]:
            self.notify(problem.render(), severity="warning", timeout=15)
        more = max(0, len(result.imported) - NOTIFY_AT_MOST)
        more += max(0, len(result.problems) - NOTIFY_AT_MOST)
        if more:
            self.notify(t("tui.import_more", count=more), severity="warning", timeout=15)

    def _refresh_meeting(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MeetingScreen):
                screen.refresh_view()

    # --- export and themes ---

    def export_now(self) -> Path | None:
        """Write the markdown export to ``<date>-<protocol>.md`` here.

        The first export takes a name no file has yet; each later one updates
        that same file in place, as long as it still holds what this meeting
        wrote there. A file that is not this meeting's is never overwritten
        (changed by someone since, the export goes to a new name).
        """
        from kollegial.export import render_markdown
        from kollegial.files import unique_path, write_private

        started = self.session.started_at or self.session.clock.now()
        stem = f"{started.astimezone():%Y-%m-%d}-{self.session.protocol.id}"
        try:
            text = render_markdown(self.session)
            path = self._own_export()
            if path is None:
                path = unique_path(self.export_dir, stem, ".md")
            write_private(path, text)
        except KollegialError as exc:
            self.notify(exc.render(), severity="error", timeout=15)
            return None
        self._exported = (path, text)
        self.notify(t("tui.saved_to", path=path), timeout=10)
        return path

    def _own_export(self) -> Path | None:
        """The file this meeting last exported to, if it still holds exactly that export."""
        if self._exported is None:
            return None
        path, text = self._exported
        try:
            if path.is_file() and not path.is_symlink():
                with path.open(encoding="utf-8", newline="") as handle:
                    if handle.read() == text:
                        return path
        except (OSError, UnicodeDecodeError):
            pass
        return None

    def next_theme(self) -> None:
        names = [th.name for th in themes.THEMES]
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        settings.save(theme=self.theme)
        self.notify(t("tui.theme", name=self.theme.removeprefix("kollegial-")), timeout=2)


def make_app(
    protocol: Protocol,
    participants: Iterable[str],
    *,
    clock: Clock | None = None,
    focus: str | None = None,
    roles: Mapping[str, str] | None = None,
    store: Store | None = None,
    theme: str | None = None,
    quiet: bool = False,
    export_dir: Path | None = None,
    ratings_dir: Path | None = None,
    anonymous: bool = False,
    demo: bool = False,
    team: str | None = None,
    follow_up: FollowUp | None = None,
    serve: ServeSettings | None = None,
) -> KollegialApp:
    """A new meeting of ``protocol``; saved in ``store`` when one is given.

    ``demo``: a try-out with example ratings, marked as such in the store.
    ``team``: whose meeting it is; ``follow_up``: what that team agreed last
    time, shown on the first step.
    ``serve``: start the phone page with the meeting (``run --serve``).
    """
    clock = clock or SystemClock()
    journal = None
    with store.starting() if store is not None else contextlib.nullcontext():
        listeners = []
        if store is not None:
            journal = Journal(store, store.create(protocol, clock, demo=demo, team=team))
            listeners.append(journal)
        session = Session.start(
            protocol,
            participants,
            clock,
            focus=focus,
            roles=roles,
            listeners=listeners,
            anonymous=anonymous,
        )
        if demo and not anonymous:
            from kollegial.session.ratings import example_ratings

            for name, values in example_ratings(protocol, session.participants).items():
                session.replace_ratings(name, values)
        if journal is not None and journal.error is not None:
            raise journal.error  # the start is kept whole or not at all
    app = KollegialApp(
        session,
        journal=journal,
        theme=theme,
        quiet=quiet,
        export_dir=export_dir,
        ratings_dir=ratings_dir,
        serve=serve,
    )
    app.follow_up = follow_up
    app.team = team
    return app


def resume_app(
    store: Store,
    session_id: int,
    *,
    clock: Clock | None = None,
    theme: str | None = None,
    quiet: bool = False,
    export_dir: Path | None = None,
    serve: ServeSettings | None = None,
) -> KollegialApp:
    """A saved meeting, where it stopped; timers paused until the leader starts them.

    ``serve``: start the phone page with it (``resume --serve``).
    """
    session = store.load(session_id, clock or SystemClock())
    journal = Journal(store, session_id)
    session.listeners.append(journal)
    app = KollegialApp(
        session, journal=journal, theme=theme, quiet=quiet, export_dir=export_dir, serve=serve
    )
    app.draft = store.draft(session_id)
    app.team = team = store.team(session_id)
    app.follow_up = store.last_agreed(team, before=session_id) if team else None
    return app
