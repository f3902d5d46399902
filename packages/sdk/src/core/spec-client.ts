// A client built from what an API's spec says of its credentials (src/generated/<api>.ts, `security`):
// a header key (`apiKey`) or HTTP Basic (the user under the name the spec gives it, and `password`).
// Checked when given, sent only where the runtime sends them, known to the redactor.
import { createApiClient, type ApiClient } from './client.js';
import { parseErrorBody, type ErrorBodyParts } from './errors.js';
import { checkCredential } from './options.js';
import type { ApiHooks, Features, Fetch, OperationFacts, RuntimeOptions } from './types.js';
import { Redactor } from './redact.js';

/** What the spec's security schemes say (@akinai/specs `credentialsOf`, emitted as `security` in src/generated/<api>.ts). */
export interface Security {
  readonly headers: readonly string[];
  readonly cookies: readonly string[];
  /** The header a key goes in. */
  readonly apiKey?: string;
  /** HTTP Basic: the name the API gives its user (`username`, or the spec's `x-akinai-user`). */
  readonly basicUser?: string;
}

/** What a client takes: the runtime's options and its credentials (`CredentialOptions` in src/generated/<api>.ts). */
export type SpecClientOptions<C extends object> = RuntimeOptions & C;

/** An API as the generator describes it. */
export interface SpecApi<F extends OperationFacts, S extends Security> {
  /** The client's factory, as messages name it (`clientName` in src/generated/<api>.ts). */
  clientName: string;
  defaultBaseUrl: string;
  operationFacts: F;
  security: S;
  features: Features;
}

export interface SpecClientParts {
  /** Headers of this API sent with every request (e.g. ReCORE's X-Store-Id). */
  headers?: Record<string, string>;
  /** Reads this API's error body (default: the usual `code`, `message`, `detail` or `errors`). */
  parseError?: (body: unknown) => ErrorBodyParts;
  hooks?: ApiHooks;
  /** The entry's transport (see ApiDefinition): node:http(s) in the Node.js entry of an API with a GET body. */
  transport?: Fetch | undefined;
}

export function createSpecClient<P extends {}, F extends OperationFacts, S extends Security, Throw extends boolean = false>(
  api: SpecApi<F, S>,
  options: RuntimeOptions & { throwOnError?: Throw },
  parts: SpecClientParts = {},
): ApiClient<P, F, Throw> {
  const { clientName: client, security } = api;
  // The runtime's options are what remains once the credentials are taken out.
  const runtime: Record<string, unknown> = { ...(options as object) };
  const take = (name: string) => {
    const value = runtime[name];
    delete runtime[name];
    return value;
  };
  const credentials: Record<string, string> = {};
  const secrets: string[] = [];
  if (security.apiKey) {
    credentials[security.apiKey] = checkCredential(take('apiKey'), `${client}: apiKey`, { header: true });
    secrets.push(credentials[security.apiKey]!);
  } else if (security.basicUser) {
    const user = checkCredential(take(security.basicUser), `${client}: ${security.basicUser}`);
    const secret = checkCredential(take('password'), `${client}: password`);
    // RFC 7617: the user-id of Basic credentials cannot contain a colon.
    if (user.includes(':')) throw new TypeError(`${client}: ${security.basicUser} must not contain ":" (HTTP Basic cannot carry it).`);
    const token = base64(`${user}:${secret}`);
    credentials.Authorization = `Basic ${token}`;
    secrets.push(secret, token);
  }
  for (const [name, value] of Object.entries(parts.headers ?? {})) checkCredential(value, `${client}: ${name}`, { header: true });
  return createApiClient<P, F, Throw>(
    {
      facts: api.operationFacts,
      defaultBaseUrl: api.defaultBaseUrl,
      headers: { ...parts.headers, ...credentials },
      redactor: new Redactor(secrets, security.headers),
      parseError: parts.parseError ?? parseErrorBody,
      features: api.features,
      ...(parts.hooks && { hooks: parts.hooks }),
      ...(parts.transport && { transport: parts.transport }),
    },
    runtime as RuntimeOptions & { throwOnError?: Throw },
  );
}

/** UTF-8 safe Base64 (btoa alone only takes Latin-1). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
