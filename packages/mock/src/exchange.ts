// One exchange as every room of the mock passes it on: the request as the transport read it, the answer to
// send, and the two ways of writing an answer (a reply of the state or the vendor; a refusal of the mock).
import type { Reply } from './vendors/types.js';

/** A request as the transport read it: its body's raw bytes and type, or null for none. */
export interface Incoming {
  method: string;
  /** The request target: path and query string, as sent. */
  target: string;
  headers: Record<string, string | string[] | undefined>;
  body: { bytes: Buffer; type: string } | null;
}

/** What to send back; `drop`: close the connection instead (a fault), `after` the request was applied or `before`. */
export interface Outgoing {
  status: number;
  headers: Record<string, string | string[]>;
  body?: string;
  drop?: 'before' | 'after';
}

/** A request refused before it reaches the API: a 4xx with a JSON `error`. */
export interface Rejection {
  status: number;
  code: string;
  message: string;
}

/** A reply of the state or the vendor: JSON in UTF-8, or no body (204). */
export function sent({ status, headers = {}, body }: Reply, extra: Record<string, string> = {}): Outgoing {
  if (body === undefined) return { status, headers: { ...extra, ...headers } };
  return { status, headers: { ...extra, ...headers, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

/** A refusal before the request reaches the API: a 4xx with a JSON body. */
export function rejected({ status, code, message }: Rejection, headers: Record<string, string> = {}): Outgoing {
  return { status, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ error: { code, message } }) };
}
