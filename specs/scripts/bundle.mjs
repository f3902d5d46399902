// Bundles every API listed in redocly.yaml into dist/<api>.openapi.yaml (by Redocly) and
// dist/<api>.openapi.json (the same document), the files every package builds from.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = parse(readFileSync(`${root}/redocly.yaml`, 'utf8'));

rmSync(`${root}/dist`, { recursive: true, force: true });
execFileSync('redocly', ['bundle'], { cwd: root, stdio: 'inherit' });
for (const [api, { output }] of Object.entries(config.apis)) {
  const document = parse(readFileSync(`${root}/${output}`, 'utf8'));
  writeFileSync(`${root}/dist/${api}.openapi.json`, `${JSON.stringify(document, null, 2)}\n`);
}
