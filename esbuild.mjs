// Bundles every entry point into dist/. Flags:
//   --production   minify, no sourcemaps (for the .vsix)
//   --watch        rebuild on change
//   --if-stale     build only when a source file is newer than the bundles (used by `npm start`)
import * as esbuild from 'esbuild';
import { readdirSync, statSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/** Each entry point: [source, bundle name, platform-specific externals]. */
export const entryPoints = {
  cli: 'src/cli/main.ts',
  server: 'src/server/main.ts',
  extension: 'src/extension/main.ts',
};

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function isStale() {
  const outs = Object.keys(entryPoints).map((n) => join('dist', `${n}.js`));
  if (!outs.every((o) => existsSync(o))) return true;
  const oldestOut = Math.min(...outs.map((o) => statSync(o).mtimeMs));
  const inputs = Math.max(newestMtime('src'), statSync('package.json').mtimeMs, statSync('esbuild.mjs').mtimeMs);
  return inputs > oldestOut;
}

const present = Object.fromEntries(Object.entries(entryPoints).filter(([, src]) => existsSync(src)));

/** @type {esbuild.BuildOptions} */
const options = {
  entryPoints: present,
  bundle: true,
  outdir: 'dist',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  // jsonc-parser's default (UMD) build hides its requires from the bundler: prefer ESM builds.
  mainFields: ['module', 'main'],
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  define: { GO_DOCTOR_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
};

if (args.has('--if-stale') && !isStale()) process.exit(0);
if (args.has('--watch')) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('[esbuild] watching…');
} else {
  const result = await esbuild.build(options);
  for (const [file, out] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js')) console.log(`[esbuild] ${file} ${(out.bytes / 1024).toFixed(1)} KiB`);
  }
}
