// A direction-aware comparison of two bundled OpenAPI 3.1 documents, after GitHub's breaking-change rules
// (rest-api-description's openapi_breaking_changes.py): what breaks a request differs from what breaks a
// response. $refs are resolved, allOf merged, and recursive schemas compared once per pair.
//
// Each finding: { level: 'breaking' | 'non-breaking' | 'docs', rule, where, detail }.
import { operations, pointerOf, valueAt } from '../lib/document.js';

const DOC_KEYS = [
  'summary',
  'description',
  'title',
  'examples',
  'example',
  'externalDocs',
  'x-enumDescriptions',
  'x-displayName',
  'x-akinai-inferred',
];
const TIGHTER_WHEN_LOWER = ['maxLength', 'maxItems', 'maxProperties'];
const TIGHTER_WHEN_HIGHER = ['minLength', 'minItems', 'minProperties'];
/** Keywords that require or refuse according to other values (D.T.P's Set_PointMst: Name… when Mode is C). */
const CONDITIONALS = ['if', 'then', 'else', 'dependentRequired', 'dependentSchemas'];

/**
 * @typedef {object} Comparison one comparison of a base document with a head document
 * @property {any} base
 * @property {any} head
 * @property {{ level: string, rule: string, where: string, detail: string }[]} findings
 * @property {(level: string, rule: string, where: string, detail?: string) => void} add
 * @property {(node: any) => any} resolveBase
 * @property {(node: any) => any} resolveHead
 * @property {Map<any, Set<any>>} compared base schema → head schemas already compared (the recursion guard)
 */

/** Every finding between two bundled documents: servers, operations (with their schemas), components. */
export function compare(base, head) {
  /** @type {Comparison} */
  const c = {
    base,
    head,
    findings: [],
    add: (level, rule, where, detail = '') => c.findings.push({ level, rule, where, detail }),
    resolveBase: resolver(base),
    resolveHead: resolver(head),
    compared: new Map(),
  };
  compareServers(c);
  docsChanged(c, base.info, head.info, 'info');
  compareOperations(c);
  compareComponents(c);
  return c.findings;
}

/** Servers, as the URLs a client can reach: every value of each variable (its enum, else its default). */
function compareServers({ base, head, add }) {
  const baseUrls = serverUrls(base);
  const headUrls = serverUrls(head);
  for (const url of baseUrls) if (!headUrls.has(url)) add('breaking', 'server-removed', 'servers', url);
  for (const url of headUrls) if (!baseUrls.has(url)) add('non-breaking', 'server-added', 'servers', url);
}

/** Operations, matched by method and path shape (parameter names aside). */
function compareOperations(c) {
  const baseOps = operationsByShape(c.base);
  const headOps = operationsByShape(c.head);
  for (const [key, b] of baseOps) {
    const h = headOps.get(key);
    if (h) compareOperation(c, b, h);
    else c.add('breaking', 'operation-removed', `${b.method} ${b.path}`, b.operation.operationId);
  }
  for (const [key, h] of headOps)
    if (!baseOps.has(key)) c.add('non-breaking', 'operation-added', `${h.method} ${h.path}`, h.operation.operationId);
}

function compareComponents({ base, head, add }) {
  for (const [kind, entries] of Object.entries(base.components ?? {})) {
    for (const [name, entry] of Object.entries(entries)) {
      const headEntry = head.components?.[kind]?.[name];
      if (!headEntry) add('breaking', 'component-removed', `#/components/${kind}/${name}`);
      // Examples are reached only through $refs, which the walk compares as strings.
      else if (kind === 'examples' && JSON.stringify(entry) !== JSON.stringify(headEntry))
        add('docs', 'examples-changed', `#/components/${kind}/${name}`);
    }
  }
  for (const [kind, entries] of Object.entries(head.components ?? {})) {
    for (const name of Object.keys(entries)) {
      if (!base.components?.[kind]?.[name]) add('non-breaking', 'component-added', `#/components/${kind}/${name}`);
    }
  }
}

function compareOperation(c, b, h) {
  const where = `${b.method} ${b.path} (${b.operation.operationId})`;
  if (b.operation.operationId !== h.operation.operationId) {
    c.add('breaking', 'operationId-renamed', where, `${b.operation.operationId} → ${h.operation.operationId}`);
  }
  if (b.path !== h.path) c.add('breaking', 'path-parameter-renamed', where, `${b.path} → ${h.path}`);
  docsChanged(c, b.operation, h.operation, where);
  compareParameters(c, b, h, where);
  compareRequestBody(c, b, h, where);
  compareResponses(c, b, h, where);
  compareSecurity(c, b, h, where);
}

/** Parameters (a request): keyed by location and name; path parameters by position. */
function compareParameters(c, b, h, where) {
  const bParams = parameters(b, c.resolveBase);
  const hParams = parameters(h, c.resolveHead);
  for (const [key, bp] of bParams) {
    const hp = hParams.get(key);
    if (!hp) {
      if (bp.in !== 'path') c.add('breaking', 'parameter-removed', where, key);
      continue;
    }
    if (hp.required && !bp.required) c.add('breaking', 'parameter-now-required', where, key);
    compareSchema(c, bp.schema, hp.schema, 'request', `${where} ${key}`);
    docsChanged(c, bp, hp, `${where} ${key}`);
  }
  for (const [key, hp] of hParams) {
    if (bParams.has(key)) continue;
    c.add(hp.required ? 'breaking' : 'non-breaking', hp.required ? 'new-required-parameter' : 'parameter-added', where, key);
  }
}

function compareRequestBody(c, b, h, where) {
  const bBody = c.resolveBase(b.operation.requestBody);
  const hBody = c.resolveHead(h.operation.requestBody);
  if (hBody?.required && !bBody?.required) c.add('breaking', 'request-body-now-required', where);
  if (bBody && !hBody) c.add('breaking', 'request-body-removed', where);
  for (const [media, content] of Object.entries(bBody?.content ?? {})) {
    const hContent = hBody?.content?.[media];
    if (!hContent) {
      if (hBody) c.add('breaking', 'request-media-type-removed', where, media);
      continue;
    }
    compareSchema(c, content.schema, hContent.schema, 'request', `${where} request body`);
    docsChanged(c, content, hContent, `${where} request body`);
  }
}

function compareResponses(c, b, h, where) {
  for (const [status, bResponse] of Object.entries(b.operation.responses ?? {})) {
    const hResponse = c.resolveHead(h.operation.responses?.[status]);
    const success = status.startsWith('2');
    if (!hResponse) {
      c.add(success ? 'breaking' : 'non-breaking', success ? 'success-response-removed' : 'error-response-removed', where, status);
      continue;
    }
    const bResolved = c.resolveBase(bResponse);
    docsChanged(c, bResolved, hResponse, `${where} ${status}`);
    for (const [name] of Object.entries(bResolved.headers ?? {})) {
      if (!hResponse.headers?.[name]) c.add('breaking', 'response-header-removed', `${where} ${status}`, name);
    }
    for (const [media, content] of Object.entries(bResolved.content ?? {})) {
      const hContent = hResponse.content?.[media];
      if (!hContent) {
        c.add('breaking', 'response-media-type-removed', `${where} ${status}`, media);
        continue;
      }
      compareSchema(c, content.schema, hContent.schema, 'response', `${where} ${status}`);
      docsChanged(c, content, hContent, `${where} ${status}`);
    }
  }
  for (const status of Object.keys(h.operation.responses ?? {})) {
    if (!b.operation.responses?.[status]) c.add('non-breaking', 'response-added', where, status);
  }
}

/** Security: a head requirement the base did not have, or more scopes, locks callers out. */
function compareSecurity(c, b, h, where) {
  const bSecurity = requirements(b.operation.security ?? c.base.security);
  const hSecurity = requirements(h.operation.security ?? c.head.security);
  for (const [scheme, scopes] of hSecurity) {
    const had = bSecurity.get(scheme);
    if (!had) c.add('breaking', 'security-narrowed', where, `new scheme ${scheme}`);
    else for (const scope of scopes) if (!had.has(scope)) c.add('breaking', 'security-narrowed', where, `${scheme} now needs ${scope}`);
  }
}

/** Two schemas, in the direction they travel: what a request may accept, what a response may send. */
function compareSchema(c, bSchema, hSchema, direction, where) {
  const b = flatten(bSchema, c.resolveBase);
  const h = flatten(hSchema, c.resolveHead);
  if (!b || !h) return;
  const done = c.compared.get(b) ?? new Set();
  if (done.has(h)) return;
  done.add(h);
  c.compared.set(b, done);
  const request = direction === 'request';
  docsChanged(c, b, h, where);
  const hTypes = compareTypes(c, b, h, request, where);
  compareEnums(c, b, h, request, where);
  compareBounds(c, b, h, request, where);
  comparePattern(c, b, h, request, where);
  compareConditions(c, b, h, request, where);
  compareFormat(c, b, h, request, where);
  compareProperties(c, b, h, direction, where);
  if (b.items || h.items) compareSchema(c, b.items, h.items, direction, `${where}[]`);
  if (typeof b.additionalProperties === 'object' && typeof h.additionalProperties === 'object') {
    compareSchema(c, b.additionalProperties, h.additionalProperties, direction, `${where}{}`);
  }
  compareVariants(c, b, h, hTypes, direction, where);
}

/** Types: a request may accept more, a response may send less. Answers the head's types. */
function compareTypes(c, b, h, request, where) {
  const bTypes = types(b, c.resolveBase);
  const hTypes = types(h, c.resolveHead);
  if (bTypes && hTypes) {
    const lost = [...bTypes].filter((t) => !hTypes.has(t) && !(t === 'integer' && hTypes.has('number')));
    const gained = [...hTypes].filter((t) => !bTypes.has(t) && !(t === 'integer' && bTypes.has('number')));
    if (request ? lost.length : gained.length) {
      c.add('breaking', request ? 'request-type-narrowed' : 'response-type-changed', where, `${[...bTypes]} → ${[...hTypes]}`);
    } else if (lost.length || gained.length) {
      c.add('non-breaking', request ? 'request-type-widened' : 'response-type-narrowed', where, `${[...bTypes]} → ${[...hTypes]}`);
    }
  }
  return hTypes;
}

function compareEnums({ add }, b, h, request, where) {
  if (!b.enum && !h.enum) return;
  const bValues = b.enum ? new Set(b.enum.map(String)) : undefined;
  const hValues = h.enum ? new Set(h.enum.map(String)) : undefined;
  const removed = bValues ? [...bValues].filter((v) => !hValues?.has(v)) : [];
  const added = hValues ? [...hValues].filter((v) => !bValues?.has(v)) : [];
  if (hValues && !bValues) add(request ? 'breaking' : 'non-breaking', request ? 'request-enum-added' : 'response-enum-added', where);
  else if (bValues && !hValues)
    add(request ? 'non-breaking' : 'breaking', request ? 'request-enum-removed' : 'response-enum-removed', where);
  else if (removed.length && hValues)
    add(
      request ? 'breaking' : 'non-breaking',
      request ? 'request-enum-value-removed' : 'response-enum-value-removed',
      where,
      removed.join(', '),
    );
  if (added.length && bValues)
    add(request ? 'non-breaking' : 'breaking', request ? 'request-enum-value-added' : 'response-enum-value-added', where, added.join(', '));
}

/** Lengths, counts and numbers' bounds: they bind requests only (the server validates them, clients do not). */
function compareBounds({ add }, b, h, request, where) {
  /** @type {[string[], (before: number, after: number) => boolean][]} */
  const bounds = [
    [TIGHTER_WHEN_LOWER, (x, y) => y < x],
    [TIGHTER_WHEN_HIGHER, (x, y) => y > x],
  ];
  for (const [keys, tighter] of bounds) {
    for (const key of keys) {
      if (b[key] === h[key]) continue;
      const tightened = h[key] !== undefined && (b[key] === undefined || tighter(b[key], h[key]));
      add(
        request && tightened ? 'breaking' : 'non-breaking',
        `${request ? 'request' : 'response'}-${key}-${tightened ? 'tightened' : 'loosened'}`,
        where,
        `${b[key]} → ${h[key]}`,
      );
    }
  }
  // A number's bound is one, inclusive or exclusive: `minimum: 0` → `exclusiveMinimum: -10` loosens it.
  for (const [side, exclusiveKey, sign] of /** @type {const} */ ([
    ['minimum', 'exclusiveMinimum', 1],
    ['maximum', 'exclusiveMaximum', -1],
  ])) {
    const before = bound(b, side, exclusiveKey, sign);
    const after = bound(h, side, exclusiveKey, sign);
    if (before?.value === after?.value && before?.exclusive === after?.exclusive) continue;
    const tightened =
      after !== undefined &&
      (before === undefined ||
        sign * after.value > sign * before.value ||
        (after.value === before.value && after.exclusive && !before.exclusive));
    add(
      request && tightened ? 'breaking' : 'non-breaking',
      `${request ? 'request' : 'response'}-${side}-${tightened ? 'tightened' : 'loosened'}`,
      where,
      `${describeBound(before)} → ${describeBound(after)}`,
    );
  }
}

function comparePattern({ add }, b, h, request, where) {
  if (b.pattern === h.pattern) return;
  const change = h.pattern === undefined ? 'removed' : b.pattern !== undefined && widens(b.pattern, h.pattern) ? 'loosened' : 'changed';
  add(
    request && change === 'changed' ? 'breaking' : 'non-breaking',
    `${request ? 'request' : 'response'}-pattern-${change}`,
    where,
    `${b.pattern} → ${h.pattern}`,
  );
}

/**
 * A condition added to a request refuses what was accepted; removed from a response, the answer may be
 * what it could not be. Any other change of one is taken as breaking: what it accepts is not compared.
 */
function compareConditions({ add }, b, h, request, where) {
  const bCondition = JSON.stringify(CONDITIONALS.map((key) => b[key]));
  const hCondition = JSON.stringify(CONDITIONALS.map((key) => h[key]));
  if (bCondition === hCondition) return;
  const had = CONDITIONALS.some((key) => b[key] !== undefined);
  const has = CONDITIONALS.some((key) => h[key] !== undefined);
  const change = had && has ? 'changed' : has ? 'added' : 'removed';
  const breaks = change === 'changed' || (request ? change === 'added' : change === 'removed');
  add(breaks ? 'breaking' : 'non-breaking', `${request ? 'request' : 'response'}-condition-${change}`, where);
}

/** A format is an assertion too: on a request it narrows what is accepted, on a response what is sent. */
function compareFormat({ add }, b, h, request, where) {
  if (b.format === h.format) return;
  const narrowed = h.format !== undefined;
  add(
    request === narrowed ? 'breaking' : 'non-breaking',
    `${request ? 'request' : 'response'}-format-${narrowed ? 'changed' : 'removed'}`,
    where,
    `${b.format} → ${h.format}`,
  );
}

function compareProperties(c, b, h, direction, where) {
  const request = direction === 'request';
  const bRequired = new Set(b.required ?? []);
  const hRequired = new Set(h.required ?? []);
  const bProps = b.properties ?? {};
  const hProps = h.properties ?? {};
  for (const [name, bProp] of Object.entries(bProps)) {
    const at = `${where} .${name}`;
    if (!(name in hProps)) {
      c.add('breaking', request ? 'request-property-removed' : 'response-property-removed', at);
      continue;
    }
    if (request && hRequired.has(name) && !bRequired.has(name)) c.add('breaking', 'request-property-now-required', at);
    if (!request && bRequired.has(name) && !hRequired.has(name)) c.add('breaking', 'response-property-no-longer-required', at);
    if (!request && hRequired.has(name) && !bRequired.has(name)) c.add('non-breaking', 'response-property-now-required', at);
    if (request && bRequired.has(name) && !hRequired.has(name)) c.add('non-breaking', 'request-property-now-optional', at);
    compareSchema(c, bProp, hProps[name], direction, at);
  }
  for (const name of Object.keys(hProps)) {
    if (name in bProps) continue;
    const required = request && hRequired.has(name);
    c.add(
      required ? 'breaking' : 'non-breaking',
      required ? 'new-required-request-property' : `${direction}-property-added`,
      `${where} .${name}`,
    );
  }
}

/** oneOf / anyOf alternatives, position by position; alternatives that became one schema, each against it. */
function compareVariants(c, b, h, hTypes, direction, where) {
  const variants = (schema) => schema.oneOf ?? schema.anyOf ?? [];
  if (variants(b).length > 0 && variants(h).length === 0 && hTypes) {
    variants(b).forEach((variant, i) => {
      const shared = [...(types(flatten(variant, c.resolveBase) ?? {}, c.resolveBase) ?? [])].filter((t) => hTypes.has(t));
      if (shared.length > 0) compareSchema(c, variant, { ...h, type: shared }, direction, `${where} (variant ${i + 1})`);
    });
  } else {
    for (const [i, variant] of variants(b).entries()) {
      if (variants(h)[i]) compareSchema(c, variant, variants(h)[i], direction, `${where} (variant ${i + 1})`);
    }
  }
}

function docsChanged({ add }, b, h, where) {
  for (const key of DOC_KEYS) {
    if (JSON.stringify(b?.[key]) !== JSON.stringify(h?.[key])) add('docs', `${key}-changed`, where);
  }
}

/** The concrete URLs of a document's servers: each variable takes each value of its enum, else its default. */
function serverUrls(document) {
  const urls = new Set();
  for (const { url, variables = {} } of document.servers ?? []) {
    let expanded = [url];
    for (const [name, variable] of Object.entries(variables)) {
      expanded = expanded.flatMap((u) => (variable.enum ?? [variable.default]).map((value) => u.replaceAll(`{${name}}`, value)));
    }
    for (const u of expanded) urls.add(u);
  }
  return urls;
}

/** The stricter of a schema's inclusive and exclusive bound on one side (sign 1: lower, -1: upper). */
function bound(schema, key, exclusiveKey, sign) {
  /** @type {{ value: number, exclusive: boolean }[]} */
  const candidates = [];
  if (schema[key] !== undefined) candidates.push({ value: schema[key], exclusive: false });
  if (schema[exclusiveKey] !== undefined) candidates.push({ value: schema[exclusiveKey], exclusive: true });
  return candidates.sort((x, y) => sign * (y.value - x.value) || Number(y.exclusive) - Number(x.exclusive))[0];
}

const describeBound = (limit) => (limit === undefined ? 'none' : `${limit.exclusive ? 'exclusive ' : ''}${limit.value}`);

/**
 * Whether a new pattern accepts everything the old one did, as far as two syntactic rules can tell: the
 * new one is the old one with an optional group `(…)?` added around or beside a part of it (dropping
 * the group's `?` or the whole group gives a sublanguage of the new pattern; if either gives the old
 * pattern, the old language is contained), or with an optional character `x?` added. Any other change
 * counts as a change.
 */
function widens(before, after) {
  const optional = /\((?:\?:)?((?:[^()\\]|\\.)*)\)\?/g;
  for (const match of after.matchAll(optional)) {
    const head = after.slice(0, match.index);
    const tail = after.slice(match.index + match[0].length);
    if (`${head}${tail}` === before || `${head}${match[1]}${tail}` === before) return true;
  }
  // An optional character added (`^[0-9]+$` → `^-?[0-9]+$`).
  for (const match of after.matchAll(/(?<![\\?*+}])(?:\\.|[^\\()[\]{}?*+|^$])\?(?![?+])/g)) {
    if (`${after.slice(0, match.index)}${after.slice(match.index + match[0].length)}` === before) return true;
  }
  return false;
}

/**
 * @akinai/specs' resolver, one hop at a time: keys beside a $ref (3.1: `{ $ref: Int10, description }`) are
 * laid over its target, once per node.
 */
function resolver(document) {
  const merged = new WeakMap();
  const follow = (node, seen) => {
    if (typeof node?.$ref !== 'string' || !node.$ref.startsWith('#/') || seen.has(node.$ref)) return node;
    seen.add(node.$ref);
    const { $ref, ...beside } = node;
    const target = follow(valueAt(document, pointerOf($ref)), seen);
    if (Object.keys(beside).length === 0 || !target) return target;
    if (!merged.has(node)) merged.set(node, { ...target, ...beside });
    return merged.get(node);
  };
  return (node) => follow(node, new Set());
}

const flattened = new WeakMap();
/** The schema with its $ref resolved and its allOf merged (properties and required lists combined). */
function flatten(schema, resolve) {
  const resolved = resolve(schema);
  if (!resolved || typeof resolved !== 'object' || !resolved.allOf) return resolved;
  if (flattened.has(resolved)) return flattened.get(resolved);
  const { allOf, ...own } = resolved;
  const merged = { ...own, properties: { ...own.properties }, required: [...(own.required ?? [])] };
  flattened.set(resolved, merged);
  for (const part of allOf.map((p) => flatten(p, resolve))) {
    const { properties, required, ...rest } = part ?? {};
    Object.assign(merged.properties, properties);
    merged.required.push(...(required ?? []));
    for (const [key, value] of Object.entries(rest)) if (!(key in merged)) merged[key] = value;
  }
  return merged;
}

/** The JSON types a schema allows, or undefined when it says nothing of them. */
function types(schema, resolve) {
  if (schema.type) return new Set([schema.type].flat());
  const variants = schema.oneOf ?? schema.anyOf;
  if (!variants) return undefined;
  const all = new Set();
  for (const variant of variants) {
    const t = types(flatten(variant, resolve) ?? {}, resolve);
    if (!t) return undefined;
    for (const x of t) all.add(x);
  }
  return all;
}

/** The operations of a document by method and path shape (`GET /members/{}`). */
function operationsByShape(document) {
  return new Map(
    operations(document).map(({ path, method, item, operation }) => [
      `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`,
      { method: method.toUpperCase(), path, item, operation },
    ]),
  );
}

function parameters({ item, operation }, resolve) {
  const out = new Map();
  let position = 0;
  for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve)) {
    out.set(parameter.in === 'path' ? `path parameter #${position++}` : `${parameter.in} ${parameter.name}`, parameter);
  }
  return out;
}

function requirements(security = []) {
  const out = new Map();
  for (const requirement of security) for (const [scheme, scopes] of Object.entries(requirement)) out.set(scheme, new Set(scopes));
  return out;
}
