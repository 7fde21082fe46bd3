"""A room of phones: ``python load.py URL PROTOCOL STEP ROUNDS NAME...``.

One phone per name follows the meeting (server-sent events); once all of them
hear it, every phone sends its 18 ratings at once, then ROUNDS - 1 times more
with one value changed. Run as its own process, as phones are. Prints JSON:
each submission's latency (ms), the statuses, and whether every follower
heard the final count.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

import aiohttp

STATEMENTS = [
    f"{group}-{n}"
    for group in ("kvalitetsarbete", "kollegialt-larande", "pedagogiskt-ledarskap")
    for n in range(1, 7)
]


async def follow(http: aiohttp.ClientSession, url: str, heard: asyncio.Event, want: int) -> bool:
    """Read the events until the count says ``want`` have rated."""
    async with http.get(url + "events") as response:
        async for line in response.content:
            if not line.startswith(b"data: "):
                continue
            heard.set()
            if json.loads(line[6:])["rated"] == want:
                return True
    return False


async def main(url: str, protocol: str, step: int, rounds: int, names: list[str]) -> None:
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        heard = [asyncio.Event() for _ in names]
        followers = [asyncio.create_task(follow(http, url, h, len(names))) for h in heard]
        await asyncio.gather(*(h.wait() for h in heard))
        latencies: list[float] = []
        statuses: list[int] = []
        rounds_of: list[int] = []

        async def send(i: int, name: str, round_: int) -> None:
            values = {s: 1 + (i + k) % 4 for k, s in enumerate(STATEMENTS)}
            if round_:
                values[STATEMENTS[round_ % 18]] = 1 + (values[STATEMENTS[round_ % 18]] % 4)
            body = {"protocol": protocol, "step": step, "name": name, "values": values}
            start = time.perf_counter()
            async with http.post(url + "ratings", json=body) as response:
                await response.read()
                statuses.append(response.status)
            latencies.append((time.perf_counter() - start) * 1000)
            rounds_of.append(round_)

        print("BURST", flush=True)
        for round_ in range(rounds):
            await asyncio.gather(*(send(i, name, round_) for i, name in enumerate(names)))
            await asyncio.sleep(0.2)
        all_heard = await asyncio.wait_for(asyncio.gather(*followers), 30)
    worst = [
        max(ms for ms, r in zip(latencies, rounds_of, strict=True) if r == k) for k in range(rounds)
    ]
    print(
        json.dumps(
            {"latencies": latencies, "statuses": statuses, "heard": all(all_heard), "worst": worst}
        )
    )


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]))
