// ReCORE's own ways: a refused request is its 400 VALIDATE_FAILED with the fields that failed in
// `detail` (Rails-style messages, as the vendor's example); PUT /members/point adds or subtracts points.
import type { Violation } from '../prism.js';
import type { Route } from '../state/model.js';
import type { Call, Reply, State, Vendor } from './types.js';

type Record_ = Record<string, any>;

export function createRecore(): Vendor {
  const expiry = expiries();
  return {
    invalid(_route, violations) {
      const detail: Record<string, string[]> = {};
      for (const violation of violations) {
        const field = fieldOf(violation);
        detail[field] = [...(detail[field] ?? []), messageOf(violation)];
      }
      return refused(detail);
    },
    full: (_route, error) => refused({ base: [error.message] }),
    effects: { points: { statuses: [400, 404], answer: (state, route, call) => points(state, route, call, expiry) } },
    elapse: (state) => expiry.elapse(state),
    // A failing server (a fault): the error envelope of its 4xx answers (inferred: the vendor shows no 5xx).
    failure: (status) => ({
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({
        error: { code: status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR', message: 'サーバーでエラーが発生しました' },
      }),
    }),
  };
}

type Expiry = ReturnType<typeof expiries>;

/**
 * Points expiring as the mock's clock passes `expires_at` (inferred from the vendor's fields): the
 * `expires_amount` of each type leaves its points then, and the type has no known expiry after it (the
 * fields show only the nearest one). Only what passes while the mock runs expires: a seed's expiry
 * already in the past is left as the example shows it.
 */
function expiries() {
  /** Up to when the points were brought (Unix seconds), and the nearest expiry after that (Infinity: none). */
  let until: number | undefined;
  let next = Number.POSITIVE_INFINITY;
  let generation = -1;
  const nearest = (state: State) => {
    let soonest = Number.POSITIVE_INFINITY;
    for (const member of state.store.list(state.model.resources.get('members')!) as Record_[])
      for (const detail of member.point?.details ?? [])
        if (detail.expires_at > until! && detail.expires_at < soonest) soonest = detail.expires_at;
    return soonest;
  };
  return {
    /** Expires what the clock has passed since the last time. */
    elapse(state: State) {
      const now = Math.floor(state.clock.now() / 1000);
      if (until === undefined || generation !== state.store.generation) {
        // New records (start, reset, load): what expires from now on.
        until = now;
        generation = state.store.generation;
        next = nearest(state);
        return;
      }
      if (now < next) return;
      const members = state.model.resources.get('members')!;
      for (const member of state.store.list(members) as Record_[]) {
        const details = member.point?.details ?? [];
        if (!details.some((d: Record_) => d.expires_at > until! && d.expires_at <= now)) continue;
        const point = structuredClone(member.point);
        for (const detail of point.details)
          if (detail.expires_at > until! && detail.expires_at <= now)
            Object.assign(detail, { total: detail.total - detail.expires_amount, expires_amount: 0, expires_at: 0 });
        state.store.update(members, member, { point: summed(point) });
      }
      until = now;
      next = nearest(state);
    },
    /** A new expiry (points added with `expires_on`): the nearest one may now be sooner. */
    expect(at: number) {
      if (until !== undefined && at > until && at < next) next = at;
    },
  };
}

/** A member's points with their totals and nearest expiry taken from the types. */
function summed(point: Record_): Record_ {
  const expiring = point.details.filter((d: Record_) => d.expires_at > 0).sort((a: Record_, b: Record_) => a.expires_at - b.expires_at);
  const soonest = expiring[0]?.expires_at ?? 0;
  return {
    ...point,
    total: point.details.reduce((sum: number, d: Record_) => sum + d.total, 0),
    expires_at: soonest,
    expires_amount: expiring
      .filter((d: Record_) => d.expires_at === soonest)
      .reduce((sum: number, d: Record_) => sum + d.expires_amount, 0),
  };
}

function refused(detail: Record<string, string[]>): Reply {
  return { status: 400, body: { error: { code: 'VALIDATE_FAILED', message: '入力値が不正です', detail } } };
}

/**
 * PUT /members/point: `amount` added (ADD) or taken (SUB) from the points of `type` (DEFAULT when absent)
 * of each member the query names; none named is the spec's 404 (inferred). The points of each type are
 * held apart (`details`), the total is their sum: a subtraction that would take a type below zero is its
 * 400, for every member or none. Inferred from the fields: points added with `expires_on` expire at the
 * end of that day (Japan time) — the type's nearest expiry when it is sooner than the one it shows, or the
 * same one —, and a subtraction uses the nearest-expiring points first.
 */
function points(state: State, route: Route, call: Call, expiry: Expiry): Reply {
  const { amount, mode, type, expires_on: expiresOn, query = {} } = call.body as Record_;
  const members = state.model.resources.get('members')!;
  const named: Record_[] = state.store
    .list(members)
    .filter(
      (member) =>
        (query.ids ?? []).includes(member.id) ||
        (query.codes ?? []).includes(member.code) ||
        (query.alias_codes ?? []).includes(member.alias_code),
    );
  if (named.length === 0) return state.documented(route, 404);
  const kind = type ?? 'DEFAULT';
  const held = (member: Record_) => member.point?.details?.find((d: Record_) => d.type === kind)?.total ?? 0;
  if (mode === 'SUB' && named.some((member) => held(member) < amount)) return refused({ amount: [`exceeds the ${kind} point balance`] });
  const expiresAt = mode === 'ADD' && typeof expiresOn === 'string' ? Date.parse(`${expiresOn}T23:59:59+09:00`) / 1000 : 0;
  for (const member of named) {
    const point = structuredClone(member.point ?? { total: 0, expires_amount: 0, expires_at: 0, details: [] });
    let detail = point.details.find((d: Record_) => d.type === kind);
    if (!detail) {
      detail = { type: kind, title: kind === 'PAID' ? '有償P' : '通常P', total: 0, expires_amount: 0, expires_at: 0 };
      point.details.push(detail);
    }
    if (mode === 'SUB') {
      detail.total -= amount;
      detail.expires_amount = Math.max(0, detail.expires_amount - amount);
    } else {
      detail.total += amount;
      if (expiresAt > 0 && (detail.expires_at === 0 || expiresAt < detail.expires_at))
        Object.assign(detail, { expires_at: expiresAt, expires_amount: amount });
      else if (expiresAt > 0 && expiresAt === detail.expires_at) detail.expires_amount += amount;
    }
    state.store.update(members, member, { point: summed(point) });
  }
  if (expiresAt > 0) expiry.expect(expiresAt);
  return { status: route.success };
}

/** The field a finding is about: the last name in its location, or the property a `required` names. */
function fieldOf({ location, message }: Violation): string {
  const named = /required property '([^']+)'/.exec(message)?.[1];
  if (named) return named;
  const names = location.slice(2).filter((part): part is string => typeof part === 'string');
  return names.at(-1) ?? 'base';
}

/** The finding in the words Rails (ReCORE's framework) uses. */
function messageOf({ code, message }: Violation): string {
  const limit = /(\d+)/.exec(message)?.[1];
  switch (code) {
    case 'required':
      return "can't be blank";
    case 'maxLength':
      return `is too long (maximum is ${limit} characters)`;
    case 'minLength':
      return `is too short (minimum is ${limit} characters)`;
    case 'maximum':
      return `must be less than or equal to ${limit}`;
    case 'minimum':
      return `must be greater than or equal to ${limit}`;
    case 'enum':
      return 'is not included in the list';
    case 'reference':
      return 'must exist';
    case 'unique':
      return 'has already been taken';
    default:
      return 'is invalid';
  }
}
