// Checks a publishable package as npm would ship it (run from the package's directory):
// publint (strict), arethetypeswrong on the packed tarball, and, where package.json sets
// akinai.sizeBudget, each entry's size minified and gzipped as a user's bundler would build it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

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
  // What a browser bundler makes of `import * as sdk from '@akinai/sdk/<entry>'`, dependencies included.
  const result = await build({
    stdin: { contents: `export * from '${manifest.name}${entry.slice(1)}';`, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  const gzip = gzipSync(code).length;
  const ok = gzip <= budget;
  console.log(`size ${entry}: ${code.length} B min, ${gzip} B min+gzip (budget ${budget} B) ${ok ? 'ok' : 'OVER BUDGET'}`);
  if (!ok) failed = true;
}
process.exit(failed ? 1 : 0);
