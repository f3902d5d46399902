// A direction-aware comparison of two bundled OpenAPI 3.1 documents, after GitHub's breaking-change rules
// (rest-api-description's openapi_breaking_changes.py): what breaks a request differs from what breaks a
// response. $refs are resolved, allOf merged, and recursive schemas compared once per pair.
//
// Each finding: { level: 'breaking' | 'non-breaking' | 'docs', rule, where, detail }.

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
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

export function compare(base, head) {
  const findings = [];
  const add = (level, rule, where, detail = '') => findings.push({ level, rule, where, detail });
  const resolveBase = resolver(base);
  const resolveHead = resolver(head);
  const comparedSchemas = new Map(); // base schema → Set of head schemas already compared (recursion guard)

  // Servers, as the URLs a client can reach: every value of each variable (its enum, else its default).
  const baseUrls = serverUrls(base);
  const headUrls = serverUrls(head);
  for (const url of baseUrls) if (!headUrls.has(url)) add('breaking', 'server-removed', 'servers', url);
  for (const url of headUrls) if (!baseUrls.has(url)) add('non-breaking', 'server-added', 'servers', url);
  docsChanged(base.info, head.info, 'info');

  // Operations, matched by method and path shape (parameter names aside).
  const baseOps = operations(base);
  const headOps = operations(head);
  for (const [key, b] of baseOps) {
    const h = headOps.get(key);
    if (!h) {
      add('breaking', 'operation-removed', `${b.method} ${b.path}`, b.operation.operationId);
      continue;
    }
    compareOperation(b, h);
  }
  for (const [key, h] of headOps)
    if (!baseOps.has(key)) add('non-breaking', 'operation-added', `${h.method} ${h.path}`, h.operation.operationId);

  // Components.
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
  return findings;

  function compareOperation(b, h) {
    const where = `${b.method} ${b.path} (${b.operation.operationId})`;
    if (b.operation.operationId !== h.operation.operationId) {
      add('breaking', 'operationId-renamed', where, `${b.operation.operationId} → ${h.operation.operationId}`);
    }
    if (b.path !== h.path) add('breaking', 'path-parameter-renamed', where, `${b.path} → ${h.path}`);
    docsChanged(b.operation, h.operation, where);

    // Parameters (a request): keyed by location and name; path parameters by position.
    const bParams = parameters(b, resolveBase);
    const hParams = parameters(h, resolveHead);
    for (const [key, bp] of bParams) {
      const hp = hParams.get(key);
      if (!hp) {
        if (bp.in !== 'path') add('breaking', 'parameter-removed', where, key);
        continue;
      }
      if (hp.required && !bp.required) add('breaking', 'parameter-now-required', where, key);
      compareSchema(bp.schema, hp.schema, 'request', `${where} ${key}`);
      docsChanged(bp, hp, `${where} ${key}`);
    }
    for (const [key, hp] of hParams) {
      if (bParams.has(key)) continue;
      add(hp.required ? 'breaking' : 'non-breaking', hp.required ? 'new-required-parameter' : 'parameter-added', where, key);
    }

    // Request body.
    const bBody = resolveBase(b.operation.requestBody);
    const hBody = resolveHead(h.operation.requestBody);
    if (hBody?.required && !bBody?.required) add('breaking', 'request-body-now-required', where);
    if (bBody && !hBody) add('breaking', 'request-body-removed', where);
    for (const [media, content] of Object.entries(bBody?.content ?? {})) {
      const hContent = hBody?.content?.[media];
      if (!hContent) {
        if (hBody) add('breaking', 'request-media-type-removed', where, media);
        continue;
      }
      compareSchema(content.schema, hContent.schema, 'request', `${where} request body`);
      docsChanged(content, hContent, `${where} request body`);
    }

    // Responses.
    for (const [status, bResponse] of Object.entries(b.operation.responses ?? {})) {
      const hResponse = resolveHead(h.operation.responses?.[status]);
      const success = status.startsWith('2');
      if (!hResponse) {
        add(success ? 'breaking' : 'non-breaking', success ? 'success-response-removed' : 'error-response-removed', where, status);
        continue;
      }
      const bResolved = resolveBase(bResponse);
      docsChanged(bResolved, hResponse, `${where} ${status}`);
      for (const [name] of Object.entries(bResolved.headers ?? {})) {
        if (!hResponse.headers?.[name]) add('breaking', 'response-header-removed', `${where} ${status}`, name);
      }
      for (const [media, content] of Object.entries(bResolved.content ?? {})) {
        const hContent = hResponse.content?.[media];
        if (!hContent) {
          add('breaking', 'response-media-type-removed', `${where} ${status}`, media);
          continue;
        }
        compareSchema(content.schema, hContent.schema, 'response', `${where} ${status}`);
        docsChanged(content, hContent, `${where} ${status}`);
      }
    }
    for (const status of Object.keys(h.operation.responses ?? {})) {
      if (!b.operation.responses?.[status]) add('non-breaking', 'response-added', where, status);
    }

    // Security: a head requirement the base did not have, or more scopes, locks callers out.
    const bSecurity = requirements(b.operation.security ?? base.security);
    const hSecurity = requirements(h.operation.security ?? head.security);
    for (const [scheme, scopes] of hSecurity) {
      const had = bSecurity.get(scheme);
      if (!had) add('breaking', 'security-narrowed', where, `new scheme ${scheme}`);
      else for (const scope of scopes) if (!had.has(scope)) add('breaking', 'security-narrowed', where, `${scheme} now needs ${scope}`);
    }
  }

  function compareSchema(bSchema, hSchema, direction, where) {
    const b = flatten(bSchema, resolveBase);
    const h = flatten(hSchema, resolveHead);
    if (!b || !h) return;
    const done = comparedSchemas.get(b) ?? new Set();
    if (done.has(h)) return;
    done.add(h);
    comparedSchemas.set(b, done);
    const request = direction === 'request';
    docsChanged(b, h, where);

    // Types: a request may accept more, a response may send less.
    const bTypes = types(b, resolveBase);
    const hTypes = types(h, resolveHead);
    if (bTypes && hTypes) {
      const lost = [...bTypes].filter((t) => !hTypes.has(t) && !(t === 'integer' && hTypes.has('number')));
      const gained = [...hTypes].filter((t) => !bTypes.has(t) && !(t === 'integer' && bTypes.has('number')));
      if (request ? lost.length : gained.length) {
        add('breaking', request ? 'request-type-narrowed' : 'response-type-changed', where, `${[...bTypes]} → ${[...hTypes]}`);
      } else if (lost.length || gained.length) {
        add('non-breaking', request ? 'request-type-widened' : 'response-type-narrowed', where, `${[...bTypes]} → ${[...hTypes]}`);
      }
    }

    // Enums.
    if (b.enum || h.enum) {
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
        add(
          request ? 'non-breaking' : 'breaking',
          request ? 'request-enum-value-added' : 'response-enum-value-added',
          where,
          added.join(', '),
        );
    }

    // Constraints bind requests only: the server validates them, clients do not.
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
    if (b.pattern !== h.pattern) {
      const change = h.pattern === undefined ? 'removed' : b.pattern !== undefined && widens(b.pattern, h.pattern) ? 'loosened' : 'changed';
      add(
        request && change === 'changed' ? 'breaking' : 'non-breaking',
        `${request ? 'request' : 'response'}-pattern-${change}`,
        where,
        `${b.pattern} → ${h.pattern}`,
      );
    }
    // A condition added to a request refuses what was accepted; removed from a response, the answer may be
    // what it could not be. Any other change of one is taken as breaking: what it accepts is not compared.
    const bCondition = JSON.stringify(CONDITIONALS.map((key) => b[key]));
    const hCondition = JSON.stringify(CONDITIONALS.map((key) => h[key]));
    if (bCondition !== hCondition) {
      const had = CONDITIONALS.some((key) => b[key] !== undefined);
      const has = CONDITIONALS.some((key) => h[key] !== undefined);
      const change = had && has ? 'changed' : has ? 'added' : 'removed';
      const breaks = change === 'changed' || (request ? change === 'added' : change === 'removed');
      add(breaks ? 'breaking' : 'non-breaking', `${request ? 'request' : 'response'}-condition-${change}`, where);
    }
    // A format is an assertion too: on a request it narrows what is accepted, on a response what is sent.
    if (b.format !== h.format) {
      const narrowed = h.format !== undefined;
      add(
        request === narrowed ? 'breaking' : 'non-breaking',
        `${request ? 'request' : 'response'}-format-${narrowed ? 'changed' : 'removed'}`,
        where,
        `${b.format} → ${h.format}`,
      );
    }

    // Properties.
    const bRequired = new Set(b.required ?? []);
    const hRequired = new Set(h.required ?? []);
    const bProps = b.properties ?? {};
    const hProps = h.properties ?? {};
    for (const [name, bProp] of Object.entries(bProps)) {
      const at = `${where} .${name}`;
      if (!(name in hProps)) {
        add('breaking', request ? 'request-property-removed' : 'response-property-removed', at);
        continue;
      }
      if (request && hRequired.has(name) && !bRequired.has(name)) add('breaking', 'request-property-now-required', at);
      if (!request && bRequired.has(name) && !hRequired.has(name)) add('breaking', 'response-property-no-longer-required', at);
      if (!request && hRequired.has(name) && !bRequired.has(name)) add('non-breaking', 'response-property-now-required', at);
      if (request && bRequired.has(name) && !hRequired.has(name)) add('non-breaking', 'request-property-now-optional', at);
      compareSchema(bProp, hProps[name], direction, at);
    }
    for (const name of Object.keys(hProps)) {
      if (name in bProps) continue;
      const required = request && hRequired.has(name);
      add(
        required ? 'breaking' : 'non-breaking',
        required ? 'new-required-request-property' : `${direction}-property-added`,
        `${where} .${name}`,
      );
    }

    if (b.items || h.items) compareSchema(b.items, h.items, direction, `${where}[]`);
    if (typeof b.additionalProperties === 'object' && typeof h.additionalProperties === 'object') {
      compareSchema(b.additionalProperties, h.additionalProperties, direction, `${where}{}`);
    }
    const variants = (schema) => schema.oneOf ?? schema.anyOf ?? [];
    if (variants(b).length > 0 && variants(h).length === 0 && hTypes) {
      // The alternatives became one schema: each is compared with it, as far as their types meet.
      variants(b).forEach((variant, i) => {
        const shared = [...(types(flatten(variant, resolveBase) ?? {}, resolveBase) ?? [])].filter((t) => hTypes.has(t));
        if (shared.length > 0) compareSchema(variant, { ...h, type: shared }, direction, `${where} (variant ${i + 1})`);
      });
    } else {
      for (const [i, variant] of variants(b).entries()) {
        if (variants(h)[i]) compareSchema(variant, variants(h)[i], direction, `${where} (variant ${i + 1})`);
      }
    }
  }

  function docsChanged(b, h, where) {
    for (const key of DOC_KEYS) {
      if (JSON.stringify(b?.[key]) !== JSON.stringify(h?.[key])) add('docs', `${key}-changed`, where);
    }
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

/** Follows $refs; keys beside a $ref (3.1: `{ $ref: Int10, description }`) are laid over its target, once per node. */
function resolver(document) {
  const merged = new WeakMap();
  return function resolve(node) {
    const seen = new Set();
    let current = node;
    while (current && typeof current.$ref === 'string' && !seen.has(current.$ref)) {
      seen.add(current.$ref);
      const { $ref, ...beside } = current;
      const target = $ref
        .slice(2)
        .split('/')
        .reduce((at, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
      if (Object.keys(beside).length === 0 || !target) current = target;
      else {
        if (!merged.has(current)) merged.set(current, { ...target, ...beside });
        current = merged.get(current);
      }
    }
    return current;
  };
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

function operations(document) {
  const out = new Map();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS.filter((m) => item[m])) {
      out.set(`${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`, {
        method: method.toUpperCase(),
        path,
        item,
        operation: item[method],
      });
    }
  }
  return out;
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
