// The loopback server of the overhead benchmark: one fixed JSON answer, as fast as node:http goes.
import { createServer } from 'node:http';

const body = JSON.stringify({ id: 219, code: 'MB1ISH1TFC20', status: 'ACTIVE' });
const server = createServer((_, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
