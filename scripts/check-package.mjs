// Checks a publishable package as npm would ship it (run from the package's directory): what users see
// on npm (a README, license, repository with its folder, homepage, bugs, keywords), publint
// (strict), arethetypeswrong on the packed tarball, and, for a package with an entry per API
// (akinai.sizeBudget), that its exports and budgets cover every API of the registry and that each
// entry's size, minified and gzipped as a user's bundler would build it, keeps to its budget.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { hasGetBodies, loadBundle, registry } from '@akinai/specs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { entrySize } from './entry-size.mjs';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const { attwProfile, sizeBudget } = manifest.akinai ?? {};
const problems = [];

const folder = `packages/${basename(process.cwd())}`;
if (!existsSync('README.md')) problems.push('no README.md: what it is, install, the first call, where the docs are');
for (const field of ['description', 'license', 'homepage', 'bugs', 'keywords']) {
  if (!manifest[field] || manifest[field].length === 0) problems.push(`package.json has no "${field}"`);
}
if (manifest.repository?.directory !== folder) problems.push(`package.json "repository" must name its folder: "directory": "${folder}"`);

const { messages } = await publint({ pkgDir: '.', strict: true, pack: 'pnpm' });
for (const message of messages) {
  console.log(`publint ${message.type}: ${formatMessage(message, manifest)}`);
  if (message.type !== 'suggestion') problems.push('publint');
}
console.log(`publint: ${messages.length === 0 ? 'clean' : `${messages.length} message(s)`}`);

if (attwProfile) {
  try {
    execFileSync('attw', ['--pack', '.', '--profile', attwProfile, '--format', 'table-flipped'], { stdio: 'inherit' });
  } catch {
    problems.push('attw');
  }
}

if (sizeBudget) {
  for (const api of registry()) {
    const subpath = `./${api.name}`;
    const exported = manifest.exports[subpath];
    if (!exported) problems.push(`exports has no "${subpath}": every API of the registry is an entry (add it as the others are)`);
    const node = hasGetBodies(loadBundle(api));
    if (exported && node !== Boolean(exported.node)) {
      problems.push(
        `exports["${subpath}"] ${node ? 'needs' : 'must not have'} a "node" condition (dist/${api.name}.node.*): ${node ? 'its spec has a GET with a body' : 'only an API with a GET body has one'}`,
      );
    }
    if (!(subpath in sizeBudget)) problems.push(`akinai.sizeBudget has no "${subpath}"`);
  }
  for (const [entry, budget] of Object.entries(sizeBudget)) {
    const { minBytes, gzipBytes } = await entrySize(`${manifest.name}${entry.slice(1)}`, process.cwd());
    const ok = gzipBytes <= budget;
    console.log(`size ${entry}: ${minBytes} B min, ${gzipBytes} B min+gzip (budget ${budget} B) ${ok ? 'ok' : 'OVER BUDGET'}`);
    if (!ok) problems.push(`${entry} is over its size budget`);
  }
}
for (const problem of problems.filter((p) => p !== 'publint' && p !== 'attw')) console.error(`✗ ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);
