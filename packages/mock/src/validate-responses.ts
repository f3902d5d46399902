// validateResponses (`--validate-responses`): every answer the mock's state layer and vendor modules
// give is checked against the spec before it is sent — a status the operation documents, a media type
// it documents (none for a body-less status), a body valid against that response's schema (Ajv, JSON
// Schema 2020-12: the dialect of OpenAPI 3.1, independent of Prism's validator), and for a command with
// an `x-akinai-status-codes` table (D.T.P), a result whose code is success or a code of that table. A
// violation is logged and answered as a 500 naming it, so that a test fails loudly where the mock would
// have left its contract.
// Loaded only when the option is on (index.ts imports this module dynamically): off, it costs nothing.
import type { createLogger } from '@stoplight/prism-core';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Reply } from './vendors/types.js';
import type { Route } from './state/model.js';
import { commandResult, knownCode, locate } from '@akinai/specs';
import type { Document, Method } from '@akinai/specs/types';

type Logger = ReturnType<typeof createLogger>;

/** The reply itself when it keeps the contract; otherwise a 500 that names what is wrong. */
export type ReplyCheck = (route: Route, reply: Reply) => Reply;

/** What a check finds wrong with a reply, or undefined. */
export interface ReplyViolation {
  operation: string;
  method: string;
  path: string;
  status: number;
  message: string;
  errors?: { instancePath: string; keyword: string; message: string | undefined; params: Record<string, unknown> }[];
}

const DOCUMENT_ID = 'https://akinai.invalid/openapi.json';
/** How many of Ajv's findings a 500 lists. */
const MAX_ERRORS = 5;

/** Ajv for an OpenAPI 3.1 document: its schemas are 2020-12 with OpenAPI's annotations beside them. */
export function createAjv(document: unknown, id = DOCUMENT_ID) {
  // A CommonJS module: imported from ESM its default is module.exports, whose `default` is the class.
  const Ajv = Ajv2020.default;
  // strict: false — `example`, `discriminator`, `xml`, `externalDocs` and x-* keywords are OpenAPI's, not JSON Schema's.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  ajv.addSchema(document as object, id, undefined, false);
  return {
    ajv,
    /** The validator of the schema at a JSON pointer of the document (e.g. ['components', 'schemas', 'Member']). */
    at(pointer: (string | number)[]): ValidateFunction {
      const fragment = pointer.map((part) => encodeURIComponent(String(part).replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
      return ajv.compile({ $ref: `${id}#/${fragment}` });
    },
  };
}

/** Formats the specs use that JSON Schema defines (checked, not merely annotated). */
const FORMATS: Record<string, RegExp | ((value: string) => boolean)> = {
  date: (value) =>
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
  'date-time': (value) =>
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)),
  time: /^\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?$/,
  email: /^[^\s@]+@[^\s@]+$/,
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/,
};

/** The documented response of an operation for a status: its own, its range's (`4XX`), or `default`. */
export function documentedResponse(
  document: Document,
  path: string,
  method: string,
  status: number,
): { key: string; node: any; pointer: (string | number)[] } | undefined {
  const responses = document.paths?.[path]?.[method.toLowerCase() as Method]?.responses ?? {};
  const key = [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default'].find((candidate) => candidate in responses);
  if (key === undefined) return undefined;
  return { key, ...locate(document, ['paths', path, method.toLowerCase(), 'responses', key]) };
}

/** The media type of a response's content that a JSON answer matches (`application/json`, `application/*`, `*\/*`). */
export function jsonMediaType(content: Record<string, unknown> | undefined): string | undefined {
  const types = Object.keys(content ?? {});
  const base = (type: string) => type.split(';')[0]!.trim().toLowerCase();
  return (
    types.find((type) => base(type) === 'application/json') ??
    types.find((type) => /^application\/[\w.-]+\+json$/.test(base(type))) ??
    types.find((type) => base(type) === 'application/*' || base(type) === '*/*')
  );
}

/** The check of the mock's replies against a bundled document; validators compiled on first use, then cached. */
export function createReplyCheck(document: Document, logger: Logger): ReplyCheck {
  const { at } = createAjv(document);
  const result = commandResult(document);
  const validators = new Map<string, ValidateFunction | null>();
  return (route, reply) => {
    const violation = check(route, reply);
    if (!violation) return reply;
    logger.error({ violation }, `validateResponses: ${violation.message}`);
    const { message, ...where } = violation;
    return {
      status: 500,
      body: {
        error: {
          code: 'RESPONSE_VALIDATION_FAILED',
          message: `The mock's answer leaves the contract (validateResponses): ${message}`,
          ...where,
        },
      },
    };
  };

  function check(route: Route, reply: Reply): ReplyViolation | undefined {
    const where = { operation: route.operationId, method: route.method, path: route.path, status: reply.status };
    const name = `${route.method} ${route.path} (${route.operationId})`;
    const response = documentedResponse(document, route.path, route.method, reply.status);
    if (!response) return { ...where, message: `${name} answered ${reply.status}, a status the operation does not document.` };
    const content = response.node?.content as Record<string, any> | undefined;
    const hasContent = content !== undefined && Object.keys(content).length > 0;
    if (reply.body === undefined) {
      return hasContent
        ? { ...where, message: `${name} answered ${reply.status} without a body; the spec documents ${Object.keys(content).join(', ')}.` }
        : undefined;
    }
    const mediaType = jsonMediaType(content);
    if (!mediaType) {
      return {
        ...where,
        message: hasContent
          ? `${name} answered ${reply.status} in application/json; the spec documents ${Object.keys(content!).join(', ')}.`
          : `${name} answered ${reply.status} with a body; the spec documents none for it.`,
      };
    }
    const key = `${route.method} ${route.path} ${response.key} ${mediaType}`;
    let validate = validators.get(key);
    if (validate === undefined) {
      validate = content![mediaType]?.schema === undefined ? null : at([...response.pointer, 'content', mediaType, 'schema']);
      validators.set(key, validate);
    }
    if (validate && !validate(reply.body)) {
      const errors = (validate.errors ?? []).slice(0, MAX_ERRORS).map(describe);
      return {
        ...where,
        message: `${name} answered ${reply.status} with a body off its schema: ${errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}.`,
        errors,
      };
    }
    const table = route.operation['x-akinai-status-codes'];
    const body = reply.body as Record<string, unknown> | null;
    if (table && result && body && typeof body === 'object' && result.code in body && !knownCode(result, table, body[result.code])) {
      return {
        ...where,
        message: `${name} answered ${result.code} ${JSON.stringify(body[result.code])}, which is not ${result.success} or a code of its x-akinai-status-codes.`,
      };
    }
    return undefined;
  }
}

function describe(error: ErrorObject) {
  return {
    instancePath: error.instancePath,
    keyword: error.keyword,
    message: error.message,
    params: error.params as Record<string, unknown>,
  };
}
