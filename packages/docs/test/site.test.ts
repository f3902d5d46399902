// The built site in real Chromium (Debian's, driven by playwright-core), served from loopback.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { clientNames } from '@akinai/specs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite, siteDir } from '../src/server.mjs';
import { launchChromium } from './chromium.mjs';

const apis = readdirSync(siteDir).filter((dir) => existsSync(`${siteDir}${dir}/${dir}.openapi.json`));
const results = new URL('../test-results/', import.meta.url);

let browser: Browser;
let site: { url: string; close(): Promise<void> };

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  site = await serveSite();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A page of the site, served over loopback (or, `fromDisk`, opened from file:// with no server); any request leaving it is blocked and recorded. */
async function open(path: string, { fromDisk = false } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors: string[] = [];
  const outside: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  const base = fromDisk ? pathToFileURL(siteDir).href : site.url;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  await page.goto(new URL(path, base).href, { waitUntil: 'load' });
  return { page, errors, outside };
}

it('the site has a page for every bundled spec', () => {
  expect(apis).toContain('recore');
});

describe.each(apis)('%s reference page', (api) => {
  const document = JSON.parse(readFileSync(new URL(`../dist/${api}/${api}.openapi.json`, import.meta.url), 'utf8'));
  type Operation = { operationId: string; summary: string; tags: string[]; requestBody?: unknown };
  const operations = Object.values(document.paths as Record<string, Record<string, Operation>>)
    .flatMap((item) => Object.values(item))
    .filter((operation) => operation.operationId);

  it(
    'renders every operation, in Japanese, offline, without console errors',
    async () => {
      const { page, errors, outside } = await open(`${api}/index.html`);
      await page.getByText(document.info.title).first().waitFor();
      const client = clientNames(api).factory;
      for (const { operationId, summary, tags } of operations) {
        // Redoc 3 shows one operation at a time, routed by the URL hash (read when the page loads).
        await page.goto('about:blank');
        await page.goto(new URL(`${api}/#/${tags[0]}/${operationId.toLowerCase()}`, site.url).href);
        await page.locator('h2').getByLabel(`link to ${summary}`, { exact: true }).waitFor({ timeout: 15_000 });
        // Its code sample: the call through the SDK.
        await page.getByText(client).first().waitFor({ timeout: 15_000 });
      }
      await page.screenshot({ path: new URL(`${api}.png`, results).pathname });
      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
      await page.close();
    },
    Math.max(120_000, operations.length * 6_000),
  );

  it("shows each command's StatusCode table, where the spec has one", async () => {
    const withTable = operations.find((operation) => 'x-akinai-status-codes' in operation) as
      | (Operation & { 'x-akinai-status-codes': { code: number; status: string }[] })
      | undefined;
    if (!withTable) return;
    const { page } = await open(`${api}/#/${withTable.tags[0]}/${withTable.operationId.toLowerCase()}`);
    const [first] = withTable['x-akinai-status-codes'];
    const table = page.locator('table').filter({ hasText: 'StatusCode' }).first();
    await table.waitFor({ timeout: 15_000 });
    expect(await table.innerText()).toContain(`${first!.code}\t${first!.status}`);
    await page.close();
  });

  it('says how a command API reads its requests, where the spec declares it', async () => {
    if (!document['x-akinai-request-binding']) return expect(api).not.toBe('dtp-lcv');
    const aliased = operations.find(
      (operation) => JSON.stringify(operation).includes('"user_pasword"') && JSON.stringify(operation).includes('x-akinai-aliases'),
    )!;
    const { page } = await open(`${api}/#/${aliased.tags[0]}/${aliased.operationId.toLowerCase()}`);
    await expect
      .poll(() => page.locator('body').innerText(), { timeout: 15_000 })
      .toMatch(/呼び出し方: POST（引数はフォーム）・GET（引数はクエリ文字列）。引数名の大文字・小文字は区別しない。/);
    await page.getByText('user_pasword').first().click();
    await expect
      .poll(() => page.locator('body').innerText(), { timeout: 15_000 })
      .toMatch(/この名前でも受け付ける（ベンダーの実行例の綴り）: user_password/);
    await page.close();
  });

  it('shows every check of a request: a requirement on a condition, bounds, and the fields of JSON text', async () => {
    // Redoc renders an if/then as unlabelled tabs and JSON text as a string: the spec says them in words too.
    const conditional = operations.filter((operation) => JSON.stringify(operation.requestBody ?? {}).includes('"then"'));
    const jsonText = operations.filter((operation) => JSON.stringify(operation.requestBody ?? {}).includes('"contentSchema"'));
    if (api !== 'dtp-lcv') return expect(conditional.length + jsonText.length).toBe(0);
    expect([conditional.length, jsonText.length]).toEqual([1, expect.any(Number)]);
    const text = async (operation: Operation) => {
      const { page } = await open(`${api}/#/${operation.tags[0]}/${operation.operationId.toLowerCase()}`);
      await page.locator('h2').getByLabel(`link to ${operation.summary}`, { exact: true }).waitFor({ timeout: 15_000 });
      const body = await page.locator('body').innerText();
      await page.close();
      return body;
    };
    expect(await text(conditional[0]!)).toContain('条件つきの必須: Mode が C のとき、Name・Memo・StartDate・EndDate・Count も必須。');
    for (const operation of jsonText) expect(await text(operation)).toMatch(/JSON の各要素の項目: .+（必須、/);
    const order = operations.find((operation) => operation.operationId === 'Set_OrderInfo')!;
    expect(await text(order)).toContain('Price（必須、-9999999999 以上、9999999999 以下');
    // Redoc shows a field's bounds itself (register_no: int, 14 digits).
    expect(await text(operations.find((operation) => operation.operationId === 'Set_UserPoint')!)).toMatch(
      /register_no\s+integer or string, \[ -99999999999999 \.\. 99999999999999 \]/,
    );
  }, 120_000);

  it('marks inferred contracts visibly', async () => {
    const inferred = operations.find((operation) => JSON.stringify(operation).includes('x-akinai-inferred'));
    expect(inferred).toBeDefined();
    const { page } = await open(`${api}/#/${inferred!.tags[0]}/${inferred!.operationId.toLowerCase()}`);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 15_000 }).toMatch(/推測（ベンダー未記載）/);
    await page.close();
  });

  it('says what the stateful mock does with each operation that keeps state', async () => {
    const batch = operations.find(
      (operation) => (operation as { 'x-akinai-state'?: { action: string } })['x-akinai-state']?.action === 'batch',
    );
    const create = operations.find(
      (operation) => (operation as { 'x-akinai-state'?: { action: string } })['x-akinai-state']?.action === 'create',
    );
    if (!create) return;
    const { page } = await open(`${api}/#/${create.tags[0]}/${create.operationId.toLowerCase()}`);
    await expect
      .poll(() => page.locator('body').innerText(), { timeout: 15_000 })
      .toMatch(/モックでは: [\w-]+ の記録を 1 件作る。\s*要求の項目のうち記録にもあるものを設定し、それ以外の項目は無視する。/);
    if (batch) {
      await page.goto(new URL(`${api}/#/${batch.tags[0]}/${batch.operationId.toLowerCase()}`, site.url).href);
      await expect
        .poll(() => page.locator('body').innerText(), { timeout: 15_000 })
        .toMatch(/は実際に追加・更新・削除した行の数（変化のない行は数えない）/);
    }
    await page.close();
  });

  it('search finds a Japanese term', async () => {
    const { page } = await open(`${api}/`);
    const term = operations[0]!.summary.slice(0, 4);
    await page.getByText('Search', { exact: false }).first().click();
    await page.getByPlaceholder('Search docs').fill(term);
    await page.locator('[data-component-name="Search/SearchItem"]').filter({ hasText: term }).first().waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('offers the bundled spec for download', async () => {
    for (const ext of ['yaml', 'json']) {
      const response = await fetch(new URL(`${api}/${api}.openapi.${ext}`, site.url));
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('3.1.0');
    }
  });
});

it('the landing page links every API and every changelog', async () => {
  const { page, errors, outside } = await open('index.html');
  for (const api of apis) expect(await page.locator(`a[href="${api}/index.html"]`).count()).toBeGreaterThan(0);
  for (const pkg of ['sdk', 'mock', 'docs']) {
    const response = await fetch(new URL(`changelog/${pkg}.html`, site.url));
    expect(await response.text()).toContain(`@akinai/${pkg} の変更履歴`);
  }
  await page.screenshot({ path: new URL('index.png', results).pathname });
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
  await page.close();
});

describe('opened from file:// (the built folder, or the unpacked package), with no server', () => {
  it('goes from the landing page to a reference, whose sidebar and search work', async () => {
    const { page, errors, outside } = await open('index.html', { fromDisk: true });
    await page.locator('a[href="recore/index.html"]').first().click();
    const document = JSON.parse(readFileSync(`${siteDir}recore/recore.openapi.json`, 'utf8'));
    await page.getByText(document.info.title).first().waitFor({ timeout: 30_000 });

    // A sidebar entry opens its section on the page, not a file:///<tag> that does not exist.
    const tag = document.tags[0].name as string;
    await page.locator(`.menu-content a[href="/${tag}"]`).first().click();
    await expect.poll(() => page.url()).toMatch(/recore\/index\.html#\/.+/);
    expect(page.url().startsWith(pathToFileURL(siteDir).href)).toBe(true);
    const first = Object.values(document.paths as Record<string, Record<string, { tags?: string[]; summary: string }>>)
      .flatMap((item) => Object.values(item))
      .find((operation) => operation.tags?.includes(tag))!;
    await page.locator('h2').getByLabel(`link to ${first.summary}`, { exact: true }).waitFor({ timeout: 30_000 });

    await page.getByText('Search', { exact: false }).first().click();
    await page.getByPlaceholder('Search docs').fill('会員');
    await page.locator('[data-component-name="Search/SearchItem"]').filter({ hasText: '会員' }).first().waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });
});
