// The record holds no credential and no masked personal value, as a property: for any API key, Basic
// password, D.T.P login and password (sent as a Shift_JIS form), session cookies and login token the
// vendor sets, and personal values (names, phones, e-mail) — quotes, backslashes, `%`, `+`, non-ASCII
// included — and a vendor that echoes every form of each of them everywhere it can (other fields, headers,
// an HTML page, a Shift_JIS answer, an error body), no string of the record file holds any form of any of
// them: as it is, JSON-escaped, percent- or form-encoded from UTF-8 or Shift_JIS (either case of hex),
// base64. With --keep-personal-data the personal values stay and the credentials still go.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type ApiName, specPath, startProxy } from '../src/index.js';
import { type Answer, type Received, send, startUpstream } from './proxy/upstream.js';

const RUNS = 12;
/** The machine may be shared. */
const SLOW = 180_000;
const dir = mkdtempSync(join(tmpdir(), 'akinai-redaction-'));
const TRICKY = ['"', '\\', "'", '%', '+', '&', '=', '<', ' ', '/', ':', '@', '#', '{', '}', 'é', '髙', '～', 'ｱ', '山', 'ヤ'];
/** A random token (so that it cannot occur by chance) mixed with characters no naive scrubber survives. */
const value = (alphabet: string[]) =>
  fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9]{8}$/), fc.array(fc.constantFrom(...alphabet, 'x', 'Y', '7'), { minLength: 3, maxLength: 12 }))
    .map(([token, chars]) => `${token}${chars.join('')}z`);
/** Header values are Latin-1. */
const headerValue = value(TRICKY.filter((c) => c.charCodeAt(0) <= 0xff));
/** D.T.P's forms are Shift_JIS: what CP932 carries. */
const cp932Value = value(TRICKY.filter((c) => c !== 'é'));
/** Cookie values: no separators. */
const cookieValue = value(['%', '+', '=', '/', ':', '@', '#', '{', '}', '!', '~']);

/** Every form in which the vendor may echo a text, and in which it must not be recorded. */
function formsOf(text: string): string[] {
  const percent = (bytes: Buffer, space: string) =>
    [...bytes]
      .map((byte) =>
        byte === 0x20
          ? space
          : byte < 0x80 && /[A-Za-z0-9*\-._]/.test(String.fromCharCode(byte))
            ? String.fromCharCode(byte)
            : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
      )
      .join('');
  const lower = (encoded: string) => encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  const sjis = iconv.encode(text, 'Shift_JIS');
  return [
    text,
    JSON.stringify(text).slice(1, -1),
    encodeURIComponent(text),
    new URLSearchParams({ s: text }).toString().slice(2),
    percent(sjis, '+'),
    percent(sjis, '%20'),
    Buffer.from(text).toString('base64'),
  ].flatMap((form) => [form, lower(form)]);
}

/** Every string of the record file (keys too), and its text. */
function surfaces(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const strings: string[] = [text];
  const collect = (node: unknown): void => {
    if (typeof node === 'string') strings.push(node);
    else if (Array.isArray(node)) node.forEach(collect);
    else if (node !== null && typeof node === 'object')
      for (const [key, item] of Object.entries(node)) {
        strings.push(key);
        collect(item);
      }
  };
  for (const line of text.trim().split('\n')) collect(JSON.parse(line));
  return strings;
}

function expectAbsent(file: string, texts: string[]) {
  const all = surfaces(file);
  for (const text of texts) {
    for (const form of formsOf(text)) {
      const found = all.find((surface) => surface.includes(form));
      expect(
        found === undefined,
        `${JSON.stringify(form)} (a form of ${JSON.stringify(text)}) is in the record: …${found?.slice(0, 200)}`,
      ).toBe(true);
    }
  }
}

/** A vendor answering each request with `answer`, the requests sent through a recording proxy; the record file. */
async function session(
  api: ApiName,
  answer: (request: Received) => Answer,
  requests: [string, string, Record<string, string>, (string | Buffer)?][],
  keepPersonalData = false,
) {
  const upstream = await startUpstream(answer);
  const file = join(dir, `${api}-${Math.random().toString(36).slice(2)}.jsonl`);
  const proxy = await startProxy(api, { upstream: upstream.url, record: file, keepPersonalData });
  try {
    for (const [method, target, headers, body] of requests) await send(proxy.url, method, target, headers, body);
  } finally {
    await proxy.close();
    await upstream.close();
  }
  return file;
}

const echo = (texts: string[]) => texts.flatMap(formsOf).join(' | ');
const member = () => JSON.parse(readFileSync(specPath('recore'), 'utf8')).components.examples.Member.value;

describe('the record holds no credential and no masked personal value', () => {
  it(
    'ReCORE: the API key, and the member personal data written and read, echoed everywhere',
    async () => {
      await fc.assert(
        fc.asyncProperty(headerValue, value(TRICKY), cp932Value, async (key, name, kana) => {
          const all = [key, name, kana];
          const file = await session(
            'recore',
            (request) =>
              request.method === 'POST'
                ? {
                    status: 201,
                    headers: ['Content-Type', 'application/json', 'X-Echo', encodeURIComponent(echo(all))],
                    body: JSON.stringify({ ...member(), last_name: name, first_kana: kana, alias_code: echo(all), [key]: name }),
                  }
                : { status: 500, headers: ['Content-Type', 'text/html; charset=utf-8'], body: `<html><body>${echo(all)}</body></html>` },
            [
              [
                'POST',
                '/members',
                { 'x-identification': key, 'content-type': 'application/json' },
                JSON.stringify({ last_name: name, first_kana: kana }),
              ],
              ['GET', `/members?keyword=${encodeURIComponent(name)}`, { 'x-identification': key }],
            ],
          );
          expectAbsent(file, all);
        }),
        { numRuns: RUNS },
      );
    },
    SLOW,
  );

  it(
    'Pittaly Order: the Basic password and its base64, echoed in an error, a header and a GET answer',
    async () => {
      await fc.assert(
        fc.asyncProperty(value(TRICKY), async (password) => {
          const basic = Buffer.from(`user@example.jp:${password}`).toString('base64');
          const all = [password, basic, `user@example.jp:${password}`];
          const file = await session(
            'pittaly-order',
            () => ({
              status: 400,
              headers: ['Content-Type', 'application/json', 'X-Echo', encodeURIComponent(echo(all))],
              body: JSON.stringify({ message: echo(all), [password]: basic }),
            }),
            [
              [
                'GET',
                '/customer_store_items',
                { authorization: `Basic ${basic}`, 'content-type': 'application/json' },
                JSON.stringify({ customer_cd: password, page: 1 }),
              ],
            ],
          );
          expectAbsent(file, all);
        }),
        { numRuns: RUNS },
      );
    },
    SLOW,
  );

  for (const keepPersonalData of [false, true]) {
    it(
      `D.T.P: the login form (Shift_JIS), the session cookies and token it sets, and a customer's data${keepPersonalData ? ', with --keep-personal-data' : ''}`,
      async () => {
        await fc.assert(
          fc.asyncProperty(
            cp932Value,
            cp932Value,
            cookieValue,
            cookieValue,
            cp932Value,
            cp932Value,
            async (login, password, session1, session2, name, tel) => {
              const credentials = [login, password, session1, session2, `token${session1}`];
              const personal = [name, tel];
              const sjisForm = (fields: Record<string, string>) =>
                Buffer.from(
                  Object.entries(fields)
                    .map(([field, text]) => `${field}=${formsOf(text)[8]}`)
                    .join('&'),
                  'latin1',
                );
              const file = await session(
                'dtp-lcv',
                (request) => {
                  if (request.url.startsWith('/Auth.aspx'))
                    return {
                      status: 200,
                      headers: [
                        'Content-Type',
                        'application/json; charset=utf-8',
                        'Set-Cookie',
                        `ASP.NET_SessionId=${session1}; path=/; HttpOnly`,
                        'Set-Cookie',
                        `.ASPXAUTH=${session2}; path=/`,
                      ],
                      body: JSON.stringify({ StatusCode: '0', Status: 'OK', Token: `token${session1}` }),
                    };
                  const answer = {
                    StatusCode: '0',
                    Status: echo([...credentials, ...personal]),
                    User: { Code: '1', Name: name, Tel1: tel, Memo: echo([...credentials, ...personal]) },
                  };
                  return {
                    status: 200,
                    headers: ['Content-Type', 'application/json'],
                    body: iconv.encode(JSON.stringify(answer), 'Shift_JIS'),
                  };
                },
                [
                  ['POST', '/Auth.aspx', { 'content-type': 'application/x-www-form-urlencoded' }, sjisForm({ login_id: login, password })],
                  [
                    'POST',
                    '/Get_UserInfo2.aspx',
                    { 'content-type': 'application/x-www-form-urlencoded', cookie: `ASP.NET_SessionId=${session1}; .ASPXAUTH=${session2}` },
                    sjisForm({ tokenid: 't', uuid: 'u' }),
                  ],
                  [
                    'GET',
                    `/Get_UserPoint.aspx?user_tel=${formsOf(tel)[8]}`,
                    { cookie: `ASP.NET_SessionId=${session1}; .ASPXAUTH=${session2}` },
                  ],
                  ['GET', `/Auth.aspx?login_id=${formsOf(login)[8]}&password=${formsOf(password)[8]}`, {}],
                ],
                keepPersonalData,
              );
              expectAbsent(file, keepPersonalData ? credentials : [...credentials, ...personal]);
              if (keepPersonalData) {
                const records = readFileSync(file, 'utf8')
                  .trim()
                  .split('\n')
                  .map((line) => JSON.parse(line));
                expect(records[1].answer.body.json.User).toMatchObject({ Name: name, Tel1: tel });
                expect(records[2].query).toEqual([['user_tel', tel]]);
              }
            },
          ),
          { numRuns: RUNS },
        );
      },
      SLOW,
    );
  }
});
