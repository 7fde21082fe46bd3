"""The baseline for tests/e2e/test_phone_load.py: bare aiohttp answering what load.py sends.

Same library, same requests, no meeting: what the machine itself costs at
the moment. Prints its URL, then serves until killed.
"""

from __future__ import annotations

import asyncio

from aiohttp import web


async def main() -> None:
    async def ratings(request: web.Request) -> web.Response:
        await request.json()
        return web.json_response({"ok": True})

    async def events(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(b'data: {"rated": 0}\n\n')
        rated = int(request.query.get("want", "30"))
        await asyncio.sleep(1.5)
        await response.write(f'data: {{"rated": {rated}}}\n\n'.encode())
        return response

    app = web.Application()
    app.router.add_post("/t/ratings", ratings)
    app.router.add_get("/t/events", events)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server = site._server
    assert server is not None
    port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
    print(f"http://127.0.0.1:{port}/t/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
