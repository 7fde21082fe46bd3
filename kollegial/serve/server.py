"""The phone page's web server: aiohttp, in the meeting app's own event loop.

Every request needs the meeting's token in its path; any other path is a
plain 404, so a guess learns nothing. Request bodies are capped. A phone's
request becomes a session command on the event loop, between two keys of the
leader, exactly like one: :mod:`kollegial.session.remote` holds the rules.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import AsyncIterator, Callable
from typing import Any, Protocol

from aiohttp import web

from kollegial.errors import KollegialError
from kollegial.i18n import Lang, get_language, t
from kollegial.serve import page
from kollegial.serve.net import ALL_INTERFACES, lan_address
from kollegial.session import remote
from kollegial.session.session import Session

MAX_BODY = 16 * 1024
"""Bytes a request may send: 18 ratings take some 600, a long note 10,000 characters."""
MAX_FOLLOWERS = 200
"""Pages following the meeting at once; more are told to come back (503)."""
PUSH_SECONDS = 1.0
"""How often followers hear the time left, when nothing else changes."""
KEEPALIVE_SECONDS = 15.0
TELL_SECONDS = 0.05
"""Changes this close together reach the followers as one."""


class Commits(Protocol):
    """Holds events back and commits them together (:class:`kollegial.store.journal.Journal`)."""

    seen: int
    """Events given to it so far."""
    written: int
    """Of them, on disk (the first ``written``)."""

    def hold(self) -> None: ...

    async def commit(self) -> None:
        """Write what is held, off the event loop; on disk when it returns (or kept waiting)."""


class PhoneServer:
    """Serves one meeting's phone page while it runs; started and stopped by the app."""

    def __init__(
        self,
        session: Session,
        *,
        host: str | None = None,
        port: int = 0,
        on_change: Callable[[], None] | None = None,
        commits: Commits | None = None,
        lang: Lang | None = None,
        token: str | None = None,
    ) -> None:
        """``commits``: the store's journal, to commit a burst of phones' events at once."""
        self.session = session
        self.host = host
        self.port = port
        self.on_change = on_change
        self.commits = commits
        self._committed: asyncio.Future[None] | None = None
        """Resolved when the events held for the requests of this moment are on disk."""
        self.lang: Lang = lang or get_language()
        self.token = token or remote.new_token()
        self.raters = remote.PhoneRaters()
        self.address: str | None = None
        """The address phones use: the one listened on, or the LAN address for all interfaces."""
        self._runner: web.AppRunner | None = None
        self._tick = asyncio.Event()
        """Set (and replaced) at each change: followers wait on the one they last saw."""
        self._state: bytes | None = None
        """The public state as sent, made once per change for every follower."""
        self._tell: asyncio.TimerHandle | None = None
        self._followers = 0
        self._pusher: asyncio.Task[None] | None = None
        self._committing: set[asyncio.Task[None]] = set()

    # --- starting and stopping ---

    @property
    def running(self) -> bool:
        return self._runner is not None

    @property
    def everywhere(self) -> bool:
        """Listening on every network of the laptop, not only the local one."""
        return self.host in ALL_INTERFACES

    @property
    def url(self) -> str:
        host = self.address or "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/{self.token}/"

    async def start(self) -> str:
        """Listen, and return the page's address.

        Raises:
            KollegialError: no local network, the port is taken, the address is
                not this laptop's: said on the wall; the meeting goes on.
        """
        host = self.host or lan_address()
        if host is None:
            raise KollegialError("err.serve_no_network")
        app = web.Application(client_max_size=MAX_BODY, handler_args={"max_field_size": 8190})
        app.router.add_get("/{token}/", self._page)
        app.router.add_get("/{token}/events", self._events)
        app.router.add_post("/{token}/ratings", self._ratings)
        app.router.add_post("/{token}/note", self._note)
        # No log lines: the terminal belongs to the meeting screen.
        logger = logging.getLogger("aiohttp")
        logger.propagate = False
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, self.port)
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            raise KollegialError(
                "err.serve_failed", host=host, port=self.port, reason=exc.strerror or str(exc)
            ) from None
        server = site._server
        if self.port == 0 and server is not None:
            sockets = getattr(server, "sockets", None) or []
            self.port = int(sockets[0].getsockname()[1])
        self.address = (lan_address() or "127.0.0.1") if self.everywhere else host
        self._runner = runner
        self._pusher = asyncio.create_task(self._push_time())
        return self.url

    async def stop(self) -> None:
        """Stop listening; open pages say the connection is gone."""
        runner, self._runner = self._runner, None
        if self._pusher is not None:
            self._pusher.cancel()
            self._pusher = None
        if self._tell is not None:
            self._tell.cancel()
        self._tell_followers()  # followers leave their loops
        if self._committing:  # what phones sent is on disk before the page goes
            await asyncio.gather(*self._committing, return_exceptions=True)
        if runner is not None:
            await runner.cleanup()

    def changed(self) -> None:
        """Something in the meeting changed: followers hear it within a moment.

        Thirty phones sending at once make one message to each follower, not
        thirty (measured: the writes to every follower after every sending
        held the others' answers up).
        """
        self._state = None
        if self._tell is None:
            loop = asyncio.get_running_loop()
            self._tell = loop.call_later(TELL_SECONDS, self._tell_followers)

    def _tell_followers(self) -> None:
        self._tell = None
        tick, self._tick = self._tick, asyncio.Event()
        tick.set()

    async def _push_time(self) -> None:
        while True:
            await asyncio.sleep(PUSH_SECONDS)
            if self._followers:
                self.changed()

    # --- requests ---

    def _check(self, request: web.Request) -> None:
        if not secrets.compare_digest(request.match_info["token"].encode(), self.token.encode()):
            raise web.HTTPNotFound()

    async def _page(self, request: web.Request) -> web.Response:
        self._check(request)
        nonce = secrets.token_urlsafe(16)
        body = page.render(self.session, self.lang, nonce)
        return web.Response(
            text=body, content_type="text/html", charset="utf-8", headers=_headers(nonce)
        )

    async def _events(self, request: web.Request) -> web.StreamResponse:
        self._check(request)
        if self._followers >= MAX_FOLLOWERS:
            raise web.HTTPServiceUnavailable(headers={"Retry-After": "10"})
        response = web.StreamResponse(
            headers={
                **_headers(None),
                "Content-Type": "text/event-stream",
                "X-Accel-Buffering": "no",
            }
        )
        self._followers += 1
        try:
            await response.prepare(request)
            async for state in self._states():
                await response.write(state)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._followers -= 1
        return response

    async def _states(self) -> AsyncIterator[bytes]:
        """The meeting's public state whenever it changes, and a comment now and then."""
        last = b""
        while self.running:
            tick = self._tick
            if self._state is None:
                state = json.dumps(remote.live_state(self.session), ensure_ascii=False)
                self._state = f"data: {state}\n\n".encode()
            if self._state != last:
                last = self._state
                yield last
            try:
                await asyncio.wait_for(tick.wait(), KEEPALIVE_SECONDS)
            except TimeoutError:
                yield b": \n\n"

    async def _ratings(self, request: web.Request) -> web.Response:
        self._check(request)
        body = await _json(request)
        self._hold()
        return await self._do(
            lambda: {
                "rater": remote.submit_ratings(
                    self.session,
                    self.raters,
                    protocol=body.get("protocol"),
                    step=body.get("step"),
                    name=body.get("name"),
                    values=body.get("values"),
                )
            }
        )

    async def _note(self, request: web.Request) -> web.Response:
        self._check(request)
        body = await _json(request)

        def note() -> dict[str, Any]:
            remote.submit_note(
                self.session,
                protocol=body.get("protocol"),
                step=body.get("step"),
                name=body.get("name"),
                text=body.get("text"),
            )
            return {}

        self._hold()
        return await self._do(note)

    async def _do(self, command: Callable[[], dict[str, Any]]) -> web.Response:
        """Run a phone's command on the session; a refusal is a message the phone shows.

        The answer waits until the command's events are on disk. Phones that
        send at the same moment share one commit (:meth:`_commit`).
        """
        before = len(self.session.events)
        try:
            result = command()
        except KollegialError as exc:
            return web.json_response(
                {"error": exc.render(self.lang)}, status=400, headers=_headers(None)
            )
        commits = self.commits
        # Everything in the meeting now, the phone's own events among it (or,
        # sent again unchanged, its earlier ones), must be on disk before "sent".
        mine = commits.seen if commits is not None else 0
        if len(self.session.events) != before:
            if self.on_change is not None:
                self.on_change()
            self.changed()
        await self._on_disk()
        if commits is not None and commits.written < mine:
            # Kept in the meeting and written when the disk works again; the
            # phone is not told "sent" before that (the wall says what is wrong).
            return web.json_response(
                {"error": t("err.phone_not_saved", self.lang)},
                status=503,
                headers=_headers(None),
            )
        return web.json_response({"ok": True, **result}, headers=_headers(None))

    def _hold(self) -> None:
        """Hold the events of the requests being handled now, to commit them all at once."""
        if self.commits is not None and self._committed is None:
            self.commits.hold()
            self._committed = asyncio.get_running_loop().create_future()
            # After the requests that are ready now have run their commands.
            asyncio.get_running_loop().call_soon(self._commit)

    def _commit(self) -> None:
        """Commit what the requests of this moment did; requests coming meanwhile hold anew."""
        committed, self._committed = self._committed, None
        task = asyncio.ensure_future(self._write(committed))
        self._committing.add(task)
        task.add_done_callback(self._committing.discard)

    async def _write(self, committed: asyncio.Future[None] | None) -> None:
        try:
            if self.commits is not None:
                await self.commits.commit()
        finally:
            if committed is not None and not committed.done():
                committed.set_result(None)

    async def _on_disk(self) -> None:
        if self._committed is not None:
            await asyncio.shield(self._committed)


async def _json(request: web.Request) -> dict[str, Any]:
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise web.HTTPRequestEntityTooLarge(max_size=MAX_BODY, actual_size=request.content_length)
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise web.HTTPBadRequest() from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest()
    return body


def _headers(nonce: str | None) -> dict[str, str]:
    """No outside resources, no caching, and the token never leaves in a Referer."""
    script = f"'nonce-{nonce}'" if nonce else "'none'"
    return {
        "Content-Security-Policy": (
            f"default-src 'none'; script-src {script}; style-src 'unsafe-inline'; "
            "connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"
        ),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    }
