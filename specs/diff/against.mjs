// Bundles every API of the working tree and of a git ref, each with its own redocly.yaml and plugin (the
// bundle the ref built), and compares them (see compare.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registry, SPECS } from '../lib/registry.js';
import { redocly } from '../lib/redocly.js';
import { compare } from './compare.mjs';

/** { api: findings[] } for every API of the working tree; an API absent at the ref is one 'api-added'. */
export function diffAgainst(ref) {
  const work = mkdtempSync(join(tmpdir(), 'akinai-spec-diff-'));
  try {
    const repo = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: SPECS, encoding: 'utf8' }).trim();
    const baseSpecs = join(work, 'base', 'specs');
    execFileSync('sh', ['-c', 'mkdir -p "$1" && git -C "$2" archive "$3" specs | tar -x -C "$1"', 'sh', join(work, 'base'), repo, ref]);
    const base = existsSync(join(baseSpecs, 'redocly.yaml')) ? registry(baseSpecs) : [];
    const modules = join(baseSpecs, 'node_modules'); // its plugin's imports (Ajv)
    if (base.length > 0 && !existsSync(modules)) symlinkSync(join(SPECS, 'node_modules'), modules);
    const report = {};
    for (const api of registry()) {
      const head = bundle(api.root, join(work, `head-${api.name}.json`));
      const before = base.find((b) => b.name === api.name);
      report[api.name] = before
        ? compare(bundle(before.root, join(work, `base-${api.name}.json`), baseSpecs), head)
        : [{ level: 'non-breaking', rule: 'api-added', where: api.name, detail: '' }];
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

/** Bundles one API's root file, with the redocly.yaml of the specs folder `cwd` (default: the working tree's). */
function bundle(root, out, cwd = SPECS) {
  if (redocly(['bundle', root, '-o', out], { cwd, quiet: true }) !== 0) throw new Error(`redocly could not bundle ${root}`);
  return JSON.parse(readFileSync(out, 'utf8'));
}
