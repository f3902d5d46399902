// The registry (specs/redocly.yaml) is the one list of APIs: no other file of the repository lists them
// by hand. A file that names two APIs or more is one of those allowed below; any other is a list someone
// would have to keep in step when an API is added (new-api.test.ts adds one with a folder and a line).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registry } from '@akinai/specs';
import { expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const apis = registry().map((api) => api.name);

/** What is not the repository's source: installed, built, generated, or left by a run. */
const BUILT = /^(node_modules|\.git|\.turbo|dist|generated|test-results|\.samples-.*)$/;
/** Where the APIs may be named together: the registry and each API's folder; tests, their data and benchmarks; prose. */
const ALLOWED = [
  /^specs\/redocly\.yaml$/,
  new RegExp(`^specs/(${apis.join('|')})/`),
  /(^|\/)(test|fixtures|bench)\//,
  /\.test\.ts$/,
  /\.md$/,
  /^packages\/mock\/specs\//, // the bundled specs the mock ships (built)
];

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (BUILT.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield relative(repo, path);
  }
}

/** The text a file names APIs in; the SDK's `exports` are written by its build from the registry (scripts/generate.mjs). */
function text(file: string): string {
  const content = readFileSync(join(repo, file), 'utf8');
  if (file !== 'packages/sdk/package.json') return content;
  const { exports: _, ...rest } = JSON.parse(content);
  return JSON.stringify(rest);
}

it('no file but the registry lists the APIs', () => {
  const named = (content: string) => apis.filter((api) => new RegExp(`(?<![\\w-])${api}(?![\\w-])`).test(content));
  const lists = [...files(repo)]
    .filter((file) => !ALLOWED.some((allowed) => allowed.test(file)))
    .map((file) => ({ file, apis: named(text(file)) }))
    .filter(({ apis }) => apis.length >= 2);
  expect(lists).toEqual([]);
});
