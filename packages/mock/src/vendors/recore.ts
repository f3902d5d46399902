// ReCORE's own ways: a refused request is its 400 VALIDATE_FAILED with the fields that failed in
// `detail` (Rails-style messages, as the vendor's example); PUT /members/point adds or subtracts points.
import type { Violation } from '../prism.js';
import type { Route } from '../state/model.js';
import type { Call, Reply, State, Vendor } from './types.js';

type Record_ = Record<string, any>;

export function createRecore(): Vendor {
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
    effects: { points: { statuses: [400, 404], answer: points } },
    // A failing server (a fault): the error envelope of its 4xx answers (inferred: the vendor shows no 5xx).
    failure: (status) => ({
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({
        error: { code: status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR', message: 'サーバーでエラーが発生しました' },
      }),
    }),
  };
}

function refused(detail: Record<string, string[]>): Reply {
  return { status: 400, body: { error: { code: 'VALIDATE_FAILED', message: '入力値が不正です', detail } } };
}

/**
 * PUT /members/point: `amount` added (ADD) or taken (SUB) from the points of `type` (DEFAULT when absent)
 * of each member the query names; none named is the spec's 404 (inferred). The points of each type are
 * held apart (`details`), the total is their sum: a subtraction that would take a type below zero is its
 * 400, for every member or none.
 */
function points(state: State, route: Route, call: Call): Reply {
  const { amount, mode, type, query = {} } = call.body as Record_;
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
  const delta = mode === 'SUB' ? -amount : amount;
  const held = (member: Record_) => member.point?.details?.find((d: Record_) => d.type === kind)?.total ?? 0;
  if (named.some((member) => held(member) + delta < 0)) return refused({ amount: [`exceeds the ${kind} point balance`] });
  for (const member of named) {
    const point = structuredClone(member.point ?? { total: 0, expires_amount: 0, expires_at: 0, details: [] });
    const detail = point.details.find((d: Record_) => d.type === kind);
    if (detail) detail.total += delta;
    else point.details.push({ type: kind, title: kind === 'PAID' ? '有償P' : '通常P', total: delta, expires_amount: 0, expires_at: 0 });
    point.total = point.details.reduce((sum: number, d: Record_) => sum + d.total, 0);
    state.store.update(members, member, { point });
  }
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
