// The guarantees of the spec tooling itself: a broken spec fails lint naming the file and the rule,
// and no component file can escape the lint by being left out of its root.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const specs = fileURLToPath(new URL('..', import.meta.url));
const redocly = join(specs, 'node_modules/.bin/redocly');
const apis = Object.entries(parse(readFileSync(join(specs, 'redocly.yaml'), 'utf8')).apis as Record<string, { root: string }>);
const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scratch copy of the specs, so a test can break one without touching the real files. */
function copyOfSpecs() {
  const dir = mkdtempSync(join(tmpdir(), 'akinai-specs-'));
  copies.push(dir);
  cpSync(specs, dir, { recursive: true, filter: (path) => !/node_modules|dist|test/.test(path.slice(specs.length)) });
  symlinkSync(join(specs, 'node_modules'), join(dir, 'node_modules')); // the plugin's own imports (Ajv)
  return dir;
}

async function lint(dir: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(redocly, ['lint', '--format=stylish'], { cwd: dir });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, output: stdout + stderr };
  }
}

function edit(file: string, from: string | RegExp, to: string) {
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `${file} did not contain ${from}`).not.toBe(text);
  writeFileSync(file, changed);
}

describe('lint names the file and the rule', () => {
  it('an example that breaks its schema', async () => {
    const dir = copyOfSpecs();
    edit(join(dir, 'recore/components/examples/Member.yaml'), '  status: ACTIVE', '  status: ACTIV');
    const { code, output } = await lint(dir);
    expect(code).toBe(1);
    expect(output).toMatch(/recore\/components\/examples\/Member\.yaml:\s*\n\s*\d+:\d+\s+error\s+no-invalid-media-type-examples/);
  });

  it('an extension of the wrong shape, and an unknown one', async () => {
    const dir = copyOfSpecs();
    edit(
      join(dir, 'recore/paths/members@point.yaml'),
      'x-akinai-rate-limit: { requestsPerSecond: 2 }',
      'x-akinai-rate-limit: { requestsPerSecond: two }',
    );
    edit(join(dir, 'dtp-lcv/paths/Get_UserPoint.aspx.yaml'), 'x-akinai-idempotent', 'x-akinai-idempotant');
    const { code, output } = await lint(dir);
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /recore\/paths\/members@point\.yaml:\s*\n\s*\d+:\d+\s+error\s+akinai\/extensions\s+x-akinai-rate-limit is not of its shape: \/requestsPerSecond must be number/,
    );
    expect(output).toMatch(
      /dtp-lcv\/paths\/Get_UserPoint\.aspx\.yaml:\s*\n\s*\d+:\d+\s+error\s+akinai\/extensions\s+Unknown extension x-akinai-idempotant/,
    );
  });

  it('a command’s status table without the root’s x-akinai-command-result', async () => {
    const dir = copyOfSpecs();
    edit(join(dir, 'dtp-lcv/openapi.yaml'), /x-akinai-command-result: .*\n/, '');
    const { code, output } = await lint(dir);
    expect(code).toBe(1);
    expect(output).toMatch(
      /dtp-lcv\/paths\/Get_UserPoint\.aspx\.yaml:\s*\n\s*\d+:\d+\s+error\s+akinai\/extensions\s+x-akinai-status-codes needs x-akinai-command-result at the root/,
    );
  });

  it('an operation without its rate limit', async () => {
    const dir = copyOfSpecs();
    edit(join(dir, 'recore/paths/members@point.yaml'), / {2}x-akinai-rate-limit: \{ requestsPerSecond: 2 \}\n/, '');
    const { code, output } = await lint(dir);
    expect(code).toBe(1);
    expect(output).toMatch(/recore\/paths\/members@point\.yaml:\s*\n\s*\d+:\d+\s+error\s+rule\/operation-rate-limit/);
  });

  it('a required list or a pattern without the vendor statement it comes from, or why it is inferred', async () => {
    const dir = copyOfSpecs();
    edit(join(dir, 'pittaly-order/components/schemas/BatchUpload.yaml'), /x-akinai-source: .*\n/, '');
    edit(join(dir, 'dtp-lcv/components/schemas/OrderLine.yaml'), /x-akinai-source: .*\n/, '');
    // A pattern beside a $ref: Redocly visits the target only, the rule reads it from the field.
    edit(
      join(dir, 'dtp-lcv/paths/Set_LcsOrderNew.aspx.yaml'),
      'tax: { $ref: ../components/schemas/Int10.yaml',
      "tax: { $ref: ../components/schemas/Int10.yaml, pattern: '[0-9]'",
    );
    const { code, output } = await lint(dir);
    expect(code).toBe(1);
    expect(output).toMatch(
      /pittaly-order\/components\/schemas\/BatchUpload\.yaml:\s*\n\s*\d+:\d+\s+error\s+akinai\/stated-checks\s+The required list \[customer_store_items\]/,
    );
    expect(output).toMatch(
      /dtp-lcv\/components\/schemas\/OrderLine\.yaml:\s*\n\s*\d+:\d+\s+error\s+akinai\/stated-checks\s+The required list \[Goods/,
    );
    expect(output).toMatch(
      /dtp-lcv\/paths\/Set_LcsOrderNew\.aspx\.yaml:\s*\n\s*\d+:\d+\s+error\s+akinai\/stated-checks\s+The pattern \[0-9\] beside the \$ref of tax/,
    );
  });

  it('a D.T.P number without a bound, in a request or an answer', async () => {
    const dir = copyOfSpecs();
    edit(join(dir, 'dtp-lcv/paths/Set_LcsOrderNew.aspx.yaml'), 'tax: { $ref: ../components/schemas/Int10.yaml', 'tax: { type: integer');
    edit(join(dir, 'dtp-lcv/components/schemas/Int3.yaml'), /maximum: .*\n/, '');
    const { code, output } = await lint(dir);
    expect(code).toBe(1);
    expect(output).toMatch(
      /dtp-lcv\/paths\/Set_LcsOrderNew\.aspx\.yaml:\s*\n\s*\d+:\d+\s+error\s+akinai\/bounded-numbers\s+The numeric field tax has no upper bound/,
    );
    expect(output).toMatch(
      /dtp-lcv\/components\/schemas\/PointSummary\.yaml:\s*\n\s*\d+:\d+\s+error\s+akinai\/bounded-numbers\s+The numeric field PointRate has no upper bound/,
    );
  });

  it('a summary not in Japanese', async () => {
    const dir = copyOfSpecs();
    edit(join(dir, 'recore/paths/members.yaml'), 'summary: 会員を作成する', 'summary: Create a member');
    const { code, output } = await lint(dir);
    expect(code).toBe(1);
    expect(output).toMatch(/recore\/paths\/members\.yaml:\s*\n\s*\d+:\d+\s+error\s+rule\/japanese-summary/);
  });
});

describe.each(apis)('%s', (api, { root }) => {
  it('lists every component file in its root, so that no-unused-components sees it', () => {
    const rootText = readFileSync(join(specs, root), 'utf8');
    const componentsDir = join(specs, api, 'components');
    for (const kind of readdirSync(componentsDir)) {
      for (const file of readdirSync(join(componentsDir, kind))) {
        expect(rootText, `${api}/components/${kind}/${file}`).toContain(`$ref: components/${kind}/${file}`);
      }
    }
  });
});

describe('status-code tables (x-akinai-status-codes)', () => {
  type Entry = { code: number; to?: number; status: string };
  // The bundles, built by `pnpm build` before the tests (turbo), resolve every $ref.
  const commands = apis.flatMap(([api]) =>
    Object.values(JSON.parse(readFileSync(join(specs, 'dist', `${api}.openapi.json`), 'utf8')).paths as Record<string, Record<string, any>>)
      .flatMap((item) => Object.values(item))
      .filter((operation) => operation['x-akinai-status-codes'])
      .map((operation) => [`${api} ${operation.operationId}`, operation] as const),
  );

  it('exist for the command API', () => expect(commands.length).toBeGreaterThan(50));

  it.each(commands)('%s: every error example is in the table, every code has its example', (_, operation) => {
    const table: Entry[] = operation['x-akinai-status-codes'];
    const inTable = (code: number) =>
      table.find((entry) => code === entry.code || (entry.to !== undefined && code <= entry.code && code >= entry.to));
    const examples = Object.entries(
      operation.responses['200'].content['application/json'].examples as Record<
        string,
        { value: { StatusCode: number | string; Status: string } }
      >,
    );
    for (const [name, { value }] of examples) {
      const code = Number(value.StatusCode);
      if (code === 0) continue;
      expect(inTable(code), `${name}: ${code}`).toBeDefined();
      // The table may add when a code happens (`… (mode=Cの場合)`); the server's Status is the message alone.
      const message = inTable(code)!.status.replace(/\s*\([^)]*の場合\)$/, '');
      if (inTable(code)!.to === undefined && name.startsWith('code')) expect(value.Status).toBe(message);
    }
    for (const entry of table.filter((e) => e.to === undefined)) expect(examples.map(([name]) => name)).toContain(`code${entry.code}`);
  });
});

it('every spec file is in the house style (node scripts/format.mjs)', async () => {
  const { stderr } = await promisify(execFile)(process.execPath, [join(specs, 'scripts/format.mjs'), '--check']).catch((error) => error);
  expect(stderr).toBe('');
});
