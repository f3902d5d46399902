// pnpm version-packages: applies the pending changesets, and first moves each API's info.version by the
// rule in RELEASING.md (the class of its spec change since the last release, as pnpm spec:diff sees it).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { registry } from '@akinai/specs';
import { diffAgainst, levelOf } from '@akinai/specs/diff';
import { bumped, lastRelease, requiredBump } from './release-policy.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = Object.fromEntries(registry().map((api) => [api.name, api.root]));
const report = diffAgainst(lastRelease(root));
for (const [api, findings] of Object.entries(report)) {
  if (findings.some((f) => f.rule === 'api-added')) continue; // a new API starts at the version it was written with
  const file = roots[api];
  if (!file) continue;
  const text = readFileSync(file, 'utf8');
  const version = /^info:\n(?: {2}.*\n)*? {2}version: (\S+)$/m.exec(text)?.[1];
  const next = version && bumped(version, requiredBump(levelOf(findings), version));
  if (!version || next === version) continue;
  writeFileSync(file, text.replace(`  version: ${version}\n`, `  version: ${next}\n`));
  console.log(`${api}: info.version ${version} → ${next} (${levelOf(findings)})`);
}
execFileSync('pnpm', ['exec', 'changeset', 'version'], { cwd: root, stdio: 'inherit' });
execFileSync('pnpm', ['install', '--lockfile-only'], { cwd: root, stdio: 'inherit' });
