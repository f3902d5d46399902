// Adding an API is one folder under specs/ and one line in the registry: in a copy of the repository a
// tiny fixture API (test/fixtures/new-api) gets both, and each package's own build turns it into an SDK
// entry that calls it, a mock that serves it and a docs page that shows it — no other file touched.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'akinai-new-api-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }), 60_000);

/** Runs a package's own build step in the copy. */
const run = (dir: string, command: string, ...args: string[]) =>
  execFileSync(command, args, {
    cwd: join(copy, dir),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: `${join(copy, dir, 'node_modules/.bin')}:${process.env.PATH}` },
  });

it('a folder and a registry line become an SDK entry, a mock and a docs page', async () => {
  // The repository as it is, less what builds make. The packages' node_modules are links (kept as they
  // are, so that the workspace's links point into the copy); the installed store is shared, not copied, and
  // so are the runtimes of the test matrix (scripts/*/node_modules: ~750 MB no build step reads).
  const skip = /\/(\.git|\.turbo|dist|test-results|scripts\/[^/]+\/node_modules)$/;
  cpSync(repo, copy, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (path) => !skip.test(path) && path !== join(repo, 'node_modules'),
  });
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'));
  // The folder, and the line.
  cpSync(join(repo, 'specs/test/fixtures/new-api'), join(copy, 'specs/stock'), { recursive: true });
  const config = join(copy, 'specs/redocly.yaml');
  writeFileSync(
    config,
    readFileSync(config, 'utf8').replace(/^apis:\n/m, 'apis:\n  stock: { root: stock/openapi.yaml, x-akinai: { mockPort: 4013 } }\n'),
  );

  run('specs', 'node', 'scripts/bundle.mjs');
  run('packages/sdk', 'node', 'scripts/generate.mjs');
  run('packages/sdk', 'tsup');
  run('packages/mock', 'node', 'scripts/prepare.mjs');
  run('packages/mock', 'tsup');
  run('packages/docs', 'node', 'scripts/build.mjs');

  // The mock serves it, on the port of its line, and the SDK's entry calls it, typed by its spec.
  writeFileSync(
    join(copy, 'use-stock.mjs'),
    `import { apis, startMock } from './packages/mock/dist/index.js';
     import { createStockClient, NotFoundError } from './packages/sdk/dist/stock.js';
     const mock = await startMock('stock');
     const stock = createStockClient({ apiKey: 'key', baseUrl: mock.url, logLevel: 'off' });
     const { data } = await stock.GET('/stock/{item_cd}', { params: { path: { item_cd: 'A001' } } });
     const { error } = await stock.GET('/stock/{item_cd}', { params: { path: { item_cd: 'A001' } }, headers: { Prefer: 'code=404' } });
     await mock.close();
     console.log(JSON.stringify({ mock: apis.stock, data, notFound: error instanceof NotFoundError }));`,
  );
  expect(JSON.parse(run('.', 'node', 'use-stock.mjs').toString())).toEqual({
    mock: { title: 'Fixture Stock API 在庫', defaultPort: 4013 },
    data: { item_cd: 'A001', quantity: 12 },
    notFound: true,
  });
  expect(readFileSync(join(copy, 'packages/sdk/dist/stock.d.ts'), 'utf8')).toContain('createStockClient');
  // The docs site has its page, listed on the landing page.
  expect(existsSync(join(copy, 'packages/docs/dist/stock/index.html'))).toBe(true);
  expect(readFileSync(join(copy, 'packages/docs/dist/index.html'), 'utf8')).toContain('Fixture Stock API 在庫');
}, 240_000);
