// Faults on demand: rules that make the next requests of an operation fail as a vendor's server can —
// a 5xx, a 429 with Retry-After, latency, a connection dropped before or after the request was applied,
// a lost session (D.T.P), a bulk write or batch refused at a row. Deterministic: a rule applies to the
// next `times` matching requests (after letting `skip` of them pass), and says how many it has left.
// An answer a fault produced is exempt from the documented-answers invariant and says so in the
// `x-akinai-fault` header.
import type { Model } from './state/model.js';

export type Fault =
  | { status: number; retryAfter?: number }
  | { latencyMs: number }
  | { reset: 'before' | 'after' }
  | { sessionLost: true }
  | { failAtRow: number };

export interface FaultRule {
  /** An operationId (a D.T.P command's name), or `*` for every operation. */
  operation: string;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** How many matching requests pass untouched first (default 0). */
  skip?: number;
  fault: Fault;
}

/** A rule as GET /__akinai/faults lists it: what is left of it. */
export interface ArmedFault extends Required<FaultRule> {
  left: number;
}

export class FaultError extends Error {}

export interface Faults {
  /** Arms one rule or several; throws FaultError, arming none, when one is not a fault this mock can produce. */
  add(rules: FaultRule | FaultRule[]): ArmedFault[];
  list(): ArmedFault[];
  clear(): void;
  /** The fault the next request of an operation meets, if a rule has one left (counted). */
  take(operationId: string): Fault | undefined;
}

/** What the API can fail with: its operations, which of them are bulk writes, whether it keeps sessions. */
export function createFaults(model: Model, { sessions }: { sessions: boolean }): Faults {
  let armed: ArmedFault[] = [];
  const operations = new Map(model.routes.map((route) => [route.operationId, route]));
  const rowWrites = model.routes
    .filter((route) => ['create-many', 'update-many', 'batch'].includes(route.state?.action ?? ''))
    .map((r) => r.operationId);

  function valid(rule: FaultRule): ArmedFault {
    const where = `fault rule ${JSON.stringify(rule)}`;
    if (!rule || typeof rule !== 'object')
      throw new FaultError(`A fault rule is an object { operation, times, fault }, got ${JSON.stringify(rule)}.`);
    const { operation, times = 1, skip = 0, fault } = rule;
    if (operation !== '*' && !operations.has(operation))
      throw new FaultError(`${where}: no operation "${operation}"; use "*" or one of ${[...operations.keys()].join(', ')}.`);
    for (const [name, value] of Object.entries({ times, skip }))
      if (!Number.isSafeInteger(value) || value < (name === 'times' ? 1 : 0))
        throw new FaultError(`${where}: ${name} must be a whole number${name === 'times' ? ' ≥ 1' : ' ≥ 0'}.`);
    const kinds = fault && typeof fault === 'object' ? Object.keys(fault).filter((key) => key !== 'retryAfter') : [];
    if (kinds.length !== 1)
      throw new FaultError(`${where}: fault must be one of { status }, { latencyMs }, { reset }, { sessionLost }, { failAtRow }.`);
    const f = fault as Record<string, unknown>;
    const whole = (value: unknown, min: number, max: number) =>
      Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
    switch (kinds[0]) {
      case 'status':
        if (!(f.status === 429 || whole(f.status, 500, 599))) throw new FaultError(`${where}: status must be 429 or a 5xx.`);
        if (f.retryAfter !== undefined && !whole(f.retryAfter, 0, 86_400)) throw new FaultError(`${where}: retryAfter is whole seconds.`);
        break;
      case 'latencyMs':
        if (!whole(f.latencyMs, 0, 600_000)) throw new FaultError(`${where}: latencyMs is whole milliseconds up to 600000.`);
        break;
      case 'reset':
        if (f.reset !== 'before' && f.reset !== 'after') throw new FaultError(`${where}: reset is "before" or "after".`);
        break;
      case 'sessionLost':
        if (f.sessionLost !== true) throw new FaultError(`${where}: sessionLost is true.`);
        if (!sessions) throw new FaultError(`${where}: this API keeps no session to lose.`);
        break;
      case 'failAtRow':
        if (!whole(f.failAtRow, 1, 1_000_000)) throw new FaultError(`${where}: failAtRow is a row number ≥ 1.`);
        if (operation === '*' || !rowWrites.includes(operation))
          throw new FaultError(`${where}: failAtRow needs a bulk write or batch: ${rowWrites.join(', ') || 'this API has none'}.`);
        break;
      default:
        throw new FaultError(`${where}: unknown fault "${kinds[0]}".`);
    }
    return { operation, times, skip, fault: fault as Fault, left: times };
  }

  return {
    add(rules) {
      const added = [rules].flat().map(valid);
      armed.push(...added);
      return added;
    },
    list: () => armed.map((rule) => ({ ...rule })),
    clear() {
      armed = [];
    },
    take(operationId) {
      const rule = armed.find((r) => r.left > 0 && (r.operation === '*' || r.operation === operationId));
      if (!rule) return undefined;
      if (rule.skip > 0) {
        rule.skip -= 1;
        return undefined;
      }
      rule.left -= 1;
      return rule.fault;
    },
  };
}
