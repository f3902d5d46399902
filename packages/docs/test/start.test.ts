// `pnpm start`'s server half (scripts/start.mjs, after the build): every URL printed and answering,
// Ctrl-C leaving nothing behind, and a clear message when a port is taken.
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const start = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));

function run(onLine: (line: string, stop: () => void) => void) {
  const child = spawn(process.execPath, [start], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
    onLine(output, () => child.kill('SIGINT'));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer().once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

it('serves the docs and every mock, prints their URLs, and Ctrl-C frees every port', async () => {
  const urls: string[] = [];
  const { code, output } = await run((text, stop) => {
    if (!text.includes('Ctrl-C') || urls.length > 0) return;
    urls.push(...[...text.matchAll(/http:\/\/127\.0\.0\.1:\d+\/?/g)].map((m) => m[0]));
    void Promise.all(
      urls.map((url) =>
        fetch(url).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    )
      .then((statuses) => urls.push(...statuses.map(String)))
      .then(() => {
        // A client that never finishes its request must not keep pnpm start alive after Ctrl-C.
        for (const url of urls.slice(0, urls.length / 2))
          connect(Number(new URL(url).port), '127.0.0.1')
            .on('error', () => {})
            .write('GET / HTTP/1.1\r\nHost: x\r\n');
      })
      .finally(stop);
  });
  expect(code).toBe(0);
  expect(output).toMatch(/docs\s+http:\/\/127\.0\.0\.1:8080\//);
  expect(output).toMatch(/recore\s+http:\/\/127\.0\.0\.1:4010/);
  expect(output).toMatch(/pittaly-order\s+http:\/\/127\.0\.0\.1:4011/);
  expect(output).toMatch(/dtp-lcv\s+http:\/\/127\.0\.0\.1:4012/);
  // The docs answer 200; each mock answers its root with Prism's 404 (no such path): it is up.
  expect(urls.slice(urls.length / 2)).toEqual(['200', '404', '404', '404']);
  for (const port of [8080, 4010, 4011, 4012]) expect(await portIsFree(port)).toBe(true);
}, 60_000);

it('a port in use gives a clear message and exit code 1', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(4011, '127.0.0.1', resolve));
  try {
    const { code, output } = await run(() => {});
    expect(code).toBe(1);
    expect(output).toContain('port 4011 (pittaly-order mock) is already in use');
  } finally {
    blocker.close();
  }
  for (const port of [8080, 4010]) expect(await portIsFree(port)).toBe(true);
}, 60_000);
