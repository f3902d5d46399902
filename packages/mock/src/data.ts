// A data file for --data / startMock's `data`: the records to start from, by resource, in JSON or YAML
// (the shape GET /__akinai/state answers).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Data } from './state/store.js';

export function readData(file: string): Data {
  const text = readFileSync(file, 'utf8');
  const data: unknown = /\.ya?ml$/i.test(file) ? parse(text) : JSON.parse(text);
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.values(data).some((records) => !Array.isArray(records))) {
    throw new Error(`${file}: a data file maps each resource to a list of records, e.g. { "members": [ { "id": 1, … } ] }.`);
  }
  return data as Data;
}
