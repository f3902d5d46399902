// Prism's request handling, in-process: routing, validation, security checks, examples and `Prefer`.
// Answers what a request gets, or Prism's own problem (no such path, an undeclared status…).
import type { createLogger } from '@stoplight/prism-core';
import { createInstance, type getHttpOperationsFromSpec, type IHttpRequest } from '@stoplight/prism-http';
import { getHttpConfigFromRequest } from '@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js';
import { serialize } from '@stoplight/prism-http-server/dist/serialize.js';

type Logger = ReturnType<typeof createLogger>;
export type Operation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];

export interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | undefined;
  /** Prism's validation findings (request and response), for the `sl-violations` header. */
  violations: { location: (string | number)[]; severity: string | undefined; code: string | number | undefined; message: string }[];
}

export interface Problem {
  status: number;
  name: string | undefined;
  title: string | undefined;
  detail: string | undefined;
  headers: Record<string, string>;
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
  const prism = createInstance(config, { logger });

  return async function answer(input: IHttpRequest): Promise<Answer | Problem> {
    const preferences = getHttpConfigFromRequest(input);
    if (preferences._tag === 'Left') return problem(preferences.left);
    const result = await prism.request(input, operations, { ...config, mock: { ...config.mock, ...preferences.right } })();
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
  additional?: { headers?: Record<string, string> };
}): Problem {
  return {
    status: error.status && error.status >= 400 && error.status < 500 ? error.status : 400,
    name: error.name,
    title: error.title,
    detail: error.detail,
    headers: error.additional?.headers ?? {},
  };
}
