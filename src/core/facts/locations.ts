/** Paths and locations rules share: GOBIN, workspace files, cgo files, PATH as a string. */
import type { Evidence, Location } from '../finding.js';
import type { MachineFacts } from '../machine.js';
import type { PathEntry, Snapshot } from '../snapshot.js';
import type { WorkspaceModel } from '../workspace/model.js';
import { excerptList } from '../evidence-excerpt.js';
import { normalizeDir } from './go-binary.js';

/**
 * Where `go install` puts binaries (facts §5.1): GOBIN, else the first GOPATH entry's bin
 * (GOPATH defaults to $HOME/go, and `go env GOPATH` already reports that default).
 */
export function gobinDir(machine: MachineFacts): string | undefined {
  const env = machine.go.env;
  if (!env) return undefined;
  if (env.GOBIN) return normalizeDir(env.GOBIN);
  const first = (env.GOPATH ?? '').split(':').find((p) => p !== '');
  return first ? `${normalizeDir(first)}/bin` : undefined;
}

/** Every `<GOPATH entry>/bin` plus GOBIN: the directories `go install` has used. */
export function goInstallDirs(machine: MachineFacts): string[] {
  const env = machine.go.env;
  if (!env) return [];
  const dirs = new Set<string>();
  if (env.GOBIN) dirs.add(normalizeDir(env.GOBIN));
  for (const p of (env.GOPATH ?? '').split(':')) if (p) dirs.add(`${normalizeDir(p)}/bin`);
  return [...dirs];
}

/** A workspace-relative file as an absolute path (already absolute or `~` paths are kept). */
export function workspaceFilePath(root: string, file: string): string {
  if (file.startsWith('/') || file.startsWith('~') || root === '') return file;
  return `${normalizeDir(root)}/${file.replace(/^\.\//, '')}`;
}

/** The `import "C"` line of the first cgo file, as a finding location. */
export function firstCgoLocation(workspace: WorkspaceModel): Location | undefined {
  const first = workspace.cgoFiles[0];
  return first ? { file: workspaceFilePath(workspace.root, first.file), range: first.range } : undefined;
}

/** "main.go" / "main.go and 3 more files" */
export function describeCgoFiles(workspace: WorkspaceModel): string {
  const n = workspace.cgoFiles.length;
  const first = workspace.cgoFiles[0]?.file ?? '';
  return n <= 1 ? first : `${first} and ${n - 1} more file${n - 1 === 1 ? '' : 's'}`;
}

/**
 * Whether `path` is absolute on the machine. In a redacted snapshot the home directory is written
 * `~`, so `~` and `~/…` count as absolute there.
 */
function isAbsolutePath(snapshot: Pick<Snapshot, 'redacted'>, path: string): boolean {
  return path.startsWith('/') || (snapshot.redacted === true && (path === '~' || path.startsWith('~/')));
}

/** Whether a PATH entry is absolute: as recorded before redaction, else judged from `raw`. */
export function pathEntryIsAbsolute(snapshot: Pick<Snapshot, 'redacted'>, entry: PathEntry): boolean {
  return entry.absolute ?? isAbsolutePath(snapshot, entry.raw);
}

const pathItems = new WeakMap<Snapshot, string[]>();

/**
 * PATH as the doctor saw it, as evidence: whole when short, else an excerpt around entry `focus`
 * (the entry the finding is about) saying how many entries were left out.
 */
export function pathEvidence(snapshot: Snapshot, focus?: number): Evidence {
  let items = pathItems.get(snapshot);
  if (!items) {
    items = snapshot.env.PATH !== undefined ? snapshot.env.PATH.split(':') : snapshot.path.map((p) => p.raw);
    pathItems.set(snapshot, items);
  }
  return { kind: 'env', name: 'PATH', value: excerptList(items, ':', focus) };
}

/** Selected `go env` values as evidence. */
export function goEnvEvidence(snapshot: Snapshot, machine: MachineFacts, keys: string[]): Evidence {
  const record = snapshot.commands['go.env'];
  const argv = record?.argv ?? ['go', 'env', '-json'];
  const env = machine.go.env ?? {};
  const lines = keys.map((k) => `${k}=${JSON.stringify(env[k] ?? '')}`);
  return { kind: 'command', command: argv.join(' '), argv, excerpt: lines.join('\n'), exitCode: record?.exitCode ?? null };
}
