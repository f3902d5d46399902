// The size of a package entry as a user's bundler builds it for browsers: everything it imports,
// minified; and gzipped. Used by the package checks (size budgets) and the SDK weight benchmark.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export async function entrySize(specifier, resolveDir) {
  const { outputFiles } = await build({
    stdin: { contents: `export * from '${specifier}';`, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  const code = outputFiles[0]?.contents ?? new Uint8Array();
  return { minBytes: code.length, gzipBytes: gzipSync(code).length };
}
