import type { ToolBinary } from '../core/snapshot.js';
import { isRecord } from '../core/is-record.js';

/** Added to the environment of every Go command: never download a toolchain. */
export const GO_COMMAND_ENV = { GOTOOLCHAIN: 'local' } as const;

/**
 * `go env -json` with no names also computes CGO_CFLAGS…GOGCCFLAGS, and doing so RUNS $CC
 * (cmd/go envcmd.ExtraEnvVarsCostly → work.gccSupportsFlag; verified with go1.21.13 and
 * go1.27.3 by test/toolchain/probe/go-env-runs-cc.test.ts). On a Mac without working developer
 * tools $CC is the /usr/bin/clang shim, which must not run. Naming the variables skips that
 * step; these are every variable `go env` prints in Go 1.21–1.27 except those seven.
 */
export const GO_ENV_VARS_WITHOUT_CC: readonly string[] = [
  'AR', 'CC', 'CGO_ENABLED', 'CXX', 'GCCGO', 'GO111MODULE', 'GOAMD64', 'GOARCH', 'GOARM64', 'GOAUTH', 'GOBIN',
  'GOCACHE', 'GOCACHEPROG', 'GODEBUG', 'GOENV', 'GOEXE', 'GOEXPERIMENT', 'GOFIPS140', 'GOFLAGS', 'GOHOSTARCH',
  'GOHOSTOS', 'GOINSECURE', 'GOMOD', 'GOMODCACHE', 'GONOPROXY', 'GONOSUMDB', 'GOOS', 'GOPACKAGESDRIVER', 'GOPATH',
  'GOPRIVATE', 'GOPROXY', 'GOROOT', 'GOSUMDB', 'GOTELEMETRY', 'GOTELEMETRYDIR', 'GOTMPDIR', 'GOTOOLCHAIN',
  'GOTOOLDIR', 'GOVCS', 'GOVERSION', 'GOWORK',
];

export const goVersionArgv = (go: string): string[] => [go, 'version'];
export const goDistListArgv = (go: string): string[] => [go, 'tool', 'dist', 'list', '-json'];
export const goDistListBrokenArgv = (go: string): string[] => [go, 'tool', 'dist', 'list', '-json', '-broken'];

/** `go env -json`, or with the variable names when computing the cgo flags is unsafe. */
export function goEnvArgv(go: string, mayRunCompiler: boolean): string[] {
  return mayRunCompiler ? [go, 'env', '-json'] : [go, 'env', '-json', ...GO_ENV_VARS_WITHOUT_CC];
}

/** The binaries `go version -m` reads: every distinct tool path except go and gofmt. */
export function versionMTargets(tools: readonly ToolBinary[]): string[] {
  const targets: string[] = [];
  for (const tool of tools) {
    if (tool.name !== 'go' && tool.name !== 'gofmt' && !targets.includes(tool.path)) targets.push(tool.path);
  }
  return targets;
}

export const goVersionMArgv = (go: string, targets: readonly string[]): string[] => [go, 'version', '-m', ...targets];

/** The non-empty string values of a `go env -json` output ({} when it is not JSON). */
function goEnvStrings(stdout: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(stdout);
    if (!isRecord(parsed)) return {};
    const out: Record<string, string> = {};
    for (const name of ['GOROOT', 'GOTOOLDIR', 'CC']) {
      const value = parsed[name];
      if (typeof value === 'string' && value !== '') out[name] = value;
    }
    return out;
  } catch {
    return {};
  }
}

/** GOROOT and GOTOOLDIR from a `go env -json` output (the probe needs them to look further). */
export function goEnvDirectories(stdout: string): { goroot?: string; gotooldir?: string } {
  const { GOROOT, GOTOOLDIR } = goEnvStrings(stdout);
  return {
    ...(GOROOT !== undefined ? { goroot: GOROOT } : {}),
    ...(GOTOOLDIR !== undefined ? { gotooldir: GOTOOLDIR } : {}),
  };
}

/** `go env CC` from a `go env -json` output: the C compiler command line cgo uses. */
export function goEnvCompiler(stdout: string): string | undefined {
  return goEnvStrings(stdout).CC;
}
