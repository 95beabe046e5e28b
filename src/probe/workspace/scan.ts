/**
 * Records the workspace files the rules read: build files in full (Makefiles, shell scripts,
 * Dockerfiles, goreleaser, GitHub workflows, .vscode JSON, go.mod/go.work) and, for `.go`
 * files, only the header (build constraints, package clause, imports), reading as little as
 * possible. Skips `.git`, `node_modules`, directories the go tool ignores (vendor, testdata,
 * `_x`, `.x`) and the caller's exclude globs; notes files it skips (unreadable, over 1 MiB,
 * binary, UTF-16, not UTF-8, not a regular file). Reads are synchronous, in slices (SLICE_FILES).
 *
 * Safe on any repository: a symbolic link is followed only when its target's real path lies
 * inside the workspace root's real path (links that leave it are listed, never read through), a
 * directory is walked once however many links lead to it (links to one already walked, loops
 * included, are listed in `unfollowedLinks`), and every file is read by one function
 * (readCandidate) that opens it non-blocking and reads it only when fstat says it is a regular
 * file: a FIFO or a device named `Makefile` never blocks the scan.
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { sep } from 'node:path';
import { isAscii, isUtf8 } from 'node:buffer';
import picomatch from 'picomatch';
import { goHeaderEndInBytes } from '../../core/parse/go-header-bytes.js';
import type { WorkspaceFileRecord, WorkspaceRecord } from '../../core/snapshot.js';
import { hasShellShebang, workspaceFileKind } from '../../core/workspace/file-kinds.js';
import { FingerprintBuilder, type WorkspaceFingerprint } from './fingerprint.js';
import type { WorkspaceCandidate as Candidate, WorkspaceListing } from './listing.js';

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

/** Why a symbolic link whose target lies outside the workspace was not read through. */
export const OUTSIDE_LINK_REASON = 'symbolic link to outside the workspace (not followed)';

/**
 * The file-system calls the scanner makes that tests must be able to fail (tests run as root,
 * who can open a mode-000 file): replace a member in a test, put it back after.
 */
export const scanFileSystem = {
  open: openSync as (path: string, flags: number) => number,
  readdir: (path: string): Dirent[] => readdirSync(path, { withFileTypes: true }),
  realpath: realpathSync.native as (path: string) => string,
};

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
  if (code === 'ENOTDIR') return 'is not a directory';
  if (code === 'ELOOP') return 'symbolic link loop';
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
/**
 * Non-blocking: opening a FIFO for reading waits for a writer, opening some devices waits too;
 * with O_NONBLOCK the open returns at once and fstat says what it is (nothing but a regular file
 * is read). O_NOCTTY: a terminal device never becomes the process's controlling terminal.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** What a file that is not a regular file is, for the skip reason. */
function notRegularReason(st: Pick<Stats, 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket' | 'isDirectory'>): string {
  const what = st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : st.isDirectory() ? 'a directory' : 'a special file';
  return `not a regular file (${what}), not read`;
}

/** A UTF-16 byte order mark at the start (the file is UTF-16 text, which the parsers do not read). */
function startsWithUtf16Bom(buf: Uint8Array, n: number): boolean {
  return n >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
}

const UTF16_REASON = 'UTF-16 text (only UTF-8 is read)';

/** Reads a whole (small) file from `fd`. */
function readWhole(c: Candidate, fd: number, size: number): ScanResult {
  if (size > MAX_FILE_BYTES) return { skipped: { path: c.path, reason: `larger than 1 MiB (${size} bytes)` } };
  const buf = size <= shared.length ? shared : Buffer.allocUnsafe(size);
  let n = 0;
  while (n < size) {
    const got = readSync(fd, buf, n, size - n, n);
    if (got === 0) break;
    n += got;
  }
  if (startsWithUtf16Bom(buf, n)) return { skipped: { path: c.path, reason: UTF16_REASON } };
  if (buf.subarray(0, n).includes(0)) return { skipped: { path: c.path, reason: 'binary (contains NUL bytes)' } };
  const text = decode(buf, n);
  if (text === undefined) return { skipped: { path: c.path, reason: 'not valid UTF-8' } };
  return { file: { path: c.path, content: text } };
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
function readIfShellScript(c: Candidate, fd: number, size: number): ScanResult {
  const n = readSync(fd, shared, 0, SHEBANG_BYTES, 0);
  if (n < 3 || shared[0] !== 0x23 || shared[1] !== 0x21) return undefined;
  if (!startsAsShellScript(shared.toString('latin1', 0, n))) return undefined;
  return readWhole(c, fd, size);
}

/**
 * Reads a `.go` file's header: a first chunk, then more only when the imports go on. The header's
 * end is found in the bytes (goHeaderEndInBytes), so only the header is decoded to a string.
 */
function readGoHeader(c: Candidate, fd: number): ScanResult {
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
    if (startsWithUtf16Bom(buf, n)) return { skipped: { path: c.path, reason: UTF16_REASON } };
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
}

/**
 * Reads a candidate — the one function every read of a workspace file goes through (the walk's
 * reads, scanFile's re-reads, the fingerprint's identities): opens it non-blocking, fstats the
 * open file (that identity is what `fp`, when given, is told), reads only a regular file. An
 * extension-less file that cannot be read or is not a regular file is not a shell script the
 * doctor knows of: nothing is recorded for it.
 */
function readCandidate(c: Candidate, fp?: FingerprintBuilder): ScanResult {
  let fd: number | undefined;
  try {
    fd = openForReading(c.abs);
    const st = fstatSync(fd);
    fp?.identify(c, st);
    if (!st.isFile()) return c.kind === 'maybe-shell' ? undefined : { skipped: { path: c.path, reason: notRegularReason(st) } };
    if (c.kind === 'go') return readGoHeader(c, fd);
    if (c.kind === 'maybe-shell') return readIfShellScript(c, fd, st.size);
    return readWhole(c, fd, st.size);
  } catch (err) {
    return c.kind === 'maybe-shell' ? undefined : { skipped: { path: c.path, reason: errnoReason(err) } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Opens a workspace file for reading without ever blocking (see OPEN_FLAGS); fstat it before reading. */
function openForReading(abs: string): number {
  return scanFileSystem.open(abs, OPEN_FLAGS);
}

/**
 * The text of a workspace file (e.g. the file a fix edits), read as the scanner reads: opened
 * non-blocking, only when it is a regular file of at most `maxBytes`, and valid UTF-8. Undefined
 * otherwise (and when it cannot be read): a FIFO or a device never blocks the caller.
 */
export function readWorkspaceText(abs: string, maxBytes = MAX_FILE_BYTES): string | undefined {
  let fd: number | undefined;
  try {
    fd = openForReading(abs);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < st.size) {
      const got = readSync(fd, buf, n, st.size - n, n);
      if (got === 0) break;
      n += got;
    }
    const view = buf.subarray(0, n);
    return isUtf8(view) ? view.toString('utf8') : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Is a real path inside the real path `rootReal` (or the root itself)? */
function insideOf(rootReal: string): (real: string) => boolean {
  const base = rootReal.endsWith(sep) ? rootReal : `${rootReal}${sep}`;
  return (real) => real === rootReal || real.startsWith(base);
}

function joinAbs(root: string, rel: string): string {
  return rel === '' ? root : `${root.endsWith('/') ? root.slice(0, -1) : root}/${rel}`;
}

type Skip = { path: string; reason: string };

/** What the walk found besides the candidates. */
interface WalkNotes {
  skipped: Skip[];
  unfollowedLinks: Skip[];
  truncated?: boolean;
}

/**
 * Is a file of this name one the doctor reads for sure (not an extension-less file, read only
 * when it turns out to be a shell script)? Only such a file that cannot be read leaves a check
 * undone.
 */
function surelyRead(childRel: string): boolean {
  const kind = workspaceFileKind(childRel);
  return kind !== undefined && kind !== 'maybe-shell';
}

/**
 * Walks the tree (synchronously: directory listings are few and fast) and lists candidates.
 * Directories are listed and files are read by their real paths (a link followed once is never
 * resolved again). Symbolic links are resolved to real paths: one whose target is outside the
 * root is not followed; a linked directory inside is walked only after every directory reached
 * without a link, and only when nothing walked it yet (so links never loop nor walk a directory
 * twice, and files keep their own paths where they can).
 */
function walk(root: string, options: ScanOptions, notes: WalkNotes, deadline: number): Candidate[] {
  const excluded = excluder(options.exclude);
  const hasExclusions = (options.exclude?.length ?? 0) > 0;
  const maxEntries = options.maxEntries ?? 500_000;
  const out: Candidate[] = [];
  let entries = 0;
  let rootReal: string;
  try {
    rootReal = scanFileSystem.realpath(root);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
    notes.skipped.push({ path: '.', reason: `workspace root ${missing ? 'does not exist' : errnoReason(err)}` });
    return out;
  }
  const inside = insideOf(rootReal);
  const visited = new Set<string>([rootReal]);
  const stack: { rel: string; real: string }[] = [{ rel: '', real: rootReal }];
  /** Directories reached through links (inside the root), walked once the stack is empty. */
  const linked: { rel: string; real: string; from: string }[] = [];
  for (;;) {
    if (stack.length === 0) {
      const link = linked.shift();
      if (!link) break;
      if (visited.has(link.real)) {
        const loop = link.from === link.real || link.from.startsWith(link.real.endsWith(sep) ? link.real : `${link.real}${sep}`);
        const where = link.real === rootReal ? 'the workspace root' : link.real.slice(rootReal.length + (rootReal.endsWith(sep) ? 0 : 1)).split(sep).join('/');
        notes.unfollowedLinks.push({ path: link.rel, reason: loop ? `symbolic link loop (to ${where}, which contains it), not followed` : `symbolic link to ${where}, scanned under that path, not followed` });
        continue;
      }
      visited.add(link.real);
      stack.push(link);
      continue;
    }
    const { rel, real } = stack.pop()!;
    let list: Dirent[];
    try {
      list = scanFileSystem.readdir(real);
    } catch (err) {
      notes.skipped.push(rel === '' ? { path: '.', reason: `workspace root ${errnoReason(err)}` } : { path: rel, reason: `directory ${errnoReason(err)}` });
      continue;
    }
    const relPrefix = rel === '' ? '' : `${rel}/`;
    const absPrefix = real.endsWith(sep) ? real : `${real}${sep}`;
    for (let k = 0; k < list.length; k++) {
      const e = list[k]!;
      if (++entries > maxEntries || (entries % 1024 === 0 && Date.now() > deadline)) {
        notes.truncated = true;
        return out;
      }
      const name = e.name;
      const childRel = relPrefix + name;
      if (e.isDirectory()) {
        if (skipDir(name, childRel, options) || (hasExclusions && excluded(childRel, true))) continue;
        const childReal = absPrefix + name;
        if (visited.has(childReal)) continue;
        visited.add(childReal);
        stack.push({ rel: childRel, real: childReal });
        continue;
      }
      if (e.isFile()) {
        // `.go` first: most files are, and workspaceFileKind would say the same from the name.
        const kind = name.endsWith('.go') ? 'go' : workspaceFileKind(childRel);
        if (!kind || (hasExclusions && excluded(childRel, false))) continue;
        out.push({ path: childRel, abs: absPrefix + name, kind });
        continue;
      }
      if (e.isSymbolicLink()) {
        const c = followLink(absPrefix + name, name, childRel, real);
        if (c) out.push(c);
        continue;
      }
      // A FIFO, socket or device under a build file's name: listed, never opened.
      if (surelyRead(childRel) && !(hasExclusions && excluded(childRel, false))) {
        notes.skipped.push({ path: childRel, reason: `not a regular file (${e.isFIFO() ? 'a FIFO' : e.isSocket() ? 'a socket' : e.isCharacterDevice() ? 'a character device' : e.isBlockDevice() ? 'a block device' : 'a special file'}), not read` });
      }
    }
  }
  return out;

  /** A link in directory `from` (a real path): a candidate to read, a directory for later, or a note. */
  function followLink(abs: string, name: string, childRel: string, from: string): Candidate | undefined {
    let target: string;
    let st: Stats;
    try {
      target = scanFileSystem.realpath(abs);
      st = statSync(target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException | undefined)?.code;
      const reason = code === 'ELOOP' ? 'symbolic link loop, not followed' : 'broken symbolic link';
      // A build file's name pointing nowhere is a file not checked; another name is a note.
      if (surelyRead(childRel) && !(hasExclusions && excluded(childRel, false))) notes.skipped.push({ path: childRel, reason });
      else notes.unfollowedLinks.push({ path: childRel, reason });
      return undefined;
    }
    const isDir = st.isDirectory();
    if (isDir ? skipDir(name, childRel, options) || (hasExclusions && excluded(childRel, true)) : hasExclusions && excluded(childRel, false)) return undefined;
    if (!inside(target)) {
      // Never read through; whatever it would hide from the scan is listed as not checked.
      if (isDir || surelyRead(childRel)) notes.skipped.push({ path: childRel, reason: OUTSIDE_LINK_REASON });
      else notes.unfollowedLinks.push({ path: childRel, reason: OUTSIDE_LINK_REASON });
      return undefined;
    }
    if (isDir) {
      // Into .git, node_modules …: never walked, whatever the way in.
      const targetRel = target === rootReal ? '' : target.slice(rootReal.length + (rootReal.endsWith(sep) ? 0 : 1));
      if (targetRel.split(sep).some((part) => ALWAYS_SKIPPED_DIRS.has(part))) {
        notes.unfollowedLinks.push({ path: childRel, reason: 'symbolic link into a directory the scan never walks (.git, node_modules …), not followed' });
        return undefined;
      }
      linked.push({ rel: childRel, real: target, from });
      return undefined;
    }
    const kind = name.endsWith('.go') ? 'go' : workspaceFileKind(childRel);
    if (!kind) return undefined;
    // Read by its real path: the link is not resolved again. readCandidate says what a special file is.
    return { path: childRel, abs: target, kind };
  }
}

/**
 * The files a scan would read, found by one walk of the tree: what scanWorkspace reads, and what
 * a fingerprint of the workspace (workspace/fingerprint.ts) stats. Pass it to scanWorkspace to
 * read exactly these files without walking again.
 */
/** Walks the workspace and lists the files a scan reads. */
export function listWorkspace(root: string, options: ScanOptions = {}): WorkspaceListing {
  const found: WalkNotes = { skipped: [], unfollowedLinks: [] };
  const deadline = Date.now() + (options.timeBudgetMs ?? 60_000);
  const candidates = walk(root, options, found, deadline);
  return { root, candidates, skipped: found.skipped, unfollowedLinks: found.unfollowedLinks, truncated: found.truncated === true, deadline };
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
  if (listing.unfollowedLinks.length > 0) record.unfollowedLinks = [...listing.unfollowedLinks];
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
  // As the walk does: the file is read by its real path, and only when that lies inside the root's.
  let real: string;
  try {
    const rootReal = scanFileSystem.realpath(root);
    real = scanFileSystem.realpath(joinAbs(root, path));
    if (!insideOf(rootReal)(real)) return kind === 'maybe-shell' ? undefined : { skipped: { path, reason: OUTSIDE_LINK_REASON } };
  } catch (err) {
    return kind === 'maybe-shell' ? undefined : { skipped: { path, reason: errnoReason(err) } };
  }
  return Promise.resolve(readCandidate({ path, abs: real, kind }));
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
