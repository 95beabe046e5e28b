/** Shared by the environment-rule tests: run the engine on a snapshot, with or without a hand-built workspace. */
import { diagnose } from '../../../../src/core/diagnose.js';
import { runRules } from '../../../../src/core/engine.js';
import { deriveMachineFacts } from '../../../../src/core/facts/index.js';
import { range, type Finding } from '../../../../src/core/finding.js';
import { allRules } from '../../../../src/core/rules/index.js';
import type { Snapshot } from '../../../../src/core/snapshot.js';
import type { GoModFacts, WorkspaceModel } from '../../../../src/core/workspace/model.js';
import { emptySnapshot } from '../../../support/snapshots.js';

export const ROOT = '/Users/alice/src/hello';

/**
 * Findings of every shipped rule. Without a workspace this is exactly `diagnose()`; with one, the
 * machine facts are still derived by `deriveMachineFacts` and only the workspace model is given
 * (the workspace parsers belong to another part of the engine).
 */
export function findings(snapshot: Snapshot, workspace?: WorkspaceModel): Finding[] {
  if (!workspace) return diagnose(snapshot).findings;
  return runRules(allRules, { snapshot, machine: deriveMachineFacts(snapshot), workspace });
}

export function of(list: Finding[], rule: string): Finding[] {
  return list.filter((f) => f.rule === rule);
}

export function cgoWorkspace(files = ['main.go'], root = ROOT): WorkspaceModel {
  return { root, modules: [], cgoFiles: files.map((file, i) => ({ file, range: range(3 + i, 0, 3 + i, 10) })) };
}

export function modWorkspace(mod: { go?: string; toolchain?: string; kind?: 'go.mod' | 'go.work' }, root = ROOT): WorkspaceModel {
  const kind = mod.kind ?? 'go.mod';
  const facts: GoModFacts = { file: kind, kind };
  if (mod.go) facts.go = { file: kind, value: mod.go, range: range(2, 3, 2, 3 + mod.go.length) };
  if (mod.toolchain) facts.toolchain = { file: kind, value: mod.toolchain, range: range(4, 10, 4, 10 + mod.toolchain.length) };
  return { root, modules: [facts], cgoFiles: [] };
}

/** A Linux host with a go1.27.3 toolchain (values as go1.27.3 prints them on this Debian machine). */
export function linuxSnapshot(over: { env?: Record<string, string>; goEnv?: Record<string, string>; which?: Record<string, string | null>; files?: Snapshot['files']; version?: string } = {}): Snapshot {
  const version = over.version ?? 'go1.27.3';
  const goEnv = {
    CC: 'x86_64-linux-gnu-gcc',
    CGO_ENABLED: '1',
    GOARCH: 'amd64',
    GOBIN: '',
    GOENV: '/home/dev/.config/go/env',
    GOHOSTARCH: 'amd64',
    GOHOSTOS: 'linux',
    GOOS: 'linux',
    GOPATH: '/home/dev/go',
    GOROOT: '/usr/lib/go-1.27',
    GOTOOLCHAIN: 'local',
    GOVERSION: version,
    ...over.goEnv,
  };
  const path = [
    { index: 0, raw: '/usr/local/bin', exists: true, isDirectory: true, worldWritable: false },
    { index: 1, raw: '/usr/bin', exists: true, isDirectory: true, worldWritable: false },
    { index: 2, raw: '/home/dev/go/bin', exists: true, isDirectory: true, worldWritable: false },
  ];
  return emptySnapshot({
    host: { platform: 'linux', arch: 'x64', release: '6.1.0' },
    env: { PATH: path.map((p) => p.raw).join(':'), HOME: '/home/dev', ...over.env },
    path,
    tools: [{ name: 'go', dir: '/usr/bin', path: '/usr/bin/go', realPath: '/usr/lib/go-1.27/bin/go', size: 15_000_000, mtimeMs: 1, source: { kind: 'path', index: 1 } }],
    commands: {
      'go.version': { argv: ['/usr/bin/go', 'version'], stdout: `go version ${version} linux/amd64\n`, stderr: '', exitCode: 0, durationMs: 10 },
      'go.env': { argv: ['/usr/bin/go', 'env', '-json'], stdout: JSON.stringify(goEnv), stderr: '', exitCode: 0, durationMs: 10 },
    },
    which: { gcc: '/usr/bin/gcc', cc: '/usr/bin/cc', clang: null, 'x86_64-linux-gnu-gcc': '/usr/bin/x86_64-linux-gnu-gcc', ...over.which },
    files: { '/proc/sys/fs/inotify/max_user_watches': { exists: true, content: '1048576\n' }, ...over.files },
  });
}

/** Rewrites the go commands of a snapshot as if another Go release were installed. */
export function withGoVersion(s: Snapshot, version: string, arch = 'arm64'): Snapshot {
  const out = structuredClone(s);
  const v = out.commands['go.version'];
  if (v) v.stdout = `go version ${version} ${out.host.platform}/${arch}\n`;
  return withGoEnv(out, { GOVERSION: version });
}

/** Overrides `go env -json` values. */
export function withGoEnv(s: Snapshot, values: Record<string, string>): Snapshot {
  const out = structuredClone(s);
  const rec = out.commands['go.env'];
  if (rec) rec.stdout = JSON.stringify({ ...(JSON.parse(rec.stdout) as Record<string, string>), ...values }, null, '\t');
  return out;
}

/** Rewrites sw_vers (and the Darwin release when known). */
export function withMacOS(s: Snapshot, productVersion: string, darwinRelease?: string): Snapshot {
  const out = structuredClone(s);
  const rec = out.commands.sw_vers;
  if (rec) rec.stdout = `ProductName:\t\tmacOS\nProductVersion:\t\t${productVersion}\n`;
  if (darwinRelease) out.host.release = darwinRelease;
  return out;
}
