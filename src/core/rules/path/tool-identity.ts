/** How path/* rules describe and compare the tool binaries the probe found. */
import type { Evidence } from '../../finding.js';
import type { BuildInfo, MachineFacts } from '../../machine.js';
import type { Snapshot, ToolBinary } from '../../snapshot.js';
import compareSemver from 'semver/functions/compare.js';
import parseSemver from 'semver/functions/parse.js';
import type SemVer from 'semver/classes/semver.js';
import { compareGoVersions } from '../../knowledge/index.js';

export function buildInfoOf(machine: MachineFacts, tool: ToolBinary): BuildInfo | undefined {
  return machine.buildInfo[tool.realPath] ?? machine.buildInfo[tool.path];
}

/** "golang.org/x/tools/gopls v0.21.0, built with go1.24.3" / "built with go1.27.3" / "no Go build info". */
export function describeBuild(info: BuildInfo | undefined): string {
  if (!info) return 'no Go build info';
  const main = info.path ? `${info.path}${info.mainVersion && info.mainVersion !== '(devel)' ? ` ${info.mainVersion}` : ''}, ` : '';
  return `${main}built with ${info.goVersion}`;
}

/** Same build: same main module version, Go version and VCS revision (or same size without build info). */
export function sameBuild(a: ToolBinary, ai: BuildInfo | undefined, b: ToolBinary, bi: BuildInfo | undefined): boolean {
  if (a.realPath === b.realPath) return true;
  if (ai && bi) {
    return ai.goVersion === bi.goVersion && ai.path === bi.path && ai.mainVersion === bi.mainVersion && ai.settings['vcs.revision'] === bi.settings['vcs.revision'];
  }
  if (ai || bi) return false;
  return a.size === b.size;
}

/**
 * A Go module version as semver, or undefined: `v` + semantic version, pre-releases and
 * pseudo-versions included (v0.0.0-20240101000000-abcdef123456, v0.17.2-0.20250107…-abc…), build
 * metadata (`+incompatible`) ignored when comparing. `(devel)` (a binary built inside its own module),
 * a missing `v`, shorthands like v1.2 and surrounding blanks are not module versions: they compare
 * as unknown. Go compares numeric pre-release identifiers of any length; node-semver converts them to
 * numbers, so identifiers past 2^53 (no real pseudo-version has one: its timestamp has 14 digits and
 * sits inside an alphanumeric identifier) may compare equal.
 */
function moduleSemver(version: string | undefined): SemVer | undefined {
  if (version === undefined || !/^v\d[0-9A-Za-z.+-]*$/.test(version)) return undefined;
  return parseSemver(version.slice(1)) ?? undefined;
}

/** Sign of a Go module version comparison (semver precedence), or undefined when either is not one. */
export function compareModuleVersions(a: string | undefined, b: string | undefined): -1 | 0 | 1 | undefined {
  const x = moduleSemver(a);
  const y = moduleSemver(b);
  return x && y ? compareSemver(x, y) : undefined;
}

/** >0 when build a is newer than b (module version first, then Go version); 0 when unknown. */
export function compareBuilds(ai: BuildInfo | undefined, bi: BuildInfo | undefined): number {
  if (!ai || !bi) return 0;
  const byModule = ai.path === bi.path ? compareModuleVersions(ai.mainVersion, bi.mainVersion) : undefined;
  if (byModule) return byModule;
  return compareGoVersions(ai.goVersion, bi.goVersion);
}

/** Evidence for one tool: its path, real path and the `go version -m` header/main line. */
export function toolEvidence(snapshot: Snapshot, machine: MachineFacts, tool: ToolBinary): Evidence {
  const info = buildInfoOf(machine, tool);
  const record = snapshot.commands['go.versionM'];
  const where = tool.source.kind === 'path' ? `PATH entry ${tool.source.index}` : tool.source.kind;
  const real = tool.realPath !== tool.path ? ` → ${tool.realPath}` : '';
  if (info && record) {
    const lines = [`${tool.path}${real} (${where})`, `${tool.realPath}: ${info.goVersion}`];
    if (info.path) lines.push(`\tpath\t${info.path}`);
    if (info.mainVersion) lines.push(`\tmod\t${info.path ?? ''}\t${info.mainVersion}`);
    return { kind: 'command', command: record.argv.join(' '), argv: record.argv, excerpt: lines.join('\n'), exitCode: record.exitCode };
  }
  return { kind: 'file', file: tool.path, excerpt: `${tool.path}${real} (${where}, ${tool.size} bytes)` };
}

/** Distinct binaries (by real path) among tools, first occurrence kept, in PATH order. */
export function distinctByRealPath(tools: ToolBinary[]): ToolBinary[] {
  const seen = new Set<string>();
  const out: ToolBinary[] = [];
  for (const t of tools) {
    if (seen.has(t.realPath)) continue;
    seen.add(t.realPath);
    out.push(t);
  }
  return out;
}

/** A label for where a go installation comes from (facts §5.1), or undefined. */
export function installLabel(realPath: string): string | undefined {
  if (realPath.startsWith('/usr/local/go/')) return 'official installer, /usr/local/go';
  if (realPath.startsWith('/opt/homebrew/Cellar/')) return 'Homebrew, Apple Silicon prefix';
  if (realPath.startsWith('/usr/local/Cellar/')) return 'Homebrew, Intel prefix /usr/local';
  if (realPath.startsWith('/home/linuxbrew/.linuxbrew/')) return 'Homebrew on Linux';
  return undefined;
}
