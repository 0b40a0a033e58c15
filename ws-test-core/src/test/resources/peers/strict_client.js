// A node-ws client for ws-test's strictness tests: connects to the URL given, says "go", then reads until the
// connection closes. Whatever the server breaks, ws decides how to fail the connection; the test's raw server
// records the close frame it sends. Exits within 15 s whatever happens.
const WebSocket = require('ws');

const ws = new WebSocket(process.argv[2]);
ws.on('open', () => ws.send('go'));
ws.on('error', () => {});
ws.on('close', () => process.exit(0));
setTimeout(() => process.exit(0), 15000).unref();
