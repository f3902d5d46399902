// The Node.js versions akinai is tested on: this machine's own, and the pinned binaries of package.json
// here (installed by scripts/setup.sh with `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The binary of a Node.js major version: this process's own, or the one installed here. */
export function nodeBinary(major) {
  if (String(major) === process.versions.node.split('.')[0]) return process.execPath;
  const binary = fileURLToPath(new URL(`node_modules/node${major}/bin/node`, import.meta.url));
  if (!existsSync(binary)) {
    throw new Error(`Node ${major} is not installed: run \`bash scripts/setup.sh\` (npm ci --prefix scripts/node-matrix).`);
  }
  return binary;
}

/** Every version of the matrix: 20 (the machine's), 22 and 24. */
export const majors = [20, 22, 24];
