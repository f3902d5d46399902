// pnpm spec:diff --base <git-ref> [--json]
// Compares every API's bundled spec at <git-ref> with the working tree, classifies each change as
// breaking, non-breaking or docs-only (direction-aware, see diff/compare.mjs), prints a report, and
// exits 1 when anything is breaking.
import { parseArgs } from 'node:util';
import { diffAgainst } from '../diff/against.mjs';

const { values } = parseArgs({ options: { base: { type: 'string' }, json: { type: 'boolean', default: false } } });
if (!values.base) {
  console.error('usage: pnpm spec:diff --base <git-ref> [--json]');
  process.exit(2);
}
const report = diffAgainst(values.base);
if (values.json) console.log(JSON.stringify(report, null, 2));
else {
  for (const [api, findings] of Object.entries(report)) {
    const by = (level) => findings.filter((f) => f.level === level);
    console.log(`\n${api}: ${by('breaking').length} breaking, ${by('non-breaking').length} non-breaking, ${by('docs').length} docs-only`);
    for (const level of ['breaking', 'non-breaking']) {
      for (const { rule, where, detail } of by(level)) {
        console.log(`  ${level === 'breaking' ? '✗ BREAKING' : '+ non-breaking'}  ${rule}  ${where}${detail ? `  (${detail})` : ''}`);
      }
    }
    if (by('docs').length) console.log(`  ~ ${by('docs').length} description or example change(s)`);
  }
}
process.exit(
  Object.values(report)
    .flat()
    .some((f) => f.level === 'breaking')
    ? 1
    : 0,
);
