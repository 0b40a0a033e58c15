// An independent WebSocket server (node-ws, Debian package) for ws-test's interop tests.
// Same routes as python_peer.py. Prints "PORT <n>"; exits when stdin closes.
'use strict';
const { WebSocketServer } = require('ws');

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  verifyClient: (info, cb) => {
    if (info.req.url.startsWith('/secure') && !info.req.headers.authorization) {
      cb(false, 401, 'Unauthorized', { 'WWW-Authenticate': 'Bearer realm="ws-test"' });
    } else {
      cb(true);
    }
  },
});

wss.on('connection', (ws, req) => {
  const path = req.url;
  if (path === '/close4001') {
    ws.close(4001, 'bye from node');
    return;
  }
  if (path === '/fragments') {
    ws.send('frag', { fin: false });
    ws.send('ment', { fin: false });
    ws.send('ed', { fin: true });
  }
  if (path === '/ping') {
    ws.ping(Buffer.from('hb'));
  }
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});

wss.on('listening', () => process.stdout.write('PORT ' + wss.address().port + '\n'));
process.stdin.on('end', () => { wss.close(); process.exit(0); });
process.stdin.resume();
