"""A real phone server on 127.0.0.1 around a real session, saved in a real store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest

from kollegial.protocols.discovery import resolve
from kollegial.serve.server import PhoneServer
from kollegial.session import Session
from kollegial.session.clock import SystemClock
from kollegial.store import Store
from kollegial.store.journal import Journal

PEOPLE = ["Anna", "Bo", "Cia"]


def to_rate_step(session: Session) -> None:
    while session.step.mode.value != "rate":
        session.next_step()


@dataclass
class Served:
    session: Session
    server: PhoneServer
    http: aiohttp.ClientSession
    store: Store
    session_id: int

    @property
    def url(self) -> str:
        return self.server.url

    def body(self, **kw: object) -> dict[str, object]:
        values = dict.fromkeys(self.session.rated_statements(), 2)
        return {
            "protocol": self.session.protocol.id,
            "step": self.session.current,
            "name": "Anna",
            "values": values,
            **kw,
        }


async def serve(protocol: str, people: list[str] = PEOPLE, **kw: object) -> Served:
    store = Store()
    clock = SystemClock()
    session_id = store.create(resolve(protocol), clock)
    journal = Journal(store, session_id)
    session = Session.start(resolve(protocol), people, clock, listeners=[journal], **kw)  # type: ignore[arg-type]
    server = PhoneServer(session, host="127.0.0.1", port=0, commits=journal)
    await server.start()
    http = aiohttp.ClientSession()
    return Served(session, server, http, store, session_id)


@pytest.fixture
async def tri() -> AsyncIterator[Served]:
    served = await serve("triangulering")
    to_rate_step(served.session)
    yield served
    await served.http.close()
    await served.server.stop()
