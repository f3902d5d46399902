// Another TypeScript generator: @hey-api/openapi-ts writes a @hey-api/client-fetch client from each bundled
// spec into a temporary folder, and `tsc --noEmit --strict` accepts all of it (types, SDK and client runtime).
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apis, run, scratch } from './tools.js';

const tmp = scratch('openapi-ts');
afterAll(() => tmp.remove());

describe('@hey-api/openapi-ts', () => {
  it.each(apis)('$name: generates a fetch client that type-checks under --strict', async ({ name, json }) => {
    const out = join(tmp.dir, name);
    const generated = await run('openapi-ts', [
      '--input',
      json,
      '--output',
      out,
      '--client',
      '@hey-api/client-fetch',
      '--silent',
      '--no-log-file',
    ]);
    expect(generated.network, 'openapi-ts reached for the network').toEqual([]);
    expect(generated.code, `openapi-ts failed:\n${generated.stdout}\n${generated.stderr}`).toBe(0);
    const files = readdirSync(out, { recursive: true }).map(String);
    expect(files).toEqual(expect.arrayContaining(['index.ts', 'types.gen.ts', 'sdk.gen.ts', 'client.gen.ts']));
    // skipLibCheck below skips declaration files: the generator writes none, so every file it writes is checked.
    expect(files.filter((file) => file.endsWith('.d.ts'))).toEqual([]);

    // Only the generated files and TypeScript's own DOM and ES libs: no @types, no settings of ours.
    writeFileSync(
      join(out, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: [],
          skipLibCheck: true, // TypeScript's own lib files are not under test
        },
        include: ['**/*.ts'],
      }),
    );
    const checked = await run('tsc', ['--project', join(out, 'tsconfig.json'), '--noEmit', '--strict', '--pretty', 'false']);
    expect(checked.network).toEqual([]);
    expect(checked.code, `tsc --strict over the generated ${name} client:\n${checked.stdout}${checked.stderr}`).toBe(0);
  });
});
