/** Which `go` the snapshot's commands ran, and where it lives. */
import type { Snapshot, ToolBinary } from '../snapshot.js';

interface GoBinary {
  /** As found (PATH entry + /go). */
  path: string;
  realPath?: string;
  tool?: ToolBinary;
}

/** PATH-found tools with a given name, first on PATH first. */
export function pathToolsNamed(snapshot: Snapshot, name: string): ToolBinary[] {
  return snapshot.tools
    .filter((t) => t.name === name && t.source.kind === 'path')
    .sort((a, b) => (a.source.kind === 'path' ? a.source.index : 0) - (b.source.kind === 'path' ? b.source.index : 0));
}

/**
 * The go command PATH resolution picks: the first PATH tool named go, else the recorded PATH lookup
 * (`which.go`), else the absolute argv[0] of `go version`.
 */
export function locateGoBinary(snapshot: Snapshot): GoBinary | undefined {
  const first = pathToolsNamed(snapshot, 'go')[0];
  if (first) return { path: first.path, realPath: first.realPath, tool: first };
  const which = snapshot.which.go;
  if (typeof which === 'string' && which) return { path: which };
  const argv0 = snapshot.commands['go.version']?.argv[0];
  if (argv0 && (argv0.startsWith('/') || (snapshot.redacted && argv0.startsWith('~/')))) return { path: argv0 };
  return undefined;
}

/** `/x/go/bin/go` → `/x/go`; undefined when the binary is not in a `bin` directory. */
export function installRootOf(binaryPath: string): string | undefined {
  const m = /^(.*)\/bin\/go(?:\.exe)?$/.exec(binaryPath);
  return m ? m[1] || '/' : undefined;
}

/** Strips trailing slashes (but keeps "/"). */
export function normalizeDir(dir: string): string {
  const t = dir.replace(/\/+$/, '');
  return t === '' && dir.startsWith('/') ? '/' : t;
}
