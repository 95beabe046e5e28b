/**
 * Reads the header of a `.go` file: build constraints (as go/build's parseFileHeader finds
 * them), the package clause, the imports, and the `#cgo` lines of an `import "C"` preamble.
 * Stops at the first declaration after the imports. It runs on every `.go` file of the
 * workspace, mostly before the optimizing compiler has looked at it: one pass over char codes,
 * with native searches (sticky regexes, indexOf) for the common runs, no allocation per comment
 * or spec, and repeated strings and constraint lines shared between files. Pure; never throws.
 */
import type { GoFileFacts } from '../workspace/go-file.js';
import { parseGoBuildLine, parsePlusBuildLine, type ParsedConstraint } from './build-constraint.js';
import { CR, isBlank, isIdentPart, isIdentStart, LF, SLASH, SPACE, STAR, TAB } from './go-char-codes.js';
import { PositionCursor } from './position-cursor.js';

interface Comment {
  start: number;
  end: number;
}

/** An `import "C"` spec: its range and the comments attached to it (its cgo preamble). */
interface CImport {
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
  /** Import paths (including "C"), in order. */
  imports: string[];
  /** The `import "C"` specs, in order. */
  cImports: CImport[];
  /** Found the first token after the imports (so the header is all in `text`). */
  complete: boolean;
  end: number;
}

/** The shared empty list of HeaderScan (never pushed to: see scanHeader). */
const NONE: never[] = [];


/** Where the header ends in `text`, or undefined when `text` stops before the header does. */
export function goHeaderEnd(text: string): number | undefined {
  const r = scanHeader(text, false);
  return r.complete ? r.end : undefined;
}

/** `collect` = record imports (off when only the end of the header is wanted). */
function scanHeader(text: string, collect = true): HeaderScan {
  // Most files have neither `// +build` lines nor import "C": those lists start as one shared
  // empty array, replaced by a list of their own only when something is found.
  const out: HeaderScan = { plusBuild: NONE, imports: [], cImports: NONE, complete: false, end: text.length };
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
    while (a < lineEnd && isBlank(text.charCodeAt(a))) a++;
    let b = lineEnd;
    while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
    if (a === b && !ended) {
      plusEnd = next;
      p = next;
      continue;
    }
    const isLineComment = text.charCodeAt(a) === SLASH && text.charCodeAt(a + 1) === SLASH;
    if (!isLineComment) ended = true;
    if (!inSlashStar && isLineComment) {
      if (text.startsWith('//go:build', a) && (a + 10 === b || isBlank(text.charCodeAt(a + 10)))) {
        if (out.goBuild) out.goBuild.multiple = true;
        else out.goBuild = { start: a, end: b };
      } else {
        let k = a + 2;
        while (k < b && isBlank(text.charCodeAt(k))) k++;
        if (text.startsWith('+build', k) && (k + 6 === b || isBlank(text.charCodeAt(k + 6)))) (plusCandidates ??= []).push({ start: a, end: b });
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
        while (q < b && isBlank(text.charCodeAt(q))) q++;
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

/**
 * Comment positions the import scanner holds while it looks for the spec they document: one
 * reusable buffer (the scanner is not re-entrant), so a file costs no allocation per comment or
 * per spec. Only the comments of an `import "C"` spec are copied out (its cgo preamble).
 */
const commentStarts: number[] = [];
const commentEnds: number[] = [];

/** An identifier (isIdentStart, then isIdentPart: every UTF-16 unit >= 0x80 counts). */
const IDENT = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*/y;
/** White space between tokens (skipSpaceAndComments without comments). */
const SPACES = /[ \t\r\n;]+/y;
/** An import spec the slow path would read the same way: `[. | name] "path"` without escapes, or a raw string. */
const SIMPLE_SPEC = /(?:\.|[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?[ \t]*(?:"[^"\\\n]*"|`[^`\n]*`)/y;

const KEYWORD_PACKAGE = 'package';
const KEYWORD_IMPORT = 'import';

/**
 * The package clause and import declarations (a class: no closures per file).
 *
 * Comments in front of a spec are its doc. The pending list is a segment [pendingBase, top) of
 * the comment buffer: a blank line after a comment starts a new, empty segment, and so does each
 * spec. `import` followed by a single spec keeps the comments in front of the keyword, plus those
 * after it up to the first blank line that follows a comment (the segment that was pending when
 * the keyword was read, as it stood when it was replaced).
 */
class ImportScanner {
  private readonly n: number;
  private top = 0;
  private pendingBase = 0;
  /** The segment the single-spec `import` form restores (-1: none); frozen once replaced. */
  private declBase = -1;
  private declEnd = -1;
  private declFrozen = false;

  constructor(
    private readonly text: string,
    private i: number,
    private readonly out: HeaderScan,
    private readonly collect: boolean,
  ) {
    this.n = text.length;
  }

  /** Replaces the pending segment with a new, empty one. */
  private newPending(): void {
    if (this.declBase === this.pendingBase && !this.declFrozen && this.declBase >= 0) {
      this.declEnd = this.top;
      this.declFrozen = true;
    }
    this.pendingBase = this.top;
  }

  run(): void {
    const { text, out } = this;
    this.skipSpaceAndComments();
    this.newPending();
    const pkgStart = this.i;
    if (!this.keyword(KEYWORD_PACKAGE)) return;
    this.skipBlanks();
    const nameStart = this.i;
    const nameEnd = this.identEnd();
    if (nameEnd === nameStart) return;
    this.i = nameEnd;
    out.packageName = text.slice(nameStart, nameEnd);
    out.packageStart = pkgStart;
    out.packageEnd = this.i;
    for (;;) {
      this.skipSpaceAndComments();
      if (this.i >= this.n) return;
      const declStart = this.i;
      if (!this.keyword(KEYWORD_IMPORT)) {
        out.complete = true;
        out.end = declStart;
        return;
      }
      // The doc of a single-spec `import`: the pending segment, as it stands until replaced.
      this.declBase = this.pendingBase;
      this.declFrozen = false;
      this.skipSpaceAndComments();
      if (text.charCodeAt(this.i) === 40 /* ( */) {
        this.i++;
        this.declBase = -1;
        this.newPending();
        for (;;) {
          this.skipSpaceAndComments();
          if (this.i >= this.n) return;
          if (text.charCodeAt(this.i) === 41 /* ) */) {
            this.i++;
            this.newPending();
            break;
          }
          if (!this.spec(this.pendingBase, this.top)) return;
        }
      } else {
        const docBase = this.declBase;
        const docEnd = this.declFrozen ? this.declEnd : this.top;
        this.declBase = -1;
        if (!this.spec(docBase, docEnd)) return;
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

  private push(start: number, end: number): void {
    commentStarts[this.top] = start;
    commentEnds[this.top] = end;
    this.top++;
  }

  private skipSpaceAndComments(): void {
    const { text, n } = this;
    while (this.i < n) {
      if (this.top === this.pendingBase) {
        // Nothing pending, so no blank line can detach anything: skip the white space at once.
        SPACES.lastIndex = this.i;
        if (SPACES.test(text)) this.i = SPACES.lastIndex;
        if (this.i >= n) return;
      }
      const c = text.charCodeAt(this.i);
      if (c === SPACE || c === TAB || c === CR || c === LF || c === 59 /* ; */) {
        if (c === LF && this.top > this.pendingBase) {
          // A blank line detaches a comment from what follows.
          let k = this.i + 1;
          while (k < n && isBlank(text.charCodeAt(k))) k++;
          if (text.charCodeAt(k) === LF) this.newPending();
        }
        this.i++;
        continue;
      }
      if (c === SLASH && text.charCodeAt(this.i + 1) === SLASH) {
        const nl = text.indexOf('\n', this.i);
        const end = nl < 0 ? n : nl;
        if (this.collect) this.push(this.i, end);
        this.i = end;
        continue;
      }
      if (c === SLASH && text.charCodeAt(this.i + 1) === STAR) {
        const close = text.indexOf('*/', this.i + 2);
        const end = close < 0 ? n : close + 2;
        if (this.collect) this.push(this.i, end);
        this.i = end;
        continue;
      }
      return;
    }
  }

  /** End of the identifier at `i` (= `i` when there is none). */
  private identEnd(): number {
    IDENT.lastIndex = this.i;
    return IDENT.test(this.text) ? IDENT.lastIndex : this.i;
  }

  /**
   * Consumes `word` when the identifier at `i` is exactly that word. (On any other identifier
   * the callers stop scanning, so where `i` is left then does not matter.)
   */
  private keyword(word: string): boolean {
    if (!this.text.startsWith(word, this.i) || isIdentPart(this.text.charCodeAt(this.i + word.length))) return false;
    this.i += word.length;
    return true;
  }

  /** One import spec; `docBase`..`docEnd` are the comments in front of it. */
  private spec(docBase: number, docEnd: number): boolean {
    const { text, n } = this;
    this.newPending();
    let start: number;
    let k: number;
    SIMPLE_SPEC.lastIndex = this.i;
    if (SIMPLE_SPEC.test(text)) {
      // `[name] "path"` with no escape (or a raw string): the path is between the last two quotes.
      k = SIMPLE_SPEC.lastIndex - 1;
      start = text.lastIndexOf(text.charCodeAt(k) === 34 ? '"' : '`', k - 1);
    } else {
      const c = text.charCodeAt(this.i);
      if (c === 46 /* . */) this.i++;
      else if (isIdentStart(c)) this.i = this.identEnd();
      this.skipBlanks();
      const q = text.charCodeAt(this.i);
      if (q !== 34 && q !== 96) return false;
      start = this.i;
      k = this.i + 1;
      while (k < n) {
        const ch = text.charCodeAt(k);
        if (ch === q || ch === LF) break;
        k += q === 34 && ch === 92 ? 2 : 1;
      }
      if (k >= n || text.charCodeAt(k) !== q) return false;
    }
    this.i = k + 1;
    if (!this.collect) return true;
    const path = k === start + 2 && text.charCodeAt(start + 1) === 67 /* C */ ? 'C' : interned(text.slice(start + 1, k));
    this.out.imports.push(path);
    if (path === 'C') {
      const imp: CImport = { start, end: this.i };
      if (docEnd > docBase) {
        const doc: Comment[] = [];
        for (let d = docBase; d < docEnd; d++) doc.push({ start: commentStarts[d]!, end: commentEnds[d]! });
        imp.doc = doc;
      }
      if (this.out.cImports === NONE) this.out.cImports = [];
      this.out.cImports.push(imp);
    }
    return true;
  }
}

/**
 * Constraint lines parsed so far: a workspace repeats the same few lines in many files. The
 * parsed expression is shared by those files' facts (it is never mutated). Bounded.
 */
const parsedGoBuild = new Map<string, ParsedConstraint>();
const parsedPlusBuild = new Map<string, ParsedConstraint>();
const MAX_PARSED_LINES = 512;

function parsedLine(cache: Map<string, ParsedConstraint>, line: string, parse: (line: string) => ParsedConstraint): ParsedConstraint {
  let parsed = cache.get(line);
  if (!parsed) {
    if (cache.size >= MAX_PARSED_LINES) cache.clear();
    parsed = parse(line);
    cache.set(line, parsed);
  }
  return parsed;
}

/**
 * Strings many files repeat (directory and file names, import paths), shared rather than held
 * once per file: a 20 000-file workspace has a few hundred distinct ones. Bounded.
 */
const internedStrings = new Map<string, string>();
const MAX_INTERNED = 16_384;

function interned(s: string): string {
  const known = internedStrings.get(s);
  if (known !== undefined) return known;
  if (internedStrings.size >= MAX_INTERNED) internedStrings.clear();
  internedStrings.set(s, s);
  return s;
}

const NO_PLUS_BUILD: GoFileFacts['plusBuild'] = Object.freeze([]) as unknown as GoFileFacts['plusBuild'];
const NO_CONSTRAINT_TAGS: GoFileFacts['constraintTags'] = Object.freeze([]) as unknown as GoFileFacts['constraintTags'];
const NO_CGO_DIRECTIVES: GoFileFacts['cgoDirectives'] = Object.freeze([]) as unknown as GoFileFacts['cgoDirectives'];

/** The facts' own list `key`, made on the first entry (until then it is the shared empty one). */
function ownList<K extends 'plusBuild' | 'constraintTags' | 'cgoDirectives'>(facts: GoFileFacts, key: K): GoFileFacts[K] {
  if (Object.isFrozen(facts[key])) facts[key] = [] as GoFileFacts[K];
  return facts[key];
}

const CGO_LINE = /^[ \t]*(?:\/\/|\/\*|\*)?[ \t]*(#cgo[ \t][^\n]*?)[ \t]*(?:\*\/)?[ \t]*$/gm;

/** Parses the header of one `.go` file. `complete` = `text` is the whole file. */
export function parseGoFileHeader(file: string, path: string, text: string, complete = true): GoFileFacts {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  let scan: HeaderScan | undefined;
  try {
    scan = scanHeader(text);
  } catch {
    scan = undefined;
  }
  const facts: GoFileFacts = {
    file,
    path,
    dir: slash < 0 ? '' : interned(path.slice(0, slash)),
    name: interned(name),
    isTest: name.endsWith('_test.go'),
    // Empty lists are one shared, frozen array each; a file with entries gets its own (below).
    plusBuild: NO_PLUS_BUILD,
    constraintTags: NO_CONSTRAINT_TAGS,
    imports: scan ? scan.imports : [],
    cgoDirectives: NO_CGO_DIRECTIVES,
  };
  if (!scan) {
    facts.incomplete = true;
    return facts;
  }
  const cursor = new PositionCursor(text);
  if (!scan.complete && !complete) facts.incomplete = true;
  if (scan.goBuild) {
    const line = text.slice(scan.goBuild.start, scan.goBuild.end);
    const parsed = parsedLine(parsedGoBuild, line, parseGoBuildLine);
    const error = scan.goBuild.multiple ? 'multiple //go:build comments' : parsed.error;
    const goBuild: NonNullable<GoFileFacts['goBuild']> = { text: line, range: cursor.range(scan.goBuild.start, scan.goBuild.end) };
    if (parsed.expr) goBuild.expr = parsed.expr;
    if (error) goBuild.error = error;
    facts.goBuild = goBuild;
    for (let k = 0; k < parsed.tags.length; k++) {
      const t = parsed.tags[k]!;
      ownList(facts, 'constraintTags').push({ tag: t.tag, range: cursor.range(scan.goBuild.start + t.offset, scan.goBuild.start + t.offset + t.tag.length) });
    }
  }
  for (const pb of scan.plusBuild) {
    const line = text.slice(pb.start, pb.end);
    const parsed = parsedLine(parsedPlusBuild, line, parsePlusBuildLine);
    ownList(facts, 'plusBuild').push({ text: line, range: cursor.range(pb.start, pb.end), ...(parsed.expr ? { expr: parsed.expr } : {}) });
    if (!scan.goBuild) for (const t of parsed.tags) ownList(facts, 'constraintTags').push({ tag: t.tag, range: cursor.range(pb.start + t.offset, pb.start + t.offset + t.tag.length) });
  }
  if (scan.packageName !== undefined && scan.packageStart !== undefined && scan.packageEnd !== undefined) {
    facts.packageName = scan.packageName;
    facts.packageRange = cursor.range(scan.packageStart, scan.packageEnd);
  }
  for (const imp of scan.cImports) {
    for (const c of imp.doc ?? []) {
      const body = text.slice(c.start, c.end);
      if (!body.includes('#cgo')) continue;
      CGO_LINE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = CGO_LINE.exec(body))) {
        const at = c.start + m.index + m[0].indexOf(m[1]!);
        ownList(facts, 'cgoDirectives').push({ text: m[1]!, range: cursor.range(at, at + m[1]!.length) });
      }
    }
    facts.importC = cursor.range(imp.start, imp.end);
  }
  return facts;
}
