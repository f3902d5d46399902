// A changelog page per published package: its CHANGELOG.md (written by `changeset version`), and the
// changesets not yet released.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pendingChangesets } from '@akinai/specs';
import { marked } from 'marked';
import { page } from './page.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Every non-private package of packages/, with its changelog and its pending changesets. */
export function packagesWithChanges() {
  const pending = pendingChangesets(root);
  return readdirSync(`${root}packages`)
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(`${root}packages/${dir}/package.json`, 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => {
      const changelog = `${root}packages/${dir}/CHANGELOG.md`;
      return {
        name: manifest.name,
        slug: dir,
        version: manifest.version,
        changelog: existsSync(changelog) ? readFileSync(changelog, 'utf8') : undefined,
        pending: pending.filter((changeset) => changeset.bumps[manifest.name]),
      };
    });
}

export function changelogPage({ name, version, changelog, pending }) {
  const released = changelog ? marked.parse(changelog.replace(/^# .*\n/, '')) : '<p>まだリリースしていません。</p>';
  const upcoming = pending.length
    ? pending.map((c) => `<section class="change"><p class="bump">${c.bumps[name]}</p>${marked.parse(c.summary)}</section>`).join('\n')
    : '<p>未リリースの変更はありません。</p>';
  return page(
    `${name} の変更履歴`,
    `<p><a href="../index.html">akinai</a> › 変更履歴</p>
  <h1>${name} <small>${version}</small></h1>
  <h2>次のリリースに入る変更</h2>
  ${upcoming}
  <h2>リリース済み</h2>
  ${released}`,
  );
}
