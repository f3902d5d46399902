// The redirect policy, which keeps credentials on their origin. fetch strips Authorization and Cookie on
// a redirect to another origin, but not an API key in a header of the API's own nor a form it resends; so
// the runtime asks fetch not to follow redirects (`redirect: 'manual'`) and follows them itself:
//  - to the same origin, a redirect without a body to resend (any 3xx of a GET or HEAD; 303, and 301/302
//    of a POST, which fetch turns into a GET), up to MAX_REDIRECTS in a row;
//  - anything else is refused with RedirectError, naming the target (redacted), sending nothing there.
import { RedirectError, type ErrorContext } from './errors.js';
import type { OutgoingRequest } from './request.js';
import type { Fetch } from './types.js';

export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CONTENT_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

export interface RedirectPolicy {
  /** The origin of the client's baseUrl: the only one that ever sees a credential. */
  origin: string;
  /** How a target appears in the error: without user info or secrets. */
  show(url: string): string;
}

/** Sends the request, following the redirects the policy allows; answers the final response. */
export async function sendFollowing(
  request: OutgoingRequest,
  send: Fetch,
  { origin, show }: RedirectPolicy,
  context: ErrorContext,
): Promise<Response> {
  let { url, init } = request;
  for (let hops = 0; ; hops += 1) {
    const response = await send(url, init);
    if (response.type === 'opaqueredirect') {
      throw new RedirectError(
        context,
        0,
        undefined,
        'the server redirected, and a browser does not show where to; the request was not repeated',
      );
    }
    const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null;
    if (location === null) return response;
    await response.body?.cancel().catch(() => {});
    let target: URL;
    try {
      target = new URL(location, url);
    } catch {
      throw new RedirectError(
        context,
        response.status,
        undefined,
        `HTTP ${response.status} redirected to an unparseable location; not followed`,
      );
    }
    const refuse = (why: string) =>
      new RedirectError(context, response.status, show(target.href), `HTTP ${response.status} redirected to ${show(target.href)}: ${why}`);
    if (target.origin !== origin) throw refuse('another origin, where the credentials must not go; not followed');
    if (hops >= MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects in a row; not followed`);
    const { method } = init;
    const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST');
    if (method !== 'GET' && method !== 'HEAD' && !toGet) throw refuse(`it would resend the ${method} body; not followed`);
    const headers = new Headers(init.headers);
    if (toGet) for (const name of CONTENT_HEADERS) headers.delete(name);
    const { body: _sent, ...rest } = init;
    url = target.href;
    init = { ...rest, method: toGet && method !== 'HEAD' ? 'GET' : method, headers };
  }
}
