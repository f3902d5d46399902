// The D.T.P Loyal Customer client: every command a form-encoded POST in Shift_JIS, through the shared
// runtime (timeouts, retries of the read commands, redacted logs), with the session the API needs:
// Auth on first use, its two cookies on every call, and a new Auth once the session has ended.
import { createApiClient, type CallOptions, type RuntimeOptions } from '../core/client.js';
import { InvalidResponseError, type ApiError } from '../core/errors.js';
import { redactHeaders, scrub } from '../core/redact.js';
import { defaultBaseUrl, operationFacts, type paths } from '../generated/dtp-lcv.js';
import { CommandError, type StatusCodeEntry } from './errors.js';
import { coerceNumbers, encodeForm, parseCsv, type CsvFormat, type NumberShape } from './values.js';

export interface DtpLcvClientOptions extends RuntimeOptions {
  /** Your tenant's API, `https://<host>/<site>/isql/api` (D.T.P gives each customer its own). */
  baseUrl: string;
  /** The system login ID that `Auth` takes (`login_id`), issued by D.T.P. */
  loginId: string;
  /** The system password that `Auth` takes. */
  password: string;
  /** How long a session lasts, in milliseconds (default: the vendor's 60 minutes). The client logs in again shortly before. */
  sessionLifetime?: number;
}

/** A command's path, e.g. `/Get_UserPoint.aspx`. */
export type Command = keyof paths;
type Facts = typeof operationFacts;
type Form<C extends Command> = paths[C]['post'] extends { requestBody: { content: { 'application/x-www-form-urlencoded': infer B } } } ? B : never;
type Wire<C extends Command> = paths[C]['post']['responses'][200]['content']['application/json'];
/** Columns of the CSV a command returns in Status (Get_ToriokiStatus, Get_LcsOrderStatus). */
type CsvColumns<C extends Command> = {
  [K in keyof Facts]: Facts[K] extends { path: C; statusCsv: { columns: readonly (infer Column extends string)[] } } ? Column : never;
}[keyof Facts];
/**
 * What a successful command answers: StatusCode 0, every documented field present, numbers as numbers;
 * for the commands that return CSV in Status, also its `rows`.
 */
export type CommandData<C extends Command> = {
  [K in keyof Wire<C>]-?: K extends 'StatusCode' ? 0 : Exclude<Wire<C>[K], null | undefined | 'null'>;
} & ([CsvColumns<C>] extends [never] ? unknown : { rows: Record<CsvColumns<C>, string>[] });

export type CallInit = CallOptions & { signal?: AbortSignal; headers?: Record<string, string> };
type Init<C extends Command> = [Form<C>] extends [never]
  ? [init?: CallInit]
  : {} extends Form<C>
    ? [init?: CallInit & { body?: Form<C> }]
    : [init: CallInit & { body: Form<C> }];
/** A command's outcome: its data, or the typed error (CommandError for a non-zero StatusCode). */
export type CommandResult<C extends Command, Throw extends boolean = false> = Throw extends true
  ? { data: CommandData<C>; response: Response }
  : { data: CommandData<C>; error?: undefined; response: Response } | { data?: undefined; error: ApiError<Wire<C>>; response: Response };

export interface DtpLcvClient<Throw extends boolean = false> {
  /** Runs a command (`/<Command>.aspx`), logging in first when there is no live session. */
  POST<C extends Command>(command: C, ...init: Init<C>): Promise<CommandResult<C, Throw>>;
}

interface CommandFact {
  readonly path: string;
  readonly statusCodes?: readonly StatusCodeEntry[];
  readonly numbers?: NumberShape;
  readonly csvParameters?: Readonly<Record<string, CsvFormat>>;
  readonly statusCsv?: CsvFormat;
}
type Outcome = { data: unknown; error?: undefined; response: Response } | { data?: undefined; error: ApiError; response: Response };

const FORM = 'application/x-www-form-urlencoded; charset=Shift_JIS';
const AUTH = '/Auth.aspx';
/** The form is already encoded (in Shift_JIS): openapi-fetch must send it as it is. */
const asIs = (body: unknown) => body as string;

/** A typed client of D.T.P's Loyal Customer WEB API for CV.net. Works in Node.js (see the README for browsers). */
export function createDtpLcvClient<Throw extends boolean = false>(options: DtpLcvClientOptions & { throwOnError?: Throw }): DtpLcvClient<Throw> {
  const { loginId, password, sessionLifetime = 60 * 60_000, throwOnError = false, fetch: send = (request: Request) => globalThis.fetch(request), ...runtime } = options;
  if (!options.baseUrl) throw new TypeError('createDtpLcvClient: baseUrl is required: your tenant\'s https://<host>/<site>/isql/api.');
  if (!loginId || !password) throw new TypeError('createDtpLcvClient: loginId and password are required.');
  if (!Number.isFinite(sessionLifetime) || sessionLifetime <= 0) throw new TypeError(`sessionLifetime must be a positive number of milliseconds, got ${sessionLifetime}.`);
  // Renew a little before the server's end of the session, so that no call races it.
  const renewAfter = sessionLifetime - Math.min(60_000, sessionLifetime / 10);
  const secrets = [password];
  const commands = new Map<string, { operation: string; fact: CommandFact }>(
    Object.entries(operationFacts).map(([operation, fact]) => [fact.path, { operation, fact: fact as CommandFact }]),
  );
  const cookies = new Map<string, string>();
  let session: { started: number; generation: number } | undefined;
  let generations = 0;
  let loggingIn: Promise<Outcome | undefined> | undefined;

  const api = createApiClient<paths, Facts, false>(
    { facts: operationFacts, defaultBaseUrl, headers: { 'Content-Type': FORM }, secrets, parseError: () => ({}) },
    { ...runtime, fetch: withSession },
  );

  /** Sends the session cookies, keeps the ones the server sets, and hands openapi-fetch the body as UTF-8. */
  async function withSession(request: Request): Promise<Response> {
    if (cookies.size > 0 && !new URL(request.url).pathname.endsWith(AUTH)) {
      request.headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await send(request);
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const value = pair.slice(at + 1).trim();
      cookies.set(pair.slice(0, at).trim(), value);
      if (value && !secrets.includes(value)) secrets.push(value);
    }
    return decoded(response);
  }

  /** Auth with the system login; its failed outcome, if it fails. */
  async function login(): Promise<Outcome | undefined> {
    cookies.clear();
    const result = await run(AUTH, { body: encodeForm({ login_id: loginId, password }) });
    if (result.error) return result;
    if (cookies.size === 0) {
      throw new InvalidResponseError({ operation: 'Auth', method: 'POST', path: AUTH }, result.response.status, 'StatusCode 0, but no session cookie was set.');
    }
    startSession();
    return undefined;
  }

  function startSession() {
    generations += 1;
    session = { started: Date.now(), generation: generations };
  }

  /** A live session, logging in (once for all concurrent callers) when there is none. */
  function ensureSession(): Promise<Outcome | undefined> {
    if (session && Date.now() - session.started < renewAfter) return Promise.resolve(undefined);
    loggingIn ??= login().finally(() => (loggingIn = undefined));
    return loggingIn;
  }

  /** One request of a command through the runtime, read as D.T.P answers: StatusCode 0 or a CommandError. */
  async function run(path: string, { body, ...init }: CallInit & { body?: string }): Promise<Outcome> {
    const { operation, fact } = commands.get(path)!;
    const result = await (api.POST as (path: string, init: object) => Promise<Outcome>)(path, {
      ...init,
      ...(body !== undefined && { body, bodySerializer: asIs }),
    });
    if (result.error) return result;
    const { response } = result;
    const data = result.data as Record<string, unknown> | undefined;
    const statusCode = Number(data?.StatusCode);
    if (!data || typeof data !== 'object' || data.StatusCode === undefined || !Number.isInteger(statusCode)) {
      throw new InvalidResponseError({ operation, method: 'POST', path }, response.status, 'the body has no StatusCode.');
    }
    if (statusCode !== 0) {
      const error = new CommandError({
        operation,
        method: 'POST',
        path,
        status: response.status,
        body: JSON.parse(scrub(JSON.stringify(data), secrets)),
        headers: redactHeaders(response.headers),
        statusCode,
        statusMessage: scrub(String(data.Status ?? ''), secrets),
        table: fact.statusCodes,
      });
      return { error, response };
    }
    const coerced = coerceNumbers(data, fact.numbers) as Record<string, unknown>;
    return { data: fact.statusCsv ? { ...coerced, rows: parseCsv(String(data.Status ?? ''), fact.statusCsv) } : coerced, response };
  }

  async function POST(path: string, init: CallInit & { body?: Record<string, unknown> } = {}) {
    const command = commands.get(path);
    if (!command) throw new TypeError(`POST ${path}: not a command of the D.T.P Loyal Customer API.`);
    const { body, ...rest } = init;
    const form = body === undefined ? undefined : encodeForm(body, command.fact.csvParameters);
    let outcome: Outcome;
    for (let attempt = 0; ; attempt += 1) {
      if (path !== AUTH) {
        const refused = await ensureSession();
        if (refused) {
          outcome = refused; // the call fails as Auth failed
          break;
        }
      }
      const generation = session?.generation;
      outcome = await run(path, { ...rest, ...(form !== undefined && { body: form }) });
      if (path === AUTH && !outcome.error) startSession();
      // The session ended under this call: the command did not run. Log in again and repeat it once.
      if (outcome.error instanceof CommandError && outcome.error.sessionLost && path !== AUTH && attempt === 0) {
        if (session?.generation === generation) session = undefined;
        continue;
      }
      break;
    }
    if (outcome.error && throwOnError) throw outcome.error;
    return outcome;
  }

  return { POST } as DtpLcvClient<Throw>;
}

/** The response with its body decoded from its charset (Shift_JIS when none is named, as the vendor sends). */
async function decoded(response: Response): Promise<Response> {
  if (response.body === null) return response;
  const named = /charset="?([\w.:-]+)/i.exec(response.headers.get('content-type') ?? '')?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(named ?? 'shift_jis');
  } catch {
    decoder = new TextDecoder('shift_jis');
  }
  const text = decoder.decode(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(text, { status: response.status, statusText: response.statusText, headers });
}
