// validateResponses: a reply of the state that leaves the spec becomes a 500 naming the violation (the
// operation, the status, Ajv's findings with their instance paths); off by default, the reply goes out
// as it is. The integration cases seed an off-schema record (startMock's data) and read it back; the
// unit cases give the check replies no real operation makes today (an undocumented status, a body for
// a body-less status, a D.T.P StatusCode outside its table), so they hold whatever the state does.
import { knownCode } from '@akinai/specs';
import type { Document } from '@akinai/specs/types';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@stoplight/prism-core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { commandAnswer } from '../src/commands.js';
import { specPath, startMock, type RunningMock } from '../src/index.js';
import { readModel, type Route } from '../src/state/model.js';
import { createReplyCheck } from '../src/validate-responses.js';

const KEY = { 'x-identification': 'eyJ0.e30.sig' };
const document = (api: Parameters<typeof specPath>[0]) => JSON.parse(readFileSync(specPath(api), 'utf8'));
/** Member 219 as seeded, its status off the MemberStatus enum and its id a string. */
const offSchema = () => {
  const recore = document('recore');
  const member = structuredClone(recore.components.examples.Member.value);
  return { ...member, id: 777, status: 'SLEEPING', tel: 5 };
};

describe('startMock({ validateResponses: true })', () => {
  const mocks: RunningMock[] = [];
  afterAll(() => Promise.all(mocks.map((mock) => mock.close())));

  it('answers a read of an off-schema record with a 500 naming the operation, the status and the failing fields', async () => {
    const mock = await startMock('recore', { validateResponses: true, data: { members: [offSchema()] } });
    mocks.push(mock);
    const response = await fetch(`${mock.url}/members/777`, { headers: KEY });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { error } = await response.json();
    expect(error).toMatchObject({
      code: 'RESPONSE_VALIDATION_FAILED',
      operation: 'getMember',
      method: 'GET',
      path: '/members/{member_id}',
      status: 200,
    });
    expect(error.message).toMatch(/getMember.*200/);
    expect(error.errors.map((e: { instancePath: string }) => e.instancePath)).toEqual(expect.arrayContaining(['/status', '/tel']));
    expect(error.errors.length).toBeLessThanOrEqual(5);
    // Lists hold the same record: the same finding, at its index.
    const list = await (await fetch(`${mock.url}/members`, { headers: KEY })).json();
    expect(list.error).toMatchObject({ operation: 'listMembers', status: 200 });
    expect(list.error.errors[0].instancePath).toMatch(/^\/0\//);
    // A reply that keeps the contract goes out as it is (the documented 404 of an unknown member).
    const missing = await fetch(`${mock.url}/members/1`, { headers: KEY });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('NOT_FOUND');
  });

  it('is off by default: the same record is sent as it is', async () => {
    const mock = await startMock('recore', { data: { members: [offSchema()] } });
    mocks.push(mock);
    const response = await fetch(`${mock.url}/members/777`, { headers: KEY });
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe('SLEEPING');
  });

  it('akinai-mock --validate-responses turns it on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'akinai-validate-'));
    writeFileSync(join(dir, 'data.json'), JSON.stringify({ members: [offSchema()] }));
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, 'recore', '--port', '0', '--validate-responses', '--data', join(dir, 'data.json')]);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const found = /listening on (http:\/\/\S+)/.exec(out);
          if (found) resolve(found[1]!);
        });
        child.once('exit', (code) => reject(new Error(`the CLI exited ${code}`)));
      });
      const response = await fetch(`${url}/members/777`, { headers: KEY });
      expect(response.status).toBe(500);
      expect((await response.json()).error.operation).toBe('getMember');
    } finally {
      child.kill('SIGINT');
    }
  });
});

describe('the reply check', () => {
  const recore = document('recore');
  const dtp = document('dtp-lcv');
  const logger = createLogger('test', { level: 'silent' });
  const routeOf = (doc: Document, operationId: string): Route => readModel(doc).routes.find((route) => route.operationId === operationId)!;
  const check = createReplyCheck(recore, logger);
  const dtpCheck = createReplyCheck(dtp, logger);
  const errorOf = (reply: { status: number; body?: any }) => {
    expect(reply.status).toBe(500);
    return reply.body.error;
  };

  it('passes a documented reply through unchanged (the same object)', () => {
    const reply = { status: 200, body: recore.components.examples.Member.value };
    expect(check(routeOf(recore, 'getMember'), reply)).toBe(reply);
    const none = { status: 204 };
    expect(check(routeOf(recore, 'deleteMemberNote'), none)).toBe(none);
  });

  it('refuses a status the operation does not document', () => {
    expect(errorOf(check(routeOf(recore, 'bulkUpdateMembers'), { status: 409 }))).toMatchObject({
      operation: 'bulkUpdateMembers',
      status: 409,
      message: expect.stringMatching(/409, a status the operation does not document/),
    });
  });

  it('refuses a body for a body-less status, and no body where the spec documents one', () => {
    expect(errorOf(check(routeOf(recore, 'deleteMemberNote'), { status: 204, body: {} })).message).toMatch(
      /with a body; the spec documents none/,
    );
    expect(errorOf(check(routeOf(recore, 'getMember'), { status: 404 })).message).toMatch(
      /without a body; the spec documents application\/json/,
    );
  });

  it('refuses a body off the response schema, with Ajv’s first findings and their instance paths', () => {
    const error = errorOf(check(routeOf(recore, 'getMember'), { status: 404, body: { error: { code: 7 } } }));
    expect(error.status).toBe(404);
    expect(error.errors).toEqual(expect.arrayContaining([expect.objectContaining({ instancePath: '/error/code', keyword: 'type' })]));
  });

  it('refuses a D.T.P StatusCode outside the command’s x-akinai-status-codes (ranges included)', () => {
    const route = routeOf(dtp, 'Get_UserPoint');
    expect(
      dtpCheck(route, { status: 200, body: { StatusCode: '-8001', Status: 'パラメータが不足しています', UserPoint: null } }).status,
    ).toBe(200);
    expect(dtpCheck(route, { status: 200, body: { StatusCode: -8050, Status: '内部エラー: x', UserPoint: null } }).status).toBe(200);
    expect(errorOf(dtpCheck(route, { status: 200, body: { StatusCode: '-9001', Status: 'x', UserPoint: null } })).message).toMatch(
      /StatusCode "-9001", which is not 0 or a code of its x-akinai-status-codes/,
    );
    const result = dtp['x-akinai-command-result'];
    expect(knownCode(result, [{ code: -8005, to: -8099 }], '-8099')).toBe(true);
    expect(knownCode(result, [{ code: -8005, to: -8099 }], '')).toBe(false);
  });

  it('reads the result’s names and its code of success from the root’s x-akinai-command-result', () => {
    const text = JSON.stringify(dtp);
    const name = fc.stringMatching(/^[A-Z][A-Za-z]{2,12}$/).filter((name) => !text.includes(`"${name}"`));
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 2, maxLength: 2 }), ([code, status]) => {
        // The D.T.P bundle with its result renamed everywhere: the declaration, the schemas, the examples.
        const renamed: Document = JSON.parse(text.replaceAll('StatusCode', code!).replaceAll('"Status"', `"${status}"`));
        expect(renamed['x-akinai-command-result']).toMatchObject({ code, status });
        const route = routeOf(renamed, 'Get_UserPoint');
        const check = createReplyCheck(renamed, logger);
        const answer = commandAnswer(renamed, route, 'internal', 'x'); // a row of a range: no example, the answer is built
        expect(Object.keys(answer.body as object).sort()).toEqual([code, status].sort());
        expect(check(route, answer)).toBe(answer);
        expect(errorOf(check(route, { status: 200, body: { [code!]: '-9001', [status!]: 'x', UserPoint: null } })).message).toMatch(
          `answered ${code} "-9001", which is not 0 or a code of its x-akinai-status-codes`,
        );
        const success = { ...renamed['x-akinai-command-result']!, success: -9001 };
        const table = route.operation['x-akinai-status-codes']!;
        expect([knownCode(success, table, '-9001'), knownCode(success, table, 0)]).toEqual([true, false]);
      }),
      { numRuns: 5 },
    );
  });
});
