// The mock ships the bundled specs it serves: @akinai/specs is private and not installed by users.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../../specs/dist/', import.meta.url));
const to = fileURLToPath(new URL('../specs/', import.meta.url));
rmSync(to, { recursive: true, force: true });
mkdirSync(to);
for (const file of readdirSync(from).filter((name) => name.endsWith('.openapi.json'))) {
  cpSync(from + file, to + file);
}
