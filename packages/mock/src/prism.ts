// Prism's request handling, in-process: routing, validation, security checks, examples and `Prefer`.
// Answers what a request gets, or Prism's own problem (no such path, an undeclared status…). The only
// module that reaches into Prism's packages past their public entry points, each for one thing they do
// not export: `mocker` (the mock component createInstance needs: Prism's own examples and negotiation),
// `getHttpConfigFromRequest` (how Prism's server reads a `Prefer` header into its config) and `serialize`
// (how it writes a body in the negotiated content type) — so that the mock answers as `prism mock` does.
import type { createLogger } from '@stoplight/prism-core';
import { createInstance, type getHttpOperationsFromSpec, type IHttpRequest } from '@stoplight/prism-http';
import * as mocker from '@stoplight/prism-http/dist/mocker/index.js';
import { getHttpConfigFromRequest } from '@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js';
import { serialize } from '@stoplight/prism-http-server/dist/serialize.js';

type Logger = ReturnType<typeof createLogger>;
type MockComponent = NonNullable<Parameters<typeof createInstance>[1]['mock']>;
/** Prism's own mocker (a CommonJS default export: bundled and type-checked, it is reached differently). */
const prismMock: MockComponent = (mocker as any).default?.default ?? (mocker as any).default;
export type Operation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];

export interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | undefined;
  /** Prism's validation findings (request and response), for the `sl-violations` header. */
  violations: { location: (string | number)[]; severity: string | undefined; code: string | number | undefined; message: string }[];
}

export type Violation = Answer['violations'][number];

export interface Problem {
  status: number;
  name: string | undefined;
  title: string | undefined;
  detail: string | undefined;
  headers: Record<string, string>;
  /** What was wrong with the request, when Prism refused it for lack of a documented 4xx. */
  violations: Violation[];
}

interface Diagnostic {
  path?: string[];
  severity: number;
  code?: string | number;
  message: string;
}

export function createPrism(operations: Operation[], logger: Logger) {
  const config = {
    mock: { dynamic: false },
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false as const,
  };
  const prism = createInstance(config, { logger, mock: prismMock });
  // A request the mock's state will answer needs Prism's routing and validation, not an example: this
  // instance skips Prism's mocker (negotiation, example, callbacks) — unless the request is refused, where
  // Prism's own answer (401, 422) is what the mock works from.
  const routeOnly = createInstance(config, {
    logger,
    mock: (options) =>
      options.input.validations.some((v) => v.severity === 0)
        ? prismMock(options)
        : () => ({ _tag: 'Right', right: { statusCode: 200, headers: {} } }) as never,
  });

  /**
   * Prism's answer to a request. `among`: the operations of the path the mock has already routed it to
   * (Prism's router sorts and matches every operation per request: the largest cost per request).
   * `fromState`: the mock's state answers; Prism only routes and validates.
   */
  return async function answer(
    input: IHttpRequest,
    { among = operations, fromState = false }: { among?: Operation[] | undefined; fromState?: boolean } = {},
  ): Promise<Answer | Problem> {
    const preferences = getHttpConfigFromRequest(input);
    if (preferences._tag === 'Left') return problem(preferences.left);
    const result = await (fromState ? routeOnly : prism).request(input, among, {
      ...config,
      validateResponse: !fromState,
      mock: { ...config.mock, ...preferences.right },
    })();
    if (result._tag === 'Left') return problem(result.left);
    const { output, validations } = result.right;
    const describe =
      (where: string) =>
      ({ path = [], severity, code, message }: Diagnostic) => ({
        location: [where, ...path],
        severity: ['Error', 'Warning', 'Information', 'Hint'][severity],
        code,
        message,
      });
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(output.headers ?? {})) {
      // A Set-Cookie example lists one cookie per line: each is its own header, as a server sends them.
      headers[name] = name.toLowerCase() === 'set-cookie' ? String(value).split('\n') : String(value);
    }
    const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] as string | undefined;
    const body = serialize(output.body, contentType);
    return {
      status: output.statusCode,
      headers,
      body: typeof body === 'string' ? body : undefined,
      violations: [
        ...(validations.input as Diagnostic[]).map(describe('request')),
        ...(validations.output as Diagnostic[]).map(describe('response')),
      ],
    };
  };
}

function problem(error: {
  status?: number;
  name?: string;
  title?: string;
  detail?: string;
  additional?: { headers?: Record<string, string>; validation?: (Omit<Violation, 'location'> & { location?: (string | number)[] })[] };
}): Problem {
  return {
    status: error.status && error.status >= 400 && error.status < 500 ? error.status : 400,
    name: error.name,
    title: error.title,
    detail: error.detail,
    headers: error.additional?.headers ?? {},
    violations: (error.additional?.validation ?? []).map(({ location = [], ...rest }) => ({ ...rest, location: ['request', ...location] })),
  };
}
