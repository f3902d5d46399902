// The limitations of the tools, read from the one place they are listed: the table in contract/README.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT } from './tools.js';

export interface Limitation {
  api: string;
  /** A respect workflow id, or (generate-arazzo) the input the test declares for it. */
  where: string;
  tool: 'respect' | 'generate-arazzo';
  /** The tool's message, exactly. */
  message: string;
  reason: string;
}

/** A Markdown cell's code span, unwrapped (`x` or ``x with `ticks` ``); otherwise the cell as written. */
const code = (cell: string) => cell.match(/^(`+) ?(.*?) ?\1$/)?.[2] ?? cell;

export function limitations(): Limitation[] {
  const readme = readFileSync(join(CONTRACT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Limitations of the tools'));
  if (!section) throw new Error('contract/README.md has no "## Limitations of the tools" section');
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    )
    .slice(2); // the header and its rule
  return rows.map(([api = '', where = '', tool = '', message = '', reason = '']) => {
    if (tool !== 'respect' && tool !== 'generate-arazzo') throw new Error(`README limitations: unknown tool "${tool}"`);
    if (!reason) throw new Error(`README limitations: ${api} ${where} gives no reason`);
    return { api: code(api), where: code(where), tool, message: code(message), reason };
  });
}
