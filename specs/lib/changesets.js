// The changesets not yet released (.changeset/*.md): which packages each bumps, and how much.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * @typedef {{ file: string, bumps: Record<string, string>, summary: string }} Changeset
 */

/**
 * The pending changesets of a repository, in file order.
 * @param {string} root the repository's root folder
 * @returns {Changeset[]}
 */
export function pendingChangesets(root) {
  const dir = `${root}/.changeset/`;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .sort()
    .map((file) => {
      const [, front = '', summary = ''] = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(readFileSync(dir + file, 'utf8')) ?? [];
      const bumps = Object.fromEntries([...front.matchAll(/^["']?([^"':]+)["']?:\s*(\w+)/gm)].map(([, name, bump]) => [name, bump]));
      return { file, bumps, summary: summary.trim() };
    });
}
