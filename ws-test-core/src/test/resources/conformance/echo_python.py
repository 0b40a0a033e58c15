"""Echo server on python3-websockets (Debian package) for the conformance cross-check.

Echoes every message on any path. Prints "PORT <n>"; exits when stdin closes.
"""
import asyncio
import logging
import sys

import websockets


async def handler(ws, path):
    try:
        async for message in ws:
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass


async def main():
    logging.basicConfig(level=logging.CRITICAL, stream=sys.stderr)
    server = await websockets.serve(handler, "127.0.0.1", 0, max_size=2 ** 20)
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    server.close()
    await server.wait_closed()


asyncio.run(main())
