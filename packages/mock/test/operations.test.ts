// The mock reads its operations without Prism's $ref parser (which calls the deprecated url.parse()).
// Given the same dereferenced document, it must make of it exactly what Prism's own reader makes. One
// difference is deliberate: beside a $ref, the referring side's description wins (OpenAPI 3.1), where
// Prism's reader keeps the target's.
import { readFileSync } from 'node:fs';
import { dereference } from '@akinai/specs';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { expect, it } from 'vitest';
import { apis, specPath, type ApiName } from '../src/apis.js';
import { operationsOf } from '../src/operations.js';

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

it.each(Object.keys(apis) as ApiName[])('%s: the operations Prism reads', async (api) => {
  const document = JSON.parse(readFileSync(specPath(api), 'utf8'));
  const ours = operationsOf(document);
  expect(ours.length).toBeGreaterThan(0);
  expect(plain(ours)).toEqual(plain(await getHttpOperationsFromSpec(dereference(document))));
});

it('keeps what a command says beside a shared field ($ref siblings)', () => {
  const operations = operationsOf(JSON.parse(readFileSync(specPath('dtp-lcv'), 'utf8')));
  const command = operations.find(({ path }) => path === '/Set_UserPoint.aspx');
  const form = command?.request?.body?.contents?.[0]?.schema as { properties: Record<string, { description?: string }> };
  expect(form.properties.use_point?.description).toBe('使用ポイント数（返品では負の値）。');
});
