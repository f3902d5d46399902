// Run by mock.mjs (with --expose-gc): the heap 10,000 writes take in a ReCORE mock, collected before and after.
import { startMock } from '../dist/index.js';

const mock = await startMock('recore', { maxRecords: 20_000 });
const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};
const before = heap();
const WRITES = 10_000;
const headers = { 'x-identification': 'eyJ0.e30.sig', 'content-type': 'application/json' };
for (let i = 0; i < WRITES; i += 100) {
  await Promise.all(
    Array.from({ length: 100 }, (_, j) =>
      fetch(`${mock.url}/members`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ last_name: `会員${i + j}`, email: `m${i + j}@example.jp` }),
      }).then((r) => r.arrayBuffer()),
    ),
  );
}
const growth = heap() - before;
await mock.close();
process.send({
  writes: WRITES,
  heapGrowthMiB: Math.round((growth / 2 ** 20) * 10) / 10,
  bytesPerRecord: Math.round(growth / WRITES),
  rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
});
