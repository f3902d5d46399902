// Model-based tests of the stateful mock: random sequences of writes and reads — creates, updates, bulk
// and batch rows, points, deletes, invalid and conflicting ones among them — run against the mock over
// loopback and against a small model of each API written from its vendor's pages (test/model/); every
// answer must be the one the model expects. fast-check shrinks a failing sequence; the error prints it
// as curl commands that replay it against a fresh `npx akinai-mock <api>`.
//
//   AKINAI_MODEL_SEED=123   replays a run (every run prints its seed)
//   AKINAI_MODEL_RUNS=1000  sequences per API (default 200)
import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { type ApiName, apis, startMock } from '../src/index.js';
import { closeAgent } from './conformance/wire.js';
import { Client } from './model/client.js';
import * as dtpLcv from './model/dtp-lcv.js';
import * as pittalyOrder from './model/pittaly-order.js';
import * as recore from './model/recore.js';

const SEED = process.env.AKINAI_MODEL_SEED ? Number(process.env.AKINAI_MODEL_SEED) : randomInt(1, 2 ** 31 - 1);
const RUNS = process.env.AKINAI_MODEL_RUNS ? Number(process.env.AKINAI_MODEL_RUNS) : 200;
console.log(`model-based tests: seed ${SEED}, ${RUNS} sequences per API (replay: AKINAI_MODEL_SEED=${SEED})`);
afterAll(() => closeAgent());

interface ApiModel<Model extends object> {
  initial(): Model;
  commands: fc.Arbitrary<fc.AsyncCommand<Model, Client>>[];
  headers: Record<string, string>;
  /** What a sequence does first on a fresh client (D.T.P: log in). */
  start?(client: Client): Promise<void>;
}

const models: Record<ApiName, ApiModel<any>> = {
  recore: { ...recore, headers: { 'x-identification': 'eyJ0.e30.sig' } },
  'pittaly-order': { ...pittalyOrder, headers: { authorization: 'Basic dTpw' } },
  'dtp-lcv': dtpLcv,
};

describe.each(Object.keys(models) as ApiName[])('%s', (api) => {
  it(`every read equals the model, over ${RUNS} random sequences of writes and reads`, async () => {
    const { initial, commands, headers, start } = models[api];
    const mock = await startMock(api, { validateResponses: true });
    const client = new Client(mock.url, headers);
    try {
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: 12 }), async (sequence) => {
          mock.reset();
          client.restart();
          try {
            await start?.(client);
            await fc.asyncModelRun(() => ({ model: initial(), real: client }), sequence);
          } catch (error) {
            const replay = `Replay against a fresh \`npx akinai-mock ${api}\`:\n${client.replay(apis[api].defaultPort)}`;
            throw Object.assign(error as Error, { message: `${(error as Error).message}\n${replay}` });
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
    } finally {
      await mock.close();
    }
  }, 600_000);
});
