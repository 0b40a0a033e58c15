"""python3-websockets with permessage-deflate, for ws-test's deflate interop tests: echoes every message.

argv[1] is the server's deflate set-up:
  default      websockets' own (context takeover both ways, 12-bit windows both ways)
  no-takeover  server_no_context_takeover and client_no_context_takeover, 15-bit windows
Prints "PORT <n>" once listening on an ephemeral loopback port; exits when stdin closes.
"""
import asyncio
import logging
import sys

import websockets
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory


async def echo(ws, path):
    try:
        async for message in ws:
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass


async def main(mode):
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if mode == "no-takeover":
        options = dict(compression=None, extensions=[
            ServerPerMessageDeflateFactory(server_no_context_takeover=True, client_no_context_takeover=True)])
    else:
        options = dict(compression="deflate")
    server = await websockets.serve(echo, "127.0.0.1", 0, max_size=None, **options)
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # ends when the test closes stdin
    server.close()
    await server.wait_closed()


asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "default"))
