// The runtimes besides Node.js that retailers' integrations run on, each making real round trips with the
// packed SDK against the packed mock on 127.0.0.1, with nothing on stderr: Bun and Deno run every entry
// from node_modules; workerd (through Miniflare) runs the recore and dtp-lcv entries in a Worker bundled
// from the tarball; Chromium loads a page bundled from the tarball, served from another loopback origin
// than the mocks (recore reads and writes; pittaly-order's writes work, its search throws
// UnsupportedRequestError as documented). The runtimes are pinned in scripts/runtimes (npm ci by setup.sh).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../packages/docs/test/chromium.mjs';
import { type Installed, installPacked } from '../lib/installed.js';
import { workspace } from '../lib/tarballs.js';

const runtimes = join(workspace, 'scripts/runtimes/node_modules');
const bin = (name: string) => {
  const path = join(runtimes, '.bin', name);
  if (!existsSync(path)) throw new Error(`${name} is not installed: run \`bash scripts/setup.sh\` (npm ci --prefix scripts/runtimes).`);
  return path;
};
const fixtures = ['round-trip.mjs', 'mocks.mjs', 'server-side.mjs', 'worker.mjs', 'page.mjs', 'miniflare.mjs'].map(
  (file) => `runtimes/${file}`,
);

let project: Installed;
let mocks: ChildProcess | undefined;
let urls: Record<'recore' | 'pittaly-order' | 'dtp-lcv', string>;
let env: Record<string, string>;

beforeAll(async () => {
  project = installPacked('runtimes', fixtures);
  mocks = spawn(process.execPath, ['mocks.mjs'], { cwd: project.dir, stdio: ['pipe', 'pipe', 'inherit'] });
  urls = await new Promise((resolve, reject) => {
    mocks!.stdout!.once('data', (chunk) => resolve(JSON.parse(String(chunk))));
    mocks!.once('exit', (code) => reject(new Error(`the mocks exited with ${code}`)));
  });
  env = { AKINAI_MOCKS: JSON.stringify(urls), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
}, 240_000);
afterAll(() => {
  mocks?.stdin?.end();
  project?.cleanup();
});

const recoreTrip = { member: 'MB1ISH1TFC20', written: '山本', notFound: 404 };
const dtpTrip = { added: 50, command: -9004 };

// Bun and Deno resolve the "node" condition: the node:http build, whose search sends its GET body.
it.each([
  ['Bun', () => project.run(bin('bun'), ['server-side.mjs'], { env })],
  [
    'Deno',
    () =>
      project.run(bin('deno'), ['run', '--no-prompt', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', 'server-side.mjs'], { env }),
  ],
])('%s runs every entry from the tarball: real round trips, nothing on stderr', (_, run) => {
  const { stdout, stderr } = run();
  expect(JSON.parse(stdout)).toEqual({
    recore: recoreTrip,
    'pittaly-order': { created: 201, uploaded: 1, search: 2 },
    'dtp-lcv': dtpTrip,
    crossEntry: true,
  });
  expect(stderr).toBe('');
});

it('workerd (Miniflare) runs the recore and dtp-lcv entries in a Worker calling the mocks on loopback', async () => {
  await build({
    entryPoints: [join(project.dir, 'worker.mjs')],
    absWorkingDir: project.dir,
    outfile: join(project.dir, 'worker.bundle.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    logLevel: 'error',
  });
  const miniflare = createRequire(join(runtimes, 'miniflare/package.json')).resolve('miniflare');
  const { stdout, stderr } = project.run(process.execPath, ['miniflare.mjs'], { env: { ...env, MINIFLARE: miniflare } });
  expect(JSON.parse(stdout)).toEqual({ recore: recoreTrip, 'dtp-lcv': dtpTrip });
  expect(stderr).toBe('');
});

it('Chromium runs a page bundled from the tarball, from another origin than the mocks', async () => {
  const { outputFiles } = await build({
    entryPoints: [join(project.dir, 'page.mjs')],
    absWorkingDir: project.dir,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'error',
  });
  const script = outputFiles[0]!.text;
  const page = '<!doctype html><meta charset="utf-8"><title>akinai</title><script type="module" src="page.js"></script>';
  const server: Server = createServer((request, response) => {
    const js = request.url === '/page.js';
    response.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html; charset=utf-8' });
    response.end(js ? script : page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    tab.on('pageerror', (error) => problems.push(error.message));
    await tab.goto(`${origin}/#${encodeURIComponent(JSON.stringify(urls))}`);
    const result = await tab.evaluate(() => (window as unknown as { result: Promise<unknown> }).result);
    expect(new URL(urls.recore).origin).not.toBe(origin);
    expect(result).toEqual({
      recore: recoreTrip,
      // The browser build: WHATWG fetch cannot send the search's GET body, and says so.
      'pittaly-order': { created: 201, uploaded: 1, search: 'UnsupportedRequestError' },
    });
    // The console's only line: Chromium's own note of the 404 the round trip asks for (a member that is not there).
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 404 (Not Found)']);
  } finally {
    await browser.close();
    server.close();
  }
});

it('the runtimes are the pinned ones', () => {
  const lock = JSON.parse(readFileSync(join(workspace, 'scripts/runtimes/package-lock.json'), 'utf8'));
  const version = (name: string) => lock.packages[`node_modules/${name}`]?.version;
  expect([version('bun'), version('deno'), version('miniflare')]).toEqual(['1.4.5', '2.9.6', '4.20260730.0']);
  expect(project.run(bin('bun'), ['--version']).stdout.trim()).toBe('1.4.5');
  expect(project.run(bin('deno'), ['--version']).stdout).toMatch(/^deno 2\.9\.6 /);
});
