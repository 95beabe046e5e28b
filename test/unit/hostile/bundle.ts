/**
 * The CLI and the language server bundled as they ship (dist/cli.js, dist/server.js), built once
 * per test process into a private temporary folder: the unit tier builds nothing else, and a
 * private folder cannot be half-written by a concurrent `node esbuild.mjs` (another tier, a
 * watcher) while a test runs it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..', '..');

export interface Bundle {
  dir: string;
  cli: string;
  server: string;
}

let built: Promise<Bundle> | undefined;

export function bundle(): Promise<Bundle> {
  built ??= build();
  return built;
}

async function build(): Promise<Bundle> {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'go-doctor-bundle-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
  await esbuild.build({
    absWorkingDir: REPO,
    entryPoints: { cli: 'src/cli/main.ts', server: 'src/server/main.ts' },
    bundle: true,
    outdir: dir,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    logLevel: 'error',
    define: { GO_DOCTOR_VERSION: JSON.stringify(version) },
  });
  return { dir, cli: join(dir, 'cli.js'), server: join(dir, 'server.js') };
}
