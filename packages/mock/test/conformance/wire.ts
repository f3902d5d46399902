// Requests as bytes on the wire: sent over loopback with node:http (it sends Pittaly's GET body, which
// fetch refuses), and printed as a curl command that sends exactly the same bytes.
import { Agent, request as httpRequest } from 'node:http';
import type { Answer } from './judge.js';

export interface WireRequest {
  method: string;
  /** Path and query string, already encoded. */
  target: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

export function send(base: string, req: WireRequest, timeoutMs = 10_000): Promise<Answer> {
  const url = new URL(req.target, base);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = req.body.length;
    const outgoing = httpRequest(
      { agent, host: url.hostname, port: url.port, method: req.method, path: `${url.pathname}${url.search}`, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** The request as a curl command against `base`: method, headers and --data-binary of the exact bytes. */
export function curl(base: string, req: WireRequest): string {
  const parts = ['curl', '-i', '-X', req.method, quote(new URL(req.target, base).href)];
  for (const [name, value] of Object.entries(req.headers)) parts.push('-H', quote(`${name}: ${value}`));
  if (req.body !== undefined) parts.push('--data-binary', bytes(req.body));
  return parts.join(' ');
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Bytes as a shell word: quoted as they are when they are printable UTF-8, else $'…' with \xHH escapes. */
function bytes(body: Buffer): string {
  if (body.length === 0) return "''";
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    text = undefined;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be escaped
  if (text !== undefined && !/[\u0000-\u001f\u007f]/.test(text)) return quote(text);
  let out = "$'";
  for (const byte of body) {
    if (byte >= 0x20 && byte < 0x7f && byte !== 0x27 && byte !== 0x5c) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

export function closeAgent() {
  agent.destroy();
}
