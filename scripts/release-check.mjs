// pnpm release:check [--base <git-ref>]   (default base: the last release)
// The CI gate: a change to an API's spec needs a changeset, and a breaking one the bump the policy in
// RELEASING.md requires of every package generated from the specs. Says exactly what to add.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { diffAgainst, levelOf } from '@akinai/specs/diff';
import { atLeast, BUMPS, generatedPackages, lastRelease, pendingChangesets, requiredBump } from './release-policy.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { base: { type: 'string' } } });
const base = values.base ?? lastRelease(root) ?? 'HEAD';
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

// Every pending changeset must be one `changeset version` can apply, whatever changed.
let pending;
try {
  pending = pendingChangesets(root);
} catch (error) {
  console.error(`✗ ${/** @type {Error} */ (error).message}`);
  process.exit(1);
}

const changed = [
  ...git('diff', '--name-only', base, '--', 'specs').split('\n'),
  ...git('ls-files', '--others', '--exclude-standard', 'specs').split('\n'),
].filter((file) => /^specs\/[^/]+\/(openapi\.yaml|paths\/|components\/)/.test(file));
if (changed.length === 0) {
  console.log(`release:check: no API spec changed since ${base.slice(0, 12)}.`);
  process.exit(0);
}

const report = diffAgainst(base);
const level = levelOf(Object.values(report).flat());
const problems = [];
for (const { name, version } of generatedPackages(root)) {
  const required = requiredBump(level, version);
  const declared = pending.map((c) => c.bumps[name] ?? 'none').reduce((a, b) => (BUMPS.indexOf(b) > BUMPS.indexOf(a) ? b : a), 'none');
  if (!atLeast(declared, required)) {
    problems.push(
      declared === 'none'
        ? `${name} has no changeset. Add one: pnpm changeset (choose ${name}, ${required}), or a file .changeset/<name>.md with "${name}": ${required}.`
        : `${name} is at ${version} and the spec change is ${level}, so it needs a ${required} bump; the pending changesets give it only ${declared}. Change "${name}": ${declared} to "${name}": ${required}.`,
    );
  }
}

console.log(`release:check: ${changed.length} spec file(s) changed since ${base.slice(0, 12)}; the change is ${level}.`);
for (const [api, findings] of Object.entries(report)) {
  for (const f of findings.filter((x) => x.level === 'breaking')) console.log(`  ✗ ${api}: ${f.rule} ${f.where} ${f.detail}`);
}
for (const problem of problems) console.error(`✗ ${problem}`);
if (problems.length === 0) console.log('release:check: the pending changesets cover it.');
process.exit(problems.length ? 1 : 0);
