// The weight of each SDK entry as a user's bundler builds it for browsers: everything it imports
// (openapi-fetch included), minified, and gzipped; openapi-fetch alone for reference.
// Prints a table; writes bench/sdk-weight.json at the root.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const entries = [...Object.keys(manifest.exports).filter((key) => key !== './package.json').map((key) => `${manifest.name}${key.slice(1)}`), 'openapi-fetch'];
const results = {};
for (const entry of entries) {
  const { outputFiles } = await build({
    stdin: { contents: `export * from '${entry}';`, resolveDir: new URL('..', import.meta.url).pathname, loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error',
  });
  const code = outputFiles[0].contents;
  results[entry] = { minBytes: code.length, gzipBytes: gzipSync(code).length };
}
console.log('SDK weight: each entry bundled for browsers, minified\n');
console.log('| entry | min | min+gzip |\n| --- | ---: | ---: |');
for (const [entry, r] of Object.entries(results)) console.log(`| ${entry} | ${r.minBytes} B | ${r.gzipBytes} B |`);
const out = new URL('../../../bench/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('sdk-weight.json', out), `${JSON.stringify(results, null, 2)}\n`);
