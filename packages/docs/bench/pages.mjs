// Page weight and time until each page of the built site is fully rendered, in Debian's Chromium:
// "fully rendered" is Redoc hydrated (its search no longer says Loading…), or the load event for our
// own pages. Median of 5 cold loads per page. Prints a table; writes bench/docs-pages.json at the root.
import { mkdirSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { serveSite, siteDir } from '../src/server.mjs';
import { launchChromium } from '../test/chromium.mjs';

const LOADS = 5;
const apis = readdirSync(siteDir).filter((dir) => existsSync(`${siteDir}${dir}/${dir}.openapi.json`));
const pages = [{ name: 'landing', path: 'index.html', redoc: false }, ...apis.map((api) => ({ name: api, path: `${api}/`, redoc: true }))];

const site = await serveSite();
const browser = await launchChromium();
const results = {};
try {
  for (const { name, path, redoc } of pages) {
    const times = [];
    let weight;
    for (let load = 0; load < LOADS; load += 1) {
      const context = await browser.newContext(); // cold: no cache
      const page = await context.newPage();
      const bodies = [];
      page.on('response', async (response) => {
        if (response.url().startsWith(site.url)) bodies.push(response.body().catch(() => Buffer.alloc(0)));
      });
      await page.goto(new URL(path, site.url).href, { waitUntil: 'load' });
      const ms = redoc
        ? await page
            .waitForFunction(() => !document.body.innerText.includes('Loading...') && performance.now(), null, { timeout: 30_000 })
            .then((h) => h.jsonValue())
        : await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
      times.push(ms);
      const files = await Promise.all(bodies);
      weight = {
        requests: files.length,
        bytes: files.reduce((n, b) => n + b.length, 0),
        gzipBytes: files.reduce((n, b) => n + gzipSync(b).length, 0),
      };
      await context.close();
    }
    times.sort((a, b) => a - b);
    results[name] = {
      ...weight,
      renderedMs: Math.round(times[Math.floor(LOADS / 2)]),
      rangeMs: [Math.round(times[0]), Math.round(times.at(-1))],
    };
  }
} finally {
  await browser.close();
  await site.close();
}

console.log(`Docs pages: weight and time until fully rendered (median of ${LOADS} cold loads)\n`);
console.log('| page | requests | bytes | gzip | rendered (ms) | range (ms) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, r] of Object.entries(results)) {
  console.log(`| ${name} | ${r.requests} | ${r.bytes} | ${r.gzipBytes} | ${r.renderedMs} | ${r.rangeMs.join('–')} |`);
}
const out = new URL('../../../bench/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('docs-pages.json', out), `${JSON.stringify(results, null, 2)}\n`);
