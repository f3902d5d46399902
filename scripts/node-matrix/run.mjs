// Runs a command under another Node.js version: `node run.mjs 24 vitest run`. That version's binary
// comes first on PATH, so the command and every `node` it starts run on it.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { nodeBinary } from './nodes.mjs';

const [major, command, ...args] = process.argv.slice(2);
if (!major || !command) {
  console.error('usage: node scripts/node-matrix/run.mjs <major> <command> [args…]');
  process.exit(2);
}
const PATH = `${dirname(nodeBinary(major))}:${process.env.PATH}`;
const { status, error } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, PATH } });
if (error) throw error;
process.exit(status ?? 1);
