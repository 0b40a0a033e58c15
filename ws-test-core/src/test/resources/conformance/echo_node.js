// Echo server on node-ws (Debian package) for the conformance cross-check.
// Echoes every message on any path. Prints "PORT <n>"; exits when stdin closes.
'use strict';
const { WebSocketServer } = require('ws');

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 1024 * 1024 });
wss.on('connection', (ws) => {
  ws.on('error', () => {}); // protocol errors close the connection; they must not crash the process
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});
wss.on('listening', () => process.stdout.write('PORT ' + wss.address().port + '\n'));
process.stdin.on('end', () => { wss.close(); process.exit(0); });
process.stdin.resume();
