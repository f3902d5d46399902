// Turns the machine-readable facts of a bundled spec into what Redoc shows: inferred contracts, rate
// limits (Redoc shows the JWT scopes of the security requirement by itself), how a command API reads
// its requests, other spellings the vendor uses, what the stateful mock does with each operation, and
// code samples. The source spec is not touched;
// only the copy the docs render.
import { commandResult, requestBinding } from '@akinai/specs';

const INFERRED_LABEL = '推測';

/** Counts the places a spec marks as inferred (x-akinai-inferred). */
export function countInferred(node) {
  if (!node || typeof node !== 'object') return 0;
  let count = 'x-akinai-inferred' in node ? 1 : 0;
  for (const value of Object.values(node)) count += countInferred(value);
  return count;
}

/** The copy of `document` the docs render; `samples` are codeSamples() of it. */
export function annotate(document, samples) {
  const copy = structuredClone(document);
  markInferred(copy);
  markAliases(copy);
  const binding = requestBinding(copy);
  const result = commandResult(copy);
  const resources = copy['x-akinai-resources'] ?? {};
  for (const item of Object.values(copy.paths ?? {})) {
    for (const operation of Object.values(item)) {
      if (operation && typeof operation === 'object' && operation.operationId) {
        describeOperation(operation, binding, result);
        const state = operation['x-akinai-state'];
        if (state) operation.description = `${operation.description ?? ''}\n\n${mockBehaviour(state, resources)}`;
        operation['x-codeSamples'] = samples[operation.operationId];
      }
    }
  }
  return copy;
}

/** Other spellings, on the fields and properties that have them. */
function markAliases(node) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node['x-akinai-aliases']) && !node.operationId) {
    node.description =
      `${node.description ?? ''}\n\nこの名前でも受け付ける（ベンダーの実行例の綴り）: ${node['x-akinai-aliases'].map((alias) => `\`${alias}\``).join('、')}`.trim();
  }
  for (const value of Object.values(node)) markAliases(value);
}

function markInferred(node) {
  if (!node || typeof node !== 'object') return;
  const reason = node['x-akinai-inferred'];
  if (typeof reason === 'string') {
    node.description = `${node.description ?? ''}\n\n> **${INFERRED_LABEL}**（ベンダー未記載）: ${reason}`.trim();
  }
  for (const value of Object.values(node)) markInferred(value);
}

function describeOperation(operation, binding, result) {
  if (binding.methods.length > 0) operation.description = `${operation.description ?? ''}\n\n${howItIsCalled(operation, binding)}`;
  const rateLimit = operation['x-akinai-rate-limit'];
  if (rateLimit) {
    operation.description = `${operation.description ?? ''}\n\n**レート制限**: 毎秒 ${rateLimit.requestsPerSecond} リクエスト（エンドポイントごと）`;
  }
  const statusCodes = operation['x-akinai-status-codes'];
  if (statusCodes) {
    if (!result) throw new Error(`${operation.operationId}: x-akinai-status-codes needs x-akinai-command-result at the spec's root.`);
    operation.description = `${operation.description ?? ''}\n\n${statusCodeTable(statusCodes, result)}`;
  }
}

const ACTIONS = {
  list: 'を絞り込み、キー順に返す',
  read: 'を 1 件返す',
  create: 'を 1 件作る',
  update: 'を 1 件変える',
  delete: 'を 1 件消す',
  'create-many': 'を送られた件数だけ作る（全件か、1 件も作らないか）',
  'update-many': 'を送られた件数だけ変える（全件か、1 件も変えないか）',
  batch: 'を行ごとに追加・更新・削除する（バッチ全体を適用するか、何もしないか）',
  effect: 'の値を変える（操作の説明のとおり）',
};

/**
 * What the stateful mock (`@akinai/mock`) does with an operation (x-akinai-state, and the resource's
 * declaration in x-akinai-resources): which records, which fields it sets, derives and generates.
 */
function mockBehaviour(state, resources) {
  const resource = resources[state.resource] ?? {};
  const code = (names) => names.map((name) => `\`${name}\``).join('・');
  const lines = [`**モックでは**: \`${state.resource}\` の記録${ACTIONS[state.action]}。`];
  if (['create', 'update', 'create-many', 'update-many', 'batch'].includes(state.action)) {
    lines.push('要求の項目のうち記録にもあるものを設定し、それ以外の項目は無視する。');
    if (state.action !== 'create' && state.action !== 'create-many')
      lines.push('何も変えない書き込みは記録（更新日時も）をそのままにする。');
    const generated = Object.keys(resource.generated ?? {});
    if (generated.length > 0) lines.push(`${code(generated)} はモックが付ける。`);
    for (const [field, { from, resource: named }] of Object.entries(resource.references ?? {})) {
      lines.push(`\`${field}\` は \`${from}\` が指す \`${named}\` の記録（ない ID なら拒否）。`);
    }
    if (resource.unique) lines.push(`${code(resource.unique)} の組は重複できない（同じ組があれば拒否）。`);
  }
  if (state.action === 'batch') {
    lines.push(
      `行は ${code(resource.unique ?? [])} の組で記録を探す。\`${state.count}\` は実際に追加・更新・削除した行の数（変化のない行は数えない）。`,
    );
  }
  if (state.page?.cursor)
    lines.push(`カーソル（\`${state.page.cursor.param}\`）は前のページの最後のキーを指すので、途中の書き込みで記録を飛ばさない。`);
  return lines.join(' ');
}

/** How the API reads a command's request (x-akinai-request-binding), and the other page names it answers to. */
function howItIsCalled(operation, { methods, parameterNames, charset }) {
  const ways = methods.map((method) => (method === 'GET' ? '`GET`（引数はクエリ文字列）' : `\`${method}\`（引数はフォーム）`));
  const lines = [
    `**呼び出し方**: ${ways.join('・')}。` +
      (parameterNames === 'case-insensitive' ? '引数名の大文字・小文字は区別しない。' : '') +
      (charset ? `文字コードは ${charset}（フォームが charset を名乗らないときも）。` : '') +
      '（**推測**: API の説明を参照）',
  ];
  const paths = operation['x-akinai-aliases'];
  if (paths?.length) lines.push(`別のページ名でも受け付ける（ベンダーの実行例）: ${paths.map((path) => `\`${path}\``).join('、')}`);
  return lines.join('\n\n');
}

/** A command's table of codes (x-akinai-status-codes), headed by its result's names, as the vendor's manual lists it. */
function statusCodeTable(entries, { code: codeName, status: statusName, success }) {
  const cell = (text) => String(text).replace(/\|/g, '\\|');
  const rows = entries.map(({ code, to, status, sessionLost, inferred }) => {
    const notes = [
      sessionLost && 'セッション切れ（`@akinai/sdk` は再ログインして 1 回だけ再送する）',
      inferred && `**${INFERRED_LABEL}**（ベンダー未記載）: ベンダーの表にない（結果例などから加えた）`,
    ].filter(Boolean);
    return `| \`${code}\`${to === undefined ? '' : `〜\`${to}\``} | ${cell(status)} | ${notes.join(' ')} |`;
  });
  return [
    `**${codeName}**（HTTP は常に 200。${success} は成功）`,
    '',
    `| ${codeName} | ${statusName} | 備考 |`,
    '| --- | --- | --- |',
    `| \`${success}\` | 成功 | |`,
    ...rows,
  ].join('\n');
}
