// Checks a publishable package as npm would ship it (run from the package's directory):
// publint (strict), arethetypeswrong on the packed tarball, and, where package.json sets
// akinai.sizeBudget, each entry's size minified and gzipped as a user's bundler would build it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { entrySize } from './entry-size.mjs';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const { attwProfile, sizeBudget } = manifest.akinai ?? {};
let failed = false;

const { messages } = await publint({ pkgDir: '.', strict: true, pack: 'pnpm' });
for (const message of messages) {
  console.log(`publint ${message.type}: ${formatMessage(message, manifest)}`);
  if (message.type !== 'suggestion') failed = true;
}
console.log(`publint: ${messages.length === 0 ? 'clean' : `${messages.length} message(s)`}`);

if (attwProfile) {
  try {
    execFileSync('attw', ['--pack', '.', '--profile', attwProfile, '--format', 'table-flipped'], { stdio: 'inherit' });
  } catch {
    failed = true;
  }
}

for (const [entry, budget] of Object.entries(sizeBudget ?? {})) {
  const { minBytes, gzipBytes } = await entrySize(`${manifest.name}${entry.slice(1)}`, process.cwd());
  const ok = gzipBytes <= budget;
  console.log(`size ${entry}: ${minBytes} B min, ${gzipBytes} B min+gzip (budget ${budget} B) ${ok ? 'ok' : 'OVER BUDGET'}`);
  if (!ok) failed = true;
}
process.exit(failed ? 1 : 0);
