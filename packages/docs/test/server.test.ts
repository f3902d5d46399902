// The site's server as users run it (`npx akinai-docs`), against clients that misbehave: downloads
// abandoned halfway, more connections than it has file descriptors, directories without their slash.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveSite } from '../src/server.mjs';

const cli = fileURLToPath(new URL('../src/cli.mjs', import.meta.url));
const BIG = '/assets/redoc.standalone.js'; // 2.3 MB: far more than one socket buffer

let site: { url: string; close(): Promise<void> };
beforeAll(async () => {
  site = await serveSite();
});
afterAll(() => site?.close());

const openFds = () => readdirSync('/proc/self/fd').length;

/** Asks for the big file, reads its first bytes, and hangs up. */
function abandon(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${BIG} HTTP/1.1\r\nHost: x\r\n\r\n`));
    socket.once('data', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

it('1,000 abandoned downloads leave the number of open files flat', async () => {
  const port = Number(new URL(site.url).port);
  await abandon(port); // warm: the first request opens what stays open (the listening socket's peers)
  await new Promise((resolve) => setTimeout(resolve, 200));
  const before = openFds();
  for (let batch = 0; batch < 20; batch += 1) await Promise.all(Array.from({ length: 50 }, () => abandon(port)));
  await expect.poll(openFds, { timeout: 5_000 }).toBeLessThanOrEqual(before + 5);
});

it('redirects a directory without its slash, so its relative links work', async () => {
  const response = await fetch(new URL('recore', site.url), { redirect: 'manual' });
  expect(response.status).toBe(301);
  expect(response.headers.get('location')).toBe('/recore/');
  const page = await fetch(new URL('recore/', site.url));
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('href="recore.openapi.json"');
});

it('answers what is not there with 404, other methods with 405, and never serves outside the site', async () => {
  expect((await fetch(new URL('nope.html', site.url))).status).toBe(404);
  expect((await fetch(site.url, { method: 'POST' })).status).toBe(405);
  const outside = await new Promise<string>((resolve) => {
    const socket = connect(Number(new URL(site.url).port), '127.0.0.1', () =>
      socket.write('GET /../package.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    );
    let text = '';
    socket.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
  });
  expect(outside).not.toContain('"@akinai/docs"');
  expect(outside).toMatch(/^HTTP\/1\.1 (403|404)/);
});

it('at its file descriptor limit, it keeps running and serves again once clients let go', async () => {
  // The CLI in a shell whose descriptor limit is 64; 100 clients each hold a download open.
  const child = spawn('sh', ['-c', `ulimit -n 64 && exec "${process.execPath}" "${cli}" --port 0`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve) =>
    child.stdout.on('data', (chunk) => {
      const match = /http:\/\/\S+/.exec(String(chunk));
      if (match) resolve(match[0]);
    }),
  );
  const port = Number(new URL(url).port);
  const held: Socket[] = [];
  await Promise.all(
    Array.from(
      { length: 100 },
      () =>
        new Promise<void>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${BIG} HTTP/1.1\r\nHost: x\r\n\r\n`));
          socket.pause(); // never reads: the server's stream of the file stays open
          socket.on('error', () => resolve());
          held.push(socket);
          setTimeout(resolve, 300);
        }),
    ),
  );
  for (const socket of held) socket.destroy();
  await expect.poll(async () => (await fetch(url).catch(() => undefined))?.status, { timeout: 10_000 }).toBe(200);
  expect(child.exitCode).toBeNull();
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  expect(stderr).toBe('');
});

it('npx akinai-docs: --version, and one line for a port in use', async () => {
  const run = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, ...args]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  const { version } = await import('../package.json', { with: { type: 'json' } }).then((m) => m.default);
  expect(await run('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  const port = new URL(site.url).port;
  expect(await run('--port', port)).toEqual({
    code: 1,
    stdout: '',
    stderr: `akinai-docs: port ${port} on 127.0.0.1 is already in use; choose another with --port.\n`,
  });
});
