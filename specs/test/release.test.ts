// The release gate (scripts/release-check.mjs) in a scratch git worktree of this repository: a spec
// change without a changeset fails, a breaking one needs the policy's bump, and the message says what to add.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkInstalled } from './helpers/installed.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
let tree: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.jp', ...args], { cwd: tree, encoding: 'utf8' });

beforeAll(() => {
  tree = join(mkdtempSync(join(tmpdir(), 'akinai-release-')), 'tree');
  execFileSync('git', ['worktree', 'add', '--detach', tree, 'HEAD'], { cwd: repo, stdio: 'ignore' });
  // The installed packages, with the worktree's own @akinai/specs (the scripts import the diff through it).
  linkInstalled(repo, tree);
  symlinkSync(join(repo, 'specs/node_modules'), join(tree, 'specs/node_modules'));
  // A clean slate: the state right after a release (no pending changesets), as the base.
  for (const file of readdirChangesets()) unlinkSync(join(tree, '.changeset', file));
  git('add', '-A');
  git('commit', '-qm', 'released', '--allow-empty');
});
afterAll(() => {
  execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: repo, stdio: 'ignore' });
});

function readdirChangesets() {
  return execFileSync('ls', [join(tree, '.changeset')], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.md') && f !== 'README.md');
}
function edit(file: string, from: string, to: string) {
  const path = join(tree, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}
function changeset(name: string, bump: string) {
  writeFileSync(
    join(tree, '.changeset', `${name}.md`),
    `---\n"@akinai/sdk": ${bump}\n"@akinai/mock": ${bump}\n"@akinai/docs": ${bump}\n---\n\n${name}\n`,
  );
}
function check() {
  const result = spawnSync('node', ['scripts/release-check.mjs', '--base', 'HEAD'], { cwd: tree, encoding: 'utf8' });
  git('checkout', '-q', '--', '.');
  git('clean', '-qfd', '.changeset');
  return { code: result.status, output: result.stdout + result.stderr };
}

it('passes when no spec changed', () => {
  expect(check()).toMatchObject({ code: 0 });
});

it('fails a spec change without a changeset, saying what to add', () => {
  edit('specs/recore/components/schemas/Member.yaml', 'description: 会員 ID。', 'description: 会員の ID。');
  const { code, output } = check();
  expect(code).toBe(1);
  expect(output).toContain('@akinai/sdk has no changeset. Add one: pnpm changeset (choose @akinai/sdk, patch)');
});

it('fails a breaking change with only a patch changeset (0.x needs minor)', () => {
  edit('specs/recore/components/schemas/MemberInput.yaml', 'maxLength: 50, description: 姓。', 'maxLength: 40, description: 姓。');
  changeset('tighter', 'patch');
  const { code, output } = check();
  expect(code).toBe(1);
  expect(output).toContain('request-maxLength-tightened');
  expect(output).toContain(
    'needs a minor bump; the pending changesets give it only patch. Change "@akinai/sdk": patch to "@akinai/sdk": minor.',
  );
});

it('passes a breaking change with the bump the policy requires', () => {
  edit('specs/recore/components/schemas/MemberInput.yaml', 'maxLength: 50, description: 姓。', 'maxLength: 40, description: 姓。');
  changeset('tighter', 'minor');
  expect(check()).toMatchObject({ code: 0 });
});

it('fails a changeset that changesets itself could not read, naming the file', () => {
  // What a Markdown formatter once made of a changeset's front matter: a heading, not YAML.
  writeFileSync(join(tree, '.changeset', 'mangled.md'), '---\n\n## "@akinai/sdk": minor\n\nA change.\n');
  const { code, output } = check();
  expect(code).not.toBe(0);
  expect(output).toContain('.changeset/mangled.md is not a changeset changesets can read');
});
