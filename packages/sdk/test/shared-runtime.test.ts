// One runtime for every entry (tsup.config.ts): each error class is the same object whichever entry it
// comes from — recore, pittaly-order's node build and its browser build, dtp-lcv — in ES modules and in
// CommonJS, as built in dist/. consumers/test/shared-runtime.test.ts proves it of the packed tarball,
// with real errors thrown across entries.
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url);
const files = ['recore', 'pittaly-order', 'pittaly-order.node', 'dtp-lcv'];
const isErrorClass = (value: unknown): value is typeof Error => typeof value === 'function' && value.prototype instanceof Error;

const loaders = {
  'ES modules': (file: string) => import(dist(`${file}.js`).href) as Promise<Record<string, unknown>>,
  CommonJS: async (file: string) => require(dist(`${file}.cjs`).pathname) as Record<string, unknown>,
};

it.each(Object.entries(loaders))('%s: every entry exports the same error classes', async (_, load) => {
  const modules = await Promise.all(files.map(load));
  const [recore] = modules;
  let compared = 0;
  for (const module of modules) {
    for (const [name, value] of Object.entries(module)) {
      if (!isErrorClass(value) || !(name in recore!)) continue;
      expect(value, name).toBe(recore![name]);
      compared += 1;
    }
  }
  expect(compared).toBeGreaterThanOrEqual(4 * 17);
  // The classes of one API alone still extend the shared ones.
  const lcv = modules[3]!;
  expect((lcv.CommandError as typeof Error).prototype).toBeInstanceOf(recore!.ApiError as typeof Error);
  expect((modules[2]!.BatchUploadError as typeof Error).prototype).toBeInstanceOf(recore!.AkinaiError as typeof Error);
  expect(modules[1]!.BatchUploadError).toBe(modules[2]!.BatchUploadError);
});

it('CommonJS classes keep their names (no `_class` renaming)', () => {
  const recore = require(dist('recore.cjs').pathname) as Record<string, unknown>;
  for (const [name, value] of Object.entries(recore)) if (isErrorClass(value)) expect(value.name).toBe(name);
});
