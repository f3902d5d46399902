// From traffic to a seed: the records the vendor answered with, by resource, in the shape `--data` reads
// (GET /__akinai/state's), so that a mock starts from what a tenant really holds. What each operation does
// to a resource is the spec's `x-akinai-state`: lists, reads, creates and updates give records (the last
// answer of a record wins), deletes take them away. Records are as recorded: masked unless the proxy kept
// personal data.
import { readFileSync } from 'node:fs';
import { specPath, type ApiName } from '../apis.js';
import { readModel } from '../state/model.js';
import type { Data } from '../state/store.js';
import type { Recorded } from './records.js';

export function seedFrom(api: ApiName, records: Recorded[]): Data {
  const model = readModel(JSON.parse(readFileSync(specPath(api), 'utf8')));
  const tables = new Map<string, Map<string, Record<string, unknown>>>();
  for (const record of records) {
    const route = model.routes.find((candidate) => candidate.operationId === record.operationId);
    const state = route?.state;
    const resource = state && model.resources.get(state.resource);
    if (!route || !resource || resource.parent?.embedIn || record.status === undefined || record.status >= 300) continue;
    const table = tables.get(resource.name) ?? new Map();
    tables.set(resource.name, table);
    const params = model.match(route.method, record.path)?.params ?? {};
    if (state.action === 'delete') {
      table.delete(String(params[state.param ?? resource.key]));
      continue;
    }
    const body = record.answer?.body;
    const json = body && 'json' in body ? body.json : undefined;
    const found =
      state.action === 'list'
        ? state.page?.envelope
          ? (json as Record<string, unknown> | undefined)?.[state.page.envelope.items]
          : json
        : ['read', 'create', 'update', 'create-many', 'update-many'].includes(state.action)
          ? json
          : undefined;
    for (const item of [found].flat()) {
      if (item === null || typeof item !== 'object' || !(resource.key in item)) continue;
      const parent = resource.parent ? { [resource.parent.param]: numeric(params[resource.parent.param]) } : {};
      table.set(String((item as Record<string, unknown>)[resource.key]), { ...parent, ...(item as Record<string, unknown>) });
    }
  }
  return Object.fromEntries([...tables].filter(([, table]) => table.size > 0).map(([name, table]) => [name, [...table.values()]]));
}

const numeric = (key: string | undefined): unknown => (key !== undefined && /^\d+$/.test(key) ? Number(key) : key);
