// node-ws with permessage-deflate, for ws-test's deflate interop tests: echoes every message.
// argv[2] is the server's deflate set-up:
//   default      perMessageDeflate: true (context takeover both ways; messages under 1 KiB go uncompressed)
//   no-takeover  serverNoContextTakeover and clientNoContextTakeover
// Prints "PORT <n>"; exits when stdin closes.
'use strict';
const { WebSocketServer } = require('ws');

const mode = process.argv[2] || 'default';
const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  perMessageDeflate: mode === 'no-takeover'
    ? { serverNoContextTakeover: true, clientNoContextTakeover: true } : true,
});

wss.on('connection', (ws) => {
  ws.on('error', () => {});
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});

wss.on('listening', () => process.stdout.write('PORT ' + wss.address().port + '\n'));
process.stdin.on('end', () => { wss.close(); process.exit(0); });
process.stdin.resume();
