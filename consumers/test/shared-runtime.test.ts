// One error hierarchy across every entry, from the packed tarball: each error class imported from each
// entry (recore, pittaly-order's node build and its browser build, dtp-lcv) is the same class, is thrown
// and caught as every entry's, and so are the errors of real calls (a TimeoutError from a loopback server
// that never answers, an AbortError, a NotFoundError, a refused connection, the browser build's
// UnsupportedRequestError), in ES modules and in CommonJS, on Node 20, 22 and 24.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { majors, nodeBinary } from '../../scripts/node-matrix/nodes.mjs';
import { type Installed, installPacked } from '../lib/installed.js';

let project: Installed;
beforeAll(() => {
  project = installPacked('shared-runtime', ['shared-runtime-check.cjs', 'shared-runtime.mjs', 'shared-runtime.cjs']);
}, 240_000);
afterAll(() => project?.cleanup());

describe.each(majors)('Node %i', (major) => {
  it.each(['shared-runtime.mjs', 'shared-runtime.cjs'])('%s: every class the same in every entry, thrown across them', (file) => {
    const { stdout, stderr } = project.run('node', [file], { node: nodeBinary(major) });
    const { failures, checks } = JSON.parse(stdout);
    expect(failures).toEqual([]);
    // 4 entries × ~18 classes, each against every entry's classes and ancestors, plus 18 real calls.
    expect(checks).toBeGreaterThan(1000);
    expect(stderr).toBe('');
  });
});
