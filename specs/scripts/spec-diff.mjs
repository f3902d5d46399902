// pnpm spec:diff --base <git-ref> [--json]
// Compares every API's bundled spec at <git-ref> with the working tree, classifies each change as
// breaking, non-breaking or docs-only (direction-aware, see diff/compare.mjs), prints a report, and
// exits 1 when anything is breaking.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { compare } from '../diff/compare.mjs';

const specs = fileURLToPath(new URL('..', import.meta.url));
const redocly = join(specs, 'node_modules/.bin/redocly');
const { values } = parseArgs({ options: { base: { type: 'string' }, json: { type: 'boolean', default: false } } });
if (!values.base) {
  console.error('usage: pnpm spec:diff --base <git-ref> [--json]');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'akinai-spec-diff-'));
try {
  const repo = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: specs, encoding: 'utf8' }).trim();
  const baseSpecs = join(work, 'base');
  execFileSync('sh', ['-c', `mkdir -p "${baseSpecs}" && git -C "${repo}" archive "${values.base}" specs | tar -x -C "${baseSpecs}"`]);
  const report = {};
  const apis = parse(readFileSync(join(specs, 'redocly.yaml'), 'utf8')).apis;
  const baseConfig = join(baseSpecs, 'specs/redocly.yaml');
  const baseApis = existsSync(baseConfig) ? parse(readFileSync(baseConfig, 'utf8')).apis ?? {} : {};
  for (const [api, { root }] of Object.entries(apis)) {
    const head = bundle(join(specs, root), join(work, `head-${api}.json`));
    report[api] = baseApis[api]
      ? compare(bundle(join(baseSpecs, 'specs', baseApis[api].root), join(work, `base-${api}.json`)), head)
      : [{ level: 'non-breaking', rule: 'api-added', where: api, detail: '' }];
  }
  const breaking = Object.values(report).flat().some((finding) => finding.level === 'breaking');
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else print(report);
  process.exit(breaking ? 1 : 0);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Bundles one API's root file (by path: an alias would write to the configured output instead). */
function bundle(root, out) {
  execFileSync(redocly, ['bundle', root, '-o', out], { stdio: 'ignore', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
  return JSON.parse(readFileSync(out, 'utf8'));
}

function print(report) {
  for (const [api, findings] of Object.entries(report)) {
    const by = (level) => findings.filter((f) => f.level === level);
    console.log(`\n${api}: ${by('breaking').length} breaking, ${by('non-breaking').length} non-breaking, ${by('docs').length} docs-only`);
    for (const level of ['breaking', 'non-breaking']) {
      for (const { rule, where, detail } of by(level)) console.log(`  ${level === 'breaking' ? '✗ BREAKING' : '+ '}  ${rule}  ${where}${detail ? `  (${detail})` : ''}`);
    }
    if (by('docs').length) console.log(`  ~  ${by('docs').length} description/example changes`);
  }
}
