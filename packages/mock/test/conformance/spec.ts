// The operations of a bundled spec as the conformance suite reads them: what a request may carry
// (parameters, body, security) and what an answer may be (statuses, media types, schemas, examples, a
// D.T.P command's StatusCode table). Read with @akinai/specs' resolver only, never through the mock.
import { readFileSync } from 'node:fs';
import { dereference, operations, resolve } from '@akinai/specs';
import { type ApiName, specPath } from '../../src/index.js';

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** Dereferenced (for the sampler). */
  schema: any;
  /** JSON pointer of the schema in the bundled document (for Ajv). */
  pointer: string[];
  examples: unknown[];
}

export interface Body {
  required: boolean;
  mediaType: string;
  schema: any;
  pointer: string[];
  examples: { name: string; value: unknown }[];
}

export interface Op {
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
  operation: any;
  params: Param[];
  body: Body | undefined;
  /** Documented statuses ('200', '4XX', 'default'), with the names of each one's examples. */
  responses: { status: string; examples: string[] }[];
  /** Whether the operation needs credentials (its security, or the document's, is not empty). */
  secured: boolean;
  /** D.T.P: the command's x-akinai-status-codes. */
  statusCodes: { code: number; to?: number; status: string }[] | undefined;
}

export interface Spec {
  api: ApiName;
  document: any;
  operations: Op[];
  /** The document's security schemes, by name. */
  schemes: Record<string, any>;
}

const pointerOf = (ref: string) =>
  ref
    .slice(2)
    .split('/')
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'));

/** A node of the document followed through its $refs, with the pointer where it ends. */
export function locate(document: any, pointer: string[]): { node: any; pointer: string[] } {
  let at = pointer;
  let node = at.reduce((current: any, key) => current?.[key], document);
  while (typeof node?.$ref === 'string' && node.$ref.startsWith('#/')) {
    at = pointerOf(node.$ref);
    node = at.reduce((current: any, key) => current?.[key], document);
  }
  return { node, pointer: at };
}

const at_ = (node: any, pointer: string[]) => pointer.reduce((current, key) => current?.[key], node);

export function readSpec(api: ApiName): Spec {
  const document = JSON.parse(readFileSync(specPath(api), 'utf8'));
  const flat = dereference(document);
  const ops = operations(document).map(({ path, method, operation, item }): Op => {
    const base = ['paths', path, method];
    const params: Param[] = [];
    const seen = new Set<string>();
    // Operation parameters override path-item ones of the same name and place.
    const declared = [
      ...(operation.parameters ?? []).map((_: unknown, i: number) => [...base, 'parameters', String(i)]),
      ...(item.parameters ?? []).map((_: unknown, i: number) => ['paths', path, 'parameters', String(i)]),
    ];
    for (const at of declared) {
      const { node, pointer } = locate(document, at);
      const key = `${node.in}:${node.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const examples = [
        ...Object.values<any>(node.examples ?? {}).map((example) => resolve(document, example)?.value),
        ...(node.example === undefined ? [] : [node.example]),
      ].filter((value) => value !== undefined);
      params.push({
        name: node.name,
        in: node.in,
        required: node.required === true,
        schema: at_(flat, [...pointer, 'schema']),
        pointer: [...pointer, 'schema'],
        examples,
      });
    }
    let body: Body | undefined;
    if (operation.requestBody) {
      const { node, pointer } = locate(document, [...base, 'requestBody']);
      const [mediaType, content] = Object.entries<any>(node.content ?? {})[0] ?? [];
      if (mediaType) {
        body = {
          required: node.required === true,
          mediaType,
          schema: at_(flat, [...pointer, 'content', mediaType, 'schema']),
          pointer: [...pointer, 'content', mediaType, 'schema'],
          examples: Object.entries<any>(content.examples ?? {}).map(([name, example]) => ({
            name,
            value: resolve(document, example)?.value,
          })),
        };
        if (content.example !== undefined) body.examples.push({ name: '(example)', value: content.example });
      }
    }
    const responses = Object.entries<any>(operation.responses ?? {}).map(([status, response]) => {
      const resolved = resolve(document, response);
      const examples = Object.values<any>(resolved?.content ?? {}).flatMap((content) => Object.keys(content.examples ?? {}));
      return { status, examples: [...new Set(examples)] };
    });
    const security = operation.security ?? document.security ?? [];
    return {
      api,
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      operation,
      params,
      body,
      responses,
      secured: security.length > 0 && !security.some((requirement: object) => Object.keys(requirement).length === 0),
      statusCodes: operation['x-akinai-status-codes'],
    };
  });
  return { api, document, operations: ops, schemes: document.components?.securitySchemes ?? {} };
}
