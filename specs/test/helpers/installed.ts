// A copy of the repository (a scratch folder or git worktree) runs on the repository's installed packages,
// linked, not copied; but the workspace's own packages (node_modules/@akinai/*, relative links) are the
// copy's, so that what imports `@akinai/specs` there reads the copy's specs, as it would in a clone.
import { cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export function linkInstalled(repo: string, copy: string): void {
  mkdirSync(join(copy, 'node_modules'));
  for (const entry of readdirSync(join(repo, 'node_modules'))) {
    if (entry !== '@akinai') symlinkSync(join(repo, 'node_modules', entry), join(copy, 'node_modules', entry));
  }
  cpSync(join(repo, 'node_modules/@akinai'), join(copy, 'node_modules/@akinai'), { recursive: true, verbatimSymlinks: true });
}
