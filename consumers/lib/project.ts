// A user's project outside the workspace: a folder in the system's temp directory with its own
// package.json, where packages are installed with npm, as users install them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Project {
  dir: string;
  /** Runs a command in the project (on another Node binary if given); a failure throws with its stderr. */
  run(command: string, args: string[], options?: { node?: string; env?: Record<string, string> }): { stdout: string; stderr: string };
  write(file: string, text: string): void;
  remove(): void;
}

/**
 * The environment a command runs in, cut off from the one the tests run in: no npm_config_* that `pnpm
 * run` passes down (a registry among them), no user .npmrc (a real token in it), and the registry named.
 * Unless told otherwise, the registry is a closed port: nothing installs from the internet by accident.
 */
export function isolatedEnv(dir: string, registry = 'http://127.0.0.1:9/'): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key)));
  writeFileSync(join(dir, '.user-npmrc'), '');
  return { ...env, npm_config_userconfig: join(dir, '.user-npmrc'), npm_config_registry: registry, npm_config_update_notifier: 'false' };
}

export function createProject(name: string, registry?: string): Project {
  const dir = mkdtempSync(join(tmpdir(), `akinai-${name}-`));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `user-${name}`, private: true }, null, 2)}\n`);
  const base = isolatedEnv(dir, registry);
  return {
    dir,
    run(command, args, { node, env } = {}) {
      const PATH = node ? `${dirname(node)}:${base.PATH}` : base.PATH;
      const { status, stdout, stderr, error } = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { ...base, PATH, ...env } });
      if (error) throw error;
      if (status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${dir}:\n${stderr || stdout}`);
      return { stdout, stderr };
    },
    write: (file, text) => writeFileSync(join(dir, file), text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** npm's flags for a quiet install that never asks the network. */
export const offline = ['--offline', '--no-audit', '--no-fund', '--loglevel=error'];
