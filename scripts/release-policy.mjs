// The compatibility policy, in one place (RELEASING.md explains it): which bump a spec change needs.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export const BUMPS = ['none', 'patch', 'minor', 'major'];
/** The packages generated from the specs: a spec change reaches users through each of them. */
export const GENERATED = ['@akinai/sdk', '@akinai/mock', '@akinai/docs'];

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

/** The pending changesets: { file, bumps: { package: level } }. */
export function pendingChangesets(root) {
  const dir = `${root}/.changeset/`;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .map((file) => {
      const [, front = ''] = readFileSync(dir + file, 'utf8').match(/^---\n([\s\S]*?)\n---/) ?? [];
      return { file, bumps: Object.fromEntries([...front.matchAll(/^["']?([^"':]+)["']?:\s*(\w+)/gm)].map(([, name, bump]) => [name, bump])) };
    });
}

/** The last release: the last commit that changed a package's CHANGELOG.md; before any, the first commit. */
export function lastRelease(root) {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  const released = existsSync(`${root}/packages`) ? git('log', '-1', '--format=%H', '--', 'packages/*/CHANGELOG.md') : '';
  return released || git('rev-list', '--max-parents=0', 'HEAD').split('\n').at(-1);
}
