"""A python3-websockets client with permessage-deflate for ws-test's embedded-server tests.

argv: URL, mode ("default": websockets' own offer; "no-takeover": also offers server_no_context_takeover and
client_no_context_takeover). Sends three copies of a 2.8 KB text and one binary, expects each echoed back
unchanged, prints the negotiated extension. Exit 0 when all came back, 1 otherwise, within 15 s.
"""
import asyncio
import sys

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory

MESSAGE = "the quick brown fox jumps over the lazy dog, again and again\n" * 46


async def talk(url, mode):
    options = dict(compression="deflate")
    if mode == "no-takeover":
        options = dict(compression=None, extensions=[ClientPerMessageDeflateFactory(
            server_no_context_takeover=True, client_no_context_takeover=True)])
    async with websockets.connect(url, open_timeout=5, close_timeout=2, **options) as ws:
        print("python client negotiated: %s" % ws.response_headers.get("Sec-WebSocket-Extensions"), flush=True)
        for payload in [MESSAGE, MESSAGE, MESSAGE, MESSAGE.encode()]:
            await ws.send(payload)
            echo = await ws.recv()
            if echo != payload:
                print("python client: the echo differs from what was sent", file=sys.stderr)
                return 1
    return 0


sys.exit(asyncio.run(asyncio.wait_for(talk(sys.argv[1], sys.argv[2]), 15)))
