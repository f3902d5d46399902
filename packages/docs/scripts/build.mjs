// Builds the static docs site into dist/: one Redoc page per API, the bundled specs beside it, one
// self-hosted copy of Redoc shared by all pages, and a landing page. Nothing on the pages loads from
// outside the site.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle, operations as operationsOf, redocly, registry } from '@akinai/specs';
import { transformSync } from 'esbuild';
import { annotate, countInferred } from '../site/annotate.mjs';
import { changelogPage, packagesWithChanges } from '../site/changelog.mjs';
import { landingPage } from '../site/landing.mjs';
import { codeSamples, mockScenarios, sampleLanguages } from '../site/samples.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('../dist/');
const redoclyCli = dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json'));
// Redoc's sidebar credit loads Redocly's logo from a CDN; the self-hosted copy shows the name instead.
const REDOCLY_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const LOGO_TEXT = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="56" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#555">Redocly</text></svg>',
)}`;

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'assets'), { recursive: true });
const redoc = readFileSync(join(redoclyCli, 'lib/chunks/redoc.standalone.js'), 'utf8');
if ((redoc.match(REDOCLY_LOGO) ?? []).length !== 2) throw new Error("Redoc's logo URLs not found; has Redoc changed?");
// A classic script, not the ES module Redocly ships: a page opened from file:// may not load modules
// (Chromium blocks them as cross-origin), and then nothing would render. It defines AkinaiRedoc.
const { code: redocClassic } = transformSync(redoc.replace(REDOCLY_LOGO, LOGO_TEXT), {
  format: 'iife',
  globalName: 'AkinaiRedoc',
  minify: true, // as Redocly ships it: re-printed unminified it would weigh 40 % more
  logLevel: 'silent', // import.meta, in a branch only Node takes, becomes {}
});
writeFileSync(join(dist, 'assets/redoc.standalone.js'), redocClassic);

const work = mkdtempSync(join(tmpdir(), 'akinai-docs-'));
const apis = [];
for (const entry of registry()) {
  const api = entry.name;
  const document = loadBundle(entry);
  const out = join(dist, api);
  mkdirSync(out);
  for (const ext of ['yaml', 'json']) copyFileSync(entry.bundle.replace(/json$/, ext), join(out, `${api}.openapi.${ext}`));

  const samples = codeSamples(document, api, entry.mockPort, entry.root);
  writeFileSync(join(out, 'code-samples.json'), `${JSON.stringify(samples, null, 2)}\n`);
  const annotated = join(work, `${api}.json`);
  writeFileSync(annotated, JSON.stringify(annotate(document, samples)));
  const args = [
    'build-docs',
    annotated,
    '-o',
    join(out, 'index.html'),
    '--template',
    here('../site/template.hbs'),
    '--templateOptions.api',
    api,
    '--openapi',
    JSON.stringify({ codeSamples: { languages: sampleLanguages } }),
    '--title',
    `${document.info.title} | akinai`,
  ];
  if (redocly(args, { cwd: work, quiet: true }) !== 0) process.exit(redocly(args, { cwd: work }));
  selfHostRedoc(join(out, 'index.html'));

  const operations = operationsOf(document).map(({ operation }) => operation);
  const firstRead = operations.find((op) => /^(get|list)/i.test(op.operationId ?? '')) ?? operations[0];
  apis.push({
    api,
    info: document.info,
    operations: operations.length,
    inferred: countInferred(document),
    mockPort: entry.mockPort,
    firstCall: samples[firstRead?.operationId ?? ''][0].source,
    scenarios: mockScenarios(document),
  });
}
rmSync(work, { recursive: true, force: true });
const packages = packagesWithChanges();
mkdirSync(join(dist, 'changelog'));
for (const pkg of packages) writeFileSync(join(dist, 'changelog', `${pkg.slug}.html`), changelogPage(pkg));
writeFileSync(join(dist, 'index.html'), landingPage(apis, packages));

/**
 * Points the page at the shared copy of Redoc, loaded as a classic script, instead of Redocly's CDN
 * module, and proves no script or link is external.
 */
function selfHostRedoc(page) {
  const html = readFileSync(page, 'utf8');
  const preload = /<link rel="modulepreload" href="https:[^"]+redoc\.standalone\.js"[^>]*\/>/;
  const loader = /<script type="module">\s*import \{ hydrate \} from "https:[^"]+redoc\.standalone\.js";/;
  const call = /\bhydrate\(__redoc_definition,/;
  for (const expected of [preload, loader, call]) {
    if (!expected.test(html)) throw new Error(`${page}: ${expected} not found; has build-docs changed?`);
  }
  const local = html
    .replace(preload, '')
    .replace(loader, '<script src="../assets/redoc.standalone.js"></script>\n      <script>')
    .replace(call, 'AkinaiRedoc.hydrate(__redoc_definition,');
  const external = local.match(/<(?:script|link)\b[^>]*\b(?:src|href)="https?:\/\/[^"]*"/g);
  if (external) throw new Error(`${page}: still loads from outside the site: ${external.join(', ')}`);
  writeFileSync(page, local);
}
