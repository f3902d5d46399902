// Bundles every API of the registry into dist/<api>.openapi.yaml (by Redocly) and dist/<api>.openapi.json
// (the same document), the files every package builds from.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { registry, SPECS } from '../lib/registry.js';
import { redocly } from '../lib/redocly.js';

rmSync(`${SPECS}/dist`, { recursive: true, force: true });
for (const { name, root, bundle } of registry()) {
  const yaml = `${SPECS}/dist/${name}.openapi.yaml`;
  if (redocly(['bundle', root, '-o', yaml], { quiet: true }) !== 0) process.exit(redocly(['bundle', root, '-o', yaml]));
  writeFileSync(bundle, `${JSON.stringify(parse(readFileSync(yaml, 'utf8')), null, 2)}\n`);
}
