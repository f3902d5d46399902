// Spectral's spectral:oas ruleset (with .spectral.yaml's decisions) over every bundled spec, YAML and JSON:
// no error, no warning. Findings accepted in .spectral.yaml as infos are printed, not failed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apis, run, scratch } from './tools.js';

interface Finding {
  code: string;
  message: string;
  path: string[];
  severity: 0 | 1 | 2 | 3;
  source: string;
  range: { start: { line: number; character: number } };
}

const severities = ['error', 'warning', 'info', 'hint'] as const;
const tmp = scratch('spectral');
afterAll(() => tmp.remove());

async function lint(files: string[]): Promise<Finding[]> {
  const out = join(tmp.dir, `${Math.random().toString(36).slice(2)}.json`);
  const result = await run('spectral', ['lint', '--quiet', '--ruleset', '.spectral.yaml', '--format', 'json', '--output', out, ...files]);
  expect(result.network, 'Spectral reached for the network').toEqual([]);
  let findings: Finding[];
  try {
    findings = JSON.parse(readFileSync(out, 'utf8')) as Finding[];
  } catch {
    throw new Error(`spectral wrote no results (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  // Exit 1 is "errors found", judged below; anything else is Spectral failing to run.
  expect([0, 1], `spectral exited ${result.code}:\n${result.stderr}`).toContain(result.code);
  return findings;
}

const show = (f: Finding) =>
  `${f.source.split('/').pop()}:${f.range.start.line + 1}:${f.range.start.character + 1} ${severities[f.severity]} ${f.code} ${JSON.stringify(f.message)} at #/${f.path.join('/')}`;

describe('Spectral spectral:oas', () => {
  it.each(apis)('$name: no errors and no unjustified warnings', async ({ yaml, json }) => {
    const findings = await lint([yaml, json]);
    const accepted = findings.filter((f) => f.severity >= 2);
    if (accepted.length) console.info(`accepted in .spectral.yaml:\n${accepted.map(show).join('\n')}`);
    expect(findings.filter((f) => f.severity < 2).map(show)).toEqual([]);
  });

  // akinai-operation-security-defined replaces Spectral's oas3-operation-security-defined (see .spectral.yaml):
  // it must still find what the original finds, except the role names OpenAPI 3.1 allows.
  it('the replaced security rule still finds undefined schemes and unlisted oauth2 scopes', async () => {
    const doc = (openapi: string) => ({
      openapi,
      info: { title: 'fixture', version: '1', description: 'fixture', contact: { name: 'akinai' } },
      servers: [{ url: 'https://example.invalid' }],
      tags: [{ name: 't', description: 't' }],
      components: {
        securitySchemes: {
          Key: { type: 'apiKey', in: 'header', name: 'X-Key' },
          OAuth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://example.invalid/token', scopes: { read: 'read' } } } },
        },
      },
      security: [{ Undefined: [] }],
      paths: {
        '/x': {
          get: {
            operationId: 'x',
            summary: 'x',
            description: 'x',
            tags: ['t'],
            security: [{ Key: ['role:x'] }, { OAuth: ['read', 'write'] }],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    });
    const v31 = join(tmp.dir, 'fixture-3.1.json');
    const v30 = join(tmp.dir, 'fixture-3.0.json');
    writeFileSync(v31, JSON.stringify(doc('3.1.0')));
    writeFileSync(v30, JSON.stringify(doc('3.0.3')));
    const found = (await lint([v31, v30]))
      .filter((f) => f.code === 'akinai-operation-security-defined')
      .map((f) => `${f.source.endsWith('3.1.json') ? '3.1' : '3.0'} ${severities[f.severity]} ${f.path.join('.')}`)
      .sort();
    expect(found).toEqual([
      '3.0 error paths./x.get.security.0.Key.0', // 3.0: no scopes on an apiKey scheme
      '3.0 error paths./x.get.security.1.OAuth.1',
      '3.0 error security.0.Undefined',
      '3.1 error paths./x.get.security.1.OAuth.1', // 3.1: role:x is a role name, allowed
      '3.1 error security.0.Undefined',
    ]);
  });
});
