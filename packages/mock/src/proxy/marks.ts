// Every x-akinai-inferred mark of a spec, with what it stands on — which says what traffic can confirm or
// refute it (check.ts applies the rules; the mock's README states them):
//   response     a guessed status and its body (on a response, the operation's or a shared one)
//   status-code  a row a command's status table lacks (x-akinai-status-codes, `inferred: true`)
//   operation    a whole operation the vendor does not describe on its own
//   schema       a guessed shape, format or value of what the vendor answers (a schema or a property)
//   request      a guess about what the vendor accepts (a parameter, a request body, a property of one)
//   header       a response header
//   binding      how the vendor's server reads requests (x-akinai-request-binding)
//   document     what traffic does not show (info, servers): always unseen
import { operations } from '@akinai/specs';
import { at, chain, location, type Pointer } from './walk.js';
import type { Document } from '@akinai/specs/types';

export type MarkKind = 'response' | 'status-code' | 'operation' | 'schema' | 'request' | 'header' | 'binding' | 'document';

export interface Mark {
  location: string;
  pointer: Pointer;
  kind: MarkKind;
  /** Why the contract there is inferred (the mark's text; for a status row, its meaning). */
  reason: string;
  /** A status row: its code, and whether it is the session-lost row. */
  code?: number;
  sessionLost?: boolean;
}

export function inferredMarks(document: Document): Mark[] {
  const answers = answered(document);
  const marks: Mark[] = [];
  const visit = (node: unknown, pointer: Pointer): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, [...pointer, i]);
      });
      return;
    }
    const object = node as Record<string, unknown>;
    if (typeof object['x-akinai-inferred'] === 'string') {
      marks.push({ location: location(pointer), pointer, kind: kindOf(pointer, answers), reason: object['x-akinai-inferred'] });
    }
    const rows = object['x-akinai-status-codes'];
    if (Array.isArray(rows)) {
      rows.forEach((row: { code: number; status: string; inferred?: boolean; sessionLost?: boolean }, i) => {
        if (row.inferred !== true) return;
        const here = [...pointer, 'x-akinai-status-codes', i];
        marks.push({
          location: location(here),
          pointer: here,
          kind: 'status-code',
          reason: `${row.code} ${row.status}: a row the vendor's table lacks`,
          code: row.code,
          ...(row.sessionLost && { sessionLost: true }),
        });
      });
    }
    for (const [key, value] of Object.entries(object)) {
      // Examples are data, not contract.
      if (key !== 'examples' && key !== 'example' && key !== 'x-akinai-status-codes') visit(value, [...pointer, key]);
    }
  };
  visit(document, []);
  return marks;
}

function kindOf(pointer: Pointer, answers: Set<string>): MarkKind {
  const [root, second, , fourth] = pointer;
  const last = pointer.at(-2);
  if (root === 'x-akinai-request-binding' && pointer.length === 1) return 'binding';
  if (root === 'paths' && pointer.length === 3) return 'operation';
  if ((root === 'paths' && last === 'responses') || (root === 'components' && second === 'responses' && pointer.length === 3))
    return 'response';
  if (last === 'headers' || (root === 'components' && second === 'headers' && pointer.length === 3)) return 'header';
  if (root !== 'paths' && root !== 'components') return 'document';
  if (answers.has(location(pointer)) || (root === 'paths' && pointer.includes('responses'))) return 'schema';
  if (root === 'components' && second === 'responses' && fourth !== undefined) return 'schema';
  return 'request';
}

/** The locations of every schema node reached from the operations' answers, $refs followed. */
function answered(document: Document): Set<string> {
  const seen = new Set<string>();
  const schema = (pointer: Pointer): void => {
    for (const step of chain(document, pointer)) {
      const key = location(step);
      if (seen.has(key)) return;
      seen.add(key);
      const node = at(document, step);
      if (node === null || typeof node !== 'object') return;
      for (const name of Object.keys(node.properties ?? {})) schema([...step, 'properties', name]);
      for (const keyword of ['allOf', 'anyOf', 'oneOf', 'prefixItems'])
        for (const i of (node[keyword] ?? []).keys()) schema([...step, keyword, i]);
      for (const keyword of ['items', 'additionalProperties', 'contentSchema', 'not'])
        if (node[keyword] !== null && typeof node[keyword] === 'object') schema([...step, keyword]);
    }
  };
  for (const { path, method, operation } of operations(document)) {
    for (const status of Object.keys(operation.responses ?? {})) {
      const response = chain(document, ['paths', path, method, 'responses', status]).at(-1)!;
      for (const type of Object.keys(at(document, [...response, 'content']) ?? {})) schema([...response, 'content', type, 'schema']);
    }
  }
  return seen;
}
