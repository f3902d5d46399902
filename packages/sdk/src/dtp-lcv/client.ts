// The D.T.P Loyal Customer client: every command a form-encoded POST in Shift_JIS, through the shared
// runtime's single retry loop, with the API's own protocol in its hooks: the session (Auth on first use,
// its cookies on every call, a new Auth once the session has ended), the Shift_JIS answers, and the
// StatusCode that says whether a command succeeded.
import { createRuntime } from '../core/client.js';
import type { CallContext, CallOptions, ErrorOutcome, RuntimeOptions } from '../core/types.js';
import { AbortError, InvalidResponseError, type ApiError } from '../core/errors.js';
import { encodeForm, parseCsv } from '../core/forms.js';
import { checkBaseUrl, checkCredential } from '../core/options.js';
import { Redactor } from '../core/redact.js';
import { formEncodeShiftJis } from '../core/shift-jis.js';
import { defaultBaseUrl, features, operationFacts, security, type CredentialOptions, type paths } from '../generated/dtp-lcv.js';
import { CommandError, statusCodeOf } from './errors.js';

export interface DtpLcvClientOptions extends RuntimeOptions, CredentialOptions {
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
type Form<C extends Command> = paths[C]['post'] extends { requestBody: { content: { 'application/x-www-form-urlencoded': infer B } } }
  ? B
  : never;
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

/** One login, shared by every call that needs it; stopped when every call waiting on it has given up. */
interface Login {
  outcome: Promise<ErrorOutcome | undefined>;
  stop: AbortController;
  waiting: number;
}

const AUTH = '/Auth.aspx';

/** A typed client of D.T.P's Loyal Customer WEB API for CV.net. Works in Node.js (see the README for browsers). */
export function createDtpLcvClient<Throw extends boolean = false>(
  options: DtpLcvClientOptions & { throwOnError?: Throw },
): DtpLcvClient<Throw> {
  const { loginId, password, sessionLifetime = 60 * 60_000, ...runtimeOptions } = options;
  if (options.baseUrl === undefined)
    throw new TypeError("createDtpLcvClient: baseUrl is required: your tenant's https://<host>/<site>/isql/api.");
  checkBaseUrl(options.baseUrl);
  checkCredential(loginId, 'createDtpLcvClient: loginId');
  checkCredential(password, 'createDtpLcvClient: password');
  const loginForm = { login_id: loginId, password };
  try {
    encodeForm(loginForm, operationFacts.Auth.form);
  } catch {
    throw new TypeError('createDtpLcvClient: loginId and password must be text that Shift_JIS (CP932) can carry.');
  }
  if (!Number.isFinite(sessionLifetime) || sessionLifetime <= 0) {
    throw new TypeError(`sessionLifetime must be a positive number of milliseconds, got ${sessionLifetime}.`);
  }
  // Renew a little before the server's end of the session, so that no call races it.
  const renewAfter = sessionLifetime - Math.min(60_000, sessionLifetime / 10);
  const redactor = new Redactor([], security.headers);
  redactor.add(password, formEncodeShiftJis(password, 'password'));
  const sessionCookies = new Set<string>(security.cookies);
  const commands = new Set<string>(Object.values(operationFacts).map((fact) => fact.path));
  /** The cookies the server set, sent back with every command but Auth. */
  const cookies = new Map<string, string>();
  let session: { started: number; generation: number } | undefined;
  let generations = 0;
  let login: Login | undefined;
  /** The session each call's current attempt runs in, to tell whether a lost session is still the live one. */
  const sessionOf = new WeakMap<CallContext, number | undefined>();

  const runtime = createRuntime(
    {
      facts: operationFacts,
      defaultBaseUrl,
      headers: {},
      redactor,
      parseError: () => ({}),
      features,
      hooks: { prepare, observe, decode, interpret, recover },
    },
    runtimeOptions,
  );

  async function prepare(call: CallContext) {
    if (call.path === AUTH) return {};
    const refused = await ensureSession(call);
    if (refused) return refused; // the call fails as Auth failed
    sessionOf.set(call, session?.generation);
    return { headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } };
  }

  /** Keeps the cookies the server sets; the session's are secrets from then on. */
  function observe(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      cookies.set(name, value);
      if (sessionCookies.has(name)) redactor.add(value);
    }
  }

  /** A live session, logging in (once for all concurrent callers) when there is none. */
  async function ensureSession(call: CallContext): Promise<ErrorOutcome | undefined> {
    if (session && Date.now() - session.started < renewAfter) return undefined;
    login ??= startLogin(call);
    const current = login;
    current.waiting += 1;
    try {
      return await untilAborted(current.outcome, call);
    } finally {
      current.waiting -= 1;
      if (current.waiting === 0 && login === current) current.stop.abort(); // nobody waits for it any more
    }
  }

  /** Auth under the first caller's timeout and retry budget; it stops when every caller waiting for it has aborted. */
  function startLogin(call: CallContext): Login {
    const stop = new AbortController();
    const outcome = (async () => {
      cookies.clear();
      session = undefined;
      const result = await runtime.call('POST', AUTH, {
        body: loginForm,
        signal: stop.signal,
        timeout: call.timeout,
        maxRetries: call.maxRetries,
      });
      return result.error ? { error: result.error, response: result.response } : undefined;
    })();
    const current: Login = { outcome, stop, waiting: 0 };
    const done = () => {
      if (login === current) login = undefined;
    };
    outcome.then(done, done);
    return current;
  }

  function startSession() {
    if (![...sessionCookies].some((name) => cookies.get(name))) return false;
    generations += 1;
    session = { started: Date.now(), generation: generations };
    return true;
  }

  /** D.T.P answers in Shift_JIS; the charset the response names wins. */
  function decode(bytes: Uint8Array, response: Response): string {
    const named = /charset="?([\w.:-]+)/i.exec(response.headers.get('content-type') ?? '')?.[1];
    try {
      return new TextDecoder(named ?? 'shift_jis').decode(bytes);
    } catch {
      return new TextDecoder('shift_jis').decode(bytes);
    }
  }

  /** StatusCode 0 is success; a documented code is a CommandError; anything else is no answer at all. */
  function interpret(data: unknown, response: Response, call: CallContext): { data: unknown } | { error: ApiError } {
    const { operation, path, fact } = call;
    const body = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
    const statusCode = statusCodeOf(body?.StatusCode);
    if (statusCode === undefined) {
      throw new InvalidResponseError(
        call,
        response.status,
        'the body has no StatusCode the vendor could have sent (an integer, or an integer in a string).',
      );
    }
    if (statusCode !== 0) {
      const error = new CommandError({
        operation,
        method: 'POST',
        path,
        status: response.status,
        body: redactor.value(body),
        headers: redactor.headers(response.headers),
        statusCode,
        statusMessage: redactor.text(typeof body!.Status === 'string' ? body!.Status : String(body!.Status ?? '')),
        table: fact?.statusCodes,
      });
      return { error };
    }
    if (path === AUTH && !startSession()) {
      throw new InvalidResponseError(call, response.status, 'StatusCode 0, but no session cookie was set.');
    }
    return { data: fact?.statusCsv ? { ...body, rows: parseCsv(String(body!.Status ?? ''), fact.statusCsv) } : body };
  }

  /** The session ended under this call (-NN098): the command did not run. Log in again and repeat it once. */
  function recover(error: unknown, call: CallContext): boolean {
    if (!(error instanceof CommandError) || !error.sessionLost || call.path === AUTH) return false;
    if (session?.generation === sessionOf.get(call)) session = undefined;
    return true;
  }

  return {
    async POST(path: string, init?: object): Promise<any> {
      if (!commands.has(path)) throw new TypeError(`POST ${path}: not a command of the D.T.P Loyal Customer API.`);
      return runtime.call('POST', path, init);
    },
  };
}

/** The promise, or AbortError as soon as the call's signal aborts. */
function untilAborted<T>(promise: Promise<T>, call: CallContext): Promise<T> {
  const { signal } = call;
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new AbortError(`${call.operation}: aborted by the caller`, { cause: signal.reason }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
