"""A python3-websockets client for ws-test's strictness tests: connects to the URL given, says "go", then
reads until the connection closes. Whatever the server breaks, websockets decides how to fail the
connection; the test's raw server records the close frame it sends. Exits within 15 s whatever happens."""
import asyncio
import sys

import websockets


async def talk(url):
    try:
        async with websockets.connect(url, open_timeout=5, close_timeout=1) as ws:
            await ws.send("go")
            async for _ in ws:
                pass
    except websockets.ConnectionClosed:
        pass
    except Exception as e:  # a protocol error surfaces as ConnectionClosed; anything else is news
        print("python client: %r" % (e,), file=sys.stderr)


asyncio.run(asyncio.wait_for(talk(sys.argv[1]), 15))
