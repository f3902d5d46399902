// The weight of each SDK entry as a user's bundler builds it for browsers: everything it imports
// (openapi-fetch included), minified, and gzipped; openapi-fetch alone for reference.
// Prints a table; writes bench/sdk-weight.json at the root.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { entrySize } from '../../../scripts/entry-size.mjs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const entries = [
  ...Object.keys(manifest.exports)
    .filter((key) => key !== './package.json')
    .map((key) => `${manifest.name}${key.slice(1)}`),
  'openapi-fetch',
];
const results = {};
for (const entry of entries) results[entry] = await entrySize(entry, new URL('..', import.meta.url).pathname);
console.log('SDK weight: each entry bundled for browsers, minified\n');
console.log('| entry | min | min+gzip |\n| --- | ---: | ---: |');
for (const [entry, r] of Object.entries(results)) console.log(`| ${entry} | ${r.minBytes} B | ${r.gzipBytes} B |`);
const out = new URL('../../../bench/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('sdk-weight.json', out), `${JSON.stringify(results, null, 2)}\n`);
