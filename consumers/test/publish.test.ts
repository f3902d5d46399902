// The release path as it runs, against a real registry: in a copy of the repository (its history
// included, which the version step reads), `pnpm version-packages` and `pnpm release` — the commands
// RELEASING.md documents — publish to Verdaccio on 127.0.0.1; then a fresh project installs
// @akinai/sdk and @akinai/mock from it with npm and runs the round trip.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createProject, isolatedEnv, type Project } from '../lib/project.js';
import { type Registry, startRegistry } from '../lib/registry.js';
import { pack, workspace } from '../lib/tarballs.js';

const tsc = join(workspace, 'consumers/node_modules/typescript/bin/tsc');
let registry: Registry;
let project: Project;
const copy = mkdtempSync(join(tmpdir(), 'akinai-release-'));

beforeAll(async () => {
  registry = await startRegistry();
  project = createProject('from-registry', registry.url);
});
afterAll(async () => {
  await registry?.close();
  project?.remove();
  rmSync(copy, { recursive: true, force: true });
});

/** Runs a command in the copy of the repository, as a maintainer would, against the test's registry only. */
function inCopy(command: string, ...args: string[]): string {
  const { status, stdout, stderr } = spawnSync(command, args, { cwd: copy, encoding: 'utf8', env: isolatedEnv(copy, registry.url) });
  if (status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`);
  return stdout;
}

it('publishes with the documented commands; users install from the registry and make their first calls', () => {
  // The repository as it is (with .git), less what installs and builds make, installed on its own from
  // pnpm's store (a link to the workspace's node_modules would let the copy's pnpm rewrite them).
  const skip = /\/(node_modules|\.turbo|dist|test-results)$/;
  cpSync(workspace, copy, { recursive: true, filter: (path) => !skip.test(path) });
  inCopy('pnpm', 'install', '--offline', '--frozen-lockfile');
  writeFileSync(join(copy, '.npmrc'), registry.npmrc(true));

  // The registry has no uplink: the SDK's dependencies are published to it from the workspace's copies.
  const dependencies = mkdtempSync(join(tmpdir(), 'akinai-dependencies-'));
  for (const tarball of pack(dependencies, 'dependencies')) inCopy('npm', 'publish', tarball, '--ignore-scripts');
  rmSync(dependencies, { recursive: true, force: true });

  inCopy('pnpm', 'version-packages');
  inCopy('pnpm', 'release');

  const version = (pkg: string) => JSON.parse(readFileSync(join(copy, 'packages', pkg, 'package.json'), 'utf8')).version as string;
  for (const pkg of ['sdk', 'mock', 'docs']) {
    expect(version(pkg), pkg).not.toBe('0.0.0');
    expect(inCopy('npm', 'view', `@akinai/${pkg}`, 'dist-tags.latest').trim(), pkg).toBe(version(pkg));
  }

  project.write('.npmrc', registry.npmrc(false));
  project.run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '@akinai/sdk', '@akinai/mock']);
  expect(project.run('npx', ['--no-install', 'akinai-mock', '--version']).stdout.trim()).toBe(version('mock'));
  copyFileSync(new URL('../fixtures/round-trip.ts', import.meta.url), join(project.dir, 'round-trip.mts'));
  project.write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: { module: 'node16', target: 'es2022', lib: ['es2023', 'dom'], strict: true, outDir: 'out' },
      files: ['round-trip.mts'],
    }),
  );
  project.run('node', [tsc, '-p', 'tsconfig.json']);
  expect(JSON.parse(project.run('node', ['out/round-trip.mjs']).stdout)).toEqual({
    member: 'MB1ISH1TFC20',
    notFound: true,
    totalCount: 3, // the three records Pittaly's example page seeds
    point: 4250,
  });
}, 600_000);
