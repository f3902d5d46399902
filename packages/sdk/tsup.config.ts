import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hasGetBodies, loadBundle, registry } from '@akinai/specs';
import { transform } from 'esbuild';
import { defineConfig } from 'tsup';

// One build of every entry, ESM and CommonJS, with code splitting in both: the runtime every entry uses
// (the error classes above all) is one chunk per format, so a class imported from any entry is the class
// every entry throws (`instanceof` holds across entries: test/shared-runtime.test.ts, and from the packed
// tarball consumers/test/shared-runtime.test.ts).
//
// One entry per API of the registry, running in browsers too (no Node-only imports): its own folder's
// index.ts, or the entry the generator wrote for it. An API whose spec has a GET with a body (WHATWG
// fetch cannot send one) also has a `.node` entry (index.node.ts, or the generated <api>.node.entry.ts):
// the same exports, its client sending through node:http (core/transport.node.ts, imported by that entry
// alone). package.json's "node" condition selects it (the package check holds the exports map to this list).
const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));
const entry: Record<string, string> = {};
for (const api of registry()) {
  const own = existsSync(src(`${api.name}/index.ts`));
  entry[api.name] = own ? src(`${api.name}/index.ts`) : src(`generated/${api.name}.entry.ts`);
  if (hasGetBodies(loadBundle(api))) {
    const node = own ? src(`${api.name}/index.node.ts`) : src(`generated/${api.name}.node.entry.ts`);
    if (!existsSync(node))
      throw new Error(`${api.name} has a GET with a body: it needs ${node}, its Node.js entry (see src/pittaly-order/index.node.ts).`);
    entry[`${api.name}.node`] = node;
  }
}

const dist = fileURLToPath(new URL('./dist/', import.meta.url));

/**
 * The CommonJS build: each file of the split ESM build, entries and chunks alike, turned into CommonJS by
 * esbuild, requiring the same chunks as .cjs. (tsup's own CommonJS splitting goes through sucrase, which
 * renames every class `_class`, `_class2`… and rewrites `?.`, `??` and class fields into helpers.)
 */
async function commonJs() {
  for (const file of readdirSync(dist).filter((name) => name.endsWith('.cjs'))) rmSync(`${dist}${file}`);
  for (const file of readdirSync(dist).filter((name) => name.endsWith('.js'))) {
    const { code } = await transform(readFileSync(`${dist}${file}`, 'utf8'), {
      format: 'cjs',
      target: 'es2022',
      platform: 'node', // for the `0 && (module.exports = …)` that tells Node's ESM loader the names
      loader: 'js',
      sourcefile: file,
      banner: '"use strict";', // as the ES module was
    });
    writeFileSync(`${dist}${file.replace(/\.js$/, '.cjs')}`, code.replace(/require\("(\.\/[^"]+)\.js"\)/g, 'require("$1.cjs")'));
  }
}

export default defineConfig({
  entry,
  // Both formats for their declarations (.d.ts, .d.cts); the CommonJS code is made from the ESM (onSuccess).
  format: ['esm', 'cjs'],
  splitting: true,
  onSuccess: commonJs,
  dts: true,
  target: 'es2022',
  platform: 'neutral',
  // node:http stays node:http (Deno resolves only the prefixed name).
  removeNodeProtocol: false,
  // openapi-fetch is a dependency: the runtime imports its serializers by name (its CommonJS build has
  // no default export esbuild's interop could find). node:* only in the .node entries.
  external: ['openapi-fetch', /^node:/],
});
