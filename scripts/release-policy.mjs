// The compatibility policy, in one place (RELEASING.md explains it): which bump a spec change needs.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export { pendingChangesets } from '@akinai/specs';

export const BUMPS = ['none', 'patch', 'minor', 'major'];

/**
 * The packages generated from the specs (every published package built from @akinai/specs), with their
 * versions: a spec change reaches users through each of them.
 */
export function generatedPackages(root) {
  return readdirSync(`${root}/packages`)
    .map((dir) => JSON.parse(readFileSync(`${root}/packages/${dir}/package.json`, 'utf8')))
    .filter((manifest) => !manifest.private && '@akinai/specs' in { ...manifest.dependencies, ...manifest.devDependencies })
    .map(({ name, version }) => ({ name, version }));
}

/** 0.x: breaking → minor, anything else → patch. From 1.0: breaking → major, additions → minor, docs → patch. */
export function requiredBump(level, version) {
  const initial = version.startsWith('0.');
  if (level === 'breaking') return initial ? 'minor' : 'major';
  if (level === 'non-breaking') return initial ? 'patch' : 'minor';
  return level === 'docs' ? 'patch' : 'none';
}

export const atLeast = (bump, required) => BUMPS.indexOf(bump) >= BUMPS.indexOf(required);

/** Bump a version by a level. */
export function bumped(version, bump) {
  const [major, minor, patch] = version.split('.').map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
  return version;
}

/** The last release: the last commit that changed a package's CHANGELOG.md; before any, the first commit. */
export function lastRelease(root) {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  const released = existsSync(`${root}/packages`) ? git('log', '-1', '--format=%H', '--', 'packages/*/CHANGELOG.md') : '';
  return released || git('rev-list', '--max-parents=0', 'HEAD').split('\n').at(-1);
}
