// The generic state layer: what an operation does to the mock's records, read from its x-akinai-state
// (list, read, create, update, delete, their bulk forms, a batch of upserts and deletes). What no
// declaration can say (ReCORE's point arithmetic, every D.T.P command) is the vendor module's.
import { propertiesOf, resolve } from '@akinai/specs';
import type { Clock } from '../clock.js';
import type { Call, Reply, State, Vendor } from '../vendors/types.js';
import { byKey, filtered, paged } from './lists.js';
import type { Model, Resource, Route, StateDecl } from './model.js';
import { CapacityError, type Store, UniqueError } from './store.js';
import type { Document } from '@akinai/specs/types';

type Record_ = Record<string, unknown>;

/**
 * The state of a mock. Refuses to start when the state layer could answer any route with a status that
 * route does not document (or documents without a JSON example to answer with): the mock never answers
 * what its spec does not say.
 */
export function createState(document: Document, model: Model, store: Store, vendor: Vendor, clock: Clock): State {
  const state: State = {
    document,
    model,
    store,
    vendor,
    clock,
    documented(route, status) {
      const response = resolve(document, route.operation.responses?.[String(status)]);
      if (!response) throw new UndocumentedReply(route, status);
      const content = response.content?.['application/json'];
      const example = content && resolve(document, Object.values<any>(content.examples ?? {})[0]);
      return { status, body: example?.value ?? content?.example };
    },
  };
  const problems = model.routes.flatMap((route) => undocumentedReplies(state, route));
  if (problems.length > 0) throw new Error(`The mock could answer what the spec does not document:\n- ${problems.join('\n- ')}`);
  return state;
}

/** A reply the state layer was about to give that its route does not document: a bug of the mock or the spec. */
export class UndocumentedReply extends Error {
  constructor(route: Route, status: number) {
    super(
      `${route.operationId} (${route.method} ${route.path}) documents no ${status} answer; document it in the spec (x-akinai-inferred) or answer otherwise.`,
    );
  }
}

/**
 * Every status the mock's state may answer a route with: the documented 400 a refused request gets when the
 * vendor has no refusal of its own, and the 429 of a rate-limited route (the server asks documented() for
 * both); and, by what the route declares, its success, a 404 when a record (or its parent) may be missing,
 * the vendor's refusal of a request or a bad cursor, its answer when the mock is full, an effect's statuses.
 */
export function repliesOf(state: State, route: Route): { status: number; from: string }[] {
  const out: { status: number; from: string }[] = [];
  if (!state.vendor.invalid) out.push({ status: 400, from: 'a request the spec refuses' });
  if (route.requestsPerSecond !== undefined) out.push({ status: 429, from: 'over its rate limit' });
  const decl = route.state;
  if (!decl) return out;
  out.push({ status: route.success, from: 'success' });
  if (state.vendor.invalid) {
    const refusal = state.vendor.invalid(route, [
      { location: ['request', 'body'], severity: 'Error', code: 'required', message: 'is required' },
    ]);
    out.push({ status: refusal.status, from: 'a request the spec refuses (the vendor’s refusal)' });
  }
  const resource = state.model.resources.get(decl.resource);
  if (resource?.parent) out.push({ status: 404, from: `no such ${resource.parent.resource} (the parent)` });
  if (['read', 'update', 'delete', 'update-many'].includes(decl.action)) out.push({ status: 404, from: `no such ${decl.resource}` });
  if (decl.action === 'list' && decl.page?.cursor) {
    const refusal = state.vendor.invalid?.(route, [
      { location: ['request', 'query'], severity: 'Error', code: 'cursor', message: 'is invalid' },
    ]);
    out.push({ status: refusal?.status ?? 400, from: 'a bad cursor' });
  }
  if (['create', 'create-many', 'batch'].includes(decl.action)) {
    out.push({ status: state.vendor.full?.(route, new CapacityError(0)).status ?? 400, from: 'the mock is full' });
  }
  if (decl.action === 'effect') {
    const effect = state.vendor.effects?.[decl.effect!];
    if (!effect) throw new Error(`x-akinai-state of ${route.operationId}: the vendor module has no effect ${decl.effect}`);
    out.push(...effect.statuses.map((status) => ({ status, from: `effect ${decl.effect}` })));
  }
  return out;
}

/** The replies of a route that its spec does not document, or documents with nothing to answer (an error without a JSON example). */
export function undocumentedReplies(state: State, route: Route): string[] {
  const problems: string[] = [];
  for (const { status, from } of repliesOf(state, route)) {
    const response = resolve(state.document, route.operation.responses?.[String(status)]);
    const name = `${route.operationId} ${status} (${from})`;
    if (!response) problems.push(`${name}: not documented`);
    else if (status >= 400 && !response.content?.['application/json']) problems.push(`${name}: documented without a JSON body`);
  }
  return problems;
}

/** Whether the state answers an operation: it declares x-akinai-state, or its vendor module keeps it. */
export const keepsState = (state: State, route: Route): boolean => Boolean(route.state || state.vendor.commands?.[route.operationId]);

/**
 * A write refused part-way: thrown inside a write so that what it changed is undone (the store applies a
 * write whole or not at all), and answered with `reply`.
 */
export class Refusal extends Error {
  constructor(readonly reply: Reply) {
    super(`refused with ${reply.status}`);
  }
}

/** The answer the state gives a request, or undefined when the operation keeps no state. */
export function fromState(state: State, route: Route, call: Call): Reply | undefined {
  if (!keepsState(state, route)) return undefined;
  state.vendor.elapse?.(state);
  try {
    return state.store.atomically(() => answer(state, route, call));
  } catch (error) {
    if (error instanceof Refusal) return error.reply;
    if (error instanceof CapacityError)
      return state.vendor.full?.(route, error) ?? withMessage(state.documented(route, 400), error.message);
    if (error instanceof UniqueError)
      return refusal(state, route, error.resource.unique!.at(-1)!, 'unique', 'has already been taken', error.message);
    throw error;
  }
}

function answer(state: State, route: Route, call: Call): Reply {
  const { vendor } = state;
  const command = vendor.commands?.[route.operationId];
  if (command) return command(state, route, call);
  const decl = route.state!;
  const resource = state.model.resources.get(decl.resource);
  if (!resource) throw new Error(`x-akinai-state of ${route.operationId}: no resource ${decl.resource}`);
  const notFound = () => state.documented(route, 404);
  if (decl.action === 'effect') return vendor.effects![decl.effect!]!.answer(state, route, call);
  const parent = resource.parent ? call.params[resource.parent.param] : undefined;
  if (parent !== undefined && !state.store.get(state.model.resources.get(resource.parent!.resource)!, parent)) return notFound();
  const { store } = state;
  const body = call.body as any;
  const input = (item: unknown) => inputOf(state, route, resource, item);
  switch (decl.action) {
    case 'list': {
      const given = { ...call.query, ...(isObject(body) ? body : {}) };
      const records = byKey(filtered(store.list(resource, parent), decl.filters ?? {}, given), resource.key);
      const page = paged(records, resource.key, decl.page, given);
      if ('badCursor' in page)
        return (
          vendor.invalid?.(route, [
            { location: ['request', 'query', decl.page!.cursor!.param], severity: 'Error', code: 'cursor', message: 'is invalid' },
          ]) ?? state.documented(route, 400)
        );
      return { status: route.success, headers: page.headers, body: page.body };
    }
    case 'read': {
      const record = store.get(resource, call.params[decl.param!]!, parent);
      return record ? { status: route.success, body: record } : notFound();
    }
    case 'create':
      return { status: route.success, body: store.create(resource, [newRecord(state, route, resource, body)], parent)[0] };
    case 'create-many':
      rows(state, route, call, body);
      return {
        status: route.success,
        body: store.create(
          resource,
          (body as Record_[]).map((item) => newRecord(state, route, resource, item)),
          parent,
        ),
      };
    case 'update': {
      const record = store.get(resource, call.params[decl.param!]!, parent);
      return record ? { status: route.success, body: changed(state, resource, record, input(body)) } : notFound();
    }
    case 'update-many': {
      const records = (body as Record_[]).map((item) => store.get(resource, String(item[resource.key]), parent));
      if (records.some((record) => !record)) return notFound(); // all or nothing
      rows(state, route, call, body);
      return { status: route.success, body: records.map((record, i) => changed(state, resource, record!, input(body[i]))) };
    }
    case 'delete': {
      const record = store.get(resource, call.params[decl.param!]!, parent);
      if (!record) return notFound();
      store.remove(resource, record, parent);
      return { status: route.success };
    }
    case 'batch':
      rows(state, route, call, body[decl.rows!]);
      return { status: route.success, body: { [decl.count!]: batch(state, route, resource, decl, body[decl.rows!]) } };
  }
}

/**
 * A bulk write's or batch's rows, refused at the row a fault names (`failAtRow`) in the vendor's shape of
 * an invalid row. The write is atomic, so the rows before it are not applied either.
 */
function rows(state: State, route: Route, call: Call, items: unknown[]): void {
  const at = call.failAtRow;
  if (at === undefined || at > items.length) return;
  throw new Refusal(refusal(state, route, String(at - 1), 'fault', 'is invalid', `Row ${at} was refused (a fault asked for it).`));
}

/**
 * Rows that add, change or delete records, one after another, matched on the resource's natural key (a
 * row naming only the key deletes that record); the number of rows that changed something. A row that
 * changes nothing (its record already so, or nothing to delete) is not counted.
 */
function batch(state: State, route: Route, resource: Resource, decl: StateDecl, rows: Record_[]): number {
  const { store } = state;
  const natural = resource.unique ?? [];
  let changes = 0;
  for (const row of rows) {
    const byKey = natural.some((field) => row[field] === undefined);
    const found = byKey ? store.get(resource, String(row[resource.key])) : store.byNaturalKey(resource, row);
    if (byKey || Number(row[decl.deleteFlag ?? '']) === 1) {
      if (!found) continue;
      store.remove(resource, found);
    } else if (found) {
      const changes = inputOf(state, route, resource, row);
      if (!differs(found, changes)) continue;
      store.update(resource, found, changes);
    } else store.create(resource, [newRecord(state, route, resource, row)]);
    changes += 1;
  }
  return changes;
}
/**
 * What a write's input sets on a record: the fields its request schema names that the record has (never
 * the key or what the store generates; anything else the input carries is ignored), and each reference
 * the input names (`rank` from `member_rank_id`: that record, or null). A reference to no record is
 * refused as the vendor refuses an invalid field.
 */
function inputOf(state: State, route: Route, resource: Resource, input: unknown): Record_ {
  const given = isObject(input) ? input : {};
  const out: Record_ = {};
  for (const field of settable(state, route, resource)) if (given[field] !== undefined) out[field] = given[field];
  for (const [field, { from, resource: named }] of Object.entries(resource.references ?? {})) {
    if (given[from] === undefined) continue;
    if (given[from] === null) {
      out[field] = null;
      continue;
    }
    const record = state.store.get(state.model.resources.get(named)!, String(given[from]));
    if (!record)
      throw new Refusal(refusal(state, route, from, 'reference', 'must exist', `No ${named} record has the key ${given[from]}.`));
    out[field] = structuredClone(record);
  }
  return out;
}

/** A new record from a create's input: what inputOf() reads, the rest as the request's `default`s say, else blank as the record's schema allows. */
function newRecord(state: State, route: Route, resource: Resource, input: unknown): Record_ {
  return {
    ...structuredClone(blankRecord(state, resource)),
    ...structuredClone(defaultsOf(state, route, resource)),
    ...inputOf(state, route, resource, input),
  };
}

/** The record with `changes` laid over it; a write that changes nothing leaves it as it is (its update time too). */
function changed(state: State, resource: Resource, record: Record_, changes: Record_): Record_ {
  return differs(record, changes) ? state.store.update(resource, record, changes) : record;
}

const differs = (record: Record_, changes: Record_): boolean =>
  Object.entries(changes).some(([field, value]) => JSON.stringify(record[field]) !== JSON.stringify(value));

/** A refusal of one field in the vendor's shape (its own refusal of an invalid request), or the route's documented 400. */
function refusal(state: State, route: Route, field: string, code: string, words: string, message: string): Reply {
  return (
    state.vendor.invalid?.(route, [{ location: ['request', 'body', field], severity: 'Error', code, message: words }]) ??
    withMessage(state.documented(route, 400), message)
  );
}

/** The schema of one input item of a write: its body's, an array's items', a batch's rows'. */
function inputSchema(document: Document, route: Route): any {
  let schema = resolve(document, resolve(document, route.operation.requestBody)?.content?.['application/json']?.schema);
  if (route.state?.rows) schema = resolve(document, propertiesOf(document, schema)[route.state.rows]);
  if (schema?.type === 'array') schema = resolve(document, schema.items);
  return schema;
}

const settables = new WeakMap<Route, string[]>();

/** The record fields a write's input schema names, but for the key and what the store generates. */
function settable(state: State, route: Route, resource: Resource): string[] {
  const cached = settables.get(route);
  if (cached) return cached;
  const named = propertyNames(state.document, inputSchema(state.document, route));
  const fields = Object.keys(recordSchema(state, resource).properties).filter(
    (field) => named.has(field) && field !== resource.key && !(field in resource.generated),
  );
  settables.set(route, fields);
  return fields;
}

const defaults = new WeakMap<Route, Record_>();

/** The `default`s a write's input schema gives the record's fields. */
function defaultsOf(state: State, route: Route, resource: Resource): Record_ {
  const cached = defaults.get(route);
  if (cached) return cached;
  const { document } = state;
  const out: Record_ = {};
  for (const [field, node] of Object.entries<any>(propertiesOf(document, inputSchema(document, route)))) {
    const value = node?.default !== undefined ? node.default : resolve(document, node)?.default;
    if (value !== undefined && settable(state, route, resource).includes(field)) out[field] = value;
  }
  defaults.set(route, out);
  return out;
}

const recordSchemas = new WeakMap<Resource, { properties: Record<string, unknown>; required: string[] }>();

/** The properties of a resource's records: those of the success answer of its read or create operation. */
function recordSchema(state: State, resource: Resource): { properties: Record<string, unknown>; required: string[] } {
  const cached = recordSchemas.get(resource);
  if (cached) return cached;
  const { document } = state;
  const route = state.model.routes.find((r) => r.state?.resource === resource.name && ['read', 'create'].includes(r.state.action));
  const content = resolve(document, route?.operation.responses?.[String(route.success)])?.content?.['application/json'];
  let schema = resolve(document, content?.schema);
  if (schema?.type === 'array') schema = resolve(document, schema.items);
  const out = { properties: propertiesOf(document, schema), required: schema?.required ?? [] };
  recordSchemas.set(resource, out);
  return out;
}

const blanks = new WeakMap<Resource, Record_>();

/**
 * Every field a record has but for what the store generates (ids, codes, times): what its schema requires
 * as blank as the schema allows, the others when their blank is certain (a default, a const, null).
 */
function blankRecord(state: State, resource: Resource): Record_ {
  const cached = blanks.get(resource);
  if (cached) return cached;
  const { properties, required } = recordSchema(state, resource);
  const blank: Record_ = {};
  for (const [field, node] of Object.entries<any>(properties)) {
    if (field in resource.generated) continue;
    const value = blankOf(state.document, node);
    if (required.includes(field) || value.certain) blank[field] = value.value;
  }
  blanks.set(resource, blank);
  return blank;
}

/** Every property name a schema may have: its own, and those of its allOf, anyOf and oneOf parts. */
function propertyNames(document: Document, node: unknown): Set<string> {
  const schema = resolve(document, node);
  if (!schema || typeof schema !== 'object') return new Set();
  return new Set([
    ...Object.keys(schema.properties ?? {}),
    ...[...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((part: unknown) => [
      ...propertyNames(document, part),
    ]),
  ]);
}

/**
 * The least surprising value a schema allows when nothing is given: its `default`, its `const`, null if it
 * may be null, its first enum value, else false, [], {}, 0 or ''. `certain` when the schema itself says so
 * (default, const, null), not a guess from its type.
 */
export function blankOf(document: Document, node: any): { value: unknown; certain: boolean } {
  const schema = resolve(document, node) ?? {};
  if (node?.default !== undefined) return { value: node.default, certain: true };
  if (schema.default !== undefined) return { value: schema.default, certain: true };
  if (schema.const !== undefined) return { value: schema.const, certain: true };
  const types = [schema.type].flat();
  const variants = (schema.oneOf ?? schema.anyOf ?? []).map((s: any) => resolve(document, s));
  if (types.includes('null') || variants.some((s: any) => s?.type === 'null') || schema.enum?.includes(null))
    return { value: null, certain: true };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return { value: schema.enum[0], certain: false };
  if (types.includes('boolean')) return { value: false, certain: false };
  if (types.includes('array')) return { value: [], certain: false };
  if (types.includes('object')) return { value: {}, certain: false };
  if (types.includes('integer') || types.includes('number')) return { value: 0, certain: false };
  return { value: '', certain: false };
}

/** A documented error answer, its `message` saying what happened. */
function withMessage(reply: Reply, message: string): Reply {
  return isObject(reply.body) && 'message' in reply.body ? { ...reply, body: { ...reply.body, message } } : reply;
}

const isObject = (value: unknown): value is Record_ => typeof value === 'object' && value !== null && !Array.isArray(value);
