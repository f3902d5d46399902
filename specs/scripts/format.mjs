// node scripts/format.mjs [--check]: writes every spec file (specs/<api>/**/*.yaml) in the one style of
// this repository, or with --check lists the files that are not in it (a test runs the check). The
// style: block maps; a list of one-line scalars, and a map of them and of such lists, on one line
// (`[ members ]`, `{ type: [ string, 'null' ], maxLength: 8 }`) when it fits in 120 columns; scalars
// plain where YAML allows, single-quoted otherwise, multi-line text as a literal block; comments kept.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, parseDocument, Scalar, visit } from 'yaml';
import { SPECS } from '../lib/registry.js';

const WIDTH = 120;

/** The text of a spec file in the house style. */
function format(text) {
  const document = parseDocument(text);
  visit(document, {
    Scalar(_, node) {
      node.type = typeof node.value === 'string' && node.value.includes('\n') ? Scalar.BLOCK_LITERAL : undefined;
    },
    Map(_, node, path) {
      node.flow = node.items.length > 0 && node.items.every(({ value }) => line(value) || (isSeq(value) && scalars(value)));
      if (node.flow && !fits(node, path)) node.flow = false;
    },
    Seq(_, node, path) {
      const parent = path.at(-1);
      node.flow = scalars(node) && ((isMap(parent) && parent.flow === true) || fits(node, path));
    },
  });
  return document.toString({ lineWidth: 0, singleQuote: true, flowCollectionPadding: true });
}

const line = (node) => isScalar(node) && !String(node.value).includes('\n');
const scalars = (seq) => seq.items.length > 0 && seq.items.every(line);

/** Whether a collection fits on one line where it stands (its key and indentation included). */
function fits(node, path) {
  const indent = path.filter((n) => isMap(n) || isSeq(n)).length * 2;
  return indent + String(node).length + 30 <= WIDTH;
}

const files = readdirSync(SPECS, { recursive: true, encoding: 'utf8' }).filter(
  (file) => file.includes('/') && file.endsWith('.yaml') && !/^(dist|test|node_modules|plugins)\//.test(file),
);
const check = process.argv.includes('--check');
const unformatted = [];
for (const file of files) {
  const text = readFileSync(`${SPECS}/${file}`, 'utf8');
  const formatted = format(text);
  if (formatted === text) continue;
  unformatted.push(file);
  if (!check) writeFileSync(`${SPECS}/${file}`, formatted);
}
if (check && unformatted.length > 0) {
  console.error(`Not in the house style (run node specs/scripts/format.mjs):\n${unformatted.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
