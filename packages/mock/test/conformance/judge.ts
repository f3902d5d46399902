// The invariant every answer is judged by, with Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1),
// independent of Prism's validator and of the mock's own validateResponses: a status the operation
// documents (or `default`), never a 5xx; a content type it documents for that status (none for a
// body-less one); a body valid against that schema; a D.T.P command answers HTTP 200 with a StatusCode
// of its own x-akinai-status-codes (0 = success, ranges via `to`).
import type { IncomingHttpHeaders } from 'node:http';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { locate, type Op, type Spec } from './spec.js';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

/** What is wrong with an answer: `kind` names the class (no ids or values in it), `detail` this case. */
export interface Finding {
  kind: string;
  detail: string;
}

const ID = 'https://conformance.akinai.invalid/openapi.json';

const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/,
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
  time: /^\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?$/,
  email: /^[^\s@]+@[^\s@]+$/,
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/,
};

export function createJudge(spec: Spec) {
  const { document } = spec;
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  ajv.addSchema(document, ID, undefined, false);
  const cache = new Map<string, ValidateFunction>();
  const validator = (pointer: string[]) => {
    const fragment = pointer.map((part) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
    let validate = cache.get(fragment);
    if (!validate) {
      validate = ajv.compile({ $ref: `${ID}#/${fragment}` });
      cache.set(fragment, validate);
    }
    return validate;
  };

  /** Ajv's findings for a value against the schema at a pointer; [] when valid. */
  function errorsAt(pointer: string[], value: unknown): string[] {
    const validate = validator(pointer);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
  }

  /** Everything wrong with an answer to a request of `op`. */
  function judge(op: Op, answer: Answer, { head = false } = {}): Finding[] {
    const findings: Finding[] = [];
    const { status } = answer;
    const type = String(answer.headers['content-type'] ?? '');
    const base = type.split(';')[0]!.trim().toLowerCase();
    const snippet = () => answer.bytes.toString('utf8').slice(0, 200);
    if (status >= 500) findings.push({ kind: `a ${status} (never a 5xx)`, detail: `${status} ${type} ${snippet()}` });
    if (op.statusCodes && status !== 200)
      findings.push({ kind: `HTTP ${status} (a D.T.P command answers 200)`, detail: `${status} ${type} ${snippet()}` });
    const responses = document.paths[op.path][op.method.toLowerCase()].responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default'].find((candidate) => candidate in responses);
    if (key === undefined) {
      if (status < 500 && !op.statusCodes)
        findings.push({
          kind: `status ${status}, which the operation does not document`,
          detail: `${type || '(no content type)'} ${snippet()}`,
        });
      return findings;
    }
    const { node: response, pointer } = locate(document, ['paths', op.path, op.method.toLowerCase(), 'responses', key]);
    const content: Record<string, any> = response?.content ?? {};
    const documented = Object.keys(content);
    if (answer.bytes.length === 0 || head) {
      if (documented.length > 0 && !head && status !== 204 && status !== 304)
        findings.push({ kind: `${status} without a body (documented: ${documented.join(', ')})`, detail: type || '(no content type)' });
      return findings;
    }
    if (documented.length === 0) {
      findings.push({ kind: `${status} with a body, documented without one`, detail: `${type} ${snippet()}` });
      return findings;
    }
    const mediaType =
      documented.find((candidate) => candidate.split(';')[0]!.trim().toLowerCase() === base) ??
      documented.find((candidate) => candidate === '*/*' || (candidate.endsWith('/*') && base.startsWith(candidate.slice(0, -1))));
    if (!mediaType) {
      findings.push({ kind: `${status} in ${base || '(no content type)'} (documented: ${documented.join(', ')})`, detail: snippet() });
      return findings;
    }
    if (!/[/+]json$/.test(base)) return findings;
    const charset = /;\s*charset="?([\w.:-]+)"?/i.exec(type)?.[1] ?? 'utf-8';
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder(charset, { fatal: true }).decode(answer.bytes));
    } catch {
      findings.push({ kind: `${status} body is not JSON in ${charset}`, detail: snippet() });
      return findings;
    }
    const schema = content[mediaType]?.schema;
    if (schema !== undefined) {
      const validate = validator([...pointer, 'content', mediaType, 'schema']);
      if (!validate(body)) {
        const errors = validate.errors ?? [];
        const first = errors[0]!;
        findings.push({
          kind: `${status} body off its schema: ${first.instancePath.replace(/\/\d+(?=\/|$)/g, '/*') || '/'} ${first.keyword}`,
          detail: errors
            .slice(0, 4)
            .map(
              (error) =>
                `${error.instancePath || '/'} ${error.message}${error.keyword === 'enum' ? ` ${JSON.stringify(error.params)}` : ''}`,
            )
            .join('; '),
        });
      }
    }
    if (op.statusCodes && body && typeof body === 'object' && 'StatusCode' in body) {
      const value = (body as { StatusCode: unknown }).StatusCode;
      if (!inTable(op.statusCodes, value))
        findings.push({ kind: 'StatusCode outside its x-akinai-status-codes', detail: JSON.stringify(value) });
    } else if (op.statusCodes) findings.push({ kind: 'no StatusCode', detail: snippet() });
    return findings;
  }

  return { judge, errorsAt, validator };
}

function inTable(rows: { code: number; to?: number }[], value: unknown): boolean {
  if (typeof value !== 'number' && typeof value !== 'string') return false;
  if (value === '' || !/^-?\d+$/.test(String(value).trim())) return false;
  const code = Number(value);
  return (
    code === 0 ||
    rows.some((row) =>
      row.to === undefined ? row.code === code : code >= Math.min(row.code, row.to) && code <= Math.max(row.code, row.to),
    )
  );
}
