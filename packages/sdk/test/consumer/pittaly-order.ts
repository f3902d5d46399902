// A user's integration of Pittaly Order's customer_store_items, compiled against the current SDK types.
import { BatchUploadError, createPittalyOrderClient, type BatchUploadRow, type Schemas } from '@akinai/sdk/pittaly-order';

export async function itemsOf(email: string, password: string, customer: string) {
  const pittaly = createPittalyOrderClient({ email, password });
  const items: Schemas['CustomerStoreItem'][] = [];
  for await (const item of pittaly.paginate('/customer_store_items', { body: { customer_cd: customer, page: 1 } })) items.push(item);
  return items.map((item) => `${item.id} ${item.store_cd} ${item.item_cd} ${item.updated_at}`);
}

export async function replace(email: string, password: string, rows: BatchUploadRow[]) {
  const pittaly = createPittalyOrderClient({ email, password });
  try {
    const { totalCount, batches } = await pittaly.uploadInBatches(rows);
    return { totalCount, requests: batches.length };
  } catch (error) {
    if (error instanceof BatchUploadError) return { applied: error.applied.length, retry: [...error.failed, ...error.notSent] };
    throw error;
  }
}

export async function move(email: string, password: string, id: number, store: string) {
  const pittaly = createPittalyOrderClient({ email, password });
  const { data, error } = await pittaly.PUT('/customer_store_items/{id}', {
    params: { path: { id } },
    body: { customer_cd: 'C001', store_cd: store, item_cd: '4901234567894' },
  });
  return error ? error.status : data.updated_at;
}
