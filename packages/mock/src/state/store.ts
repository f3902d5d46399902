// The records a mock holds, per resource: seeded from the spec's examples (or a data file), changed by
// the API's writes, restored by reset(). Every change is synchronous, so requests that arrive together
// are applied one after another: 50 parallel creates get 50 distinct ids. The number of records is
// capped; past the cap a write fails and nothing already stored is touched.
import type { Generated, Resource } from './model.js';

type Record_ = Record<string, unknown>;
/** A snapshot or a data file: resource → records; a child's records name their parent by its param. */
export type Data = Record<string, Record_[]>;

export class CapacityError extends Error {
  constructor(readonly limit: number) {
    super(`The mock holds at most ${limit} records (startMock's maxRecords, --max-records); reset it or raise the limit.`);
  }
}

export class Store {
  private records = new Map<string, Map<string, Record_>>();
  /** The parent key of each child record (not embedded ones: they live in their parent). */
  private parents = new WeakMap<Record_, string>();
  private sequences = new Map<string, number>();
  private count = 0;

  constructor(
    private readonly resources: Map<string, Resource>,
    private readonly options: { maxRecords: number; data?: Data },
  ) {
    const unknown = Object.keys(options.data ?? {}).filter((name) => !resources.has(name));
    if (unknown.length > 0)
      throw new Error(`The data names ${unknown.join(', ')}; this API's resources are ${[...resources.keys()].join(', ')}.`);
    this.reset();
  }

  /** Back to the seed (the spec's examples, or the data file), as at start. */
  reset(): void {
    this.records = new Map([...this.resources.keys()].map((name) => [name, new Map()]));
    this.parents = new WeakMap();
    this.sequences = new Map();
    this.count = 0;
    const data = this.options.data ?? this.seed();
    for (const resource of this.ordered()) {
      for (const entry of data[resource.name] ?? []) {
        const { [resource.parent?.param ?? '']: parent, ...record } = entry;
        this.put(resource, structuredClone(resource.parent ? record : entry), parent === undefined ? undefined : String(parent));
      }
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

  /** The records of a resource (of one parent, for a child), in key order. */
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

  /** Adds records made from inputs (generated fields filled); all or none. */
  create(resource: Resource, inputs: Record_[], parent?: string): Record_[] {
    if (this.count + inputs.length > this.options.maxRecords) throw new CapacityError(this.options.maxRecords);
    return inputs.map((input) => {
      const record: Record_ = { ...input };
      for (const [field, how] of Object.entries(resource.generated)) {
        if (how === 'sequence') record[field] = this.next(resource);
      }
      for (const [field, how] of Object.entries(resource.generated)) {
        if (how !== 'sequence' && (record[field] === undefined || isTime(how))) record[field] = generate(how, record);
      }
      return this.put(resource, record, parent);
    });
  }

  /** Lays `changes` over a record; fields generated "on write" are renewed. */
  update(resource: Resource, record: Record_, changes: Record_): Record_ {
    Object.assign(record, changes);
    for (const [field, how] of Object.entries(resource.generated)) {
      if (typeof how === 'object' && 'time' in how && how.on === 'write') record[field] = generate(how, record);
    }
    return record;
  }

  remove(resource: Resource, record: Record_, parent?: string): void {
    if (resource.parent?.embedIn) {
      const list = this.embedded(resource, parent);
      list?.splice(list.indexOf(record), 1);
    } else this.table(resource).delete(String(record[resource.key]));
    this.count -= 1;
  }

  private put(resource: Resource, record: Record_, parent: string | undefined): Record_ {
    const key = record[resource.key];
    if (typeof key === 'number') this.sequences.set(resource.name, Math.max(this.sequences.get(resource.name) ?? 0, key));
    if (resource.parent?.embedIn) {
      const list = this.embedded(resource, parent);
      if (!list) throw new Error(`${resource.name}: no ${resource.parent.resource} ${parent}`);
      list.push(record);
    } else {
      this.table(resource).set(String(key), record);
      if (parent !== undefined) this.parents.set(record, parent);
    }
    this.count += 1;
    return record;
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

function generate(how: Generated, record: Record_): unknown {
  if (typeof how === 'string') return undefined;
  if ('value' in how) return structuredClone(how.value);
  if ('template' in how) {
    return how.template.replace(/\{(\w+)(?::(\d+))?\}/g, (_, field: string, width?: string) =>
      String(record[field] ?? '').padStart(Number(width ?? 0), '0'),
    );
  }
  const now = new Date();
  if (how.time === 'unix') return Math.floor(now.getTime() / 1000);
  // yyyy/MM/dd HH:mm:ss, Japan time
  const jst = new Date(now.getTime() + 9 * 3600_000).toISOString();
  return `${jst.slice(0, 10).replaceAll('-', '/')} ${jst.slice(11, 19)}`;
}

/** A parent key as a data file writes it: a number when it is one. */
const parse = (key: string): unknown => (/^\d+$/.test(key) ? Number(key) : key);
