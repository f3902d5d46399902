// The weight of each SDK entry as a user's bundler builds it for browsers: everything it imports
// (openapi-fetch included), minified, and gzipped; openapi-fetch alone for reference.
// Prints a table; writes bench/sdk-weight.json. Run after the SDK is built.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { registry } from '@akinai/specs';
import { entrySize } from './entry-size.mjs';

const sdk = new URL('../packages/sdk/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(`${sdk}package.json`, 'utf8'));
const entries = [
  ...Object.keys(manifest.exports)
    .filter((key) => key !== './package.json')
    .map((key) => `${manifest.name}${key.slice(1)}`),
  'openapi-fetch',
];
const results = {};
for (const entry of entries) results[entry] = await entrySize(entry, sdk);
console.log('SDK weight: each entry bundled for browsers, minified\n');
console.log('| entry | min | min+gzip | budget |\n| --- | ---: | ---: | ---: |');
for (const [entry, r] of Object.entries(results)) {
  const budget = registry().find((api) => entry === `${manifest.name}/${api.name}`)?.sizeBudget;
  console.log(`| ${entry} | ${r.minBytes} B | ${r.gzipBytes} B | ${budget ? `${budget} B` : ''} |`);
}
mkdirSync('bench', { recursive: true });
writeFileSync('bench/sdk-weight.json', `${JSON.stringify(results, null, 2)}\n`);
