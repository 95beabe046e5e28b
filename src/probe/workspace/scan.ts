/**
 * Records the workspace files the rules read: build files in full (Makefiles, shell scripts,
 * Dockerfiles, goreleaser, GitHub workflows, .vscode JSON, go.mod/go.work) and, for `.go`
 * files, only the header (build constraints, package clause, imports), reading as little as
 * possible. Skips `.git`, `node_modules`, directories the go tool ignores (vendor, testdata,
 * `_x`, `.x`) and the caller's exclude globs; ends symlink loops; notes files it skips
 * (unreadable, over 1 MiB, binary, not UTF-8). Reads are synchronous, in slices (SLICE_FILES).
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import picomatch from 'picomatch';
import { goHeaderEndInBytes } from '../../core/parse/go-header-bytes.js';
import type { WorkspaceFileRecord, WorkspaceRecord } from '../../core/snapshot.js';
import { hasShellShebang, workspaceFileKind, type WorkspaceFileKind } from '../../core/workspace/file-kinds.js';
import { FingerprintBuilder, type WorkspaceFingerprint } from './fingerprint.js';

export interface ScanOptions {
  /** Glob patterns (files.exclude style, relative to the root) not to walk or record. */
  exclude?: string[];
  /** Most directory entries to look at before stopping (the record is then `truncated`). */
  maxEntries?: number;
  /** Stop after this long (the record is then `truncated`). */
  timeBudgetMs?: number;
  /** Also walk vendor/, testdata/ and `_`/`.`-prefixed directories (the go tool ignores them). */
  includeIgnoredDirs?: boolean;
}

export const MAX_FILE_BYTES = 1024 * 1024;
const FIRST_CHUNK = 4096;
const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
const GO_IGNORED_DIRS = new Set(['vendor', 'testdata']);
/** Hidden directories that hold files the doctor reads (at the workspace root). */
const ROOT_DOT_DIRS = new Set(['.github', '.vscode']);

type ScanResult = { file: WorkspaceFileRecord } | { skipped: { path: string; reason: string } } | undefined;

interface Candidate {
  path: string;
  abs: string;
  kind: WorkspaceFileKind | 'maybe-shell';
}

function excluder(patterns: string[] | undefined): (rel: string, isDir: boolean) => boolean {
  if (!patterns || patterns.length === 0) return () => false;
  const cleaned = patterns.map((p) => p.replace(/^\.\//, '').replace(/\/$/, '')).filter(Boolean);
  const isMatch = picomatch(cleaned, { dot: true });
  return (rel, isDir) => isMatch(rel) || (isDir && isMatch(`${rel}/`));
}

/** Skips a directory name? (`rel` is its workspace-relative path.) */
function skipDir(name: string, rel: string, options: ScanOptions): boolean {
  if (ALWAYS_SKIPPED_DIRS.has(name)) return true;
  if (options.includeIgnoredDirs) return false;
  if (name.startsWith('.')) return !(ROOT_DOT_DIRS.has(name) && rel === name) && !(rel === '.github/workflows');
  return name.startsWith('_') || GO_IGNORED_DIRS.has(name);
}

function errnoReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'unreadable (permission denied)';
  if (code === 'ENOENT') return 'vanished while scanning';
  if (code === 'EISDIR') return 'is a directory';
  return `unreadable (${code ?? (err instanceof Error ? err.message : String(err))})`;
}

/**
 * How many of the first `length` bytes to decode when the read may have cut a multi-byte
 * character in half: the last character is left out when it is not ASCII (so a cut one is
 * never judged).
 */
function wholeCharacters(buf: Buffer, length: number): number {
  let k = length - 1;
  let back = 0;
  while (k >= 0 && back < 4 && (buf[k]! & 0xc0) === 0x80) {
    k--;
    back++;
  }
  return k >= 0 && buf[k]! >= 0xc0 ? k : length;
}

function decode(buf: Buffer, length: number): string | undefined {
  const view = buf.subarray(0, length);
  if (isAscii(view)) return buf.toString('latin1', 0, length);
  if (!isUtf8(view)) return undefined;
  return buf.toString('utf8', 0, length);
}

/**
 * File reads are synchronous, in slices of SLICE_FILES with the event loop served in between:
 * on a page-cached tree a synchronous open/read/close costs a fraction of the thread-pool round
 * trip of the asynchronous API (measured for bench/workspace-scan.bench.mjs), and the slices keep
 * a language server responsive while a large workspace is scanned.
 */
const SLICE_FILES = 2000;
const shared = Buffer.allocUnsafe(FIRST_CHUNK);
const O_RDONLY = constants.O_RDONLY;

/** Reads a whole (small) file. */
function readWhole(c: Candidate, fp: FingerprintBuilder | undefined): ScanResult {
  let fd: number | undefined;
  try {
    fd = openSync(c.abs, O_RDONLY);
    const st = fstatSync(fd);
    fp?.identify(c, st);
    const size = st.size;
    if (size > MAX_FILE_BYTES) return { skipped: { path: c.path, reason: `larger than 1 MiB (${size} bytes)` } };
    const buf = size <= shared.length ? shared : Buffer.allocUnsafe(size);
    let n = 0;
    while (n < size) {
      const got = readSync(fd, buf, n, size - n, n);
      if (got === 0) break;
      n += got;
    }
    if (buf.subarray(0, n).includes(0)) return { skipped: { path: c.path, reason: 'binary (contains NUL bytes)' } };
    const text = decode(buf, n);
    if (text === undefined) return { skipped: { path: c.path, reason: 'not valid UTF-8' } };
    return { file: { path: c.path, content: text } };
  } catch (err) {
    return { skipped: { path: c.path, reason: errnoReason(err) } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Bytes of an extension-less file that are looked at for a shebang. */
const SHEBANG_BYTES = 256;

/** Does a file whose first SHEBANG_BYTES bytes are `head` (latin1) start with a shell shebang line? */
function startsAsShellScript(head: string): boolean {
  if (head.length < 3 || !head.startsWith('#!')) return false;
  const nl = head.indexOf('\n');
  return hasShellShebang(nl < 0 ? head : head.slice(0, nl));
}

/** Reads an extension-less file only when it starts with a shell shebang. */
function readIfShellScript(c: Candidate, fp: FingerprintBuilder | undefined): ScanResult {
  let fd: number | undefined;
  try {
    fd = openSync(c.abs, O_RDONLY);
    if (fp) fp.identify(c, fstatSync(fd));
    const n = readSync(fd, shared, 0, SHEBANG_BYTES, 0);
    if (n < 3 || shared[0] !== 0x23 || shared[1] !== 0x21) return undefined;
    if (!startsAsShellScript(shared.toString('latin1', 0, n))) return undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return readWhole(c, fp);
}

/**
 * Reads a `.go` file's header: a first chunk, then more only when the imports go on. The header's
 * end is found in the bytes (goHeaderEndInBytes), so only the header is decoded to a string.
 */
function readGoHeader(c: Candidate, fp: FingerprintBuilder | undefined): ScanResult {
  let fd: number | undefined;
  try {
    fd = openSync(c.abs, O_RDONLY);
    if (fp) fp.identify(c, fstatSync(fd));
    let buf = shared;
    let want = FIRST_CHUNK;
    let n = 0;
    for (;;) {
      if (buf.length < want) {
        const bigger = Buffer.allocUnsafe(want);
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const got = readSync(fd, buf, n, want - n, n);
      n += got;
      const eof = got === 0 || n < want;
      // indexOf may look past `n` (at bytes of an earlier read): only a NUL before `n` counts.
      // (Uint8Array's own indexOf and a plain view: Buffer's wrappers cost more per file.)
      const nul = Uint8Array.prototype.indexOf.call(buf, 0);
      if (nul >= 0 && nul < n) return { skipped: { path: c.path, reason: 'binary (contains NUL bytes)' } };
      const end = eof ? n : wholeCharacters(buf, n);
      const view = new Uint8Array(buf.buffer, buf.byteOffset, end);
      const ascii = isAscii(view);
      if (!ascii && !isUtf8(view)) return { skipped: { path: c.path, reason: 'not valid UTF-8' } };
      const headerEnd = goHeaderEndInBytes(buf, end, !eof);
      if (headerEnd !== undefined) {
        // The header ends inside what we read: keep just the header.
        const content = buf.toString(ascii ? 'latin1' : 'utf8', 0, headerEnd);
        // One literal per shape (a property added later costs every record an extra allocation).
        return { file: !eof || headerEnd < end ? { path: c.path, content, partial: true } : { path: c.path, content } };
      }
      if (eof) return { file: { path: c.path, content: buf.toString(ascii ? 'latin1' : 'utf8', 0, end) } };
      if (want >= MAX_FILE_BYTES) return { skipped: { path: c.path, reason: 'header (up to the end of the imports) larger than 1 MiB' } };
      want = Math.min(want * 4, MAX_FILE_BYTES);
    }
  } catch (err) {
    return { skipped: { path: c.path, reason: errnoReason(err) } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads a candidate; `fp` (when given) is told the identity of the file that was read. */
function readCandidate(c: Candidate, fp?: FingerprintBuilder): ScanResult {
  if (c.kind === 'go') return readGoHeader(c, fp);
  if (c.kind === 'maybe-shell') return readIfShellScript(c, fp);
  return readWhole(c, fp);
}

function joinAbs(root: string, rel: string): string {
  return rel === '' ? root : `${root.endsWith('/') ? root.slice(0, -1) : root}/${rel}`;
}

/** Walks the tree (synchronously: directory listings are few and fast) and lists candidates. */
function walk(root: string, options: ScanOptions, record: Pick<WorkspaceRecord, 'skipped' | 'truncated'>, deadline: number): Candidate[] {
  const excluded = excluder(options.exclude);
  const hasExclusions = (options.exclude?.length ?? 0) > 0;
  const rootAbs = root.endsWith('/') ? root.slice(0, -1) : root;
  const maxEntries = options.maxEntries ?? 500_000;
  const out: Candidate[] = [];
  let entries = 0;
  let rootReal: string;
  try {
    rootReal = realpathSync(root);
  } catch (err) {
    record.skipped.push({ path: '', reason: `workspace root ${errnoReason(err)}` });
    return out;
  }
  const visited = new Set<string>([rootReal]);
  const stack: { rel: string; real: string }[] = [{ rel: '', real: rootReal }];
  while (stack.length > 0) {
    const { rel, real } = stack.pop()!;
    let list: Dirent[];
    try {
      list = readdirSync(joinAbs(root, rel), { withFileTypes: true });
    } catch (err) {
      record.skipped.push({ path: rel, reason: `directory ${errnoReason(err)}` });
      continue;
    }
    const relPrefix = rel === '' ? '' : `${rel}/`;
    const absPrefix = `${rel === '' ? rootAbs : joinAbs(root, rel)}/`;
    for (let k = 0; k < list.length; k++) {
      const e = list[k]!;
      if (++entries > maxEntries || (entries % 1024 === 0 && Date.now() > deadline)) {
        record.truncated = true;
        return out;
      }
      const name = e.name;
      const childRel = relPrefix + name;
      const symlink = e.isSymbolicLink();
      let isDir: boolean;
      let isFile: boolean;
      let childReal: string | undefined;
      if (symlink) {
        try {
          const st = statSync(absPrefix + name);
          isDir = st.isDirectory();
          isFile = st.isFile();
          if (isDir) childReal = realpathSync(absPrefix + name);
        } catch {
          record.skipped.push({ path: childRel, reason: 'broken symbolic link' });
          continue;
        }
      } else {
        isDir = e.isDirectory();
        isFile = !isDir && e.isFile();
      }
      if (isDir) {
        if (skipDir(name, childRel, options) || (hasExclusions && excluded(childRel, true))) continue;
        childReal ??= `${real}/${name}`;
        if (visited.has(childReal)) {
          if (symlink) record.skipped.push({ path: childRel, reason: 'symbolic link loop (directory already scanned)' });
          continue;
        }
        visited.add(childReal);
        stack.push({ rel: childRel, real: childReal });
        continue;
      }
      if (!isFile) continue;
      // `.go` first: most files are, and workspaceFileKind would say the same from the name.
      const kind = name.endsWith('.go') ? 'go' : workspaceFileKind(childRel);
      if (!kind || (hasExclusions && excluded(childRel, false))) continue;
      out.push({ path: childRel, abs: absPrefix + name, kind });
    }
  }
  return out;
}

/**
 * The files a scan would read, found by one walk of the tree: what scanWorkspace reads, and what
 * a fingerprint of the workspace (workspace/fingerprint.ts) stats. Pass it to scanWorkspace to
 * read exactly these files without walking again.
 */
export interface WorkspaceListing {
  root: string;
  /** Files to read, in walk order (kind is decided from the name; `maybe-shell` by content). */
  candidates: readonly Candidate[];
  /** Directories and links the walk could not follow, with why. */
  skipped: { path: string; reason: string }[];
  /** The walk stopped early (entry or time budget). */
  truncated: boolean;
  /** Date.now() when the walk must stop (the reads share the budget). */
  deadline: number;
}

export type { Candidate as WorkspaceCandidate };

/** Walks the workspace and lists the files a scan reads. */
export function listWorkspace(root: string, options: ScanOptions = {}): WorkspaceListing {
  const found: Pick<WorkspaceRecord, 'skipped' | 'truncated'> = { skipped: [] };
  const deadline = Date.now() + (options.timeBudgetMs ?? 60_000);
  const candidates = walk(root, options, found, deadline);
  return { root, candidates, skipped: found.skipped, truncated: found.truncated === true, deadline };
}

/** Scans the workspace and records what the rules read (from `listing`, when already walked). */
export async function scanWorkspace(root: string, options: ScanOptions = {}, listing: WorkspaceListing = listWorkspace(root, options)): Promise<WorkspaceRecord> {
  return (await readListing(root, listing, undefined)).record;
}

/**
 * scanWorkspace, and the fingerprint of what it read (workspace/fingerprint.ts) from each file's
 * fstat as it is read: begun before the first read, so a file modified while the scan runs makes
 * the fingerprint racy (and the results are not kept).
 */
export async function scanAndFingerprint(root: string, listing: WorkspaceListing): Promise<{ record: WorkspaceRecord; fingerprint: WorkspaceFingerprint }> {
  const fp = new FingerprintBuilder(listing);
  const { record, complete } = await readListing(root, listing, fp);
  return { record, fingerprint: fp.finish(complete) };
}

async function readListing(root: string, listing: WorkspaceListing, fp: FingerprintBuilder | undefined): Promise<{ record: WorkspaceRecord; complete: boolean }> {
  const record: WorkspaceRecord = { root, files: [], skipped: [...listing.skipped] };
  if (listing.truncated) record.truncated = true;
  const { candidates, deadline } = listing;
  let complete = true;
  for (let k = 0; k < candidates.length; k++) {
    if (k > 0 && k % SLICE_FILES === 0) {
      if (Date.now() > deadline) {
        record.truncated = true;
        complete = false;
        break;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const c = candidates[k]!;
    const r = readCandidate(c, fp);
    // A file that could not be opened still has an identity (or its absence) in the fingerprint.
    fp?.ensure(c);
    if (!r) continue;
    if ('file' in r) record.files.push(r.file);
    else record.skipped.push(r.skipped);
  }
  record.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { record, complete };
}

/**
 * Reads one file the way scanWorkspace would (for re-analysing a changed file). Undefined when
 * the doctor does not read files of that name (or an extension-less file is not a shell script).
 */
export async function scanFile(root: string, relPath: string, options: ScanOptions = {}): Promise<{ file: WorkspaceFileRecord } | { skipped: { path: string; reason: string } } | undefined> {
  const path = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
  const kind = workspaceFileKind(path);
  if (!kind) return undefined;
  if (excluder(options.exclude)(path, false)) return undefined;
  const parts = path.split('/');
  for (let k = 0; k < parts.length - 1; k++) {
    const rel = parts.slice(0, k + 1).join('/');
    if (skipDir(parts[k]!, rel, options) || excluder(options.exclude)(rel, true)) return undefined;
  }
  return Promise.resolve(readCandidate({ path, abs: joinAbs(root, path), kind }));
}

/**
 * What scanFile would record if the file held `text` (an editor's unsaved content), judged on its
 * UTF-8 bytes as the readers above judge a file's: an extension-less file only with a shell
 * shebang in its first 256 bytes; the 1 MiB limit and NUL bytes; for a `.go` file only its header
 * (goHeaderEndInBytes), with the NUL check over the reads readGoHeader would make (4 KiB, then
 * four times more until one holds the header). Only the name and the content are judged:
 * directories and exclude globs are scanFile's business. Undefined when such a file is not read.
 */
export function scanText(relPath: string, text: string): { file: WorkspaceFileRecord } | { skipped: { path: string; reason: string } } | undefined {
  const path = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
  const kind = workspaceFileKind(path);
  if (!kind) return undefined;
  const bytes = Buffer.from(text, 'utf8');
  if (kind === 'maybe-shell' && !startsAsShellScript(bytes.toString('latin1', 0, Math.min(bytes.length, SHEBANG_BYTES)))) return undefined;
  if (kind !== 'go') {
    if (bytes.length > MAX_FILE_BYTES) return { skipped: { path, reason: `larger than 1 MiB (${bytes.length} bytes)` } };
    if (bytes.includes(0)) return { skipped: { path, reason: 'binary (contains NUL bytes)' } };
    return { file: { path, content: text } };
  }
  // The whole text is here, so nothing more follows: the header ends where it ends, or with the text.
  const headerEnd = goHeaderEndInBytes(bytes, bytes.length) ?? bytes.length;
  let read = FIRST_CHUNK;
  while (read <= headerEnd && read < MAX_FILE_BYTES) read = Math.min(read * 4, MAX_FILE_BYTES);
  if (bytes.subarray(0, read).includes(0)) return { skipped: { path, reason: 'binary (contains NUL bytes)' } };
  if (headerEnd > MAX_FILE_BYTES) return { skipped: { path, reason: 'header (up to the end of the imports) larger than 1 MiB' } };
  if (headerEnd >= bytes.length) return { file: { path, content: text } };
  return { file: { path, content: bytes.toString('utf8', 0, headerEnd), partial: true } };
}
