// A node-ws client with permessage-deflate for ws-test's embedded-server tests.
// argv: URL, mode ("default": perMessageDeflate true; "no-takeover": server/clientNoContextTakeover).
// Sends three copies of a 2.8 KB text and one binary, expects each echoed unchanged. Exit 0 when all came
// back, 1 otherwise, within 15 s.
'use strict';
const WebSocket = require('ws');

const [url, mode] = process.argv.slice(2);
const MESSAGE = 'the quick brown fox jumps over the lazy dog, again and again\n'.repeat(46);
const payloads = [MESSAGE, MESSAGE, MESSAGE, Buffer.from(MESSAGE)];
const ws = new WebSocket(url, {
  perMessageDeflate: mode === 'no-takeover'
    ? { serverNoContextTakeover: true, clientNoContextTakeover: true } : true,
});
setTimeout(() => { console.error('node client: timed out'); process.exit(1); }, 15000).unref();
let at = 0;
ws.on('open', () => {
  console.log('node client negotiated: ' + ws.extensions);
  ws.send(payloads[0]);
});
ws.on('message', (data, isBinary) => {
  const sent = payloads[at];
  const same = isBinary ? Buffer.isBuffer(sent) && data.equals(sent) : !Buffer.isBuffer(sent) && data.toString() === sent;
  if (!same) {
    console.error('node client: the echo differs from what was sent');
    process.exit(1);
  }
  at++;
  if (at < payloads.length) {
    ws.send(payloads[at]);
  } else {
    ws.close(1000);
  }
});
ws.on('close', () => process.exit(at === payloads.length ? 0 : 1));
ws.on('error', (e) => { console.error('node client: ' + e.message); process.exit(1); });
