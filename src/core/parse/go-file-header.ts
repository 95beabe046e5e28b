/**
 * Reads the header of a `.go` file: build constraints (as go/build's parseFileHeader finds
 * them), the package clause, the imports, and the `#cgo` lines of an `import "C"` preamble.
 * Stops at the first declaration after the imports. Written as one pass over char codes: it
 * runs on every `.go` file of the workspace. Pure; never throws.
 */
import type { GoFileFacts } from '../workspace/go-file.js';
import { parseGoBuildLine, parsePlusBuildLine } from './build-constraint.js';
import { PositionCursor } from './position-cursor.js';

interface Comment {
  start: number;
  end: number;
}

interface ImportSpec {
  path: string;
  start: number;
  end: number;
  doc?: Comment[];
}

interface HeaderScan {
  goBuild?: { start: number; end: number; multiple?: boolean };
  plusBuild: { start: number; end: number }[];
  packageName?: string;
  packageStart?: number;
  packageEnd?: number;
  imports: ImportSpec[];
  /** Found the first token after the imports (so the header is all in `text`). */
  complete: boolean;
  end: number;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const SLASH = 47;
const STAR = 42;

function isBlankCode(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === 11 || c === 12;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0x80;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

/** Where the header ends in `text`, or undefined when `text` stops before the header does. */
export function goHeaderEnd(text: string): number | undefined {
  const r = scanHeader(text, false);
  return r.complete ? r.end : undefined;
}

/** `collect` = record imports (off when only the end of the header is wanted). */
function scanHeader(text: string, collect = true): HeaderScan {
  const out: HeaderScan = { plusBuild: [], imports: [], complete: false, end: text.length };
  const n = text.length;
  // 1. Leading comments: //go:build and // +build lines, as go/build's parseFileHeader.
  let p = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let plusEnd = 0;
  let ended = false;
  let inSlashStar = false;
  let codeStart = n;
  let plusCandidates: { start: number; end: number }[] | undefined;
  lines: while (p < n) {
    let lineEnd = text.indexOf('\n', p);
    const next = lineEnd < 0 ? n : lineEnd + 1;
    if (lineEnd < 0) lineEnd = n;
    let a = p;
    while (a < lineEnd && isBlankCode(text.charCodeAt(a))) a++;
    let b = lineEnd;
    while (b > a && isBlankCode(text.charCodeAt(b - 1))) b--;
    if (a === b && !ended) {
      plusEnd = next;
      p = next;
      continue;
    }
    const isLineComment = text.charCodeAt(a) === SLASH && text.charCodeAt(a + 1) === SLASH;
    if (!isLineComment) ended = true;
    if (!inSlashStar && isLineComment) {
      if (text.startsWith('//go:build', a) && (a + 10 === b || isBlankCode(text.charCodeAt(a + 10)))) {
        if (out.goBuild) out.goBuild.multiple = true;
        else out.goBuild = { start: a, end: b };
      } else {
        let k = a + 2;
        while (k < b && isBlankCode(text.charCodeAt(k))) k++;
        if (text.startsWith('+build', k) && (k + 6 === b || isBlankCode(text.charCodeAt(k + 6)))) (plusCandidates ??= []).push({ start: a, end: b });
      }
    }
    let q = a;
    while (q < b) {
      if (inSlashStar) {
        const close = text.indexOf('*/', q);
        if (close < 0 || close >= b) {
          p = next;
          continue lines;
        }
        inSlashStar = false;
        q = close + 2;
        while (q < b && isBlankCode(text.charCodeAt(q))) q++;
        continue;
      }
      const c0 = text.charCodeAt(q);
      if (c0 === SLASH && text.charCodeAt(q + 1) === SLASH) {
        p = next;
        continue lines;
      }
      if (c0 === SLASH && text.charCodeAt(q + 1) === STAR) {
        inSlashStar = true;
        q += 2;
        continue;
      }
      codeStart = q;
      break lines;
    }
    p = next;
  }
  if (plusCandidates) out.plusBuild = plusCandidates.filter((c) => c.end <= plusEnd);
  if (codeStart >= n) return out;

  // 2. Tokens from the package clause to the end of the imports.
  new ImportScanner(text, codeStart, out, collect).run();
  return out;
}

/** The package clause and import declarations (a class: no closures per file). */
class ImportScanner {
  private pending: Comment[] = [];
  private readonly n: number;

  constructor(
    private readonly text: string,
    private i: number,
    private readonly out: HeaderScan,
    private readonly collect: boolean,
  ) {
    this.n = text.length;
  }

  run(): void {
    const { text, out } = this;
    this.skipSpaceAndComments();
    this.pending = [];
    const pkgStart = this.i;
    if (this.ident() !== 'package') return;
    this.skipBlanks();
    const name = this.ident();
    if (!name) return;
    out.packageName = name;
    out.packageStart = pkgStart;
    out.packageEnd = this.i;
    for (;;) {
      this.skipSpaceAndComments();
      if (this.i >= this.n) return;
      const declStart = this.i;
      if (this.ident() !== 'import') {
        out.complete = true;
        out.end = declStart;
        return;
      }
      const declDoc = this.pending;
      this.skipSpaceAndComments();
      if (text.charCodeAt(this.i) === 40 /* ( */) {
        this.i++;
        this.pending = [];
        for (;;) {
          this.skipSpaceAndComments();
          if (this.i >= this.n) return;
          if (text.charCodeAt(this.i) === 41 /* ) */) {
            this.i++;
            this.pending = [];
            break;
          }
          if (!this.spec()) return;
        }
      } else {
        this.pending = declDoc;
        if (!this.spec()) return;
      }
    }
  }

  private skipBlanks(): void {
    while (this.i < this.n) {
      const c = this.text.charCodeAt(this.i);
      if (c !== SPACE && c !== TAB) return;
      this.i++;
    }
  }

  private skipSpaceAndComments(): void {
    const { text, n } = this;
    while (this.i < n) {
      const c = text.charCodeAt(this.i);
      if (c === SPACE || c === TAB || c === CR || c === LF || c === 59 /* ; */) {
        if (c === LF && this.pending.length > 0) {
          // A blank line detaches a comment from what follows.
          let k = this.i + 1;
          while (k < n && isBlankCode(text.charCodeAt(k))) k++;
          if (text.charCodeAt(k) === LF) this.pending = [];
        }
        this.i++;
        continue;
      }
      if (c === SLASH && text.charCodeAt(this.i + 1) === SLASH) {
        const nl = text.indexOf('\n', this.i);
        const end = nl < 0 ? n : nl;
        if (this.collect) this.pending.push({ start: this.i, end });
        this.i = end;
        continue;
      }
      if (c === SLASH && text.charCodeAt(this.i + 1) === STAR) {
        const close = text.indexOf('*/', this.i + 2);
        const end = close < 0 ? n : close + 2;
        if (this.collect) this.pending.push({ start: this.i, end });
        this.i = end;
        continue;
      }
      return;
    }
  }

  private ident(): string | undefined {
    const { text, n } = this;
    if (this.i >= n || !isIdentStart(text.charCodeAt(this.i))) return undefined;
    const start = this.i;
    this.i++;
    while (this.i < n && isIdentPart(text.charCodeAt(this.i))) this.i++;
    return text.slice(start, this.i);
  }

  private spec(): boolean {
    const { text, n } = this;
    const doc = this.pending;
    this.pending = [];
    const c = text.charCodeAt(this.i);
    if (c === 46 /* . */) this.i++;
    else if (isIdentStart(c)) this.ident();
    this.skipBlanks();
    const q = text.charCodeAt(this.i);
    if (q !== 34 && q !== 96) return false;
    const start = this.i;
    let k = this.i + 1;
    while (k < n) {
      const ch = text.charCodeAt(k);
      if (ch === q || ch === LF) break;
      k += q === 34 && ch === 92 ? 2 : 1;
    }
    if (k >= n || text.charCodeAt(k) !== q) return false;
    this.i = k + 1;
    if (this.collect) this.out.imports.push({ path: text.slice(start + 1, k), start, end: this.i, ...(doc.length ? { doc } : {}) });
    return true;
  }
}

const CGO_LINE = /^[ \t]*(?:\/\/|\/\*|\*)?[ \t]*(#cgo[ \t][^\n]*?)[ \t]*(?:\*\/)?[ \t]*$/gm;

/** Parses the header of one `.go` file. `complete` = `text` is the whole file. */
export function parseGoFileHeader(file: string, path: string, text: string, complete = true): GoFileFacts {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const facts: GoFileFacts = {
    file,
    path,
    dir: slash < 0 ? '' : path.slice(0, slash),
    name,
    isTest: name.endsWith('_test.go'),
    plusBuild: [],
    constraintTags: [],
    imports: [],
    cgoDirectives: [],
  };
  let scan: HeaderScan;
  try {
    scan = scanHeader(text);
  } catch {
    facts.incomplete = true;
    return facts;
  }
  const cursor = new PositionCursor(text);
  if (!scan.complete && !complete) facts.incomplete = true;
  if (scan.goBuild) {
    const line = text.slice(scan.goBuild.start, scan.goBuild.end);
    const parsed = parseGoBuildLine(line);
    const error = scan.goBuild.multiple ? 'multiple //go:build comments' : parsed.error;
    facts.goBuild = { text: line, range: cursor.range(scan.goBuild.start, scan.goBuild.end), ...(parsed.expr ? { expr: parsed.expr } : {}), ...(error ? { error } : {}) };
    for (const t of parsed.tags) facts.constraintTags.push({ tag: t.tag, range: cursor.range(scan.goBuild.start + t.offset, scan.goBuild.start + t.offset + t.tag.length) });
  }
  for (const pb of scan.plusBuild) {
    const line = text.slice(pb.start, pb.end);
    const parsed = parsePlusBuildLine(line);
    facts.plusBuild.push({ text: line, range: cursor.range(pb.start, pb.end), ...(parsed.expr ? { expr: parsed.expr } : {}) });
    if (!scan.goBuild) for (const t of parsed.tags) facts.constraintTags.push({ tag: t.tag, range: cursor.range(pb.start + t.offset, pb.start + t.offset + t.tag.length) });
  }
  if (scan.packageName !== undefined && scan.packageStart !== undefined && scan.packageEnd !== undefined) {
    facts.packageName = scan.packageName;
    facts.packageRange = cursor.range(scan.packageStart, scan.packageEnd);
  }
  for (const imp of scan.imports) {
    facts.imports.push(imp.path);
    if (imp.path !== 'C') continue;
    for (const c of imp.doc ?? []) {
      const body = text.slice(c.start, c.end);
      if (!body.includes('#cgo')) continue;
      CGO_LINE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = CGO_LINE.exec(body))) {
        const at = c.start + m.index + m[0].indexOf(m[1]!);
        facts.cgoDirectives.push({ text: m[1]!, range: cursor.range(at, at + m[1]!.length) });
      }
    }
    facts.importC = cursor.range(imp.start, imp.end);
  }
  return facts;
}
