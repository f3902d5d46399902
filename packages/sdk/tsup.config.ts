import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hasGetBodies, loadBundle, registry } from '@akinai/specs';
import { defineConfig, type Options } from 'tsup';

// One entry per API of the registry, running in browsers too (no Node-only imports): its own folder's
// index.ts, or the entry the generator wrote for it. An API whose spec has a GET with a body (WHATWG
// fetch cannot send one) also gets a `.node` build, whose transport is node:http; package.json's "node"
// condition selects it (the package check holds the exports map to this list).
const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));
const entries: Record<string, string> = {};
const nodeEntries: Record<string, string> = {};
for (const api of registry()) {
  const entry = existsSync(src(`${api.name}/index.ts`)) ? src(`${api.name}/index.ts`) : src(`generated/${api.name}.entry.ts`);
  entries[api.name] = entry;
  if (hasGetBodies(loadBundle(api))) nodeEntries[`${api.name}.node`] = entry;
}

const common: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  target: 'es2022',
  // openapi-fetch is a dependency: the runtime imports its serializers by name (its CommonJS build has
  // no default export esbuild's interop could find).
  external: ['openapi-fetch', /^node:/],
};

export default defineConfig([
  { ...common, entry: entries, platform: 'neutral' },
  {
    ...common,
    entry: nodeEntries,
    platform: 'node',
    esbuildPlugins: [
      {
        name: 'node-transport',
        setup(build) {
          build.onResolve({ filter: /\/transport\.js$/ }, (_args) => ({ path: src('core/transport.node.ts') }));
        },
      },
    ],
  },
]);
