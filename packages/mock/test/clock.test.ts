// The mock's clock: what the mock stamps and what expires follows it — over HTTP (/__akinai/clock), in
// the library (mock.clock) and from the start (startMock's `now`, --now). Tests move it instead of sleeping.
import { describe, expect, it } from 'vitest';
import { BASIC, call, FORM, KEY, startedPerTest } from './helpers/http.js';
import { login } from './helpers/session.js';

const start = startedPerTest();

describe('the clock', () => {
  it('starts where it is told, runs on, moves forward by advanceMs or to a set moment, over HTTP and in the library', async () => {
    const mock = await start('recore', { now: '2030-01-01T00:00:00Z' });
    const at = async () => Date.parse((await call(`${mock.url}/__akinai/clock`)).body.now);
    const first = await at();
    expect(first - Date.parse('2030-01-01T00:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(first - Date.parse('2030-01-01T00:00:00Z')).toBeLessThan(60_000);
    const advanced = await call(`${mock.url}/__akinai/clock`, 'POST', KEY, { advanceMs: 3_600_000 });
    expect(Date.parse(advanced.body.now) - first).toBeGreaterThanOrEqual(3_600_000);
    const set = await call(`${mock.url}/__akinai/clock`, 'POST', KEY, { set: '2031-06-01T09:00:00+09:00' });
    expect(Date.parse(set.body.now)).toBeGreaterThanOrEqual(Date.parse('2031-06-01T00:00:00Z'));
    mock.clock.advance(60_000);
    expect(mock.clock.now()).toBeGreaterThanOrEqual(Date.parse('2031-06-01T00:01:00Z'));
    for (const bad of [{}, { advanceMs: -1 }, { set: 'soon' }, { advanceMs: 1, set: '2030-01-01' }]) {
      const refused = await call(`${mock.url}/__akinai/clock`, 'POST', KEY, bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('stamps ReCORE’s created_at and updated_at (Unix seconds) and Pittaly’s 登録日時 (Japan time) with its time', async () => {
    const recore = await start('recore', { now: '2030-01-01T00:00:00Z' });
    const member = (await call(`${recore.url}/members`, 'POST', KEY, '{}')).body;
    expect(member.created_at - Date.parse('2030-01-01T00:00:00Z') / 1000).toBeLessThan(60);
    recore.clock.advance(86_400_000);
    const updated = (await call(`${recore.url}/members/${member.id}`, 'PUT', KEY, '{"last_name":"山田"}')).body;
    expect(updated.updated_at - member.created_at).toBeGreaterThanOrEqual(86_400);
    const pittaly = await start('pittaly-order', { now: '2030-01-01T00:00:00Z' });
    const item = await call(`${pittaly.url}/customer_store_items`, 'POST', BASIC, { customer_cd: 'C', store_cd: 'S', item_cd: 'I' });
    expect(item.body.created_at).toMatch(/^2030\/01\/01 09:0\d:\d\d$/);
  });

  it('ends a D.T.P session 60 minutes of mock time after its Auth: the command answers its session-lost code', async () => {
    const mock = await start('dtp-lcv');
    const cookie = await login(mock.url);
    const points = () => call(`${mock.url}/Get_UserPoint.aspx`, 'POST', { ...FORM, cookie }, 'user_code=1234567890123');
    expect((await points()).body.StatusCode).toBe('0');
    mock.clock.advance(59 * 60_000);
    expect((await points()).body.StatusCode).toBe('0');
    mock.clock.advance(2 * 60_000);
    const lost = (await points()).body;
    expect({ code: Number(lost.StatusCode), status: lost.Status }).toEqual({
      code: -8098,
      status: '内部エラー:セッションの接続が切れています',
    });
    // A new Auth opens a new session.
    const again = await login(mock.url);
    expect(again).not.toBe(cookie);
  });

  it('expires ReCORE points as it passes their expires_at: the expiring amount leaves the balance', async () => {
    const mock = await start('recore', { now: '2030-01-01T00:00:00Z' });
    const points = (body: object) => call(`${mock.url}/members/point`, 'PUT', KEY, { note: 'x', query: { ids: [219] }, ...body });
    const read = async () => (await call(`${mock.url}/members/219`, 'GET', KEY)).body.point;
    const before = await read();
    expect((await points({ amount: 100, mode: 'ADD', type: 'PAID', expires_on: '2030-01-31' })).status).toBe(204);
    expect((await points({ amount: 50, mode: 'ADD', type: 'PAID', expires_on: '2030-01-31' })).status).toBe(204);
    const paid = async () => (await read()).details.find((d: { type: string }) => d.type === 'PAID');
    const endOfDay = Date.parse('2030-01-31T23:59:59+09:00') / 1000;
    expect((await read()).total).toBe(before.total + 150);
    expect(await paid()).toMatchObject({ total: 150, expires_amount: 150, expires_at: endOfDay });
    // Using points uses the nearest-expiring ones first.
    expect((await points({ amount: 30, mode: 'SUB', type: 'PAID' })).status).toBe(204);
    expect(await paid()).toMatchObject({ total: 120, expires_amount: 120 });
    mock.clock.set('2030-02-01T00:00:00+09:00');
    const expired = await read();
    expect(expired.total).toBe(before.total);
    expect(expired.details.find((d: { type: string }) => d.type === 'PAID')).toMatchObject({ total: 0, expires_amount: 0, expires_at: 0 });
    // The seed's own expiry, already past when the mock started, is left as the example shows it.
    expect(expired.details.find((d: { type: string }) => d.type === 'DEFAULT')).toEqual(before.details[0]);
  });
});
