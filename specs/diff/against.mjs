// Bundles every API of the working tree and of a git ref, and compares them (see compare.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compare } from './compare.mjs';

const specs = fileURLToPath(new URL('..', import.meta.url));
const redocly = join(specs, 'node_modules/.bin/redocly');

/** { api: findings[] } for every API of the working tree; an API absent at the ref is one 'api-added'. */
export function diffAgainst(ref) {
  const work = mkdtempSync(join(tmpdir(), 'akinai-spec-diff-'));
  try {
    const repo = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: specs, encoding: 'utf8' }).trim();
    const baseSpecs = join(work, 'base');
    execFileSync('sh', ['-c', 'mkdir -p "$1" && git -C "$2" archive "$3" specs | tar -x -C "$1"', 'sh', baseSpecs, repo, ref]);
    const apis = parse(readFileSync(join(specs, 'redocly.yaml'), 'utf8')).apis;
    const baseConfig = join(baseSpecs, 'specs/redocly.yaml');
    const baseApis = existsSync(baseConfig) ? (parse(readFileSync(baseConfig, 'utf8')).apis ?? {}) : {};
    const report = {};
    for (const [api, { root }] of Object.entries(apis)) {
      const head = bundle(join(specs, root), join(work, `head-${api}.json`));
      report[api] = baseApis[api]
        ? compare(bundle(join(baseSpecs, 'specs', baseApis[api].root), join(work, `base-${api}.json`)), head)
        : [{ level: 'non-breaking', rule: 'api-added', where: api, detail: '' }];
    }
    return report;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The worst level among findings: 'breaking', 'non-breaking', 'docs', or 'none'. */
export function levelOf(findings) {
  for (const level of ['breaking', 'non-breaking', 'docs']) if (findings.some((f) => f.level === level)) return level;
  return 'none';
}

/** Bundles one API's root file (by path: an alias would write to the configured output instead). */
function bundle(root, out) {
  execFileSync(redocly, ['bundle', root, '-o', out], {
    stdio: 'ignore',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  return JSON.parse(readFileSync(out, 'utf8'));
}
