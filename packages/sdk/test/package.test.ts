// What users install: every entry exists in ESM and CJS, and runs in browsers (no Node-only imports).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const entries = Object.keys(pkg.exports).filter((key) => key !== './package.json');

it.each(entries)('%s loads through the exports map as ESM and CJS', async (entry) => {
  const specifier = `@akinai/sdk${entry.slice(1)}`;
  const esm = await import(specifier);
  const cjs = createRequire(import.meta.url)(specifier);
  expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort());
  expect(Object.keys(esm).some((name) => name.startsWith('create'))).toBe(true);
});

it.each(entries)('%s imports nothing from Node', (entry) => {
  for (const file of [pkg.exports[entry].import.default, pkg.exports[entry].require.default]) {
    const code = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
    const imports = [...code.matchAll(/(?:from\s*|import\s*\(|require\s*\()\s*["']([^"']+)["']/g)].map((m) => m[1]);
    expect(imports.filter((name) => name !== 'openapi-fetch')).toEqual([]);
  }
});
