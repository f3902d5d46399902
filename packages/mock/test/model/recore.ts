// ReCORE's members as seed 002 describes them, small enough to read: what each write sets (the input
// table's keys, nothing else), what it derives (rank from member_rank_id, a note's staff from staff_id),
// the points held per type, and which requests the vendor refuses (an unknown rank or staff, a
// subtraction past a type's points, an update of an unknown member). Decisions the vendor's page leaves
// open are the spec's `x-akinai-inferred` ones: unknown keys ignored, a bulk write or a point change
// applied to all or none, status ACTIVE by default.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Client } from './client.js';

type Member = Record<string, any>;
interface Note {
  id: number;
  staff: { id: number; name: string } | null;
  note: string;
}

export interface Model {
  members: Map<number, Member>;
  notes: Map<number, Note[]>;
  nextMember: number;
  nextNote: number;
}

const RANKS: Record<number, { id: number; name: string }> = { 2: { id: 2, name: 'ランクA' } };
const STAFF: Record<number, { id: number; name: string }> = { 1: { id: 1, name: 'デフォルト スタッフ' } };
const UNKNOWN_ID = 987_654;

/** Member 219 and its note, as the seed's example shows them (times left out: the mock stamps them). */
export function initial(): Model {
  const member: Member = {
    id: 219,
    code: 'MB1ISH1TFC20',
    alias_code: 'testtest',
    last_name: null,
    last_kana: null,
    first_name: null,
    first_kana: null,
    postal_code: '123-4567',
    prefecture: null,
    address1: null,
    address2: null,
    occupation: null,
    tel: '0600001111',
    sex: 'MALE',
    email: 'test@example.com',
    birthdate: '1991-02-23',
    is_invoice_provider: false,
    invoice_provider_number: null,
    is_optout: false,
    company_name: 'テスト',
    rank: RANKS[2],
    status: 'ACTIVE',
    bank_code: '0033',
    bank_branch_code: '105',
    bank_account_number: '1234567',
    bank_account_name: null,
    line_user_id: null,
    point: {
      total: 1074,
      expires_amount: 35,
      expires_at: 1762095599,
      details: [{ type: 'DEFAULT', title: '通常P', total: 1074, expires_amount: 35, expires_at: 1762095599 }],
    },
    photo_url: null,
    attachments: [
      {
        id: 179,
        file_key: 'PdoJcUm1wtopvpX5goCSB36GR45FGuRJCrQAsvky.jpg',
        tag: 'PHOTO',
        file_name: 'photo.jpg',
        url: 'https://...',
        mime_type: 'image/jpeg',
      },
    ],
  };
  return {
    members: new Map([[219, member]]),
    notes: new Map([[219, [{ id: 17, staff: STAFF[1]!, note: '会員メモ' }]]]),
    nextMember: 220,
    nextNote: 18,
  };
}

/** What a new member is before its input: every field of the record, blank. */
function blank(id: number): Member {
  const member: Member = { id, code: `MB${String(id).padStart(10, '0')}`, rank: null, status: 'ACTIVE', point: null };
  for (const field of NULLABLE) member[field] = null;
  return { ...member, is_invoice_provider: false, is_optout: false, attachments: [] };
}

const NULLABLE = [
  ...['alias_code', 'last_name', 'last_kana', 'first_name', 'first_kana', 'postal_code', 'prefecture', 'address1', 'address2'],
  ...['occupation', 'tel', 'sex', 'email', 'birthdate', 'invoice_provider_number', 'company_name', 'bank_code', 'bank_branch_code'],
  ...['bank_account_number', 'bank_account_name', 'line_user_id', 'photo_url'],
];
const TEXT_ARB = fc.constantFrom('山田', 'ヤマダ', 'a', '', '東京都港区', null);

/** A write's body: keys of the input table, a rank that may not exist, and keys no client may set. */
const input = fc.record(
  {
    last_name: TEXT_ARB,
    first_kana: TEXT_ARB,
    address1: TEXT_ARB,
    tel: fc.constantFrom('0312345678', '090-1234-5678', null),
    sex: fc.constantFrom('MALE', 'FEMALE', 'OTHER', null),
    is_optout: fc.boolean(),
    status: fc.constantFrom('TENTATIVE', 'ACTIVE', 'LEAVE'),
    member_rank_id: fc.constantFrom(2, null, 77),
    // Only the vendor sets these: ignored.
    code: fc.constant('HACKED'),
    point: fc.constant({ total: 999_999 }),
    created_at: fc.constant(1),
    photo_url: fc.constant('https://example.invalid/x.jpg'),
    rank: fc.constant({ id: 9, name: 'x' }),
    attachments: fc.constant([{ id: 1, file_key: 'x.jpg' }]),
  },
  { requiredKeys: [] },
);

const SETTABLE = ['last_name', 'first_kana', 'address1', 'tel', 'sex', 'is_optout', 'status'];

/** The member with an input laid over it, or 'refused' (an unknown rank). */
function applied(member: Member, body: Member): Member | 'refused' {
  if (body.member_rank_id !== undefined && body.member_rank_id !== null && !RANKS[body.member_rank_id]) return 'refused';
  const out = structuredClone(member);
  for (const field of SETTABLE) if (body[field] !== undefined) out[field] = body[field];
  if (body.member_rank_id !== undefined) out.rank = body.member_rank_id === null ? null : RANKS[body.member_rank_id];
  return out;
}

/** A member as the mock answers it, less what it stamps (times). */
function comparable(member: Member): Member {
  const { created_at, updated_at, ...rest } = member;
  return rest;
}

const anyMember = (model: Model, pick: number) => {
  const ids = [...model.members.keys(), UNKNOWN_ID];
  return ids[pick % ids.length]!;
};

type Command = fc.AsyncCommand<Model, Client>;

class Create implements Command {
  constructor(readonly body: Member) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const got = await client.json('POST', '/members', this.body);
    const member = applied(blank(model.nextMember), this.body);
    if (member === 'refused') return expect(got.status, 'an unknown member_rank_id').toBe(400);
    expect(got.status).toBe(201);
    expect(comparable(got.body)).toEqual(member);
    model.members.set(member.id, member);
    model.notes.set(member.id, []);
    model.nextMember += 1;
  }
  toString = () => `POST /members ${JSON.stringify(this.body)}`;
}

class Update implements Command {
  constructor(
    readonly pick: number,
    readonly body: Member,
  ) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const id = anyMember(model, this.pick);
    const got = await client.json('PUT', `/members/${id}`, this.body);
    const member = model.members.get(id);
    if (!member) return expect(got.status).toBe(404);
    const next = applied(member, this.body);
    if (next === 'refused') return expect(got.status).toBe(400);
    expect(got.status).toBe(200);
    expect(comparable(got.body)).toEqual(next);
    model.members.set(id, next);
  }
  toString = () => `PUT /members/{#${this.pick}} ${JSON.stringify(this.body)}`;
}

class BulkCreate implements Command {
  constructor(readonly bodies: Member[]) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const got = await client.json('POST', '/members/bulk', this.bodies);
    const members = this.bodies.map((body, i) => applied(blank(model.nextMember + i), body));
    if (members.includes('refused')) return expect(got.status, 'one unknown rank refuses them all').toBe(400);
    expect(got.status).toBe(201);
    expect(got.body.map(comparable)).toEqual(members);
    for (const member of members as Member[]) {
      model.members.set(member.id, member);
      model.notes.set(member.id, []);
    }
    model.nextMember += members.length;
  }
  toString = () => `POST /members/bulk ${JSON.stringify(this.bodies)}`;
}

class BulkUpdate implements Command {
  constructor(readonly items: { pick: number; body: Member }[]) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const items = this.items.map(({ pick, body }) => ({ ...body, id: anyMember(model, pick) }));
    const got = await client.json('PUT', '/members/bulk', items);
    if (items.some(({ id }) => !model.members.has(id))) return expect(got.status, 'an unknown id: none applied').toBe(404);
    // Applied in order: an id named twice gets both.
    const next = new Map(model.members);
    const answers: Member[] = [];
    for (const item of items) {
      const member = applied(next.get(item.id)!, item);
      if (member === 'refused') return expect(got.status).toBe(400);
      next.set(item.id, member);
      answers.push(member);
    }
    expect(got.status).toBe(200);
    expect(got.body.map(comparable)).toEqual(answers.map((member) => next.get(member.id)));
    model.members = next;
  }
  toString = () => `PUT /members/bulk ${JSON.stringify(this.items)}`;
}

class Points implements Command {
  constructor(
    readonly picks: number[],
    readonly mode: 'ADD' | 'SUB',
    readonly type: 'DEFAULT' | 'PAID' | null,
    readonly amount: number,
  ) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const ids = [...new Set(this.picks.map((pick) => anyMember(model, pick)))];
    const body = { amount: this.amount, mode: this.mode, note: 'テスト', query: { ids }, ...(this.type && { type: this.type }) };
    const got = await client.json('PUT', '/members/point', body);
    const named = ids.filter((id) => model.members.has(id));
    if (named.length === 0) return expect(got.status).toBe(404);
    const kind = this.type ?? 'DEFAULT';
    const delta = this.mode === 'SUB' ? -this.amount : this.amount;
    const held = (member: Member) => member.point?.details.find((d: Member) => d.type === kind)?.total ?? 0;
    if (named.some((id) => held(model.members.get(id)!) + delta < 0)) return expect(got.status, 'past a type’s points').toBe(400);
    expect(got.status).toBe(204);
    for (const id of named) {
      const member = model.members.get(id)!;
      const point = member.point ?? { total: 0, expires_amount: 0, expires_at: 0, details: [] };
      const detail = point.details.find((d: Member) => d.type === kind);
      if (detail) {
        detail.total += delta;
        // The nearest-expiring points go first.
        if (delta < 0) detail.expires_amount = Math.max(0, detail.expires_amount + delta);
      } else point.details.push({ type: kind, title: kind === 'PAID' ? '有償P' : '通常P', total: delta, expires_amount: 0, expires_at: 0 });
      point.total = point.details.reduce((sum: number, d: Member) => sum + d.total, 0);
      const soonest = Math.min(...point.details.map((d: Member) => d.expires_at).filter((at: number) => at > 0));
      point.expires_at = Number.isFinite(soonest) ? soonest : 0;
      point.expires_amount = point.details
        .filter((d: Member) => d.expires_at === point.expires_at && d.expires_at > 0)
        .reduce((sum: number, d: Member) => sum + d.expires_amount, 0);
      member.point = point;
    }
  }
  toString = () => `PUT /members/point ${this.mode} ${this.amount} ${this.type} of #${this.picks}`;
}

class Read implements Command {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const id = anyMember(model, this.pick);
    const got = await client.json('GET', `/members/${id}`);
    const member = model.members.get(id);
    if (!member) return expect(got.status).toBe(404);
    expect(got.status).toBe(200);
    expect(comparable(got.body)).toEqual(member);
  }
  toString = () => `GET /members/{#${this.pick}}`;
}

/** Pages through the tentative members by cursor, activating each one seen: every one is seen once. */
class WalkActivating implements Command {
  constructor(readonly limit: number) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const tentative = [...model.members.values()].filter((m) => m.status === 'TENTATIVE').map((m) => m.id);
    const seen: number[] = [];
    let cursor = '';
    for (let page = 0; page < 100; page += 1) {
      const got = await client.json('GET', `/members?statuses=TENTATIVE&limit=${this.limit}&cursor=${encodeURIComponent(cursor)}`);
      expect(got.status).toBe(200);
      for (const member of got.body) {
        seen.push(member.id);
        expect((await client.json('PUT', `/members/${member.id}`, { status: 'ACTIVE' })).status).toBe(200);
        model.members.get(member.id)!.status = 'ACTIVE';
      }
      cursor = String(got.headers['x-next-cursor'] ?? '');
      if (cursor === '') break;
    }
    expect(seen, 'each tentative member once, in key order').toEqual(tentative.sort((a, b) => a - b));
  }
  toString = () => `walk TENTATIVE by cursor, ${this.limit} a page, activating each`;
}

class CreateNote implements Command {
  constructor(
    readonly pick: number,
    readonly staff: number | null | undefined,
  ) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const id = anyMember(model, this.pick);
    const body = { note: 'メモ', ...(this.staff !== undefined && { staff_id: this.staff }) };
    const got = await client.json('POST', `/members/${id}/notes`, body);
    if (!model.members.has(id)) return expect(got.status).toBe(404);
    if (typeof this.staff === 'number' && !STAFF[this.staff]) return expect(got.status, 'an unknown staff_id').toBe(400);
    expect(got.status).toBe(201);
    const note: Note = { id: model.nextNote, staff: typeof this.staff === 'number' ? STAFF[this.staff]! : null, note: 'メモ' };
    expect(got.body).toMatchObject(note);
    model.notes.get(id)!.push(note);
    model.nextNote += 1;
  }
  toString = () => `POST /members/{#${this.pick}}/notes staff ${this.staff}`;
}

class ListNotes implements Command {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const id = anyMember(model, this.pick);
    const got = await client.json('GET', `/members/${id}/notes?limit=250`);
    if (!model.members.has(id)) return expect(got.status).toBe(404);
    expect(got.body.map(({ created_at, ...note }: Note & { created_at: number }) => note)).toEqual(model.notes.get(id));
  }
  toString = () => `GET /members/{#${this.pick}}/notes`;
}

const pick = fc.nat(20);

export const commands: fc.Arbitrary<Command>[] = [
  input.map((body) => new Create(body)),
  fc.tuple(pick, input).map(([p, body]) => new Update(p, body)),
  fc.array(input, { minLength: 1, maxLength: 3 }).map((bodies) => new BulkCreate(bodies)),
  fc.array(fc.record({ pick, body: input }), { minLength: 1, maxLength: 3 }).map((items) => new BulkUpdate(items)),
  fc
    .tuple(
      fc.array(pick, { minLength: 1, maxLength: 3 }),
      fc.constantFrom('ADD', 'SUB'),
      fc.constantFrom('DEFAULT', 'PAID', null),
      fc.integer({ min: 1, max: 1500 }),
    )
    .map(([picks, mode, type, amount]) => new Points(picks, mode as 'ADD' | 'SUB', type as 'DEFAULT' | 'PAID' | null, amount)),
  pick.map((p) => new Read(p)),
  fc.integer({ min: 1, max: 3 }).map((limit) => new WalkActivating(limit)),
  fc.tuple(pick, fc.constantFrom(1, 99, null, undefined)).map(([p, staff]) => new CreateNote(p, staff)),
  pick.map((p) => new ListNotes(p)),
];
