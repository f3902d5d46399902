// Tree-shaking, from the packed tarball: a module that imports every name of an SDK entry and uses none
// bundles to nothing, with esbuild and with rollup (+ node-resolve), for browsers and for Node (pittaly-
// order's node build). Twice: as published (package.json's "sideEffects": false lets a bundler skip
// whole files), and with "sideEffects" set aside, where only the code itself can say it is pure (no
// top-level call, no class static block; /* @__PURE__ */ where a construction must stay at the top;
// Node's own modules, external to the bundle, taken as free of side effects, as they are).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { build, type Plugin as EsbuildPlugin } from 'esbuild';
import { type Plugin as RollupPlugin, rollup } from 'rollup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Installed, installPacked } from '../lib/installed.js';

let project: Installed;
beforeAll(() => {
  project = installPacked('tree-shaking');
}, 240_000);
afterAll(() => project?.cleanup());

type Target = 'browser' | 'node';
const entries: [entry: string, target: Target][] = [
  ['recore', 'browser'],
  ['pittaly-order', 'browser'],
  ['pittaly-order', 'node'],
  ['dtp-lcv', 'browser'],
];

/** Every name the entry exports, as Node loads it. */
function exportedNames(entry: string): string[] {
  const script = `import('@akinai/sdk/${entry}').then((m) => console.log(JSON.stringify(Object.keys(m))))`;
  return JSON.parse(project.run('node', ['-e', script]).stdout);
}
const unused = (entry: string, names: string[]) => `import { ${names.join(', ')} } from '@akinai/sdk/${entry}';\n`;
/** The bundle's code, comments and blank space aside. */
const code = (text: string) =>
  text
    .replace(/\/\/.*$/gm, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .trim();

/** esbuild: every module resolved by esbuild itself, but without the "sideEffects" it read from package.json. */
const esbuildAllSideEffects: EsbuildPlugin = {
  name: 'set-side-effects-aside',
  setup(bundler) {
    bundler.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      // Node's own modules run nothing a program sees when imported; a bundler cannot know it of an external.
      if (args.path.startsWith('node:')) return { path: args.path, external: true, sideEffects: false };
      const { path, external, errors } = await bundler.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'inner',
      });
      return errors.length > 0 ? { errors } : { path, external };
    });
  },
};
/** rollup: node-resolve's answer, but every module with side effects as far as package.json goes. */
const rollupAllSideEffects: RollupPlugin = {
  name: 'set-side-effects-aside',
  async resolveId(source, importer, options) {
    if (source === 'entry') return null;
    if (source.startsWith('node:')) return { id: source, external: true, moduleSideEffects: false };
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved && { ...resolved, moduleSideEffects: true };
  },
};

async function withEsbuild(source: string, target: Target, asPublished: boolean) {
  const { outputFiles } = await build({
    stdin: { contents: source, resolveDir: project.dir, loader: 'js' },
    absWorkingDir: project.dir,
    bundle: true,
    format: 'esm',
    platform: target,
    write: false,
    logLevel: 'silent',
    plugins: asPublished ? [] : [esbuildAllSideEffects],
  });
  return outputFiles[0]!.text;
}

async function withRollup(source: string, target: Target, asPublished: boolean) {
  const entry: RollupPlugin = {
    name: 'entry',
    resolveId: (id) => (id === 'entry' ? id : null),
    load: (id) => (id === 'entry' ? source : null),
  };
  const bundle = await rollup({
    input: 'entry',
    // Set aside, the plugin marks node:* external (rollup's `external` would keep their imports).
    external: asPublished ? [/^node:/] : [],
    plugins: [
      entry,
      ...(asPublished ? [] : [rollupAllSideEffects]),
      nodeResolve({ rootDir: project.dir, browser: target === 'browser', exportConditions: target === 'node' ? ['node'] : [] }),
    ],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output[0].code;
}

const bundlers = { esbuild: withEsbuild, rollup: withRollup };

describe.each(Object.entries(bundlers))('%s', (_, bundle) => {
  it.each(entries)('@akinai/sdk/%s (%s): every name imported, none used, leaves nothing', async (entry, target) => {
    const names = exportedNames(entry);
    expect(names).toContain('AkinaiError');
    for (const asPublished of [true, false]) {
      expect(code(await bundle(unused(entry, names), target, asPublished)), asPublished ? 'as published' : 'sideEffects set aside').toBe(
        '',
      );
    }
  });

  it.each(entries)('@akinai/sdk/%s (%s): one error class used keeps the hierarchy, not the client', async (entry, target) => {
    for (const asPublished of [true, false]) {
      const bundled = await bundle(
        `import { NotFoundError } from '@akinai/sdk/${entry}';\nconsole.log(NotFoundError);\n`,
        target,
        asPublished,
      );
      // rollup keeps the bare `import 'node:http'` of the node build's entry it passes through (an
      // external, so it cannot know that importing it does nothing): in a Node.js bundle, harmless.
      const output = code(bundled.replace(/^import '(node:[a-z]+)';$/gm, ''));
      expect(output).toContain('class');
      expect(output).not.toMatch(/TextDecoder|createQuerySerializer|node:http/);
      expect(output.length).toBeLessThan(3_000);
    }
  });
});
