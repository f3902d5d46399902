// Pittaly Order's customer_store_items as seed 001 describes them: each a triple of codes that names at
// most one item (the batch upload finds its rows by the triple: 追加または更新), added, changed, deleted
// one by one or in a batch of rows applied in order; the batch counts the rows that added, changed or
// deleted something (処理件数). The spec's inferred decisions: a duplicate triple is refused (400), a
// batch is applied whole or not at all, a row that changes nothing is not counted.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Client } from './client.js';

interface Item {
  customer_cd: string;
  store_cd: string;
  item_cd: string;
}
export interface Model {
  items: Map<number, Item>;
  next: number;
}

export function initial(): Model {
  return {
    items: new Map([
      [1, { customer_cd: 'C001', store_cd: 'S01', item_cd: '4901234567894' }],
      [2, { customer_cd: 'C001', store_cd: 'S02', item_cd: '4901234567894' }],
      [3, { customer_cd: 'C001', store_cd: 'S01', item_cd: '4901234567900' }],
    ]),
    next: 4,
  };
}

const UNKNOWN_ID = 987_654;
/** Few codes, so that triples meet often. */
const triple = fc.record({
  customer_cd: fc.constantFrom('C001', 'C002'),
  store_cd: fc.constantFrom('S01', 'S02'),
  item_cd: fc.constantFrom('4901234567894', '4901234567900'),
});

const same = (a: Item, b: Item) => a.customer_cd === b.customer_cd && a.store_cd === b.store_cd && a.item_cd === b.item_cd;
const idOf = (items: Map<number, Item>, item: Item) => [...items].find(([, other]) => same(other, item))?.[0];
const anyId = (model: Model, pick: number) => {
  const ids = [...model.items.keys(), UNKNOWN_ID];
  return ids[pick % ids.length]!;
};

type Command = fc.AsyncCommand<Model, Client>;

class Create implements Command {
  constructor(readonly item: Item) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const got = await client.json('POST', '/customer_store_items', this.item);
    if (idOf(model.items, this.item) !== undefined) return expect(got.status, 'a triple already there').toBe(400);
    expect(got.status).toBe(201);
    expect(got.body).toMatchObject({ id: model.next, ...this.item });
    model.items.set(model.next, { ...this.item });
    model.next += 1;
  }
  toString = () => `POST /customer_store_items ${JSON.stringify(this.item)}`;
}

class Update implements Command {
  constructor(
    readonly pick: number,
    readonly item: Item,
  ) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const id = anyId(model, this.pick);
    // Fields no client sets are ignored.
    const got = await client.json('PUT', `/customer_store_items/${id}`, { ...this.item, created_at: '1999/01/01 00:00:00', id: 5 });
    if (!model.items.has(id)) return expect(got.status).toBe(404);
    const holder = idOf(model.items, this.item);
    if (holder !== undefined && holder !== id) return expect(got.status, 'another item has the triple').toBe(400);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, ...this.item });
    expect(got.body.created_at).not.toBe('1999/01/01 00:00:00');
    model.items.set(id, { ...this.item });
  }
  toString = () => `PUT /customer_store_items/{#${this.pick}} ${JSON.stringify(this.item)}`;
}

class Delete implements Command {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const id = anyId(model, this.pick);
    const got = await client.json('DELETE', `/customer_store_items/${id}`);
    expect(got.status).toBe(model.items.has(id) ? 204 : 404);
    model.items.delete(id);
  }
  toString = () => `DELETE /customer_store_items/{#${this.pick}}`;
}

type Row = { upsert: Item } | { remove: Item } | { pick: number };

class Batch implements Command {
  constructor(readonly rows: Row[]) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const ids = this.rows.map((row) => ('pick' in row ? anyId(model, row.pick) : undefined));
    const rows = this.rows.map((row, i) =>
      'upsert' in row ? row.upsert : 'remove' in row ? { ...row.remove, delete: 1 } : { id: ids[i] },
    );
    const got = await client.json('POST', '/customer_store_items/batchUpload.json', { customer_store_items: rows });
    expect(got.status).toBe(200);
    let count = 0;
    for (const [i, row] of this.rows.entries()) {
      const id = 'upsert' in row ? idOf(model.items, row.upsert) : 'remove' in row ? idOf(model.items, row.remove) : ids[i];
      if ('upsert' in row) {
        if (id !== undefined) continue; // already there: nothing changes
        model.items.set(model.next, { ...row.upsert });
        model.next += 1;
      } else {
        if (id === undefined || !model.items.has(id)) continue; // nothing to delete
        model.items.delete(id);
      }
      count += 1;
    }
    expect(got.body).toEqual({ totalCount: count });
  }
  toString = () => `POST /customer_store_items/batchUpload.json ${JSON.stringify(this.rows)}`;
}

/** Every item, by a search on nothing but the page (500 a page: all of them). */
class SearchAll implements Command {
  check = () => true;
  async run(model: Model, client: Client) {
    const got = await client.json('GET', '/customer_store_items', { page: 1 });
    expect(got.status).toBe(200);
    const expected = [...model.items].sort(([a], [b]) => a - b).map(([id, item]) => ({ id, ...item }));
    if (expected.length === 0) return expect(got.body).toEqual({ totalCount: 0 });
    expect(got.body).toMatchObject({ totalCount: expected.length, current_page: 1, max_page: 1 });
    expect(got.body.customer_store_items.map(({ created_at, updated_at, ...item }: Record<string, unknown>) => item)).toEqual(expected);
  }
  toString = () => 'GET /customer_store_items {"page":1}';
}

const pick = fc.nat(12);
const row: fc.Arbitrary<Row> = fc.oneof(
  triple.map((upsert) => ({ upsert })),
  triple.map((remove) => ({ remove })),
  pick.map((p) => ({ pick: p })),
);

export const commands: fc.Arbitrary<Command>[] = [
  triple.map((item) => new Create(item)),
  fc.tuple(pick, triple).map(([p, item]) => new Update(p, item)),
  pick.map((p) => new Delete(p)),
  fc.array(row, { minLength: 1, maxLength: 5 }).map((rows) => new Batch(rows)),
  fc.constant(new SearchAll()),
];
