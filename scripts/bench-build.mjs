// Build times: a cold `pnpm build` (turbo --force: nothing from the cache) and a fully cached one.
// Prints a table; writes bench/build.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const time = (args) => {
  const started = performance.now();
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', ...args], { stdio: 'ignore', env });
  return Math.round(performance.now() - started);
};
const results = { coldMs: time(['--force']), cachedMs: time([]) };
console.log('Build\n\n| build | ms |\n| --- | ---: |');
console.log(`| cold (turbo --force) | ${results.coldMs} |\n| fully cached | ${results.cachedMs} |`);
mkdirSync('bench', { recursive: true });
writeFileSync('bench/build.json', `${JSON.stringify(results, null, 2)}\n`);
