// A page with nothing on it is what the spec's page envelope says (x-akinai-state, `whenEmpty`): the whole
// envelope with no items, or, declared `whenEmpty: total-only` (Pittaly Order's search), the total alone.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Paging } from '../src/state/model.js';
import { paged } from '../src/state/lists.js';

const envelope = { items: 'rows', total: 'count', current: 'page', last: 'pages' };

it('a page past the last is the whole envelope with no items, unless the spec says the total alone', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 10 }), (count, size) => {
      const records = Array.from({ length: count }, (_, id) => ({ id }));
      const past = { page: Math.ceil(count / size) + 1 };
      const whole = paged(records, 'id', { param: 'page', size, envelope } satisfies Paging, past);
      expect(whole).toEqual({ body: { count, page: past.page, pages: Math.ceil(count / size), rows: [] }, headers: {} });
      const totalOnly = paged(records, 'id', { param: 'page', size, envelope: { ...envelope, whenEmpty: 'total-only' } }, past);
      expect(totalOnly).toEqual({ body: { count }, headers: {} });
    }),
  );
});
