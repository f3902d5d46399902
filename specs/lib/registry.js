// The registry of APIs (redocly.yaml → apis): each API's name, the root of its spec, the port its mock
// serves on, its SDK entry's size budget, and the bundled spec every package builds from. Adding an API is a folder under specs/ and
// a line in the registry; the SDK, the mock, the docs and the release gate all read it from here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The specs folder of this package (or of a copy of the repository, in tests). */
export const SPECS = fileURLToPath(new URL('..', import.meta.url));

/**
 * @typedef {object} Api
 * @property {string} name e.g. `recore`; also the SDK's subpath (`@akinai/sdk/recore`) and the docs' folder
 * @property {string} root the spec's root file, absolute
 * @property {number | undefined} mockPort the port `akinai-mock <name>` serves on by default
 * @property {number | undefined} sizeBudget the most bytes (min+gzip) its SDK entry may weigh in a browser bundle
 * @property {string} bundle the bundled spec (JSON), absolute: what the packages build from
 */

/**
 * Every API of the registry, in its order.
 * @param {string} [specs] the specs folder (default: this package's)
 * @returns {Api[]}
 */
export function registry(specs = SPECS) {
  const { apis } = parse(readFileSync(`${specs}/redocly.yaml`, 'utf8'));
  return Object.entries(apis ?? {}).map(([name, entry]) => {
    const api = /** @type {{ root: string, 'x-akinai'?: { mockPort?: number, sizeBudget?: number } }} */ (entry);
    const { mockPort, sizeBudget } = api['x-akinai'] ?? {};
    return { name, root: `${specs}/${api.root}`, mockPort, sizeBudget, bundle: `${specs}/dist/${name}.openapi.json` };
  });
}

/**
 * An API's bundled spec.
 * @param {Api} api
 * @returns {import('./types.js').Document}
 */
export function loadBundle(api) {
  return JSON.parse(readFileSync(api.bundle, 'utf8'));
}
