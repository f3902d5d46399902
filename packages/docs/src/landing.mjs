// The landing page: every API with its version, size, inferred contracts and links.
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

export function landingPage(apis) {
  const rows = apis
    .map(
      ({ api, info, operations, inferred }) => `
    <section class="api">
      <h2><a href="${api}/index.html">${escape(info.title)}</a></h2>
      <p>${escape(info.summary ?? '')}</p>
      <dl>
        <dt>ベンダー</dt><dd>${escape(info['x-akinai-vendor'] ?? '')}</dd>
        <dt>版</dt><dd>${escape(info.version)}</dd>
        <dt>操作数</dt><dd>${operations}</dd>
        <dt>推測した契約</dt><dd>${inferred} 箇所</dd>
      </dl>
      <p>
        <a href="${api}/index.html">リファレンス</a> ·
        <a href="${api}/${api}.openapi.yaml" download>OpenAPI (YAML)</a> ·
        <a href="${api}/${api}.openapi.json" download>OpenAPI (JSON)</a>
      </p>
      <pre><code>npm install @akinai/sdk
npx akinai-mock ${api}</code></pre>
    </section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="ja">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>akinai — 小売バックオフィス API のリファレンス</title>
  <style>
    body { font: 16px/1.7 system-ui, "Noto Sans CJK JP", sans-serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; color: #1f2933; }
    .api { border: 1px solid #cbd2d9; border-radius: 8px; padding: 0 1.25rem; margin: 1.5rem 0; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; }
    dt { font-weight: 600; }
    dd { margin: 0; }
    pre { background: #f5f7fa; padding: .75rem; border-radius: 6px; }
  </style>
</head>
<body>
  <h1>akinai（商い）</h1>
  <p>日本の小売バックオフィス API を、手書きの OpenAPI 3.1 で記述したリファレンスです。
  ベンダーが記載していない事項は「推測」と明示しています。</p>
${rows}
</body>
</html>
`;
}
