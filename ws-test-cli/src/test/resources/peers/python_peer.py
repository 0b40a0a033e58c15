"""An independent WebSocket server (python3-websockets, Debian package) for ws-test's interop tests.

Routes by path:
  /echo       echo every message back
  /close4001  close right away with 4001 "bye from python"
  /fragments  send one text message in three frames ("frag" "ment" "ed"), then echo
  /ping       send a ping with payload b"hb", then echo
  /secure     refuse with 401 unless an Authorization header is present, then echo
Prints "PORT <n>" once listening on an ephemeral loopback port; exits when stdin closes.
"""
import asyncio
import http
import logging
import sys

import websockets


async def process_request(path, headers):
    if path.startswith("/secure") and "Authorization" not in headers:
        return http.HTTPStatus.UNAUTHORIZED, [("WWW-Authenticate", "Bearer realm=\"ws-test\"")], b"unauthorized\n"
    return None


async def handler(ws, path):
    if path == "/close4001":
        await ws.close(4001, "bye from python")
        return
    if path == "/fragments":
        await ws.send(["frag", "ment", "ed"])
    if path == "/ping":
        pong = await ws.ping(b"hb")
        # the pong may never come if the client leaves first; mark the outcome as seen either way
        pong.add_done_callback(lambda f: f.cancelled() or f.exception())
    try:
        async for message in ws:
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass


async def main():
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    server = await websockets.serve(handler, "127.0.0.1", 0, process_request=process_request)
    port = server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # ends when the test closes our stdin
    server.close()
    await server.wait_closed()


asyncio.run(main())
