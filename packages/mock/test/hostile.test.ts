// Hostile input, at least 200 requests per API over raw sockets: every answer is a 4xx with a JSON body
// (or, from D.T.P, whose server refuses at HTTP 200, the command's non-zero StatusCode); never a 5xx, a
// hang or a crash; memory stays bounded. (Stock Prism 5.14.2 dies on the 20,000-deep body.) D.T.P's
// ASP.NET pages read any bytes and run the command: there, a form or query string that is not valid
// Shift_JIS, broken percent-escapes and an unknown charset are answered at HTTP 200 with the command's
// StatusCode and an x-akinai-warning, never the mock's own 400/415 — what is no valid HTTP stays a 4xx.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apis, startMock, type ApiName, type RunningMock } from '../src/index.js';
import { LIMITS } from '../src/front-door.js';

/** A write operation of each API with a valid body (JSON unless its type says otherwise), and its credentials. */
const targets: Record<ApiName, { path: string; body: string; auth: string; type?: string }> = {
  recore: { path: '/members', body: '{"status":"ACTIVE","last_name":"山田"}', auth: 'X-Identification: eyJ0.e30.sig' },
  'pittaly-order': {
    path: '/customer_store_items',
    body: '{"customer_cd":"C1","store_cd":"S1","item_cd":"I1"}',
    auth: 'Authorization: Basic dXNlckBleGFtcGxlLmpwOnBhc3M=',
  },
  'dtp-lcv': {
    path: '/Set_UserPoint.aspx',
    body: 'user_code=1234567890123&sales_date=20140401&sales_division=10&sales_shop=100200&register_no=123&receipt_no=556&get_point=234&use_point=500&user_remarks=POS',
    auth: 'Cookie: ASP.NET_SessionId=s; .ASPXAUTH=a',
    type: 'application/x-www-form-urlencoded; charset=Shift_JIS',
  },
};

interface Answer {
  status: number;
  headers: string;
  body: string;
}

/** Sends raw bytes and reads one HTTP response (the connection is closed after it). */
function raw(port: number, request: Buffer | string, { trickleMs }: { trickleMs?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer within 30 s'));
    }, 30_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {}); // a reset after the answer is fine; no answer at all is caught below
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, headers: head, body: rest.join('\r\n\r\n') });
    });
    if (trickleMs) {
      socket.write(request.slice(0, 10)); // then nothing more: a client too slow to finish
    } else {
      socket.end(request);
    }
  });
}

function request(method: string, path: string, headers: string[], body: Buffer | string = ''): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const head = [
    `${method} ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: close',
    ...headers,
    ...(bytes.length ? [`Content-Length: ${bytes.length}`] : []),
  ];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), bytes]);
}

/** The hostile requests for one API: name → raw request. */
function suite(api: ApiName): [string, Buffer][] {
  const { path, body, auth, type: ownType = 'application/json' } = targets[api];
  const json = ['Content-Type: application/json', auth];
  const cases: [string, Buffer][] = [];
  const add = (name: string, bytes: Buffer) => cases.push([name, bytes]);
  // Malformed JSON: every truncation of a valid body, and junk.
  for (let cut = 1; cut < body.length; cut += Math.max(1, Math.floor(body.length / 40)))
    add(`truncated JSON at ${cut}`, request('POST', path, json, body.slice(0, cut)));
  for (const junk of [
    '{',
    '}',
    '[',
    'nul',
    'tru',
    '{"a":}',
    '{,}',
    "{'a':1}",
    '{"a":1,}',
    'NaN',
    '0x10',
    '"\\u12"',
    '{"a":"\\q"}',
    '\u0000',
    '{"a":1}{"b":2}',
  ])
    add(`junk JSON ${JSON.stringify(junk)}`, request('POST', path, json, junk));
  // Wrong and missing content types.
  for (const type of [
    'text/plain',
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'application/json',
    'image/png',
    'application/json-patch',
    '',
    ';;;',
    'application/jsonp',
    'text/json; charset=utf-16',
  ]) {
    if (ownType.startsWith(type)) continue;
    add(`content type "${type}"`, request('POST', path, [type ? `Content-Type: ${type}` : 'X-None: 1', auth], body));
  }
  add('no content type', request('POST', path, [auth], body));
  // Too big.
  add('10 MB body', request('POST', path, json, Buffer.alloc(10 * 1024 * 1024, 0x20)));
  add(
    'declared 10 MB, sent little',
    Buffer.concat([
      Buffer.from(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n${auth}\r\nContent-Length: 10485760\r\n\r\n`,
      ),
      Buffer.from('{}'),
    ]),
  );
  // Deeply nested JSON.
  for (const depth of [LIMITS.jsonDepth + 1, 100, 1_000, 20_000]) {
    add(`arrays nested ${depth}`, request('POST', path, json, '['.repeat(depth) + ']'.repeat(depth)));
    add(`objects nested ${depth}`, request('POST', path, json, '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));
  }
  // Invalid UTF-8, and Shift_JIS where UTF-8 is expected.
  const invalid = [
    [0xc3, 0x28],
    [0xff],
    [0xfe],
    [0xc0, 0xaf],
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0x80],
    [0xbf],
    [0xf4, 0x90, 0x80, 0x80],
  ];
  for (const bytes of invalid)
    add(
      `invalid UTF-8 ${bytes.map((b) => b.toString(16)).join(' ')}`,
      request('POST', path, json, Buffer.concat([Buffer.from('{"last_name":"'), Buffer.from(bytes), Buffer.from('"}')])),
    );
  const shiftJis = [
    [0x82, 0xa0],
    [0x88, 0x9f],
    [0x81, 0x5b],
    [0x87, 0x40],
    [0xfb, 0xfc],
  ]; // あ 亜 ー ① 髙
  for (const bytes of shiftJis)
    add(
      `Shift_JIS ${bytes.map((b) => b.toString(16)).join(' ')}`,
      request(
        'POST',
        path,
        ['Content-Type: application/json; charset=shift_jis', auth],
        Buffer.concat([Buffer.from('{"store_cd":"'), Buffer.from(bytes), Buffer.from('"}')]),
      ),
    );
  // Form bodies whose percent-escapes are not text in their charset, or whose charset is unknown.
  for (const form of ['user_code=%89', 'user_code=%82%A0%82', 'user_code=%zz%89', 'user_code=%ff%ff', '%89=1']) {
    add(`form ${form}`, request('POST', path, ['Content-Type: application/x-www-form-urlencoded; charset=Shift_JIS', auth], form));
  }
  add('form in an unknown charset', request('POST', path, ['Content-Type: application/x-www-form-urlencoded; charset=x-nope', auth], body));
  // Unknown paths and methods.
  for (let i = 0; i < 64; i += 1)
    add(`unknown path ${i}`, request('GET', `/${['x', 'api', 'v9', 'admin', '.env', 'members-', '_'][i % 7]}/${i}`, [auth]));
  for (const method of ['PROPFIND', 'TRACE', 'BREW', 'MKCOL', 'LINK', 'PURGE', 'SEARCH', 'COPY', 'MOVE', 'CONNECT'])
    add(`method ${method}`, request(method, method === 'CONNECT' ? '127.0.0.1:1' : path, [auth]));
  // Path traversal and broken URLs.
  for (const bad of [
    '/../../etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/',
    `${path}/..%00`,
    `${path}/%ff%fe`,
    '/./././',
    '//etc/passwd',
    `${path}/%`,
    `${path}?a=%zz`,
    `${path}/..\\..\\windows`,
    '/%c0%ae%c0%ae/',
    `${path}/${'a'.repeat(4000)}`,
  ]) {
    add(`path ${bad.slice(0, 30)}`, request('GET', bad, [auth]));
  }
  // Header injection and malformed HTTP.
  const injected = [
    `GET ${path} HTTP/1.1\r\nHost: x\r\nX-A: a\rInjected: yes\r\nConnection: close\r\n\r\n`,
    `GET ${path} HTTP/1.1\r\nHost: x\r\nX-A: a\nInjected: yes\r\nConnection: close\r\n\r\n`,
    `GET ${path} HTTP/1.1\r\nHost: x\r\n: empty-name\r\nConnection: close\r\n\r\n`,
    `GET ${path} HTTP/1.1\r\nHost: x\r\nBad Header: x\r\nConnection: close\r\n\r\n`,
    `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    `GET ${path} HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n`,
    `GET ${path}\r\n\r\n`,
    `\u0000\u0001\u0002 / HTTP/1.1\r\n\r\n`,
    `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhello!`,
    `POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`,
  ];
  for (const [i, text] of injected.entries()) add(`malformed HTTP ${i}`, Buffer.from(text));
  // Missing and garbage credentials.
  add('no credentials', request('POST', path, [`Content-Type: ${ownType}`], body));
  for (const garbage of [
    'Authorization: Basic !!!',
    'Authorization: Basic bm9jb2xvbg==',
    'Authorization: Basic ',
    'Authorization: Bearer',
    'Authorization: Digest x',
    'X-Identification: ',
    'X-Identification: a b',
    'X-Identification: \t',
    'Authorization: Basic ' + 'A'.repeat(5000),
    'X-Identification: ' + 'x '.repeat(100),
  ]) {
    add(`credentials ${garbage.slice(0, 30)}`, request('POST', path, ['Content-Type: application/json', garbage], body));
  }
  // Query strings that break the declared types.
  for (const q of [
    'limit=abc',
    'limit=-1',
    'limit=99999999999999999999',
    'page=0',
    'ids=1,,2',
    'ids=1;DROP',
    'page=1.5',
    'limit=1e309',
    'cursor=%zz',
    'ids=-1',
  ]) {
    add(
      `query ${q.slice(0, 20)}`,
      request(
        'GET',
        `${path}?${q}`,
        api === 'recore' ? [auth] : [auth, 'Content-Type: application/json'],
        api === 'recore' ? '' : '{"page":"x"}',
      ),
    );
  }
  return cases;
}

describe.each(Object.keys(apis) as ApiName[])('%s under hostile input', (api) => {
  let mock: RunningMock;
  let port: number;
  beforeAll(async () => {
    mock = await startMock(api, { validateResponses: true });
    port = Number(new URL(mock.url).port);
  });
  afterAll(() => mock?.close());

  it('answers at least 200 hostile requests, each with a 4xx and a JSON body, in bounded memory', async () => {
    const cases = suite(api);
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const rssBefore = process.memoryUsage().rss;
    const wrong: string[] = [];
    for (let i = 0; i < cases.length; i += 8) {
      const answers = await Promise.all(cases.slice(i, i + 8).map(([, bytes]) => raw(port, bytes)));
      answers.forEach((answer, j) => {
        const [name] = cases[i + j]!;
        const jsonBody = /content-type: application\/(problem\+)?json/i.test(answer.headers) && isJson(answer.body);
        const ran = api === 'dtp-lcv' && name === 'form in an unknown charset' && commandAnswer(answer.body); // read as Shift_JIS
        const refused =
          (answer.status >= 400 && answer.status <= 499) ||
          (api === 'dtp-lcv' && answer.status === 200 && (refusedCommand(answer.body) || ran));
        if (!refused || !jsonBody) wrong.push(`${name}: ${answer.status} ${answer.body.slice(0, 80)}`);
        // D.T.P: bytes it cannot read as text are the vendor's server's problem, not a refusal of the mock.
        if (api === 'dtp-lcv' && /^(form |path .*\?|query )/.test(name) && !(answer.status === 200 && commandAnswer(answer.body)))
          wrong.push(`${name}: ${answer.status} ${answer.body.slice(0, 80)} (D.T.P answers a command at HTTP 200)`);
        if (api === 'dtp-lcv' && /^form /.test(name) && !/\r\nx-akinai-warning: .*mojibake|unknown/i.test(answer.headers))
          wrong.push(`${name}: no x-akinai-warning`);
      });
    }
    expect(wrong).toEqual([]);
    // Still serving, and not holding on to what it was sent (the suite sends over 10 MB).
    const after = await raw(port, request('GET', '/nope', []));
    expect(after.status).toBe(404);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  }, 120_000);

  it('answers slow clients with 408 JSON instead of waiting forever', async () => {
    const { path, body, type = 'application/json' } = targets[api];
    const answer = await raw(port, request('POST', path, [`Content-Type: ${type}`], body), { trickleMs: 1 });
    expect(answer.status).toBe(408);
    expect(isJson(answer.body)).toBe(true);
  }, 60_000);
});

/** A D.T.P answer that refuses the command: a StatusCode other than 0. */
function refusedCommand(text: string) {
  return isJson(text) && Number(JSON.parse(text).StatusCode) < 0;
}

/** A D.T.P answer of a command: a StatusCode, 0 or below (the form in an unknown charset runs the command). */
function commandAnswer(text: string) {
  return isJson(text) && Number(JSON.parse(text).StatusCode) <= 0;
}

function isJson(text: string) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
