// The packed tarballs of @akinai/sdk and @akinai/mock, installed with npm into a fresh project outside
// the workspace and used from there as a user would: ESM and CJS, the mock's CLI, the SDK against it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../../', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'akinai-user-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

it('installs from the packed tarballs and works against the mock', () => {
  for (const pkg of ['sdk', 'mock']) {
    execFileSync('pnpm', ['pack', '--pack-destination', project], { cwd: join(packages, pkg), stdio: 'ignore' });
  }
  const tarballs = readdirSync(project).filter((file) => file.endsWith('.tgz'));
  expect(tarballs).toHaveLength(2);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs.map((t) => `./${t}`)]);

  expect(run('npx', ['--no-install', 'akinai-mock', '--help'])).toContain('Usage: akinai-mock <api | all>');

  writeFileSync(
    join(project, 'use.mjs'),
    `import { startMock } from '@akinai/mock';
     import { createRecoreClient, NotFoundError } from '@akinai/sdk/recore';
     import { createPittalyOrderClient } from '@akinai/sdk/pittaly-order';
     import { createDtpLcvClient } from '@akinai/sdk/dtp-lcv';
     const recoreMock = await startMock('recore');
     const pittalyMock = await startMock('pittaly-order');
     const dtpMock = await startMock('dtp-lcv');
     const lcv = createDtpLcvClient({ loginId: 'id', password: 'pw', baseUrl: dtpMock.url, throwOnError: true });
     const { data: points } = await lcv.POST('/Get_UserPoint.aspx', { body: { user_code: '1234567890123' } });
     const recore = createRecoreClient({ apiKey: 'k', baseUrl: recoreMock.url, throwOnError: true });
     const pittaly = createPittalyOrderClient({ email: 'a@example.jp', password: 'p', baseUrl: pittalyMock.url });
     const { data: members } = await recore.GET('/members', { params: { query: { ids: '219' } } });
     const { data: page } = await pittaly.GET('/customer_store_items', { body: { page: 1 } });
     console.log(JSON.stringify({ member: members[0].code, totalCount: page.totalCount, point: points.UserPoint[0].Point, errors: typeof NotFoundError }));
     await recoreMock.close();
     await dtpMock.close();
     await pittalyMock.close();`,
  );
  expect(JSON.parse(run('node', ['use.mjs']))).toEqual({ member: 'MB1ISH1TFC20', totalCount: 2, point: 4250, errors: 'function' });

  writeFileSync(
    join(project, 'use.cjs'),
    `const { createRecoreClient } = require('@akinai/sdk/recore'); console.log(typeof createRecoreClient);`,
  );
  expect(run('node', ['use.cjs']).trim()).toBe('function');
}, 300_000);
