"""An independent WebSocket client (python3-websockets 10) for the mock server's tests.

Reads a JSON spec from argv[1], connects, runs its steps and prints one JSON list of what it saw:
  {"url", "headers", "subprotocols", "ca", "cert", "key", "open_timeout", "close_timeout", "steps": [
     {"send": "text"} | {"recv": n, "timeout": s} | {"ping": "payload", "timeout": s} |
     {"close": [code, "reason"]} | {"wait_closed": s} | {"sleep": s}]}
Events: open, text, binary, pong, pong_timeout, timeout, refused (status), handshake_error, connect_error,
closed (error class, rcvd/sent close codes), final (close_code, close_reason).
"""
import asyncio
import json
import ssl
import sys

import websockets
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatusCode


def closed_event(e):
    return {"type": "closed", "error": type(e).__name__,
            "rcvd": e.rcvd.code if e.rcvd else None, "sent": e.sent.code if e.sent else None,
            "reason": e.rcvd.reason if e.rcvd else None}


async def run(spec):
    events = []
    kw = dict(open_timeout=spec.get("open_timeout", 5), close_timeout=spec.get("close_timeout", 2),
              ping_interval=None, max_size=None)
    if spec.get("headers"):
        kw["extra_headers"] = list(spec["headers"].items())
    if spec.get("subprotocols"):
        kw["subprotocols"] = spec["subprotocols"]
    if spec["url"].startswith("wss"):
        ctx = ssl.create_default_context(cafile=spec.get("ca"))
        if spec.get("cert"):
            ctx.load_cert_chain(spec["cert"], spec["key"])
        kw["ssl"] = ctx
    try:
        ws = await websockets.connect(spec["url"], **kw)
    except InvalidStatusCode as e:
        events.append({"type": "refused", "status": e.status_code})
        return events
    except InvalidHandshake as e:
        events.append({"type": "handshake_error", "error": type(e).__name__, "message": str(e)})
        return events
    except Exception as e:  # noqa: BLE001 - the test wants to see whatever it was
        events.append({"type": "connect_error", "error": type(e).__name__, "message": str(e)})
        return events
    events.append({"type": "open", "subprotocol": ws.subprotocol, "path": ws.path})
    try:
        for step in spec.get("steps", []):
            if "send" in step:
                await ws.send(step["send"])
            elif "recv" in step:
                for _ in range(step["recv"]):
                    m = await asyncio.wait_for(ws.recv(), step.get("timeout", 5))
                    events.append({"type": "text", "text": m} if isinstance(m, str)
                                  else {"type": "binary", "hex": m.hex()})
            elif "ping" in step:
                waiter = await ws.ping(step["ping"])
                try:
                    await asyncio.wait_for(waiter, step.get("timeout", 2))
                    events.append({"type": "pong"})
                except asyncio.TimeoutError:
                    events.append({"type": "pong_timeout"})
            elif "close" in step:
                await ws.close(step["close"][0], step["close"][1])
            elif "wait_closed" in step:
                await asyncio.wait_for(ws.wait_closed(), step["wait_closed"])
            elif "sleep" in step:
                await asyncio.sleep(step["sleep"])
    except ConnectionClosed as e:
        events.append(closed_event(e))
    except asyncio.TimeoutError:
        events.append({"type": "timeout"})
    events.append({"type": "final", "close_code": ws.close_code, "close_reason": ws.close_reason})
    return events


def main():
    spec = json.loads(sys.argv[1])
    events = asyncio.run(run(spec))
    print(json.dumps(events), flush=True)


if __name__ == "__main__":
    main()
