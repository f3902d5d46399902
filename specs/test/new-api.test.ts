// Adding an API is one folder under specs/ and one line in the registry, and nothing else: in a copy of
// the repository, a copy of pittaly-order (it has a GET with a body, so the SDK's Node.js build is made
// too) gets both, and then the build, the SDK's package check (exports, size budget, publint, attw), the
// docs' type-checked samples and the specs' tests pass, and the new entry is imported by its package name.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { linkInstalled } from './helpers/installed.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'akinai-new-api-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }), 60_000);

/** Runs a command in a folder of the copy, as a user would there; its output, or the error with it. */
const run = (dir: string, command: string, ...args: string[]) => {
  try {
    return execFileSync(command, args, {
      cwd: join(copy, dir),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        npm_config_verify_deps_before_run: 'false',
        PATH: `${join(copy, dir, 'node_modules/.bin')}:${process.env.PATH}`,
      },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    throw new Error(`${dir}: ${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`);
  }
};

it('a folder and a registry line are a tested SDK entry, a mock and a docs page', () => {
  // The repository as it is: its files, less what git ignores (what builds and runs make) and what a
  // build running beside this test writes for a moment; each package's node_modules as links (kept as
  // they are, so that the workspace's links point into the copy), the installed store shared.
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && !/\.bundled_|\.timestamp-/.test(file));
  for (const file of files) {
    if (!existsSync(join(repo, file))) continue; // deleted, not yet committed
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(repo, file), join(copy, file));
  }
  // The workspace's packages (pnpm-workspace.yaml); not the test matrix's runtimes (scripts/*: ~750 MB no build reads).
  for (const manifest of files.filter((file) => /^(specs|packages\/[^/]+|consumers|contract)\/package\.json$/.test(file))) {
    const modules = join(dirname(manifest), 'node_modules');
    if (!existsSync(join(repo, modules))) continue;
    // Less the caches test runners write beside this test (node_modules/.vite).
    cpSync(join(repo, modules), join(copy, modules), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (path) => !/\/\.(vite|vite-temp|cache)$/.test(path),
    });
  }
  linkInstalled(repo, copy);
  // The folder, and the line: nothing else is edited by hand.
  cpSync(join(repo, 'specs/pittaly-order'), join(copy, 'specs/pittaly-copy'), { recursive: true });
  const config = join(copy, 'specs/redocly.yaml');
  const line = '  pittaly-copy: { root: pittaly-copy/openapi.yaml, x-akinai: { mockPort: 4013, sizeBudget: 9200 } }\n';
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^apis:\n/m, `apis:\n${line}`));

  // The build: each package's own build script, in the order turbo runs them. Not through pnpm: the copy
  // shares the repository's installed store, whose links a pnpm run in the copy would point into the copy.
  for (const dir of ['specs', 'packages/sdk', 'packages/mock', 'packages/docs']) {
    run(dir, 'sh', '-c', JSON.parse(readFileSync(join(copy, dir, 'package.json'), 'utf8')).scripts.build);
  }
  // The SDK's package check: the entry is exported (with its node:http build), within its budget.
  const check = run('packages/sdk', 'node', '../../scripts/check-package.mjs');
  expect(check).toMatch(/size \.\/pittaly-copy: \d+ B min, \d+ B min\+gzip \(budget 9200 B\) ok/);
  const { exports } = JSON.parse(readFileSync(join(copy, 'packages/sdk/package.json'), 'utf8'));
  expect(exports['./pittaly-copy'].node.import.default).toBe('./dist/pittaly-copy.node.js');
  // Its docs page, its samples type-checked against the SDK as users install it, and the specs' tests.
  expect(existsSync(join(copy, 'packages/docs/dist/pittaly-copy/index.html'))).toBe(true);
  const samples = JSON.parse(readFileSync(join(copy, 'packages/docs/dist/pittaly-copy/code-samples.json'), 'utf8'));
  expect(samples.listCustomerStoreItems[0].source).toContain("import { createPittalyCopyClient } from '@akinai/sdk/pittaly-copy';");
  run('packages/docs', 'vitest', 'run', 'test/samples.test.ts');
  // This test and the release gate's (which needs the repository's git) are not run in the copy.
  run('specs', 'vitest', 'run', '--exclude', 'test/new-api.test.ts', '--exclude', 'test/release.test.ts');

  // By its package name, in Node.js: the mock serves it, and its client sends the search's GET body and
  // gets what pittaly-order's own client gets from pittaly-order's mock.
  writeFileSync(
    join(copy, 'packages/docs/use-copy.mjs'),
    `import { apis, startMock } from '@akinai/mock';
     import { AuthError, createPittalyCopyClient } from '@akinai/sdk/pittaly-copy';
     import { createPittalyOrderClient } from '@akinai/sdk/pittaly-order';
     const search = async (api, create) => {
       const mock = await startMock(api);
       const client = create({ email: 'user@example.jp', password: 'pass', baseUrl: mock.url, logLevel: 'off' });
       const { data } = await client.GET('/customer_store_items', { body: { customer_cd: 'C001', page: 1 } });
       const { error } = await client.GET('/customer_store_items', { body: { page: 1 }, headers: { Prefer: 'code=401' } });
       await mock.close();
       return { port: apis[api].defaultPort, data, unauthorized: error instanceof AuthError };
     };
     console.log(JSON.stringify([await search('pittaly-copy', createPittalyCopyClient), await search('pittaly-order', createPittalyOrderClient)]));`,
  );
  const [copied, original] = JSON.parse(run('packages/docs', 'node', 'use-copy.mjs'));
  expect(copied).toEqual({ ...original, port: 4013 });
  expect(original).toMatchObject({ port: 4011, unauthorized: true, data: { totalCount: expect.any(Number) } });
  // And the repository's installed store still points into itself, not into the copy.
  const hoisted = join(repo, 'node_modules/.pnpm/node_modules');
  const strays = readdirSync(hoisted, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isSymbolicLink() && readlinkSync(join(entry.parentPath, entry.name)).includes(basename(copy)))
    .map((entry) => entry.name);
  expect(strays).toEqual([]);
}, 900_000); // ~1 min alone; several under a full parallel `pnpm test` on 2 cores
