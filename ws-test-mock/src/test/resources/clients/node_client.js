// An independent WebSocket client (node-ws 8) for the mock server's tests.
// Reads a JSON spec from argv[2], connects, runs its steps and prints one JSON list of what it saw:
//   {url, headers, subprotocols, ca, cert, key, timeout, steps: [{send}|{expect: n}|{ping}|{close: [c, r]}|{sleep: ms}]}
// Events: open, text, binary, ping, pong, refused (status, location), error (code, message), close (code, reason),
// timeout.
'use strict';
const fs = require('fs');
const WebSocket = require('ws');

const spec = JSON.parse(process.argv[2]);
const events = [];
let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  process.stdout.write(JSON.stringify(events) + '\n', () => process.exit(0));
}
setTimeout(() => { events.push({type: 'timeout'}); finish(); }, spec.timeout || 8000);

const opts = {handshakeTimeout: 5000, headers: spec.headers || {}};
if (spec.ca) opts.ca = fs.readFileSync(spec.ca);
if (spec.cert) { opts.cert = fs.readFileSync(spec.cert); opts.key = fs.readFileSync(spec.key); }
const ws = new WebSocket(spec.url, spec.subprotocols || [], opts);
let received = 0;
let waiting = null;

ws.on('unexpected-response', (req, res) => {
  events.push({type: 'refused', status: res.statusCode, location: res.headers.location || null,
    length: res.headers['content-length'] || null, connection: res.headers.connection || null});
  req.destroy();
  finish();
});
ws.on('error', (e) => events.push({type: 'error', code: e.code || null, message: e.message}));
ws.on('message', (data, isBinary) => {
  events.push(isBinary ? {type: 'binary', hex: data.toString('hex')} : {type: 'text', text: data.toString()});
  received++;
  if (waiting && received >= waiting.n) { const w = waiting; waiting = null; w.resolve(); }
});
ws.on('ping', (d) => events.push({type: 'ping', data: d.toString()}));
ws.on('pong', (d) => events.push({type: 'pong', data: d.toString()}));
ws.on('close', (code, reason) => { events.push({type: 'close', code, reason: reason.toString()}); finish(); });
ws.on('open', async () => {
  events.push({type: 'open', subprotocol: ws.protocol, extensions: ws.extensions});
  for (const step of spec.steps || []) {
    if (step.send !== undefined) ws.send(step.send);
    else if (step.expect !== undefined) await new Promise((resolve) => {
      if (received >= step.expect) resolve(); else waiting = {n: step.expect, resolve};
    });
    else if (step.ping !== undefined) ws.ping(step.ping);
    else if (step.close !== undefined) ws.close(step.close[0], step.close[1]);
    else if (step.sleep !== undefined) await new Promise((r) => setTimeout(r, step.sleep));
  }
});
