// node specs/scripts/extract-dtp-lcv-manual.mjs [<manual dir>]
// Extracts every 実行例 (example request URL) and 結果例 (example response) of section 7 of D.T.P's
// WEB API manual into specs/test/fixtures/dtp-lcv-manual.json, the fixtures the spec and the mock are
// tested against. Only the manual's typography is normalized (each kind is listed in the fixture, and
// each example records which it needed): the data is the vendor's.
// Default manual dir: ../shared/reference/dtp-lcv-manual beside the repository (the vendor's pages,
// from github.com/noor-klcv/cvnet_manual).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manual = process.argv[2] ?? join(root, '../shared/reference/dtp-lcv-manual');
const out = join(root, 'specs/test/fixtures/dtp-lcv-manual.json');

/** What each kind of normalization is for. */
const NORMALIZATIONS = {
  'masked value': 'the manual masks values as ****; replaced by a plausible value of the field (below)',
  'stray space': 'spaces around a name, a value or a path segment (the manual was typeset in a word processor)',
  elision: 'the manual elides with …, ……, ・・・, ",..," or a bare ****; the elided part is dropped',
  'page extension': '.spx for .aspx, or no extension: the server is ASP.NET, its pages end in .aspx',
  'curly quotes': 'typographic quotes “ ” ″ in JSON are straight quotes',
  'unquoted key': 'a JSON key written without its quotes',
  'wrong page': "Auth_Hint2's example URL names Auth_Hint.aspx with Auth_Hint2's parameters (Name1, Name2)",
};
/** Plausible values for masked fields, by name (case-insensitive), else x's of the mask's length. */
const MASKED = {
  login_id: 'apiuser',
  password: 'apipass',
  user_loginid: 'user0001',
  user_new_loginid: 'user0002',
  user_pasword: 'pass0001',
  user_password: 'pass0001',
  user_new_password: 'pass0002',
  tokenid: '06239596bbad14ad67bfe26a21abf07faedbebb7193',
  user_code: '1234567890123',
  user_id: 'EC0000123',
  code: '1234567890123',
  oldcard: '9876543210',
  name: 'DTP 花子',
  name1: '岡本',
  name2: '太郎',
  email: 'hanako@example.jp',
  mailaddress: 'hanako@example.jp',
  hintcode: '02',
};

const commands = [];
for (const file of readdirSync(manual)
  .filter((name) => /^7-\d+\.md$/.test(name))
  .sort((a, b) => parseInt(a.slice(2), 10) - parseInt(b.slice(2), 10))) {
  const text = readFileSync(join(manual, file), 'utf8');
  for (const section of text.split(/\n# /).slice(1)) {
    const title = /^(7\.\d+)\.?\s+([A-Za-z_0-9]+)/.exec(section.split('\n')[0] ?? '');
    if (!title) continue;
    const [, number, command] = title;
    const requests = examplesOf(section, '実行例')
      .flatMap(({ text }) => text.split('\n'))
      .filter((line) => /https?:\/\//.test(line))
      .map((url) => request(url.trim(), command));
    const responses = examplesOf(section, '結果例').map(response);
    if (requests.length === 0 && responses.length === 0) continue; // 7.33, 7.34: file formats, not commands
    commands.push({ section: number, command, statusCodes: statusTable(section), requests, responses });
  }
}
const requests = commands.flatMap((c) => c.requests).length;
const responses = commands.flatMap((c) => c.responses);
writeFileSync(
  out,
  `${JSON.stringify(
    {
      source: 'D.T.P WEB API manual, section 7 (github.com/noor-klcv/cvnet_manual, DOCS/JP/API/7/7-1.md … 7-6.md)',
      counts: {
        commands: commands.length,
        requests,
        responses: responses.length,
        parseableResponses: responses.filter((r) => 'json' in r).length,
      },
      normalizations: NORMALIZATIONS,
      maskedValues: MASKED,
      commands,
    },
    null,
    2,
  )}\n`,
);
console.log(`${commands.length} commands, ${requests} requests, ${responses.length} responses → ${out}`);

/**
 * The **Status** table: each row's code (a range as code and `to`) and the vendor's text, as written
 * (cells trimmed; 〜 and ～ both mark a range).
 */
function statusTable(section) {
  const start = section.indexOf('**Status**');
  if (start < 0) return [];
  const rows = section.slice(start).split('\n').slice(1);
  const table = [];
  for (const line of rows) {
    if (/^\s*\*\*/.test(line) && table.length > 0) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells.length < 2 || !/^-?\d/.test(cells[0])) continue;
    const [from, to] = cells[0].split(/\s*[〜～~]\s*/).map((n) => Number(n.replace(/\s+/g, '')));
    if (from === 0) continue;
    table.push({ code: from, ...(to !== undefined && !Number.isNaN(to) && { to }), status: cells[1] });
  }
  return table;
}

/**
 * The code blocks (or bare URL lines) under a bold heading such as **実行例**, up to the next heading,
 * each with the label written before it (成功, 失敗).
 */
function examplesOf(section, heading) {
  // 7.38 writes its 結果例 heading inside the 実行例 code block, unbolded.
  const start = section.search(new RegExp(`\\*\\*${heading}\\*\\*|^${heading}\\s*$`, 'm'));
  if (start < 0) return [];
  const rest = section.slice(start).replace(/^.*\n/, '');
  const end = rest.search(/\n\*\*[^*\n]+\*\*|^結果例\s*$/m);
  const body = end < 0 ? rest : rest.slice(0, end);
  const labelled = [...body.matchAll(/(成功|失敗)[^\n`]*\n\s*```([\s\S]*?)```/g)].map((m) => ({ label: m[1], text: m[2].trim() }));
  if (labelled.length > 0) return labelled;
  const blocks = [...body.matchAll(/```([\s\S]*?)```/g)].map((m) => ({ text: m[1].trim() }));
  return blocks.length > 0
    ? blocks
    : body
        .split('\n')
        .filter((line) => /https?:\/\//.test(line))
        .map((text) => ({ text }));
}

function request(raw, command) {
  const notes = new Set();
  const [, pathPart = '', query = ''] = /\/isql\/api\/(.*?)(?:\?(.*))?$/.exec(raw) ?? [];
  let page = pathPart.replace(/\s+/g, '');
  if (page !== pathPart) notes.add('stray space');
  if (page.endsWith('.spx') || !page.endsWith('.aspx')) {
    page = `${page.replace(/\.spx$/, '')}.aspx`;
    notes.add('page extension');
  }
  if (command === 'Auth_Hint2' && page === 'Auth_Hint.aspx') {
    page = 'Auth_Hint2.aspx';
    notes.add('wrong page');
  }
  const params = [];
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=');
    if (at < 0) {
      if (pair.trim() !== '') notes.add('elision'); // a bare "********": more parameters, elided
      continue;
    }
    const name = pair.slice(0, at).trim().replace(/\s+/g, '');
    let value = pair.slice(at + 1);
    if (name !== pair.slice(0, at) || value.trim() !== value) notes.add('stray space');
    value = value.trim();
    const elided = value
      .replace(/,\.\.,\s*$/, '')
      .replace(/,\s*(?:…|\{・・・\})/g, '')
      .replace(/,\s*([A-Za-z_]+)"/g, ',"$1"'); // `, shopcode"` lost its opening quote
    if (elided !== value) notes.add(/shopcode"/.test(value) && !/"shopcode"/.test(value) ? 'unquoted key' : 'elision');
    value = elided;
    if (/^\*+$/.test(value)) {
      value = MASKED[name.toLowerCase()] ?? 'x'.repeat(value.length);
      notes.add('masked value');
    }
    params.push([name, value]);
  }
  return { raw, path: `/${page}`, params, normalized: [...notes] };
}

/**
 * A 結果例 as JSON. Quotes and spaces around keys are always straightened; the other fixes are tried one
 * after another, each only while the text does not parse yet, so that none touches an example that needs
 * no fixing. What still does not parse (a `.` for a `:`, `{[` for `[{`, a stray letter) is kept as
 * unparseable, with the parser's reason.
 */
function response({ label, text: raw }) {
  /** @type {[string, (text: string) => string][]} */
  const always = [
    ['curly quotes', (text) => text.replace(/[“”″]/g, '"')],
    ['stray space', (text) => text.replace(/"\s+([A-Za-z_]\w*)\s*"\s*:/g, '"$1":')],
  ];
  /** @type {[string, (text: string) => string][]} */
  const fixes = [
    ['elision', (text) => text.replace(/,\s*\{…\}/g, '').replace(/,\s*"?…+\.*"?\s*(?=[,}\]])/g, '')],
    // A key without its quotes, or without the opening or the closing one.
    [
      'unquoted key',
      (text) =>
        text
          .replace(/([{,]\s*)"?([A-Za-z_]\w*)"?(\s*:)(?=\s*(?:null|"|-?\d|\[|\{))/g, '$1"$2"$3')
          .replace(/"([A-Za-z_]\w*):(?=null\b)/g, '"$1":'),
    ],
  ];
  const normalized = [];
  let text = raw;
  for (const [name, fix] of always) {
    const fixed = fix(text);
    if (fixed !== text) normalized.push(name);
    text = fixed;
  }
  for (const [name, fix] of fixes) {
    if (parses(text)) break;
    const fixed = fix(text);
    if (fixed !== text) normalized.push(name);
    text = fixed;
  }
  try {
    return { label, raw, json: JSON.parse(text), normalized };
  } catch (error) {
    return { label, raw, unparseable: /** @type {Error} */ (error).message };
  }
}

function parses(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
