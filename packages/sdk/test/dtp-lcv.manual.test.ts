// The vendor's own answers through the SDK: every parseable 結果例 of D.T.P's manual, served as the
// vendor's server would send it (Shift_JIS), comes back as the types say: success as data with the
// table's names (AttrId, Seq_no, GoodsName, Shops… whatever spelling was sent) and numbers as numbers,
// failure as a CommandError with the command's documented meaning.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CommandError, createDtpLcvClient, type Command } from '../src/dtp-lcv/index.js';
import { operationFacts } from '../src/generated/dtp-lcv.js';
import { serverPerTest } from './helpers/server.js';

const fixture = JSON.parse(readFileSync(new URL('../../../specs/test/fixtures/dtp-lcv-manual.json', import.meta.url), 'utf8'));
const answers: [string, string, string | undefined, any][] = fixture.commands.flatMap((c: any) =>
  c.responses
    .filter((r: any) => r.json !== undefined)
    .map((r: any) => [`${c.section} ${c.command} ${r.label ?? ''}`, c.command, r.label, r.json]),
);
const serve = serverPerTest();
/** Every alias the spec declares, by the property it stands for. */
const aliases = new Set(['AttrID', 'SeqNo', 'Goods', 'Category', 'PostalCode', 'TEL', 'FAX', 'TokenId']);

function keys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keys);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [key, ...keys(item)]);
}

describe('every parseable answer of the manual', () => {
  it.each(answers)('%s', async (_, command, label, json) => {
    const { url } = await serve((req, res) => {
      const auth = req.url!.endsWith('/Auth.aspx') && command !== 'Auth';
      const body = iconv.encode(JSON.stringify(auth ? { StatusCode: 0, Status: 'OK' } : json), 'Shift_JIS');
      res.writeHead(
        200,
        [
          ['content-type', 'application/json'],
          ['set-cookie', 'ASP.NET_SessionId=s; path=/'],
          ['set-cookie', '.ASPXAUTH=a; path=/'],
        ].flat(),
      );
      res.end(body);
    });
    const lcv = createDtpLcvClient({ baseUrl: url, loginId: 'apiuser', password: 'apipass', logLevel: 'off' });
    const { data, error } = await (lcv.POST as (c: Command, init?: object) => Promise<{ data?: any; error?: any }>)(
      `/${command}.aspx` as Command,
    );
    if (Number(json.StatusCode) === 0) {
      expect(error).toBeUndefined();
      expect(data.StatusCode).toBe(0);
      expect(keys(data).filter((key) => aliases.has(key) && !(key === 'Category' && command !== 'Get_Shops'))).toEqual([]);
    } else {
      expect(error).toBeInstanceOf(CommandError);
      expect(error.statusCode).toBe(Number(json.StatusCode));
      const fact = Object.entries(operationFacts).find(([operation]) => operation === command)?.[1];
      if (fact && 'statusCodes' in fact) expect(error.meaning, `${label}: ${json.StatusCode} is in ${command}'s table`).toBeDefined();
    }
  });
});

it('Get_Shops as the manual prints it: Category, PostalCode, TEL, FAX arrive as Shops, Postalcode, Tel, Fax', async () => {
  const answer = answers.find(([, command, label]) => command === 'Get_Shops' && label === '成功');
  const json =
    answer?.[3] ??
    (await import('../../../specs/dist/dtp-lcv.openapi.json', { with: { type: 'json' } })).default.paths['/Get_Shops.aspx'].post.responses[
      '200'
    ].content['application/json'].examples.vendor_manual.value;
  const { url } = await serve((_, res) => {
    res.writeHead(
      200,
      [
        ['content-type', 'application/json; charset=utf-8'],
        ['set-cookie', 'ASP.NET_SessionId=s'],
        ['set-cookie', '.ASPXAUTH=a'],
      ].flat(),
    );
    res.end(JSON.stringify(json));
  });
  const lcv = createDtpLcvClient({ baseUrl: url, loginId: 'apiuser', password: 'apipass', logLevel: 'off', throwOnError: true });
  const { data } = await lcv.POST('/Get_Shops.aspx');
  expect(data.Shops[0]).toMatchObject({ Code: '00020003', Postalcode: '1120001', Tel: '0312342222', Fax: '0312342223' });
  expect(data).not.toHaveProperty('Category');
});
