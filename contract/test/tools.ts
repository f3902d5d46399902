// Runs the other tools as their users do: each its own CLI, in its own process, offline, with a time limit.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registry } from '@akinai/specs';

const require = createRequire(import.meta.url);

/** The contract package's folder. */
export const CONTRACT = fileURLToPath(new URL('..', import.meta.url));

/** Every API of the registry, with its bundled spec in both formats (built by `@akinai/specs build`). */
export const apis = registry().map(({ name, bundle }) => ({ name, json: bundle, yaml: bundle.replace(/\.json$/, '.yaml') }));

const bins = {
  spectral: ['@stoplight/spectral-cli', 'spectral'],
  'openapi-ts': ['@hey-api/openapi-ts', 'openapi-ts'],
  redocly: ['@redocly/cli', 'redocly'],
  tsc: ['typescript', 'tsc'],
} as const;

export type Tool = keyof typeof bins;

function binary(tool: Tool): string {
  const [pkg, bin] = bins[tool];
  const manifest = require.resolve(`${pkg}/package.json`);
  const field = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> }).bin;
  return join(dirname(manifest), field[bin]!);
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Connections and lookups the tool tried beyond loopback (each refused). */
  network: string[];
  ms: number;
}

/** A temporary folder, removed by the returned function. */
export function scratch(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `akinai-contract-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * How long a tool may run: seconds alone, but tsc over D.T.P's generated client took over a minute beside
 * the rest of pnpm test on 2 cores.
 */
const TOOL_TIMEOUT = 240_000;

/**
 * Runs a tool's CLI with Node, telemetry and update checks off and the network refused beyond loopback
 * (test/offline.cjs); killed after `timeout` ms. Never rejects: the caller judges the exit code.
 */
export async function run(tool: Tool, args: string[], options: { cwd?: string; timeout?: number } = {}): Promise<Run> {
  const { timeout = TOOL_TIMEOUT } = options;
  const log = scratch('net');
  const netlog = join(log.dir, 'net.log');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: `--require ${join(CONTRACT, 'test/offline.cjs')}`,
    AKINAI_CONTRACT_NETLOG: netlog,
    TURBO_TELEMETRY_DISABLED: '1',
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    NO_UPDATE_NOTIFIER: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    CI: 'true',
  };
  const started = performance.now();
  const result = await new Promise<Omit<Run, 'network' | 'ms'>>((resolve) => {
    execFile(
      process.execPath,
      [binary(tool), ...args],
      { cwd: options.cwd ?? CONTRACT, env, timeout, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : error.killed ? -1 : 1) : 0;
        const killed = error?.killed ? `\n[killed after ${timeout} ms]` : '';
        resolve({ code, stdout: String(stdout), stderr: String(stderr) + killed });
      },
    );
  });
  const network = existsSync(netlog) ? readFileSync(netlog, 'utf8').split('\n').filter(Boolean) : [];
  log.remove();
  return { ...result, network, ms: Math.round(performance.now() - started) };
}
