// Every ReCORE operation called through the SDK against the real Prism mock over loopback.
import { startMock, type RunningMock } from '@akinai/mock';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createRecoreClient, ValidationError, type RecoreClient, type Schemas } from '../src/recore/index.js';
import { operationFacts } from '../src/generated/recore.js';
import { through } from './helpers/mock-fetch.js';

let mock: RunningMock;
let recore: RecoreClient;
const called = new Set<string>();

beforeAll(async () => {
  mock = await startMock('recore', { static: true }); // the spec's own answers: the contract, not the state
  recore = createRecoreClient({
    apiKey: 'eyJ0.test.jwt',
    baseUrl: mock.url,
    fetch: async (url, init) => {
      const path = new URL(url).pathname;
      const fact = Object.entries(operationFacts).find(
        ([, f]) => f.method === init.method && new RegExp(`^${f.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
      );
      if (fact) called.add(fact[0]);
      return through(mock, fetch)(url, init);
    },
  });
});
afterAll(() => mock?.close());

describe('ReCORE operations through the SDK', () => {
  it('listMembers returns the vendor example, typed', async () => {
    const { data, response } = await recore.GET('/members', { params: { query: { ids: '219', limit: 250 } } });
    expect(response.status).toBe(200);
    expectTypeOf(data).toEqualTypeOf<Schemas['Member'][] | undefined>();
    expect(data?.[0]).toMatchObject({ id: 219, code: 'MB1ISH1TFC20', status: 'ACTIVE', sex: 'MALE' });
    expect(data?.[0]?.point?.details[0]).toEqual({
      type: 'DEFAULT',
      title: '通常P',
      total: 1074,
      expires_amount: 35,
      expires_at: 1762095599,
    });
  });

  it('getMember', async () => {
    const { data } = await recore.GET('/members/{member_id}', { params: { path: { member_id: 219 } } });
    expect(data?.attachments[0]?.tag).toBe('PHOTO');
    expect(data?.rank).toEqual({ id: 2, name: 'ランクA' });
  });

  it('createMember answers 201 with the member', async () => {
    const { data, response } = await recore.POST('/members', {
      body: { status: 'ACTIVE', last_name: '山田', tel: '03-1234-5678', postal_code: '1234567' },
    });
    expect(response.status).toBe(201);
    expect(data?.id).toBe(219);
  });

  it('updateMember', async () => {
    const { data, response } = await recore.PUT('/members/{member_id}', {
      params: { path: { member_id: 76369 } },
      body: { status: 'LEAVE', is_optout: true, line_user_id: `U${'a1'.repeat(16)}` },
    });
    expect(response.status).toBe(200);
    expect(data?.code).toBe('MB1ISH1TFC20');
  });

  it('bulkCreateMembers', async () => {
    const { data, response } = await recore.POST('/members/bulk', { body: [{ status: 'ACTIVE' }, { sex: 'FEMALE' }] });
    expect(response.status).toBe(201);
    expect(data).toHaveLength(1);
  });

  it('bulkUpdateMembers', async () => {
    const { data, response } = await recore.PUT('/members/bulk', { body: [{ id: 234, status: 'ACTIVE' }] });
    expect(response.status).toBe(200);
    expect(data?.[0]?.id).toBe(219);
  });

  it('updateMemberPoints answers 204 without a body', async () => {
    const { data, error, response } = await recore.PUT('/members/point', {
      body: { staff_id: null, amount: 123, mode: 'ADD', note: 'テスト付与', query: { ids: [1, 2] } },
    });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it('listMemberNotes', async () => {
    const { data } = await recore.GET('/members/{member_id}/notes', {
      params: { path: { member_id: 122 }, query: { created_at_from: '2024-04-12 12:08:38', page: 1 } },
    });
    expect(data).toEqual([{ id: 17, staff: { id: 1, name: 'デフォルト スタッフ' }, note: '会員メモ', created_at: 1742536685 }]);
  });

  it('createMemberNote', async () => {
    const { data, response } = await recore.POST('/members/{member_id}/notes', {
      params: { path: { member_id: 122 } },
      body: { staff_id: null, note: '会員メモ' },
    });
    expect(response.status).toBe(201);
    expect(data?.note).toBe('会員メモ');
  });

  it('deleteMemberNote', async () => {
    const { response } = await recore.DELETE('/members/{member_id}/notes/{note_id}', {
      params: { path: { member_id: 122, note_id: 345 } },
    });
    expect(response.status).toBe(204);
  });

  it('createMemberAttachment', async () => {
    const { data, response } = await recore.POST('/members/{member_id}/attachments', {
      params: { path: { member_id: 122 } },
      body: { file_key: 'PdoJcUm1wtopvpX5goCSB36GR45FGuRJCrQAsvky.jpg', tag: 'PHOTO', file_name: '顔写真.jpg' },
    });
    expect(response.status).toBe(201);
    expect(data?.mime_type).toBe('image/jpeg');
  });

  it('deleteMemberAttachment', async () => {
    const { response } = await recore.DELETE('/members/{member_id}/attachments/{attachment_id}', {
      params: { path: { member_id: 122, attachment_id: 345 } },
    });
    expect(response.status).toBe(204);
  });

  it("paginate stops on the mock's last page (empty X-Next-Cursor)", async () => {
    const members = [];
    for await (const member of recore.paginate('/members', { params: { query: { statuses: 'ACTIVE,LEAVE' } } })) {
      expectTypeOf(member).toEqualTypeOf<Schemas['Member']>();
      members.push(member);
    }
    expect(members.map((m) => m.id)).toEqual([219]);
  });
});

describe("invalid requests get the mock's 4xx", () => {
  function violations(response: Response) {
    return JSON.parse(response.headers.get('sl-violations') ?? '[]') as { message: string }[];
  }

  it('a status outside the enum (MERGED is read-only)', async () => {
    // @ts-expect-error MERGED cannot be set
    const { error, response } = await recore.POST('/members', { body: { status: 'MERGED' } });
    expect(response.status).toBe(400);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.code).toBe('VALIDATE_FAILED');
    expect(error?.body.error.code).toBe('VALIDATE_FAILED');
    expect(
      violations(response)
        .map((v) => v.message)
        .join(),
    ).toMatch(/status/);
  });

  it('a string over its length limit', async () => {
    const { response } = await recore.POST('/members', { body: { last_name: 'あ'.repeat(51) } });
    expect(response.status).toBe(400);
    expect(
      violations(response)
        .map((v) => v.message)
        .join(),
    ).toMatch(/50 characters/);
  });

  it('a limit over 250', async () => {
    const { response } = await recore.GET('/members', { params: { query: { limit: 251 } } });
    expect(response.status).toBe(400);
  });

  it('more than 1000 members in one bulk call', async () => {
    const body = Array.from({ length: 1001 }, () => ({ status: 'ACTIVE' as const }));
    const { response } = await recore.POST('/members/bulk', { body });
    expect(response.status).toBe(400);
    expect(
      violations(response)
        .map((v) => v.message)
        .join(),
    ).toMatch(/1000/);
  });

  it('a missing X-Identification header', async () => {
    const response = await fetch(`${mock.url}/members`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });
});

describe('coverage', () => {
  it('called every operation of the spec', () => {
    expect([...called].sort()).toEqual(Object.keys(operationFacts).sort());
  });
});
