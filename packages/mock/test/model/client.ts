// The model-based tests' client of the mock: plain HTTP over loopback (node:http, as any client sends
// it), every request kept so that a failing sequence can be printed as the curl commands that replay it.
import { curl, send, type WireRequest } from '../conformance/wire.js';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export class Client {
  /** Every request of the current sequence, in order. */
  log: WireRequest[] = [];
  /** The cookies the API has set (D.T.P's session), sent back with every request. */
  private cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    private readonly headers: Record<string, string>,
  ) {}

  /** A JSON request (a GET with a body too: Pittaly's search). */
  json(method: string, target: string, body?: unknown): Promise<Answer> {
    const json = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return this.send(method, target, json, json && 'application/json');
  }

  /** A form, in UTF-8, saying so (the charset the D.T.P mock then reads it in). */
  form(target: string, fields: Record<string, string | number>): Promise<Answer> {
    const body = new URLSearchParams(Object.entries(fields).map(([name, value]) => [name, String(value)]));
    return this.send('POST', target, Buffer.from(body.toString()), 'application/x-www-form-urlencoded; charset=utf-8');
  }

  /** A fresh sequence: no requests, no cookies. */
  restart(): void {
    this.log = [];
    this.cookies.clear();
  }

  /** The sequence so far as curl commands against the mock's default port. */
  replay(port: number): string {
    return this.log.map((request) => curl(`http://127.0.0.1:${port}`, request)).join('\n');
  }

  private async send(method: string, target: string, body: Buffer | undefined, type: string | undefined): Promise<Answer> {
    const headers: Record<string, string> = { ...this.headers };
    if (type) headers['content-type'] = type;
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const request: WireRequest = { method, target, headers, body };
    this.log.push(request);
    const answer = await send(this.base, request);
    for (const cookie of [answer.headers['set-cookie'] ?? []].flat()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const text = answer.bytes.toString('utf8');
    return { status: answer.status, headers: answer.headers, body: text === '' ? undefined : JSON.parse(text) };
  }
}
