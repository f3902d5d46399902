// The changesets not yet released (.changeset/*.md): which packages each bumps, and how much. Read with
// changesets' own parser, so that what the release gate reads is what `changeset version` will apply.
import { readdirSync, readFileSync } from 'node:fs';
import parse from '@changesets/parse';

/**
 * @typedef {{ file: string, bumps: Record<string, string>, summary: string }} Changeset
 */

/**
 * The pending changesets of a repository, in file order. A file changesets cannot parse is an error
 * that names it.
 * @param {string} root the repository's root folder
 * @returns {Changeset[]}
 */
export function pendingChangesets(root) {
  const dir = `${root}/.changeset/`;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .sort()
    .map((file) => {
      let parsed;
      try {
        parsed = parse(readFileSync(dir + file, 'utf8'));
      } catch (error) {
        throw new Error(
          `.changeset/${file} is not a changeset changesets can read: ${/** @type {Error} */ (error).message.split('\n')[0]}`,
        );
      }
      return { file, bumps: Object.fromEntries(parsed.releases.map(({ name, type }) => [name, type])), summary: parsed.summary };
    });
}
