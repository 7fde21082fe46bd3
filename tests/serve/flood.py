"""A phone gone wild: ``python flood.py URL RATE SECONDS`` posts RATE requests a second.

Run as its own process, as a real phone is: its own work must not count as the
server's. Prints the number of answers by status as JSON.
"""

from __future__ import annotations

import asyncio
import collections
import json
import sys
import time

import aiohttp


async def main(url: str, rate: int, seconds: int) -> None:
    counts: collections.Counter[int] = collections.Counter()
    body = {"protocol": "x", "step": 1, "name": "Anna", "values": {"x": 1}}
    connector = aiohttp.TCPConnector(limit=50)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def one() -> None:
            try:
                async with http.post(url, json=body) as response:
                    await response.read()
                    counts[response.status] += 1
            except aiohttp.ClientError:
                counts[0] += 1

        started = time.perf_counter()
        tasks = []
        for second in range(seconds):
            tasks += [asyncio.create_task(one()) for _ in range(rate)]
            pause = started + second + 1 - time.perf_counter()
            await asyncio.sleep(max(0.0, pause))
        await asyncio.gather(*tasks)
    print(json.dumps({"counts": dict(counts), "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
