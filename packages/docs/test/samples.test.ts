// The SDK samples shown on every operation type-check against the SDK as users install it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const site = fileURLToPath(new URL('../dist/', import.meta.url));
const here = fileURLToPath(new URL('..', import.meta.url));

it('every Node.js sample compiles against @akinai/sdk', async () => {
  const work = mkdtempSync(join(here, '.samples-'));
  try {
    let count = 0;
    for (const api of readdirSync(site).filter((dir) => existsSync(join(site, dir, 'code-samples.json')))) {
      const samples = JSON.parse(readFileSync(join(site, api, 'code-samples.json'), 'utf8')) as Record<
        string,
        { lang: string; source: string }[]
      >;
      for (const [operationId, list] of Object.entries(samples)) {
        const sample = list.find((s) => s.lang === 'Node.js');
        expect(sample, `${api} ${operationId}`).toBeDefined();
        writeFileSync(join(work, `${api}.${operationId}.ts`), `${sample!.source}\nexport {};\n`);
        count += 1;
      }
    }
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['*.ts'],
      }),
    );
    expect(count).toBeGreaterThan(10);
    const tsc = join(here, 'node_modules/.bin/tsc');
    const result = await promisify(execFile)(tsc, ['-p', work]).catch((error: { stdout: string }) => error);
    expect('stdout' in result ? result.stdout : '').toBe('');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 120_000);
