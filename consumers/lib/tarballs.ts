// The published packages as tarballs, packed as `pnpm publish` packs them, with the tarballs of their
// dependencies made from the workspace's installed copies: a project installs them all with
// `npm install --offline`, and nothing is fetched from the internet.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspace = fileURLToPath(new URL('../../', import.meta.url));
export const published = ['sdk', 'mock', 'docs'] as const;

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}
const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Where a package's dependency is installed, as Node would find it from the package's folder. */
function installed(name: string, from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
  }
  throw new Error(`${name} is not installed where ${from} would find it; run pnpm install.`);
}

/** Every package the published ones need at run time, by name → folder (the published ones included). */
function closure(): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (dir: string) => {
    const { name, dependencies = {} } = manifestOf(dir);
    if (found.has(name)) return;
    found.set(name, dir);
    for (const dependency of Object.keys(dependencies)) visit(installed(dependency, dir));
  };
  for (const pkg of published) visit(join(workspace, 'packages', pkg));
  return found;
}

/**
 * Packs into `into` the published packages (as `pnpm publish` packs them), their dependencies (from the
 * workspace's installed copies), or both; returns the tarballs' paths.
 */
export function pack(into: string, which: 'published' | 'dependencies' | 'all' = 'all'): string[] {
  const before = new Set(readdirSync(into));
  for (const [name, dir] of closure()) {
    const ours = name.startsWith('@akinai/');
    if (which !== 'all' && ours !== (which === 'published')) continue;
    if (ours) execFileSync('pnpm', ['pack', '--pack-destination', into], { cwd: dir, stdio: 'ignore' });
    else {
      // A copy first: pnpm's store hard-links identical files, and npm packs a hard link as a 0-byte
      // link entry that npm itself then declines to unpack (openapi-typescript-helpers' three .d.ts).
      const copy = join(into, '.copies', name);
      cpSync(dir, copy, { recursive: true });
      execFileSync('npm', ['pack', copy, '--pack-destination', into, '--ignore-scripts', '--silent'], { stdio: 'ignore' });
    }
  }
  rmSync(join(into, '.copies'), { recursive: true, force: true });
  return readdirSync(into)
    .filter((file) => file.endsWith('.tgz') && !before.has(file))
    .map((file) => join(into, file));
}
