// What the proxy reads from an API's bundled spec to check and record its traffic: the routes and the
// request binding (as the mock reads them), validators of its schemas, its inferred marks, and where its
// credentials and personal data are — all from the spec: credentials from the security schemes (their
// headers and cookies) and from the operation that issues the session cookies (D.T.P's Auth: its whole
// form, and what it answers besides its status); personal data from `x-akinai-personal`.
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { credentialsOf } from '@akinai/specs';
import { specPath, type ApiName } from '../apis.js';
import { type Binding, createBinding } from '../binding.js';
import { type Model, readModel } from '../state/model.js';
import { createAjv } from '../validate-responses.js';
import { inferredMarks, type Mark } from './marks.js';
import { at, type Pointer } from './walk.js';
import type { Document } from '@akinai/specs/types';

export interface Contract {
  api: ApiName;
  document: Document;
  model: Model;
  binding: Binding;
  marks: Mark[];
  /** The mark at a location of the document, if any. */
  markAt: Map<string, Mark>;
  /** The mark a node of the document carries, if any. */
  markOf: Map<object, Mark>;
  /** Whether a value is valid against the schema at a pointer (validators compiled once, on first use). */
  valid(pointer: Pointer, node: object, value: unknown): boolean;
  validator(pointer: Pointer, node?: object): ValidateFunction;
  credentials: {
    /** Headers that carry a credential (lower case): Authorization, and the API key schemes'. */
    headers: Set<string>;
    /** The cookies of the session (the cookie schemes'). */
    cookies: Set<string>;
    /** The operations that issue the session (their requests and answers are credentials). */
    logins: Set<string>;
  };
  /** Every name the spec marks personal (lower case), for bodies no documented schema describes. */
  personalNames: Set<string>;
}

export function readContract(api: ApiName): Contract {
  const document = JSON.parse(readFileSync(specPath(api), 'utf8'));
  const { at: compile } = createAjv(document);
  // By the document's node: each location has its own object.
  const validators = new WeakMap<object, ValidateFunction>();
  const validator = (pointer: Pointer, node: object = at(document, pointer)) => {
    let validate = validators.get(node);
    if (!validate) {
      validate = compile(pointer);
      validators.set(node, validate);
    }
    return validate;
  };
  const marks = inferredMarks(document);
  return {
    api,
    document,
    model: readModel(document),
    binding: createBinding(document),
    marks,
    markAt: new Map(marks.map((mark) => [mark.location, mark])),
    markOf: new Map(marks.map((mark) => [at(document, mark.pointer), mark])),
    valid: (pointer, node, value) => validator(pointer, node)(value),
    validator,
    credentials: credentialsIn(document),
    personalNames: personalNames(document),
  };
}

/** The credentials as the recorder removes them: the spec's (@akinai/specs), with Authorization headers always. */
function credentialsIn(document: Document): Contract['credentials'] {
  const { headers, cookies, login } = credentialsOf(document);
  return {
    headers: new Set(['authorization', 'proxy-authorization', ...headers.map((name) => name.toLowerCase())]),
    cookies: new Set(cookies),
    logins: new Set(login ? [login.operationId] : []),
  };
}

/** The names of the properties and parameters marked personal, and of their aliases. */
function personalNames(document: Document): Set<string> {
  const names = new Set<string>();
  const visit = (node: any): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node.in && typeof node.name === 'string' && node['x-akinai-personal'] === true) names.add(node.name.toLowerCase());
    for (const [name, property] of Object.entries<any>(node.properties ?? {})) {
      if (property?.['x-akinai-personal'] !== true) continue;
      names.add(name.toLowerCase());
      for (const alias of property['x-akinai-aliases'] ?? []) names.add(String(alias).toLowerCase());
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'examples' && key !== 'example') visit(value);
  };
  visit(document);
  return names;
}
