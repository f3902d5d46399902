// The records a mock holds, per resource: seeded from the spec's examples (or a data file), changed by
// the API's writes, restored by reset(), replaced by load(). Every change is synchronous, so requests that
// arrive together are applied one after another: 50 parallel creates get 50 distinct ids. A write is
// applied whole or not at all (atomically()). The number of records is capped; past the cap a write
// fails and nothing already stored is touched. A resource's natural key (`unique`) names at most one
// record. Times are the mock clock's.
import type { Clock } from '../clock.js';
import type { Generated, Resource } from './model.js';

type Record_ = Record<string, unknown>;
/** A snapshot or a data file: resource → records; a child's records name their parent by its param. */
export type Data = Record<string, Record_[]>;

export class CapacityError extends Error {
  constructor(readonly limit: number) {
    super(`The mock holds at most ${limit} records (startMock's maxRecords, --max-records); reset it or raise the limit.`);
  }
}

/** Records that cannot be loaded (a data file, a saved state, PUT /__akinai/state): the first problem. */
export class DataError extends Error {}

/** A write that would give a second record the natural key of one already stored. */
export class UniqueError extends Error {
  constructor(
    readonly resource: Resource,
    readonly values: Record_,
  ) {
    super(
      `A ${resource.name} record with ${Object.entries(values)
        .map(([field, value]) => `${field} ${JSON.stringify(value)}`)
        .join(', ')} already exists.`,
    );
  }
}

export class Store {
  private records = new Map<string, Map<string, Record_>>();
  /** The parent key of each child record (not embedded ones: they live in their parent). */
  private parents = new WeakMap<Record_, string>();
  /** Per resource with a natural key: the record of each key's values. */
  private naturalKeys = new Map<string, Map<string, Record_>>();
  private sequences = new Map<string, number>();
  private count = 0;
  /** While a write runs: how to undo each change it made, in order. */
  private journal: (() => void)[] | undefined;
  private readonly listeners: (() => void)[] = [];
  /** How many times every record was replaced at once (reset, load): what caches of the records key on. */
  generation = 0;

  constructor(
    private readonly resources: Map<string, Resource>,
    private readonly options: { maxRecords: number; clock: Clock; data?: Data },
  ) {
    if (options.data) this.check(options.data);
    this.reset();
  }

  /** Back to the seed (the spec's examples, or the data file), as at start. */
  reset(): void {
    this.fill(this.options.data ?? this.seed());
  }

  /** Replaces every record with those of `data` (the shape snapshot() gives); refuses data that does not fit, changing nothing. */
  load(data: Data): void {
    this.check(data);
    this.fill(data);
  }

  /** Calls `listener` after every change of the records (a write, a reset, a load). */
  watch(listener: () => void): void {
    this.listeners.push(listener);
  }

  private fill(data: Data): void {
    this.generation += 1;
    this.records = new Map([...this.resources.keys()].map((name) => [name, new Map()]));
    this.parents = new WeakMap();
    this.naturalKeys = new Map();
    this.sequences = new Map();
    this.count = 0;
    for (const resource of this.ordered()) {
      for (const entry of data[resource.name] ?? []) {
        const { [resource.parent?.param ?? '']: parent, ...record } = entry;
        this.put(resource, structuredClone(resource.parent ? record : entry), parent === undefined ? undefined : String(parent));
      }
    }
    this.changed();
  }

  /** Throws a DataError naming the first reason `data` cannot be the records (nothing is changed then). */
  private check(data: unknown): asserts data is Data {
    const names = [...this.resources.keys()];
    if (!data || typeof data !== 'object' || Array.isArray(data))
      throw new DataError(`The records are an object mapping each resource (${names.join(', ')}) to a list of records.`);
    let count = 0;
    for (const [name, records] of Object.entries(data)) {
      const resource = this.resources.get(name);
      if (!resource) throw new DataError(`The data names ${name}; this API's resources are ${names.join(', ')}.`);
      if (!Array.isArray(records)) throw new DataError(`${name} is not a list of records.`);
      const keys = new Set<string>();
      for (const [i, record] of records.entries()) {
        const where = `${name}[${i}]`;
        if (!record || typeof record !== 'object' || Array.isArray(record)) throw new DataError(`${where} is not a record (an object).`);
        if (record[resource.key] === undefined || record[resource.key] === null) throw new DataError(`${where} has no ${resource.key}.`);
        if (resource.parent && record[resource.parent.param] === undefined)
          throw new DataError(`${where} names no ${resource.parent.param}.`);
        const key = `${resource.parent ? `${record[resource.parent.param]}/` : ''}${record[resource.key]}`;
        if (keys.has(key)) throw new DataError(`${where}: a second record with ${resource.key} ${record[resource.key]}.`);
        keys.add(key);
      }
      count += records.length;
    }
    if (count > this.options.maxRecords)
      throw new DataError(`${count} records, more than the mock holds (maxRecords ${this.options.maxRecords}).`);
    try {
      new Store(this.resources, { ...this.options, data: undefined }).fill(data as Data);
    } catch (error) {
      throw new DataError((error as Error).message);
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /**
   * Runs a write: when `change` throws, every record, count and sequence is as it was before, and the error
   * goes on. A bulk write or a batch is thus applied whole or not at all.
   */
  atomically<T>(change: () => T): T {
    if (this.journal) return change();
    const journal: (() => void)[] = [];
    const { count } = this;
    const sequences = new Map(this.sequences);
    this.journal = journal;
    try {
      const result = change();
      this.journal = undefined;
      if (journal.length > 0) this.changed();
      return result;
    } catch (error) {
      this.journal = undefined;
      for (const undo of journal.reverse()) undo();
      this.count = count;
      this.sequences = sequences;
      throw error;
    } finally {
      this.journal = undefined;
    }
  }

  /** Every record, as a data file holds them (children name their parent); a copy. */
  snapshot(): Data {
    const out: Data = {};
    for (const resource of this.resources.values()) {
      if (resource.parent?.embedIn) continue;
      out[resource.name] = [...this.table(resource).values()].map((record) => {
        const parent = this.parents.get(record);
        return structuredClone(resource.parent && parent !== undefined ? { [resource.parent.param]: parse(parent), ...record } : record);
      });
    }
    return out;
  }

  /** The records of a resource (of one parent, for a child), in the order they were stored. */
  list(resource: Resource, parent?: string): Record_[] {
    if (resource.parent?.embedIn) return this.embedded(resource, parent) ?? [];
    const all = [...this.table(resource).values()];
    return parent === undefined ? all : all.filter((record) => this.parents.get(record) === parent);
  }

  get(resource: Resource, key: string, parent?: string): Record_ | undefined {
    if (resource.parent?.embedIn) return this.embedded(resource, parent)?.find((record) => String(record[resource.key]) === key);
    const record = this.table(resource).get(key);
    return record && (parent === undefined || this.parents.get(record) === parent) ? record : undefined;
  }

  /** The record whose natural key has these values, if any. */
  byNaturalKey(resource: Resource, values: Record_): Record_ | undefined {
    return resource.unique && this.naturalKeys.get(resource.name)?.get(naturalKeyOf(resource.unique, values));
  }

  /** Adds records made from inputs (generated fields filled); all or none. */
  create(resource: Resource, inputs: Record_[], parent?: string): Record_[] {
    if (this.count + inputs.length > this.options.maxRecords) throw new CapacityError(this.options.maxRecords);
    return this.atomically(() =>
      inputs.map((input) => {
        const record: Record_ = { ...input };
        for (const [field, how] of Object.entries(resource.generated)) {
          if (how === 'sequence') record[field] = this.next(resource);
        }
        for (const [field, how] of Object.entries(resource.generated)) {
          if (how !== 'sequence' && (record[field] === undefined || isTime(how))) record[field] = generate(how, record, this.options.clock);
        }
        return this.put(resource, record, parent);
      }),
    );
  }

  /** Lays `changes` over a record; fields generated "on write" are renewed. */
  update(resource: Resource, record: Record_, changes: Record_): Record_ {
    const before = { ...record };
    const next = { ...record, ...changes };
    for (const [field, how] of Object.entries(resource.generated)) {
      if (typeof how === 'object' && 'time' in how && how.on === 'write') next[field] = generate(how, next, this.options.clock);
    }
    this.index(resource, next, record);
    replace(record, next);
    this.journal?.push(() => {
      this.unindex(resource, record);
      replace(record, before);
      this.index(resource, record);
    });
    return record;
  }

  remove(resource: Resource, record: Record_, parent?: string): void {
    if (resource.parent?.embedIn) {
      const list = this.embedded(resource, parent)!;
      const at = list.indexOf(record);
      list.splice(at, 1);
      this.journal?.push(() => list.splice(at, 0, record));
    } else {
      const key = String(record[resource.key]);
      const table = this.table(resource);
      table.delete(key);
      this.unindex(resource, record);
      this.journal?.push(() => {
        table.set(key, record);
        this.index(resource, record);
      });
    }
    this.count -= 1;
  }

  private put(resource: Resource, record: Record_, parent: string | undefined): Record_ {
    const key = record[resource.key];
    if (typeof key === 'number') this.sequences.set(resource.name, Math.max(this.sequences.get(resource.name) ?? 0, key));
    if (resource.parent?.embedIn) {
      const list = this.embedded(resource, parent);
      if (!list) throw new Error(`${resource.name}: no ${resource.parent.resource} ${parent}`);
      list.push(record);
      this.journal?.push(() => list.splice(list.indexOf(record), 1));
    } else {
      this.index(resource, record);
      const table = this.table(resource);
      table.set(String(key), record);
      if (parent !== undefined) this.parents.set(record, parent);
      this.journal?.push(() => {
        table.delete(String(key));
        this.unindex(resource, record);
      });
    }
    this.count += 1;
    return record;
  }

  /** Files `record` (as it will be) under its natural key; refuses one another record has. `was`: the record it replaces. */
  private index(resource: Resource, record: Record_, was?: Record_): void {
    if (!resource.unique) return;
    const index = this.naturalKeys.get(resource.name) ?? new Map<string, Record_>();
    this.naturalKeys.set(resource.name, index);
    const key = naturalKeyOf(resource.unique, record);
    const holder = index.get(key);
    if (holder && holder !== (was ?? record)) {
      throw new UniqueError(resource, Object.fromEntries(resource.unique.map((field) => [field, record[field]])));
    }
    if (was) this.unindex(resource, was);
    index.set(key, was ?? record);
  }

  private unindex(resource: Resource, record: Record_): void {
    if (!resource.unique) return;
    const index = this.naturalKeys.get(resource.name);
    const key = naturalKeyOf(resource.unique, record);
    if (index?.get(key) === record) index.delete(key);
  }

  /** The array an embedded child lives in, inside its parent record (seeded ones counted once). */
  private embedded(resource: Resource, parent: string | undefined): Record_[] | undefined {
    const { resource: parentName, embedIn } = resource.parent!;
    const owner = parent === undefined ? undefined : this.table(this.resources.get(parentName)!).get(parent);
    if (!owner) return undefined;
    if (!Array.isArray(owner[embedIn!])) owner[embedIn!] = [];
    return owner[embedIn!] as Record_[];
  }

  private next(resource: Resource): number {
    let last = this.sequences.get(resource.name);
    if (last === undefined && resource.parent?.embedIn) {
      // Embedded records came in with their parents: their ids are the largest so far.
      const parents = this.table(this.resources.get(resource.parent.resource)!);
      last = Math.max(
        0,
        ...[...parents.values()].flatMap((owner) =>
          ((owner[resource.parent!.embedIn!] as Record_[]) ?? []).map((r) => Number(r[resource.key]) || 0),
        ),
      );
    }
    const next = (last ?? 0) + 1;
    this.sequences.set(resource.name, next);
    return next;
  }

  private table(resource: Resource): Map<string, Record_> {
    return this.records.get(resource.name)!;
  }

  /** Parents before their children. */
  private ordered(): Resource[] {
    return [...this.resources.values()].sort((a, b) => Number(Boolean(a.parent)) - Number(Boolean(b.parent)));
  }

  /** The spec's examples, as a data file holds them. */
  private seed(): Data {
    const data: Data = {};
    for (const resource of this.resources.values()) {
      const seen = new Set<string>();
      data[resource.name] = resource.seed.flatMap(({ parent, records }) =>
        records
          .filter((record) => !seen.has(String(record[resource.key])) && seen.add(String(record[resource.key])))
          .map((record) => (resource.parent && parent !== undefined ? { [resource.parent.param]: parent, ...record } : record)),
      );
    }
    return data;
  }
}

const isTime = (how: Generated): boolean => typeof how === 'object' && 'time' in how;

const naturalKeyOf = (fields: string[], record: Record_): string => JSON.stringify(fields.map((field) => record[field] ?? null));

/** Makes `record` hold exactly the fields of `fields` (the same object: answers and parents keep pointing at it). */
function replace(record: Record_, fields: Record_): void {
  for (const field of Object.keys(record)) if (!(field in fields)) delete record[field];
  Object.assign(record, fields);
}

function generate(how: Generated, record: Record_, clock: Clock): unknown {
  if (typeof how === 'string') return undefined;
  if ('value' in how) return structuredClone(how.value);
  if ('template' in how) {
    return how.template.replace(/\{(\w+)(?::(\d+))?\}/g, (_, field: string, width?: string) =>
      String(record[field] ?? '').padStart(Number(width ?? 0), '0'),
    );
  }
  const now = clock.now();
  if (how.time === 'unix') return Math.floor(now / 1000);
  // yyyy/MM/dd HH:mm:ss, Japan time
  const jst = new Date(now + 9 * 3600_000).toISOString();
  return `${jst.slice(0, 10).replaceAll('-', '/')} ${jst.slice(11, 19)}`;
}

/** A parent key as a data file writes it: a number when it is one. */
const parse = (key: string): unknown => (/^\d+$/.test(key) ? Number(key) : key);
