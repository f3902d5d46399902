// Values the stateful mock has answered, for the sequences of the suite: what a create returned (an
// id, a code, a token) is what a later read, update or delete asks for, so that a sequence reaches the
// records its own writes made (and reads back what a write stored, against the read's schema).
import type { Parts } from './sampler.js';
import type { Op } from './spec.js';

/** Names a value is filed under: its key (lowercase), and `id@<collection path>` for the ids a collection answered. */
export type Pool = Map<string, unknown[]>;

/** Form fields whose value an answer gives under another name (D.T.P: the customer's `Code` is `user_code`). */
const ALIASES: Record<string, string[]> = { user_code: ['code'], user_loginid: ['loginid'] };

const add = (pool: Pool, key: string, value: unknown) => {
  const values = pool.get(key) ?? [];
  if (!values.includes(value)) values.push(value);
  pool.set(key, values.slice(-8));
};

/** Files the scalars of a successful answer's body. */
export function harvest(pool: Pool, op: Op, body: unknown) {
  const collection = op.path.replace(/\/\{[^}]+\}$/, '');
  const walk = (node: unknown, depth: number) => {
    if (depth > 4 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node.slice(0, 20)) walk(item, depth + 1);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' || typeof value === 'number') {
        if (value === '') continue;
        add(pool, key.toLowerCase(), value);
        if (key === 'id' && depth <= 1) add(pool, `id@${collection}`, value);
      } else walk(value, depth + 1);
    }
  };
  walk(body, 0);
}

/** The parts with some values replaced by ones the mock answered before (each with `probability`). */
export function substitute(pool: Pool, op: Op, p: Parts, random: () => number, probability = 0.75): Parts {
  const pick = (values: unknown[] | undefined) =>
    values && values.length > 0 && random() < probability ? values[Math.floor(random() * values.length)] : undefined;
  const params = p.params.map(({ param, value }) => {
    if (param.in !== 'path') return { param, value };
    const collection = op.path.slice(0, op.path.indexOf(`/{${param.name}}`));
    const found = pick([...(pool.get(`id@${collection}`) ?? []), ...(pool.get(param.name.toLowerCase()) ?? [])]);
    return { param, value: found ?? value };
  });
  let body = p.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    body = { ...body };
    for (const name of Object.keys(body as object)) {
      const keys = [name.toLowerCase(), ...(ALIASES[name.toLowerCase()] ?? [])];
      const found = pick(keys.flatMap((key) => pool.get(key) ?? []));
      if (found !== undefined)
        (body as Record<string, unknown>)[name] = typeof (body as Record<string, unknown>)[name] === 'string' ? String(found) : found;
    }
  }
  return { ...p, params, body };
}
