// Turns the machine-readable facts of a bundled spec into what Redoc shows: inferred contracts, rate
// limits (Redoc shows the JWT scopes of the security requirement by itself) and code samples. The
// source spec is not touched; only the copy the docs render.

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
  for (const item of Object.values(copy.paths ?? {})) {
    for (const operation of Object.values(item)) {
      if (operation && typeof operation === 'object' && operation.operationId) {
        describeOperation(operation);
        operation['x-codeSamples'] = samples[operation.operationId];
      }
    }
  }
  return copy;
}

function markInferred(node) {
  if (!node || typeof node !== 'object') return;
  const reason = node['x-akinai-inferred'];
  if (typeof reason === 'string') {
    node.description = `${node.description ?? ''}\n\n> **${INFERRED_LABEL}**（ベンダー未記載）: ${reason}`.trim();
  }
  for (const value of Object.values(node)) markInferred(value);
}

function describeOperation(operation) {
  const rateLimit = operation['x-akinai-rate-limit'];
  if (rateLimit) {
    operation.description = `${operation.description ?? ''}\n\n**レート制限**: 毎秒 ${rateLimit.requestsPerSecond} リクエスト（エンドポイントごと）`;
  }
  const statusCodes = operation['x-akinai-status-codes'];
  if (statusCodes) operation.description = `${operation.description ?? ''}\n\n${statusCodeTable(statusCodes)}`;
}

/** A command's StatusCode table (x-akinai-status-codes), as the vendor's manual lists it. */
function statusCodeTable(entries) {
  const cell = (text) => String(text).replace(/\|/g, '\\|');
  const rows = entries.map(({ code, to, status, sessionLost, inferred }) => {
    const notes = [
      sessionLost && 'セッション切れ（`@akinai/sdk` は再ログインして 1 回だけ再送する）',
      inferred && `**${INFERRED_LABEL}**（ベンダー未記載）: 文言はベンダーのものではなく意味を書いた`,
    ].filter(Boolean);
    return `| \`${code}\`${to === undefined ? '' : `〜\`${to}\``} | ${cell(status)} | ${notes.join(' ')} |`;
  });
  return ['**StatusCode**（HTTP は常に 200。0 は成功）', '', '| StatusCode | Status | 備考 |', '| --- | --- | --- |', '| `0` | 成功 | |', ...rows].join('\n');
}
