// The conformance suite: the mock never answers what its spec does not document, whatever a client that
// isn't ours sends. For every operation of every API, against the stateful and the --static mock, over
// loopback with node:http (not our SDK): the documented example requests, every `Prefer: code=…` and
// `Prefer: code=…, example=…` answer, a request without credentials, and requests generated from the
// operation's schemas (fast-check drives json-schema-faker: Japanese text, values on their bounds,
// optional fields absent; Ajv keeps only spec-valid ones), and, against the stateful mock, sequences of
// them that reuse what earlier answers returned (ids, codes, tokens: reads of what writes stored). Every
// answer is judged by the invariant (conformance/judge.ts, Ajv 2020, independent of Prism); a spec-valid
// request Prism refused (its findings in sl-violations) is reported too. One test per API × mode lists every class of failure it
// found, each with a curl command that replays it.
//
//   AKINAI_CONFORMANCE_SEED=123   replays a run (every run prints its seed)
//   AKINAI_CONFORMANCE_RUNS=100   generated requests per operation and mode (default 20)
import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApiName, apis, startMock } from '../src/index.js';
import { type Answer, createJudge, type Finding } from './conformance/judge.js';
import { type Pool, harvest, substitute } from './conformance/pool.js';
import { type Credentials, exampleParts, type Knobs, knobs, type Parts, parts, prng, toWire } from './conformance/sampler.js';
import { type Op, readSpec, type Spec } from './conformance/spec.js';
import { closeAgent, curl, send, type WireRequest } from './conformance/wire.js';

const SEED = process.env.AKINAI_CONFORMANCE_SEED ? Number(process.env.AKINAI_CONFORMANCE_SEED) : randomInt(1, 2 ** 31 - 1);
const DEFAULT_RUNS = 20;
const RUNS = process.env.AKINAI_CONFORMANCE_RUNS ? Number(process.env.AKINAI_CONFORMANCE_RUNS) : DEFAULT_RUNS;
if (!Number.isSafeInteger(SEED) || !Number.isSafeInteger(RUNS) || RUNS < 0)
  throw new Error('AKINAI_CONFORMANCE_SEED and _RUNS are whole numbers.');
const REPLAY = `AKINAI_CONFORMANCE_SEED=${SEED} pnpm --filter @akinai/mock exec vitest run test/conformance.test.ts`;
console.log(`conformance: seed ${SEED}, ${RUNS} generated requests per operation and mode (replay: ${REPLAY})`);

type Mode = 'stateful' | 'static';
type Source = 'generated' | 'example' | 'prefer' | 'no credentials' | 'sequence' | 'read-back';

interface Failure {
  op: Op;
  kind: string;
  detail: string;
  source: Source;
  request: WireRequest;
  count: number;
  /** A sequence's earlier requests: the state the failing one met. */
  prelude: WireRequest[];
}

let total = 0;
afterAll(() => closeAgent());

/** FNV-1a of a text, mixed with the run's seed: each operation's own reproducible seed. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5 ^ SEED;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (hash >>> 0) % 0x7fffffff || 1;
}

/** Credentials for the spec's security schemes; D.T.P's cookies are the ones its Auth sets. */
async function credentialsOf(spec: Spec, base: string): Promise<Credentials> {
  const credentials: Credentials = { headers: {}, cookies: {} };
  for (const scheme of Object.values<any>(spec.schemes)) {
    if (scheme.type === 'apiKey' && scheme.in === 'header')
      credentials.headers[scheme.name.toLowerCase()] = 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln';
    else if (scheme.type === 'apiKey' && scheme.in === 'cookie') credentials.cookies[scheme.name] = 'conformance0session0cookie';
    else if (scheme.type === 'http' && /^basic$/i.test(scheme.scheme))
      credentials.headers.authorization = `Basic ${Buffer.from('conformance@example.jp:パスワード1').toString('base64')}`;
    else if (scheme.type === 'http' && /^bearer$/i.test(scheme.scheme)) credentials.headers.authorization = 'Bearer conformance';
  }
  const auth = spec.operations.find((op) => op.operationId === 'Auth');
  if (auth?.body) {
    const answer = await send(base, toWire(auth, exampleParts(auth, auth.body.examples[0]?.value, { optional: false }), {}));
    for (const line of [answer.headers['set-cookie'] ?? []].flat()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      if (at > 0 && pair!.slice(0, at) in credentials.cookies) credentials.cookies[pair!.slice(0, at)] = pair!.slice(at + 1);
    }
  }
  return credentials;
}

async function conform(api: ApiName, mode: Mode) {
  const started = performance.now();
  const spec = readSpec(api);
  const { judge, errorsAt } = createJudge(spec);
  const mock = await startMock(api, { static: mode === 'static' });
  const failures = new Map<string, Failure>();
  let sent = 0;
  let discarded = 0;
  let succeeded = 0;
  const timing = new Map<Source, { n: number; ms: number }>();
  try {
    const credentials = await credentialsOf(spec, mock.url);
    const reset = async () => {
      if (mode === 'stateful') await send(mock.url, { method: 'POST', target: '/__akinai/reset', headers: {}, body: undefined });
    };
    const record = (op: Op, source: Source, request: WireRequest, finding: Finding, prelude: WireRequest[] = []) => {
      const key = `${op.operationId}\u0000${finding.kind}`;
      const seen = failures.get(key);
      if (seen) seen.count += 1;
      else failures.set(key, { op, ...finding, source, request, count: 1, prelude: [...prelude] });
    };
    /** What is wrong with the parts of a request by the spec (Ajv): [] when it is spec-valid. */
    const invalid = (op: Op, p: Parts): string[] => [
      ...p.params.flatMap(({ param, value }) => errorsAt(param.pointer, value).map((error) => `${param.in} ${param.name}: ${error}`)),
      ...(op.body?.required && !p.hasBody ? ['the body is required'] : []),
      ...(p.hasBody && op.body ? errorsAt(op.body.pointer, p.body).map((error) => `body: ${error}`) : []),
    ];
    const exchange = async (
      op: Op,
      source: Source,
      request: WireRequest,
      { valid, prelude = [] }: { valid: boolean; prelude?: WireRequest[] },
    ): Promise<Answer | undefined> => {
      sent += 1;
      let answer: Answer;
      const at = performance.now();
      try {
        answer = await send(mock.url, request);
      } catch (error) {
        record(op, source, request, { kind: 'no answer', detail: String(error) }, prelude);
        return undefined;
      } finally {
        const spent = timing.get(source) ?? { n: 0, ms: 0 };
        timing.set(source, { n: spent.n + 1, ms: spent.ms + performance.now() - at });
      }
      for (const finding of judge(op, answer, { head: op.method === 'HEAD' })) record(op, source, request, finding, prelude);
      if (valid) {
        const refused = prismRefusals(answer);
        if (refused.length > 0)
          record(
            op,
            source,
            request,
            {
              kind: `a spec-valid request refused (Prism: ${refused[0]!.where} ${refused[0]!.code})`,
              detail: `${answer.status} ${answer.bytes.toString('utf8').slice(0, 160)} — ${refused.map((r) => `${r.where}: ${r.message}`).join('; ')}`,
            },
            prelude,
          );
      }
      return answer;
    };

    for (const op of spec.operations) {
      await reset();
      // The documented examples: each body example, with the required parameters' examples, then with every parameter's.
      const bodies = op.body?.examples.length ? op.body.examples : [{ name: '(none)', value: undefined }];
      const exampleRequests: { parts: Parts; valid: boolean }[] = [];
      for (const example of bodies) {
        for (const optional of [false, true]) {
          if (optional && !op.params.some((param) => !param.required && param.examples.length > 0)) continue;
          const p = exampleParts(op, example.value, { optional });
          const errors = invalid(op, p);
          if (errors.length > 0 && !(example.value === undefined && op.body?.required)) {
            record(op, 'example', toWire(op, p, { credentials }), {
              kind: `documented request example "${example.name}" is off the spec`,
              detail: errors.slice(0, 3).join('; '),
            });
          }
          exampleRequests.push({ parts: p, valid: errors.length === 0 });
          await reset();
          await exchange(op, 'example', toWire(op, p, { credentials }), { valid: errors.length === 0 });
        }
      }
      const base = exampleRequests.find((r) => r.valid) ?? exampleRequests[0]!;
      // Every documented status and every named example, on demand.
      for (const { status, examples } of op.responses) {
        // A range or `default` has no code to ask for: its examples are asked for by name alone.
        const code = /^\d{3}$/.test(status) ? `code=${status}` : undefined;
        const prefers = [...(code ? [code] : []), ...examples.map((name) => (code ? `${code}, example=${name}` : `example=${name}`))];
        for (const prefer of prefers) {
          const request = toWire(op, base.parts, { credentials });
          request.headers.prefer = prefer;
          await exchange(op, 'prefer', request, { valid: base.valid });
        }
      }
      // Without credentials (D.T.P: without its two cookies).
      if (op.secured) await exchange(op, 'no credentials', toWire(op, base.parts, {}), { valid: false });
      // Generated spec-valid requests.
      await reset();
      const details = await fc.check(
        fc.asyncProperty(knobs, async (k) => {
          const p = parts(op, k);
          if (invalid(op, p).length > 0) {
            discarded += 1;
            fc.pre(false);
          }
          await exchange(op, 'generated', toWire(op, p, { credentials, form: k.form }), { valid: !unnamedUtf8(op, k) });
          return true;
        }),
        { seed: seedOf(`${api}:${mode}:${op.operationId}`), numRuns: RUNS, maxSkipsPerRun: 20 },
      );
      if (details.failed) {
        record(
          op,
          'generated',
          { method: op.method, target: op.path, headers: {}, body: undefined },
          {
            kind: 'the sampler found no spec-valid request',
            detail: String(details.errorInstance ?? `${details.numSkips} samples off the spec`).slice(0, 300),
          },
        );
      }
    }
    // Stateful: what each write stores, read back by every read operation (GET, or a D.T.P command marked
    // x-akinai-idempotent) with the ids, codes and tokens the write answered.
    if (mode === 'stateful') {
      const reads = spec.operations.filter((op) => op.method === 'GET' || op.operation['x-akinai-idempotent'] === true);
      const writes = spec.operations.filter((op) => !reads.includes(op));
      for (const write of writes) {
        await reset();
        const pool: Pool = new Map();
        const written = exampleParts(write, write.body?.examples[0]?.value, { optional: true });
        if (invalid(write, written).length > 0) continue;
        const request = toWire(write, written, { credentials });
        const answer = await exchange(write, 'read-back', request, { valid: true });
        if (!answer || !harvestAnswer(pool, write, answer)) continue;
        for (const read of reads) {
          const base = exampleParts(read, read.body?.examples[0]?.value, { optional: false });
          const p = substitute(pool, read, base, prng(seedOf(`${write.operationId}>${read.operationId}`)), 1);
          if (invalid(read, p).length > 0) continue;
          await exchange(read, 'read-back', toWire(read, p, { credentials }), { valid: true, prelude: [request] });
        }
      }
    }
    // Stateful: sequences of generated requests, each reaching what the earlier ones wrote (ids, codes and
    // tokens they answered), so that what a write stores is read back against the read's schema.
    if (mode === 'stateful') {
      const steps = fc.array(fc.record({ at: fc.nat({ max: spec.operations.length - 1 }), knobs }), { minLength: 3, maxLength: 10 });
      const details = await fc.check(
        fc.asyncProperty(steps, async (sequence) => {
          await reset();
          const pool: Pool = new Map();
          const prelude: WireRequest[] = [];
          for (const { at, knobs: k } of sequence) {
            const op = spec.operations[at]!;
            const drawn = parts(op, k);
            const reused = substitute(pool, op, drawn, prng(k.seed ^ 0x5bd1e995));
            const p = invalid(op, reused).length === 0 ? reused : drawn;
            if (invalid(op, p).length > 0) {
              discarded += 1;
              continue;
            }
            const request = toWire(op, p, { credentials, form: k.form });
            const answer = await exchange(op, 'sequence', request, { valid: !unnamedUtf8(op, k), prelude });
            prelude.push(request);
            if (answer && harvestAnswer(pool, op, answer)) succeeded += 1;
          }
          return true;
        }),
        { seed: seedOf(`${api}:${mode}:sequences`), numRuns: RUNS },
      );
      if (details.failed) throw details.errorInstance;
    }
  } finally {
    await mock.close();
  }
  total += sent;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const means = [...timing].map(([source, { n, ms }]) => `${source} ${n} × ${(ms / n).toFixed(1)} ms`).join(', ');
  console.log(
    `conformance ${api} (${mode}): ${sent} requests in ${seconds} s (${means}), ${discarded} samples discarded, ${mode === 'stateful' ? `${succeeded} sequence steps succeeded, ` : ''}${failures.size} classes of failure`,
  );
  return { failures: [...failures.values()], sent };
}

/** Files the values of a successful JSON answer (D.T.P: StatusCode 0) in the pool; whether it was one. */
function harvestAnswer(pool: Pool, op: Op, answer: Answer): boolean {
  if (answer.status >= 300 || !/json/.test(String(answer.headers['content-type'] ?? ''))) return false;
  try {
    const body = JSON.parse(answer.bytes.toString('utf8'));
    if (op.statusCodes && Number(body?.StatusCode) !== 0) return false;
    harvest(pool, op, body);
    return true;
  } catch {
    return false; // not JSON: the judge has said so
  }
}

/** A form sent in UTF-8 without naming it: a client's mistake, judged by the invariant only. */
const unnamedUtf8 = (op: Op, k: Knobs) => k.form === 'utf-8 unnamed' && op.body?.mediaType === 'application/x-www-form-urlencoded';

/** Prism's findings about the request (the sl-violations header the mock passes on). */
function prismRefusals(answer: Answer): { where: string; code: string; message: string }[] {
  const header = answer.headers['sl-violations'];
  if (typeof header !== 'string') return [];
  const json = header.replace(/^Too many violations! /, '');
  let violations: { location?: unknown[]; severity?: string; code?: unknown; message?: string }[];
  try {
    violations = JSON.parse(json);
  } catch {
    return [{ where: 'request', code: 'unreadable', message: header.slice(0, 200) }];
  }
  return violations
    .filter((v) => v.location?.[0] === 'request' && v.severity === 'Error')
    .map((v) => ({ where: (v.location ?? []).join('.'), code: String(v.code), message: String(v.message) }));
}

/** The failures of a run, each with the curl command that sends the same bytes to a mock started so. */
function report(api: ApiName, mode: Mode, failures: Failure[]): string {
  const port = apis[api].defaultPort;
  const base = `http://127.0.0.1:${port}`;
  const lines = [
    `${failures.length} classes of failure of ${api} (${mode}); replay the run: ${REPLAY}`,
    `Each curl runs against: npx akinai-mock ${api} --port ${port}${mode === 'static' ? ' --static' : ''}${mode === 'stateful' ? ' (state: the seed, then the operation’s earlier requests)' : ''}`,
    '',
  ];
  for (const failure of failures) {
    lines.push(
      `✗ ${failure.op.operationId} (${failure.op.method} ${failure.op.path}): ${failure.kind} — ×${failure.count}, first from ${failure.source}`,
    );
    lines.push(`    ${failure.detail}`);
    if (failure.prelude.length > 0) {
      lines.push(`    after (${failure.prelude.length} earlier requests of the sequence, from a reset):`);
      for (const request of failure.prelude) lines.push(`      ${curl(base, request)} -s -o /dev/null`);
      lines.push('    then:');
    }
    lines.push(`    ${curl(base, failure.request)}`);
  }
  return lines.join('\n');
}

// The judge itself: what the invariant forbids, it finds (so a green run means something).
describe('the judge', () => {
  const recore = readSpec('recore');
  const dtp = readSpec('dtp-lcv');
  const judgeRecore = createJudge(recore).judge;
  const judgeDtp = createJudge(dtp).judge;
  const op = (spec: Spec, id: string) => spec.operations.find((o) => o.operationId === id)!;
  const json = (status: number, body: unknown, type = 'application/json; charset=utf-8'): Answer => ({
    status,
    headers: { 'content-type': type },
    bytes: Buffer.from(JSON.stringify(body)),
  });
  const kinds = (findings: Finding[]) => findings.map((finding) => finding.kind);
  const member = recore.document.components.examples.Member.value;

  it('passes documented answers', () => {
    expect(judgeRecore(op(recore, 'getMember'), json(200, member))).toEqual([]);
    expect(judgeRecore(op(recore, 'deleteMemberNote'), { status: 204, headers: {}, bytes: Buffer.alloc(0) })).toEqual([]);
    expect(judgeDtp(op(dtp, 'Get_UserPoint'), json(200, { StatusCode: -8002, Status: '顧客CDが存在しません', UserPoint: null }))).toEqual(
      [],
    );
  });

  it('finds an undocumented status, a 5xx, a wrong media type, a missing or unwanted body, a body off its schema', () => {
    const get = op(recore, 'getMember');
    expect(kinds(judgeRecore(get, { status: 409, headers: {}, bytes: Buffer.alloc(0) }))).toEqual([
      'status 409, which the operation does not document',
    ]);
    expect(kinds(judgeRecore(get, json(503, {})))).toContain('a 503 (never a 5xx)');
    expect(kinds(judgeRecore(get, json(401, { type: 'x' }, 'application/problem+json')))).toEqual([
      '401 in application/problem+json (documented: application/json)',
    ]);
    expect(kinds(judgeRecore(get, { status: 200, headers: {}, bytes: Buffer.alloc(0) }))).toEqual([
      '200 without a body (documented: application/json)',
    ]);
    expect(kinds(judgeRecore(op(recore, 'deleteMemberNote'), json(204, {})))).toEqual(['204 with a body, documented without one']);
    expect(kinds(judgeRecore(get, json(200, { ...member, status: '' })))).toEqual(['200 body off its schema: /status enum']);
    expect(kinds(judgeRecore(get, { status: 200, headers: { 'content-type': 'application/json' }, bytes: Buffer.from('{') }))).toEqual([
      '200 body is not JSON in utf-8',
    ]);
  });

  it('finds a D.T.P command answering other than 200, or a StatusCode outside its table', () => {
    const command = op(dtp, 'Get_UserPoint');
    expect(kinds(judgeDtp(command, json(401, {}, 'application/problem+json')))).toContain('HTTP 401 (a D.T.P command answers 200)');
    expect(kinds(judgeDtp(command, json(200, { StatusCode: -9001, Status: 'x', UserPoint: null })))).toEqual([
      'StatusCode outside its x-akinai-status-codes',
    ]);
    expect(kinds(judgeDtp(command, json(200, { StatusCode: '-8050', Status: '内部エラー: x', UserPoint: null })))).toEqual([]);
  });
});

const MODES: Mode[] = ['stateful', 'static'];
describe.each(Object.keys(apis) as ApiName[])('%s', (api) => {
  it.each(MODES)(
    'every answer of the %s mock is one its spec documents',
    async (mode) => {
      const { failures } = await conform(api, mode);
      if (failures.length > 0) throw new Error(report(api, mode, failures));
    },
    180_000,
  );
});

it(`sends at least 2,000 requests a run (${DEFAULT_RUNS} generated per operation and mode)`, () => {
  expect(total).toBeGreaterThanOrEqual(RUNS >= DEFAULT_RUNS ? 2000 : 0);
});
