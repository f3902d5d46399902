// Vendors that drift on purpose, each a real loopback server behind akinai-mock proxy: every kind of
// finding is reported with its kind, where it is, what the spec expects and what came; the evidence
// ledger confirms and refutes inferred marks as the README says (a guessed 204 confirmed by a 204 and
// refuted by a 200, a guessed error shape refuted by another, a guessed default, a session-lost row).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type ApiName, specPath, startProxy } from '../src/index.js';
import { readRecords } from '../src/proxy/records.js';
import { markdown, type Report, report } from '../src/proxy/report.js';
import { type Answer, json, type Received, send, startUpstream } from './proxy/upstream.js';

const dir = mkdtempSync(join(tmpdir(), 'akinai-drift-'));
const KEY = { 'x-identification': 'eyJ0.drift.sig' };
const BASIC = { authorization: `Basic ${Buffer.from('drift@example.jp:pass').toString('base64')}`, 'content-type': 'application/json' };
const SESSION = { cookie: 'ASP.NET_SessionId=abc; .ASPXAUTH=def', 'content-type': 'application/x-www-form-urlencoded' };
const spec = (api: ApiName) => JSON.parse(readFileSync(specPath(api), 'utf8'));
const member = () => structuredClone(spec('recore').components.examples.Member.value);
const userPoint = () =>
  structuredClone(spec('dtp-lcv').paths['/Get_UserPoint.aspx'].post.responses['200'].content['application/json'].examples.ok.value);

type Request = [method: string, target: string, headers?: Record<string, string>, body?: string | Buffer];

/** The vendor answering `answer`, the requests sent through the proxy, and the report of the session. */
async function session(api: ApiName, answer: (request: Received) => Answer, requests: Request[]): Promise<Report> {
  const upstream = await startUpstream(answer);
  const file = join(dir, `${api}-${Math.random().toString(36).slice(2)}.jsonl`);
  const proxy = await startProxy(api, { upstream: upstream.url, record: file });
  try {
    for (const [method, target, headers = {}, body] of requests) await send(proxy.url, method, target, headers, body);
  } finally {
    await proxy.close();
    await upstream.close();
  }
  const result = report(readRecords([file]));
  expect(markdown(result, [file])).toContain('## Findings');
  return result;
}

const kinds = (result: Report) => result.findings.map((finding) => finding.kind);
const verdict = (result: Report, location: string) => result.inferred.find((entry) => entry.location === location);

describe('a vendor that drifts is reported with the right kind', () => {
  it('schema: a number sent as a string, at its path, with what the spec expects and what came', async () => {
    const result = await session('recore', () => json(200, { ...member(), id: '219' }), [['GET', '/members/219', KEY]]);
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'schema',
        operationId: 'getMember',
        at: '/id',
        expected: 'type integer',
        received: '"219"',
        count: 1,
      }),
    ]);
    expect(result.findings[0]!.exchange).toMatch(/\.jsonl:1$/);
  });

  it('undeclared-property: a property the schema does not name, even where more are allowed; the same one in every item is one finding', async () => {
    const extra = { ...member(), nickname: 'たろう' };
    const result = await session('recore', (request) => json(200, request.url.startsWith('/members?') ? [extra, extra] : extra), [
      ['GET', '/members/219', KEY],
      ['GET', '/members?limit=5', KEY],
    ]);
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'undeclared-property', operationId: 'getMember', at: '/nickname', received: 'nickname' }),
      expect.objectContaining({ kind: 'undeclared-property', operationId: 'listMembers', at: '/*/nickname', count: 2 }),
    ]);
  });

  it('undocumented-status: an HTML 500 page', async () => {
    const page = () => ({ status: 500, headers: ['Content-Type', 'text/html'], body: '<html><body>Internal Server Error</body></html>' });
    const result = await session('recore', page, [['GET', '/members/219', KEY]]);
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'undocumented-status',
        operationId: 'getMember',
        received: '500 text/html',
        expected: expect.stringContaining('200'),
      }),
    ]);
    expect(result.operations.getMember!.statuses).toEqual({ '500': 1 });
  });

  it('media-type: a documented status in a media type the spec does not document', async () => {
    const result = await session('recore', () => ({ status: 200, headers: ['Content-Type', 'text/plain'], body: 'ok' }), [
      ['GET', '/members/219', KEY],
    ]);
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'media-type', expected: 'application/json', received: 'text/plain' }),
    ]);
  });

  it("unknown-status-code: a D.T.P StatusCode outside the command's table (HTTP 200)", async () => {
    const result = await session('dtp-lcv', () => json(200, { StatusCode: '-8500', Status: '想定外のエラー', UserPoint: null }), [
      ['POST', '/Get_UserPoint.aspx', SESSION, 'user_code=1234567890123'],
    ]);
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'unknown-status-code',
        operationId: 'Get_UserPoint',
        at: '/StatusCode',
        received: '-8500 想定外のエラー',
        expected: expect.stringContaining('-8005…-8099'),
      }),
    ]);
  });

  it('charset: a D.T.P answer in Shift_JIS that names no charset (read as Shift_JIS, so nothing else is found)', async () => {
    const body = iconv.encode(JSON.stringify(userPoint()), 'Shift_JIS');
    const result = await session('dtp-lcv', () => ({ status: 200, headers: ['Content-Type', 'application/json'], body }), [
      ['POST', '/Get_UserPoint.aspx', SESSION, 'user_code=1234567890123'],
    ]);
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'charset',
        operationId: 'Get_UserPoint',
        message: expect.stringContaining('names no charset and the text is not UTF-8'),
      }),
    ]);
  });

  it('page-size: a page larger than the spec says, or short while more pages follow', async () => {
    const item = {
      id: 1,
      customer_cd: 'C001',
      store_cd: 'S01',
      item_cd: '4901234567894',
      created_at: '2024/01/01 09:00:00',
      updated_at: '2024/01/01 09:00:00',
    };
    const page = {
      totalCount: 300,
      current_page: 1,
      max_page: 3,
      customer_store_items: Array.from({ length: 100 }, (_, i) => ({ ...item, id: i + 1 })),
    };
    const pittaly = await session('pittaly-order', () => json(200, page), [
      ['GET', '/customer_store_items', BASIC, '{"customer_cd":"C001","page":1}'],
    ]);
    expect(pittaly.findings).toEqual([
      expect.objectContaining({ kind: 'page-size', operationId: 'listCustomerStoreItems', expected: '500 a page', received: '100' }),
    ]);
    const recore = await session('recore', () => json(200, [member(), member(), member()]), [['GET', '/members?limit=2', KEY]]);
    expect(recore.findings).toEqual([expect.objectContaining({ kind: 'page-size', expected: '2 a page', received: '3' })]);
  });

  it('valid-request-refused and invalid-request-accepted: the vendor reads requests otherwise than the spec', async () => {
    const result = await session(
      'recore',
      (request) =>
        request.method === 'POST'
          ? json(400, { error: { code: 'VALIDATE_FAILED', message: '入力値が不正です', detail: { status: ['must be given'] } } })
          : json(200, []),
      [
        ['POST', '/members', { ...KEY, 'content-type': 'application/json' }, '{"last_name":"山田"}'],
        ['GET', '/members?limit=0', KEY],
      ],
    );
    expect(kinds(result)).toEqual(['valid-request-refused', 'invalid-request-accepted']);
    expect(result.findings[1]).toMatchObject({ operationId: 'listMembers', expected: 'the query parameter "limit" is off its schema' });
    // The guesses those requests relied on: the default of a left-out status, the lower bound of limit.
    expect(verdict(result, '#/components/schemas/MemberStatusInput')).toMatchObject({ verdict: 'refuted' });
    expect(verdict(result, '#/components/parameters/Limit')).toMatchObject({
      verdict: 'refuted',
      why: expect.stringContaining('accepted what the spec refuses'),
    });
  });

  it('undocumented-operation: a path the spec does not have', async () => {
    const result = await session('recore', () => json(404, {}), [['GET', '/members/219/loyalty', KEY]]);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'undocumented-operation', operationId: 'GET /members/219/loyalty' })]);
  });
});

describe('the evidence ledger', () => {
  const POINT = [
    'PUT',
    '/members/point',
    { ...KEY, 'content-type': 'application/json' },
    '{"amount":1,"mode":"ADD","note":"x","query":{"ids":[219]}}',
  ] as Request;
  const GUESSED_204 = '#/paths/~1members~1point/put/responses/204';

  it('a guessed 204 is confirmed by a 204 and refuted by a 200 (the other success an undocumented status)', async () => {
    const confirmed = await session('recore', () => ({ status: 204 }), [POINT]);
    expect(confirmed.findings).toEqual([]);
    expect(verdict(confirmed, GUESSED_204)).toMatchObject({ verdict: 'confirmed', kind: 'response', count: 1 });
    const refuted = await session('recore', () => json(200, { updated: 1 }), [POINT, POINT]);
    expect(kinds(refuted)).toEqual(['undocumented-status']);
    expect(verdict(refuted, GUESSED_204)).toMatchObject({
      verdict: 'refuted',
      count: 2,
      why: 'updateMemberPoints succeeded with 200, not 204.',
    });
    expect(verdict(refuted, GUESSED_204)!.exchanges).toHaveLength(2);
  });

  it('a guessed error shape is refuted by another; a mark no exchange reached stays unseen', async () => {
    const result = await session('recore', () => json(404, { message: 'Not Found' }), [['GET', '/members/987654', KEY]]);
    expect(kinds(result)).toContain('schema');
    expect(verdict(result, '#/components/responses/NotFound')).toMatchObject({
      verdict: 'refuted',
      why: expect.stringContaining('off its documented schema'),
    });
    expect(verdict(result, '#/components/responses/Unauthorized')).toMatchObject({ verdict: 'unseen', exchanges: [] });
    expect(verdict(result, '#/info/contact')).toMatchObject({ verdict: 'unseen', kind: 'document' });
  });

  it('a guessed default is refuted when the record comes back with another value', async () => {
    const result = await session('recore', () => json(201, { ...member(), status: 'TENTATIVE' }), [
      ['POST', '/members', { ...KEY, 'content-type': 'application/json' }, '{"last_name":"山田"}'],
    ]);
    expect(verdict(result, '#/components/schemas/MemberStatusInput')).toMatchObject({
      verdict: 'refuted',
      why: 'createMember: "status" left out came back as "TENTATIVE", not "ACTIVE".',
    });
    expect(verdict(result, '#/paths/~1members/post/responses/201')).toMatchObject({ verdict: 'confirmed' });
  });

  it("a D.T.P session-lost row is confirmed by its code and refuted when a command without the session's cookies answers another", async () => {
    const row = '#/paths/~1Get_UserPoint.aspx/post/x-akinai-status-codes/5';
    const lost = await session(
      'dtp-lcv',
      () => json(200, { StatusCode: -8098, Status: '内部エラー:セッションの接続が切れています', UserPoint: null }),
      [['POST', '/Get_UserPoint.aspx', { 'content-type': 'application/x-www-form-urlencoded' }, 'user_code=1']],
    );
    expect(verdict(lost, row)).toMatchObject({ verdict: 'confirmed', kind: 'status-code' });
    const other = await session(
      'dtp-lcv',
      () => json(200, { StatusCode: '-8001', Status: 'パラメータが不足しています', UserPoint: null }),
      [['POST', '/Get_UserPoint.aspx', { 'content-type': 'application/x-www-form-urlencoded' }, 'user_code=1']],
    );
    expect(verdict(other, row)).toMatchObject({ verdict: 'refuted', why: expect.stringContaining("without the session's cookies") });
  });
});
