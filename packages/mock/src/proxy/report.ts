// What recorded exchanges show: per operation, the calls and the statuses seen; the findings, each with
// its kind and the exchanges it comes from (the same finding in many exchanges, or at every item of a
// list, is one row); and the evidence ledger: every x-akinai-inferred mark of each API's spec with its
// verdict — refuted when an exchange refutes it, confirmed when one confirms it and none refutes it,
// unseen otherwise — and the exchanges behind it.
import { readFileSync } from 'node:fs';
import { commandResult } from '@akinai/specs';
import type { CommandResult, Document } from '@akinai/specs/types';
import { type ApiName, isApiName, specPath } from '../apis.js';
import type { Finding } from './check.js';
import { inferredMarks, type MarkKind } from './marks.js';
import type { Recorded } from './records.js';

export interface ReportFinding extends Finding {
  api: string;
  operationId: string;
  /** The first exchange it was found in (`file:line`), then up to MAX_LISTED of them. */
  exchange: string;
  exchanges: string[];
  count: number;
}

export interface LedgerEntry {
  api: string;
  location: string;
  kind: MarkKind;
  verdict: 'confirmed' | 'refuted' | 'unseen';
  /** The spec's reason for the guess. */
  reason: string;
  /** What the first exchange behind the verdict showed. */
  why?: string;
  exchanges: string[];
  count: number;
}

export interface Report {
  exchanges: number;
  operations: Record<
    string,
    { api: string; method: string; path: string; calls: number; statuses: Record<string, number>; statusCodes?: Record<string, number> }
  >;
  findings: ReportFinding[];
  inferred: LedgerEntry[];
}

/** How many exchanges a finding or a mark lists (the count says how many there were). */
const MAX_LISTED = 20;

export function report(records: Recorded[]): Report {
  const operations: Report['operations'] = {};
  const findings = new Map<string, ReportFinding>();
  for (const record of records) {
    const name = record.operationId ?? `${record.method} ${record.path}`;
    operations[name] ??= { api: record.api, method: record.method, path: record.path, calls: 0, statuses: {} };
    const operation = operations[name];
    operation.calls += 1;
    const status = record.status === undefined ? 'none' : String(record.status);
    operation.statuses[status] = (operation.statuses[status] ?? 0) + 1;
    const body = record.answer?.body;
    const result = resultOf(record.api);
    const code = result && body && 'json' in body ? (body.json as Record<string, unknown> | null)?.[result.code] : undefined;
    if (code !== undefined) {
      operation.statusCodes ??= {};
      operation.statusCodes[String(code)] = (operation.statusCodes[String(code)] ?? 0) + 1;
    }
    for (const finding of record.findings) {
      const at = finding.at?.replace(/\/\d+(?=\/|$)/g, '/*');
      // One row per kind, operation, place (any item of a list) and expectation; the message tells apart those without a place.
      const apart = at === undefined && finding.kind !== 'page-size' ? finding.message : '';
      const key = JSON.stringify([record.api, finding.kind, finding.operationId ?? name, at, finding.expected, apart]);
      const seen = findings.get(key);
      if (seen) {
        seen.count += 1;
        if (seen.exchanges.length < MAX_LISTED) seen.exchanges.push(record.id);
      } else {
        findings.set(key, {
          ...finding,
          ...(at !== undefined && { at }),
          api: record.api,
          operationId: finding.operationId ?? name,
          exchange: record.id,
          exchanges: [record.id],
          count: 1,
        });
      }
    }
  }
  return { exchanges: records.length, operations, findings: [...findings.values()], inferred: ledger(records) };
}

const documents = new Map<ApiName, Document>();
/** The bundled spec of an API, read once. */
function documentOf(api: ApiName): Document {
  let document = documents.get(api);
  if (!document) {
    document = JSON.parse(readFileSync(specPath(api), 'utf8')) as Document;
    documents.set(api, document);
  }
  return document;
}

/** The command result of a recorded API's spec; undefined for an API without commands (or not ours). */
const resultOf = (api: string): CommandResult | undefined => (isApiName(api) ? commandResult(documentOf(api)) : undefined);

/** Every inferred mark of the specs of the APIs recorded, with its verdict. */
function ledger(records: Recorded[]): LedgerEntry[] {
  const apis = [...new Set(records.map((record) => record.api))].filter(isApiName);
  return apis.flatMap((api: ApiName) => {
    const document = documentOf(api);
    const mine = records.filter((record) => record.api === api);
    return inferredMarks(document).map((mark): LedgerEntry => {
      const behind = mine.flatMap((record) =>
        record.evidence.filter((evidence) => evidence.location === mark.location).map((evidence) => ({ ...evidence, id: record.id })),
      );
      const refuting = behind.filter((evidence) => evidence.verdict === 'refuted');
      const deciding = refuting.length > 0 ? refuting : behind;
      return {
        api,
        location: mark.location,
        kind: mark.kind,
        verdict: refuting.length > 0 ? 'refuted' : behind.length > 0 ? 'confirmed' : 'unseen',
        reason: mark.reason,
        ...(deciding[0] ? { why: deciding[0].why } : mark.kind === 'document' && { why: 'Traffic does not show this.' }),
        exchanges: deciding.slice(0, MAX_LISTED).map((evidence) => evidence.id),
        count: deciding.length,
      };
    });
  });
}

/** The report in Markdown, to read or to attach to an issue. */
export function markdown(result: Report, files: string[]): string {
  const cell = (text: unknown) =>
    String(text ?? '')
      .replace(/\|/g, '\\|')
      .replace(/\r?\n/g, ' ');
  const listed = (ids: string[], count: number) => `${ids.slice(0, 3).join(', ')}${count > 3 ? ` (${count} in all)` : ''}`;
  const verdicts = { confirmed: 0, refuted: 0, unseen: 0 };
  for (const entry of result.inferred) verdicts[entry.verdict] += 1;
  const apis = [...new Set(Object.values(result.operations).map((operation) => operation.api))];
  const lines = [
    '# akinai-mock report',
    '',
    `${result.exchanges} exchanges${apis.length > 0 ? ` with ${apis.join(', ')}` : ''}, recorded in ${files.join(', ')}: ` +
      `**${result.findings.length === 0 ? 'no findings' : `${result.findings.length} findings`}**; inferred contracts: ` +
      `${verdicts.confirmed} confirmed, ${verdicts.refuted} refuted, ${verdicts.unseen} unseen.`,
    '',
    '## Operations',
    '',
    '| operation | request | calls | statuses |',
    '| --- | --- | ---: | --- |',
    ...Object.entries(result.operations).map(
      ([name, operation]) =>
        `| ${cell(name)} | ${cell(`${operation.method} ${operation.path}`)} | ${operation.calls} | ${cell(
          Object.entries(operation.statuses)
            .map(([status, count]) => `${status} ×${count}`)
            .join(', ') +
            (operation.statusCodes
              ? ` (${resultOf(operation.api)?.code} ${Object.entries(operation.statusCodes)
                  .map(([code, count]) => `${code} ×${count}`)
                  .join(', ')})`
              : ''),
        )} |`,
    ),
    '',
    '## Findings',
    '',
    ...(result.findings.length === 0
      ? ['None: every exchange kept the contract.']
      : [
          '| kind | operation | where | expected | received | exchanges |',
          '| --- | --- | --- | --- | --- | --- |',
          ...result.findings.map(
            (finding) =>
              `| ${finding.kind} | ${cell(finding.operationId)} | ${cell(finding.at ?? '')} | ${cell(finding.expected ?? '')} | ${cell(
                finding.received ?? finding.message,
              )} | ${cell(listed(finding.exchanges, finding.count))} |`,
          ),
        ]),
    '',
    '## Inferred contracts',
    '',
    'Every `x-akinai-inferred` mark of the spec: refuted when an exchange contradicts it, confirmed when one bears it out and none contradicts it, unseen when no exchange touched it.',
    '',
    '| verdict | kind | location | what the exchanges showed | exchanges |',
    '| --- | --- | --- | --- | --- |',
    ...[...result.inferred]
      .sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict))
      .map(
        (entry) =>
          `| ${entry.verdict} | ${entry.kind} | ${cell(`${entry.api} ${entry.location}`)} | ${cell(entry.why ?? '')} | ${cell(listed(entry.exchanges, entry.count))} |`,
      ),
    '',
    'To report a drift, attach this report to an issue, with the record file if you can (it holds no credential, and personal data is masked unless the proxy ran with --keep-personal-data).',
    '',
  ];
  return lines.join('\n');
}

const ORDER = ['refuted', 'confirmed', 'unseen'];
