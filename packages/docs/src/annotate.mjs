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
}
