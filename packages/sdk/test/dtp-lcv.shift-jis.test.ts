// The Shift_JIS round trip against a loopback server that reads forms as D.T.P's ASP.NET server does
// (URL-decoded bytes, decoded with code page 932) and answers in Shift_JIS, with the characters whose
// bytes differ between Shift_JIS variants.
import { describe, expect, it } from 'vitest';
import { createDtpLcvClient, RequestEncodingError } from '@akinai/sdk/dtp-lcv';
import { serverPerTest } from './helpers/server.js';

const serve = serverPerTest();
const SESSION = ['ASP.NET_SessionId=abc; path=/; HttpOnly', '.ASPXAUTH=DEF; path=/; HttpOnly'];

/** HttpUtility.UrlDecode(body, Encoding.GetEncoding(932)): `+` and %XX to bytes, then CP932 (WHATWG's Shift_JIS decoder is its table). */
function aspNetForm(body: string): Map<string, { text: string; bytes: Buffer }> {
  const fields = new Map<string, { text: string; bytes: Buffer }>();
  for (const pair of body.split('&').filter(Boolean)) {
    const [name = '', value = ''] = pair.split('=');
    const bytes = Buffer.from(unescape(value.replace(/\+/g, ' ')), 'latin1');
    fields.set(name, { text: new TextDecoder('shift_jis', { fatal: true }).decode(bytes), bytes });
  }
  return fields;
}

/** A server that logs in anyone and answers Auth_Hint with the name it decoded, in Shift_JIS bytes. */
async function vendor(contentType: string) {
  return serve((request, response) => {
    const { body } = server.requests.at(-1)!;
    if (request.url!.endsWith('/Auth.aspx')) {
      response.writeHead(200, { 'content-type': contentType, 'set-cookie': SESSION });
      return response.end('{"StatusCode":"0","Status":"OK","Token":"t"}');
    }
    const name = aspNetForm(body).get('name')!;
    response.writeHead(200, { 'content-type': contentType });
    response.end(
      Buffer.concat([Buffer.from('{"StatusCode":0,"Status":"OK","Code":"1","HintCode":"01","HintValue":"'), name.bytes, Buffer.from('"}')]),
    );
  }).then((started) => (server = started));
}
let server: Awaited<ReturnType<typeof serve>>;

const client = (baseUrl: string) => createDtpLcvClient({ loginId: 'api', password: 'pw', baseUrl, logLevel: 'off' });

describe.each(['application/json; charset=shift_jis', 'text/html; charset=Shift_JIS', 'application/json'])(
  'answers sent as %s',
  (contentType) => {
    it('ー ～ － ① 髙 reach the server as CP932 and come back unchanged', async () => {
      await vendor(contentType);
      const name = '髙橋　ー～－①ｱ A';
      const { data, error } = await client(server.url).POST('/Auth_Hint.aspx', { body: { name, email: 'a@example.jp' } });
      expect(error).toBeUndefined();
      expect(data!.HintValue).toBe(name);
      const hint = server.requests.find((r) => r.url.endsWith('/Auth_Hint.aspx'))!;
      expect(hint.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=Shift_JIS');
      expect(hint.headers.cookie).toBe('ASP.NET_SessionId=abc; .ASPXAUTH=DEF');
      // The bytes Windows-31J gives each character (JIS X 0208 tables give ～ and － other code points).
      expect(hint.body).toContain('name=%FB%FC%8B%B4%81%40%81%5B%81%60%81%7C%87%40%B1+A&');
      expect(aspNetForm(hint.body).get('name')!.text).toBe(name);
    });
  },
);

describe('characters outside CP932 or spelled the JIS way', () => {
  it('〜 and − (as macOS and JIS tables give them) are sent as the CP932 ～ and －', async () => {
    await vendor('application/json; charset=shift_jis');
    const { data } = await client(server.url).POST('/Auth_Hint.aspx', { body: { name: '〜−', email: 'a' } });
    expect(data!.HintValue).toBe('～－');
  });

  it('a character Shift_JIS cannot carry is refused before anything is sent, naming the field', async () => {
    await vendor('application/json; charset=shift_jis');
    const error = await client(server.url)
      .POST('/Auth_Hint.aspx', { body: { name: '岡本😀', email: 'a' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestEncodingError);
    expect((error as Error).message).toBe(
      'name: "😀" (U+1F600) at position 2 has no Shift_JIS (CP932) code; the vendor\'s server cannot receive it.',
    );
    expect(server.requests).toHaveLength(0);
  });
});
