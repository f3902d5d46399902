// A user's project with the packed packages installed (npm, offline, from the tarballs pack() makes),
// and the fixtures a test runs there copied in.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createProject, offline, type Project } from './project.js';
import { pack } from './tarballs.js';

export interface Installed extends Project {
  /** Removes the project and the tarballs. */
  cleanup(): void;
}

/** A fresh project named `name` with every published package installed from its tarball. */
export function installPacked(name: string, fixtures: string[] = []): Installed {
  const project = createProject(name);
  const packed = mkdtempSync(join(tmpdir(), 'akinai-tarballs-'));
  project.run('npm', ['install', ...offline, ...pack(packed)]);
  for (const fixture of fixtures) copyFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), join(project.dir, basename(fixture)));
  return {
    ...project,
    cleanup() {
      project.remove();
      rmSync(packed, { recursive: true, force: true });
    },
  };
}
