/** The go toolchain facts: `go version`, `go env -json`, `go tool dist list -json [-broken]`, `go version -m`. */
import { portsFor } from '../knowledge/ports.js';
import type { BuildInfo, GoToolchainFacts, ProbeProblem } from '../machine.js';
import type { Snapshot } from '../snapshot.js';
import { parseVersionM } from './build-info.js';
import { commandOutcome, commandProblem, isNotFound } from './command-outcome.js';
import { mergePorts, parseDistList } from './dist-list.js';
import { installRootOf, locateGoBinary } from './go-binary.js';
import { parseGoEnvJson } from './go-env.js';
import { parseGoVersionLine, parseGoVersionString } from './go-version.js';

/**
 * True when no go command exists: `go version` could not start (ENOENT), or it was not run (the
 * probe skips the go commands when no PATH directory has a go) and nothing else found one.
 */
export function goIsMissing(snapshot: Snapshot): boolean {
  const outcome = commandOutcome(snapshot, 'go.version');
  if (isNotFound(outcome)) return true;
  if (outcome.kind !== 'missing' && outcome.kind !== 'skipped') return false;
  return locateGoBinary(snapshot) === undefined && commandOutcome(snapshot, 'go.env').kind !== 'exited';
}

export function deriveGoFacts(snapshot: Snapshot, problems: ProbeProblem[]): GoToolchainFacts {
  const go: GoToolchainFacts = {};
  const binary = locateGoBinary(snapshot);
  if (binary) {
    go.binary = binary.path;
    if (binary.realPath) go.binaryRealPath = binary.realPath;
    const root = installRootOf(binary.realPath ?? binary.path);
    if (root) go.binaryRoot = root;
  }
  if (goIsMissing(snapshot)) return go;

  const versionOutcome = commandOutcome(snapshot, 'go.version');
  // A go that failed (non-zero status, signal) is not believed, whatever it printed first.
  const line = versionOutcome.kind === 'exited' && versionOutcome.ok ? parseGoVersionLine(versionOutcome.record.stdout) : undefined;
  if (line) {
    go.version = line.version;
    go.hostOs = line.goos;
    go.hostArch = line.goarch;
  } else if (versionOutcome.kind !== 'skipped') {
    problems.push(commandProblem(versionOutcome, 'go.version', 'the Go version', ['go', 'version']));
  }

  const envOutcome = commandOutcome(snapshot, 'go.env');
  const env = envOutcome.kind === 'exited' && envOutcome.ok ? parseGoEnvJson(envOutcome.record.stdout) : undefined;
  if (env) {
    go.env = env;
    go.hostOs ??= env.GOHOSTOS || undefined;
    go.hostArch ??= env.GOHOSTARCH || undefined;
    if (!go.version && env.GOVERSION) {
      const v = parseGoVersionString(env.GOVERSION);
      if (v) go.version = v;
    }
  } else if (envOutcome.kind !== 'skipped') {
    problems.push(commandProblem(envOutcome, 'go.env', 'the Go environment (go env)', ['go', 'env', '-json']));
  }

  const listOutcome = commandOutcome(snapshot, 'go.distList');
  const defaults = listOutcome.kind === 'exited' && listOutcome.ok ? parseDistList(listOutcome.record.stdout) : undefined;
  if (defaults && defaults.length) {
    const brokenOutcome = commandOutcome(snapshot, 'go.distListBroken');
    const withBroken = brokenOutcome.kind === 'exited' && brokenOutcome.ok ? parseDistList(brokenOutcome.record.stdout) : undefined;
    go.ports = mergePorts(defaults, withBroken);
    go.portsSource = 'live';
  } else {
    if (listOutcome.kind !== 'skipped') problems.push(commandProblem(listOutcome, 'go.distList', 'the list of GOOS/GOARCH ports', ['go', 'tool', 'dist', 'list', '-json']));
    const fallback = go.version ? portsFor(go.version) : undefined;
    if (fallback) {
      go.ports = fallback;
      go.portsSource = 'knowledge';
    }
  }
  return go;
}

/**
 * Build info from the one `go version -m` call over the tools, keyed by each tool's real path (and
 * by the printed path when no tool matches). A non-zero exit is normal when some file is not a Go
 * binary; only a run that produced nothing usable is a probe problem.
 */
export function deriveBuildInfo(snapshot: Snapshot, problems: ProbeProblem[]): Record<string, BuildInfo> {
  const out: Record<string, BuildInfo> = {};
  const outcome = commandOutcome(snapshot, 'go.versionM');
  const inspected = snapshot.tools.filter((t) => t.name !== 'go' && t.name !== 'gofmt');
  if (outcome.kind !== 'exited') {
    if (outcome.kind !== 'skipped' && inspected.length > 0 && !goIsMissing(snapshot)) {
      problems.push(commandProblem(outcome, 'go.versionM', 'which Go version built each tool (go version -m)', ['go', 'version', '-m']));
    }
    return out;
  }
  const parsed = parseVersionM(outcome.record.stdout);
  const printed = Object.keys(parsed);
  if (printed.length === 0 && !outcome.ok && !/not a Go executable|could not read Go build info/i.test(outcome.record.stderr)) {
    problems.push(commandProblem(outcome, 'go.versionM', 'which Go version built each tool (go version -m)'));
    return out;
  }
  const set = (key: string, info: BuildInfo) => Object.defineProperty(out, key, { value: info, enumerable: true, writable: true, configurable: true });
  for (const file of printed) {
    const info = parsed[file];
    if (!info) continue;
    const tools = snapshot.tools.filter((t) => t.path === file || t.realPath === file);
    if (tools.length === 0) set(file, info);
    for (const t of tools) set(t.realPath, info);
  }
  return out;
}
