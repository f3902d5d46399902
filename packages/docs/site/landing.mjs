// The landing page: every API with its vendor, version, size and inferred contracts, how to install
// and call it, how to mock it; and the packages' changelogs.
import { escapeHtml, page } from './page.mjs';

export function landingPage(apis, packages) {
  const sections = apis.map(
    ({ api, info, operations, inferred, mockPort, firstCall, scenarios }) => `
  <section class="api" id="${api}">
    <h2><a href="${api}/index.html">${escapeHtml(info.title)}</a></h2>
    <p>${escapeHtml(info.summary ?? '')}</p>
    <dl>
      <dt>ベンダー</dt><dd>${escapeHtml(info['x-akinai-vendor'] ?? '')}</dd>
      <dt>記述の版</dt><dd>${escapeHtml(info.version)}</dd>
      <dt>操作数</dt><dd>${operations}</dd>
      <dt>推測した契約</dt><dd>${inferred} 箇所（リファレンスに「推測（ベンダー未記載）」と表示）</dd>
    </dl>
    <p>
      <a href="${api}/index.html">リファレンス</a> ·
      <a href="${api}/${api}.openapi.yaml" download>OpenAPI (YAML)</a> ·
      <a href="${api}/${api}.openapi.json" download>OpenAPI (JSON)</a>
    </p>
    <h3>SDK</h3>
    <pre><code>npm install @akinai/sdk</code></pre>
    <pre><code>${escapeHtml(firstCall)}</code></pre>
    <h3>モック</h3>
    <pre><code>npx akinai-mock ${api}   # http://127.0.0.1:${mockPort}</code></pre>
    <p>どの応答も <code>Prefer</code> ヘッダーで呼び出せます（例: <code>Prefer: code=404</code>、<code>Prefer: example=no_hits</code>）。</p>
    <table>
      <thead><tr><th>操作</th><th><code>Prefer: code=</code></th><th><code>Prefer: example=</code></th></tr></thead>
      <tbody>
${scenarios.map((s) => `        <tr><td><code>${escapeHtml(s.call)}</code></td><td>${s.statuses.join(' ')}</td><td>${s.examples.map(escapeHtml).join(' ')}</td></tr>`).join('\n')}
      </tbody>
    </table>
  </section>`,
  );
  const changelogs = packages
    .map(
      ({ name, slug, version }) =>
        `<li><a href="changelog/${slug}.html">${escapeHtml(name)}</a> <small>${escapeHtml(version)}</small></li>`,
    )
    .join('\n');
  return page(
    'akinai — 小売バックオフィス API のリファレンス',
    `<h1>akinai（商い）</h1>
  <p>日本の小売バックオフィス API を、手書きの OpenAPI 3.1 で記述したリファレンスです。型付きの SDK
  （<code>@akinai/sdk</code>）とモックサーバー（<code>@akinai/mock</code>）も同じ記述から生成しています。
  ベンダーが記載していない事項は「推測」と明示しています。</p>
  ${sections.join('\n')}
  <h2>変更履歴</h2>
  <ul>
${changelogs}
  </ul>`,
  );
}
