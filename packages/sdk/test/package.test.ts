// What users install: every entry loads through the exports map as ESM and CJS with the same public
// names, which a snapshot holds (a name added or gone is a change to review, and to write a changeset
// for); the entries a browser gets import nothing from Node.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

type Target = { types: string; default: string };
type Entry = { node?: { import: Target; require: Target }; import: Target; require: Target };
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const entries = Object.entries(pkg.exports as Record<string, Entry | string>).filter(
  (entry): entry is [string, Entry] => typeof entry[1] === 'object',
);

it.each(entries)('%s loads through the exports map as ESM and CJS, with the same names', async (subpath) => {
  const specifier = `@akinai/sdk${subpath.slice(1)}`;
  const esm = await import(specifier);
  const cjs = createRequire(import.meta.url)(specifier);
  expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort());
  expect(Object.keys(esm).sort()).toMatchSnapshot();
});

/** Every module specifier a built file pulls in, following its own relative chunks. */
function importsOf(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const code = readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
  return [...code.matchAll(/(?:from\s*|import\s*\(|require\s*\()\s*["']([^"']+)["']/g)].flatMap(([, name]) =>
    name!.startsWith('./') ? importsOf(name!.slice(2), seen) : [name!],
  );
}

it.each(entries)('%s, as a browser resolves it, imports nothing from Node', (_, entry) => {
  for (const target of [entry.import.default, entry.require.default]) {
    expect(importsOf(target.replace('./dist/', '')).filter((name) => name !== 'openapi-fetch')).toEqual([]);
  }
});

it('pittaly-order resolves to its node:http build under the "node" condition', () => {
  const resolved = createRequire(import.meta.url).resolve('@akinai/sdk/pittaly-order');
  expect(resolved).toMatch(/pittaly-order\.node\.cjs$/);
});
