"""``run`` and ``resume``: set up a meeting, then hand it to the TUI.

Everything that can go wrong before the meeting (a bad protocol, a bad option,
a locked session) is reported here, before the screen is taken over.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kollegial.errors import KollegialError, UsageError
from kollegial.i18n import t
from kollegial.protocols.discovery import resolve, with_variant
from kollegial.protocols.model import Protocol
from kollegial.serve import ServeSettings
from kollegial.session.session import validate_participants
from kollegial.store import Store
from kollegial.store.cache import ProtocolCache
from kollegial.tui.themes import NAMES as THEME_NAMES

DEMO_PARTICIPANTS = ("Anna", "Bo", "Cecilia", "David")


def parse_roles(protocol: Protocol, options: list[str], participants: list[str]) -> dict[str, str]:
    roles: dict[str, str] = {}
    known = {r.id for r in protocol.roles}
    for option in options:
        role, sep, name = option.partition("=")
        role, name = role.strip(), " ".join(name.split())
        if not sep or not role or not name:
            raise UsageError("err.bad_role_option", value=option)
        if role not in known:
            raise UsageError("err.unknown_role_id", role=role)
        if name not in participants:
            raise UsageError("err.unknown_participant", name=name)
        roles[role] = name
    return roles


def team_for_run(team: str | None, demo: bool) -> str | None:
    """``run --team``: the team given (remembered as this data folder's default), or the default.

    ``--team ""`` runs without a team and forgets the default. A demo neither
    takes the default nor changes it.
    """
    from kollegial.session.team import clean_team
    from kollegial.store import settings

    if team is None:
        if demo:
            return None
        saved = settings.load().get("team")
        return saved if isinstance(saved, str) and saved else None
    name = clean_team(team)
    if not demo:
        settings.save(team=name)
    return name


def serve_settings(serve: bool, host: str | None, port: int | None) -> ServeSettings | None:
    """``--serve`` (with ``--host``/``--port``): checked before the screen is taken over."""
    from kollegial.serve import DEFAULT_PORT, available

    if not serve:
        if host is not None or port is not None:
            raise UsageError("err.serve_options")
        return None
    if not available():
        raise UsageError("err.serve_missing")
    return ServeSettings(host.strip() if host else None, DEFAULT_PORT if port is None else port)


def _need_terminal() -> None:
    """The meeting screen draws on a terminal and reads its keys there.

    Without one (a pipe, a file, a service) Textual would start anyway and spin;
    so the command refuses before anything is saved or drawn.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("err.no_screen")


def _check_theme(theme: str | None) -> None:
    if theme is not None and theme.lower() not in THEME_NAMES:
        raise UsageError("err.bad_theme", theme=theme)


def run(
    ref: str,
    *,
    participants: str | None = None,
    role_options: list[str] | None = None,
    focus: str | None = None,
    theme: str | None = None,
    quiet: bool = False,
    demo: bool = False,
    ratings: Path | None = None,
    anonymous: bool = False,
    variant: str | None = None,
    team: str | None = None,
    serve: ServeSettings | None = None,
) -> None:
    protocol = with_variant(resolve(ref, cache=ProtocolCache()), variant)
    if team is not None:
        from kollegial.session.team import clean_team

        clean_team(team)  # a bad name is said before anything else is asked
    if ratings is not None and not ratings.is_dir():
        raise UsageError("err.ratings_dir", path=ratings)
    _check_theme(theme)
    start_now = True
    if demo:
        names = list(DEMO_PARTICIPANTS)
    elif participants is not None:
        names = validate_participants(participants.split(","))
    elif sys.stdin.isatty() and sys.stdout.isatty():
        from kollegial.prompts import ask_meeting

        setup = ask_meeting(protocol.title)
        names, focus, start_now = setup.participants, focus or setup.focus, setup.start_now
    else:
        raise UsageError("err.no_terminal")
    roles = parse_roles(protocol, role_options or [], names)
    team = team_for_run(team, demo)  # remembered once the meeting is set up
    if not start_now:
        print(t("run.not_started"))
        return
    _need_terminal()
    from kollegial.tui.app import make_app

    store = Store()
    follow = store.last_agreed(team) if team and store.path.exists() else None
    app = make_app(
        protocol,
        names,
        focus=focus,
        roles=roles,
        store=store,
        theme=theme,
        quiet=quiet,
        ratings_dir=ratings,
        anonymous=anonymous,
        demo=demo,
        team=team,
        follow_up=follow,
        serve=serve,
    )
    _lead(store, app)


def resume(
    ref: str | None,
    *,
    theme: str | None = None,
    quiet: bool = False,
    serve: ServeSettings | None = None,
) -> None:
    """``serve``: start the phone page with the resumed meeting (``resume --serve``)."""
    _check_theme(theme)
    store = Store()
    session_id = store.resolve_id(ref)
    from kollegial.tui.app import resume_app

    with store.lock(session_id):  # a meeting open elsewhere is said first,
        app = resume_app(  # a damaged one too
            store, session_id, theme=theme, quiet=quiet, serve=serve
        )
        _need_terminal()
        app.run()
        _finish(app)
    _goodbye(session_id)


def _lead(store: Store, app: object) -> None:
    from kollegial.tui.app import KollegialApp

    assert isinstance(app, KollegialApp) and app.session_id is not None
    with store.lock(app.session_id):
        app.run()
        _finish(app)
    _goodbye(app.session_id)


def _finish(app: object) -> None:
    """After the screen closes: write what still waits, or rescue the meeting into a file.

    Nothing may be lost when the data folder stopped working during the
    meeting, or its database file was replaced or removed (a sync client, a
    cleanup script): the whole session then goes to a JSON file here, for
    `import`. "Sparat" is said only after a fresh connection read it back.
    """
    from kollegial.tui.app import KollegialApp

    assert isinstance(app, KollegialApp)
    crashed = app.return_code not in (None, 0)
    if app.journal is None or app.journal.finish(app.session):
        if crashed:  # Textual has shown the error; the meeting itself is on disk
            raise KollegialError("err.screen_crashed", id=app.session_id)
        return
    from datetime import datetime

    from kollegial.export import render_json
    from kollegial.files import unique_path, write_private

    stem = f"kollegial-{app.session.protocol.id}-{datetime.now():%Y%m%d-%H%M%S}"
    path = unique_path(Path.cwd(), stem, ".json")
    write_private(path, render_json(app.session, team=app.team))
    lost = app.journal.store.lost
    raise KollegialError("err.rescued_lost" if lost else "err.rescued", path=path)


def _goodbye(session_id: int) -> None:
    print(t("run.saved", id=session_id))
