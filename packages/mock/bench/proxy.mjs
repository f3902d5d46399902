// What akinai-mock proxy adds to an exchange: a typical answer (ReCORE's member 219, 1.4 kB of JSON) from a
// bare node:http vendor on loopback, fetched directly and through the proxy — every exchange checked
// against the spec and recorded (credentials removed, personal data masked), as users run it. One request
// in flight on a kept-alive connection, direct and proxied calls interleaved. Prints a table; writes
// bench/proxy.json. AKINAI_BENCH_PROXY_CALLS sets the calls of each kind (default 5,000).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProxy } from '../dist/index.js';

const CALLS = Number(process.env.AKINAI_BENCH_PROXY_CALLS ?? 5_000);
const WARMUP = Math.min(500, CALLS);
const spec = JSON.parse(readFileSync(new URL('../specs/recore.openapi.json', import.meta.url), 'utf8'));
const answer = Buffer.from(JSON.stringify(spec.components.examples.Member.value));

const vendor = createServer((req, res) => {
  req.resume();
  req.on('end', () =>
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.length }).end(answer),
  );
});
await new Promise((resolve) => vendor.listen(0, '127.0.0.1', resolve));
const upstream = `http://127.0.0.1:${vendor.address().port}`;
const dir = mkdtempSync(join(tmpdir(), 'akinai-bench-proxy-'));
const record = join(dir, 'record.jsonl');
const proxy = await startProxy('recore', { upstream, record });

/** One GET /members/219 on its own kept-alive connection; resolves with the milliseconds to the last byte. */
function timer(base) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(base);
  return () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const outgoing = request(
        { agent, hostname, port, path: '/members/219', headers: { 'x-identification': 'eyJ0.bench.sig' } },
        (res) => {
          let bytes = 0;
          res.on('data', (chunk) => (bytes += chunk.length));
          res.on('end', () =>
            res.statusCode === 200 && bytes === answer.length
              ? resolve(performance.now() - started)
              : reject(new Error(`${res.statusCode}, ${bytes} bytes`)),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
}

const direct = timer(upstream);
const proxied = timer(proxy.url);
for (let i = 0; i < WARMUP; i += 1) {
  await direct();
  await proxied();
}
const times = { direct: [], proxied: [] };
for (let i = 0; i < CALLS; i += 1) {
  times.direct.push(await direct());
  times.proxied.push(await proxied());
}
await proxy.close();
await new Promise((resolve) => vendor.close(resolve));
const recorded = readFileSync(record, 'utf8').trim().split('\n').length;
rmSync(dir, { recursive: true, force: true });
if (recorded !== WARMUP + CALLS) throw new Error(`${recorded} exchanges recorded, ${WARMUP + CALLS} made`);

const quantile = (list, q) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * q))];
const us = (ms) => Math.round(ms * 1000);
const stats = (list) => ({
  p50Us: us(quantile(list, 0.5)),
  p99Us: us(quantile(list, 0.99)),
  meanUs: us(list.reduce((a, b) => a + b, 0) / list.length),
});
const results = {
  calls: CALLS,
  answerBytes: answer.length,
  direct: stats(times.direct),
  proxied: stats(times.proxied),
};
results.addedUs = {
  p50: results.proxied.p50Us - results.direct.p50Us,
  p99: results.proxied.p99Us - results.direct.p99Us,
  mean: results.proxied.meanUs - results.direct.meanUs,
};
console.log(
  `Proxy overhead: GET /members/219 (${answer.length} B JSON) from a node:http vendor on loopback, one in flight, ${CALLS} calls each\n`,
);
console.log('| path | p50 µs | p99 µs | mean µs |\n| --- | ---: | ---: | ---: |');
console.log(`| direct | ${results.direct.p50Us} | ${results.direct.p99Us} | ${results.direct.meanUs} |`);
console.log(
  `| through akinai-mock proxy (checked and recorded) | ${results.proxied.p50Us} | ${results.proxied.p99Us} | ${results.proxied.meanUs} |`,
);
console.log(`| added by the proxy | ${results.addedUs.p50} | ${results.addedUs.p99} | ${results.addedUs.mean} |`);
const out = new URL('../../../bench/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('proxy.json', out), `${JSON.stringify(results, null, 2)}\n`);
