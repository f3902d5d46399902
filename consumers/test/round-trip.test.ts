// The packed packages installed into a fresh project outside the workspace, and called there: the same
// round trip (client → startMock → typed data) compiled by TypeScript as CommonJS and as ESM, type-checked
// under every module resolution users configure, and run on Node 20, 22 and 24.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { majors, nodeBinary } from '../../scripts/node-matrix/nodes.mjs';
import { createProject, isolatedEnv, offline } from '../lib/project.js';
import { pack, workspace } from '../lib/tarballs.js';

const tsc = join(workspace, 'consumers/node_modules/typescript/bin/tsc');
const project = createProject('round-trip');
const packed = mkdtempSync(join(tmpdir(), 'akinai-tarballs-'));
afterAll(() => {
  project.remove();
  rmSync(packed, { recursive: true, force: true });
});

const expected = { member: 'MB1ISH1TFC20', notFound: true, totalCount: 3, point: 4250 };
const compilerOptions = { target: 'es2022', lib: ['es2023', 'dom'], strict: true, skipLibCheck: false, types: [] };
/** The module settings users choose, each with the files it compiles. */
const settings = {
  node16: { module: 'node16', moduleResolution: 'node16', outDir: 'out' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext', noEmit: true },
  bundler: { module: 'preserve', moduleResolution: 'bundler', noEmit: true },
};

beforeAll(() => {
  const tarballs = pack(packed);
  project.run('npm', ['install', ...offline, ...tarballs]);
  for (const extension of ['cts', 'mts'])
    copyFileSync(new URL('../fixtures/round-trip.ts', import.meta.url), join(project.dir, `round-trip.${extension}`));
  for (const [name, options] of Object.entries(settings)) {
    project.write(
      `tsconfig.${name}.json`,
      JSON.stringify({ compilerOptions: { ...compilerOptions, ...options }, files: ['round-trip.cts', 'round-trip.mts'] }),
    );
  }
}, 240_000);

it.each(Object.keys(settings))('type-checks with module resolution %s', (name) => {
  expect(project.run('node', [tsc, '-p', `tsconfig.${name}.json`])).toEqual({ stdout: '', stderr: '' });
});

describe.each(majors)('Node %i', (major) => {
  const node = nodeBinary(major);
  it('runs the round trip as CommonJS (require) and as ESM (import), with nothing on stderr', () => {
    expect(project.run('node', ['--version'], { node }).stdout).toMatch(new RegExp(`^v${major}\\.`));
    for (const file of ['out/round-trip.cjs', 'out/round-trip.mjs']) {
      const { stdout, stderr } = project.run('node', [file], { node });
      expect(JSON.parse(stdout), file).toEqual(expected);
      expect(stderr, file).toBe('');
    }
  });
});

it('npx akinai-docs serves the installed site on loopback', async () => {
  // Its own process group: npx does not pass a signal on to the server it started, so the group is stopped.
  const child = spawn('npx', ['--no-install', 'akinai-docs', '--port', '0'], {
    cwd: project.dir,
    env: isolatedEnv(project.dir),
    detached: true,
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(chunk));
        if (match) resolve(match[0]);
      });
      child.once('exit', (code) => reject(new Error(`akinai-docs exited with ${code}`)));
    });
    expect(await (await fetch(url)).text()).toContain('href="recore/index.html"');
    expect((await fetch(new URL('recore/recore.openapi.json', url))).status).toBe(200);
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGINT');
      await exited;
    }
  }
});
