/**
 * Runs the real Go toolchains of $GO_DOCTOR_TOOLCHAINS (go1.21, go1.24, go1.27) in throw-away
 * modules, so the workspace rules' claims are checked against real output.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const TOOLCHAINS = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
export const VERSIONS = ['1.21', '1.24', '1.27'] as const;
export type Minor = (typeof VERSIONS)[number];

export function goBinary(v: Minor): string {
  return join(TOOLCHAINS, `go${v}`, 'bin', 'go');
}

/** Why the tier cannot run here, or undefined. In CI a missing toolchain is a failure, not a skip. */
export function missingToolchains(): string | undefined {
  const missing = VERSIONS.filter((v) => !existsSync(goBinary(v)));
  if (missing.length === 0) return undefined;
  const why = `missing go${missing.join(', go')} in ${TOOLCHAINS} (bash tools/go-toolchains.sh ${TOOLCHAINS})`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(why);
  return why;
}

const cache = join(tmpdir(), 'go-doctor-toolchain-tests-cache');

export interface GoRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** `go args…` in `dir` with extra env; never a shell, 120 s timeout, local toolchain only. */
export async function go(v: Minor, dir: string, args: string[], env: Record<string, string> = {}): Promise<GoRun> {
  mkdirSync(cache, { recursive: true });
  const base: Record<string, string> = {};
  for (const [k, val] of Object.entries(process.env)) {
    // The machine's own Go settings must not leak into a run that sets them on purpose.
    if (val !== undefined && !/^(GO|CGO_)/.test(k) && k !== 'CC' && k !== 'CXX') base[k] = val;
  }
  // execa is ESM-only; this file runs as CommonJS under tsx.
  const { execa } = await import('execa');
  const r = await execa(goBinary(v), args, {
    cwd: dir,
    reject: false,
    timeout: 120_000,
    env: { ...base, HOME: base.HOME ?? tmpdir(), GOTOOLCHAIN: 'local', GOFLAGS: '', GOPROXY: 'off', GOCACHE: join(cache, v), GOENV: 'off', ...env },
    extendEnv: false,
    stripFinalNewline: true,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A module with the given files in a fresh temp dir. */
export function module(files: Record<string, string>, name = 'example.com/hello'): string {
  const dir = mkdtempSync(join(tmpdir(), 'go-doctor-ws-'));
  writeFileSync(join(dir, 'go.mod'), `module ${name}\n\ngo 1.21\n`);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

export const HELLO = { 'main.go': 'package main\n\nfunc main() {}\n' };
export const CGO_HELLO = { 'main.go': 'package main\n\n// int two(void) { return 2; }\nimport "C"\n\nfunc main() { println(C.two()) }\n' };
