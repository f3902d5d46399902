// The ceiling of the mock benchmark: a bare node:http server answering the same example.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const spec = JSON.parse(readFileSync(new URL('../specs/recore.openapi.json', import.meta.url), 'utf8'));
const body = JSON.stringify(spec.components.examples.Member.value);
const server = createServer((_, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(4923, '127.0.0.1');
