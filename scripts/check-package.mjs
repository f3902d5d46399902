// Checks a publishable package as npm would ship it (run from the package's directory): what users see
// on npm (a README, license, repository with its folder, homepage, bugs, keywords), publint
// (strict), arethetypeswrong on the packed tarball, and, for a package with an entry per API
// (akinai.entryPerApi), that its exports are the registry's APIs and that each entry's size, minified and
// gzipped as a user's bundler would build it, keeps to its API's budget (specs/redocly.yaml, x-akinai.sizeBudget).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { hasGetBodies, loadBundle, registry } from '@akinai/specs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { entrySize } from './entry-size.mjs';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const { attwProfile, entryPerApi } = manifest.akinai ?? {};
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

if (entryPerApi) {
  const apis = registry();
  for (const subpath of Object.keys(manifest.exports).filter((key) => key !== './package.json')) {
    if (!apis.some((api) => `./${api.name}` === subpath)) problems.push(`exports has "${subpath}", which is no API of the registry`);
  }
  for (const api of apis) {
    const subpath = `./${api.name}`;
    const exported = manifest.exports[subpath];
    if (!exported) {
      problems.push(`exports has no "${subpath}": every API of the registry is an entry (the build writes them)`);
      continue;
    }
    const node = hasGetBodies(loadBundle(api));
    if (node !== Boolean(exported.node)) {
      problems.push(
        `exports["${subpath}"] ${node ? 'needs' : 'must not have'} a "node" condition (dist/${api.name}.node.*): ${node ? 'its spec has a GET with a body' : 'only an API with a GET body has one'}`,
      );
    }
    if (api.sizeBudget === undefined) {
      problems.push(`specs/redocly.yaml: apis.${api.name} needs x-akinai.sizeBudget, the most bytes (min+gzip) its entry may weigh`);
      continue;
    }
    const { minBytes, gzipBytes } = await entrySize(`${manifest.name}/${api.name}`, process.cwd());
    const ok = gzipBytes <= api.sizeBudget;
    console.log(`size ${subpath}: ${minBytes} B min, ${gzipBytes} B min+gzip (budget ${api.sizeBudget} B) ${ok ? 'ok' : 'OVER BUDGET'}`);
    if (!ok) problems.push(`${subpath} is over its size budget`);
  }
}
for (const problem of problems.filter((p) => p !== 'publint' && p !== 'attw')) console.error(`✗ ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);
