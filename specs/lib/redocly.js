// The one way every package runs the Redocly CLI: telemetry and update check off, and without the
// Node.js 20 end-of-life box it prints on every run (Node 20 is this project's floor; the box tells a
// user nothing they can act on here). Everything else it prints passes through.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BOX = /^\s*[╔║╚].*\n?/gm;

/**
 * Runs `redocly <args>` in `cwd` (default: the specs folder, where redocly.yaml is); returns its exit
 * code, having printed its output (less the box) unless `quiet`.
 * @param {string[]} args
 * @param {{ cwd?: string, quiet?: boolean }} [options]
 * @returns {number}
 */
export function redocly(args, { cwd = fileURLToPath(new URL('..', import.meta.url)), quiet = false } = {}) {
  const cli = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  const strip = (/** @type {string} */ text) => text.replace(BOX, '').replace(/^\n+/, '');
  if (!quiet) {
    process.stdout.write(strip(result.stdout));
    process.stderr.write(strip(result.stderr));
  }
  return result.status ?? 1;
}
