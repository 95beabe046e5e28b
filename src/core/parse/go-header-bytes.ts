/**
 * Where a `.go` file's header ends, found in the raw bytes the scanner read, so that only the
 * header is ever decoded to a string. The same grammar as goHeaderEnd (go-file-header.ts) on the
 * decoded text: every character it tests for is ASCII, and in valid UTF-8 each byte of a
 * multi-byte character is >= 0x80, exactly like the character itself (an identifier character
 * to both). A UTF-8 byte-order mark is 3 bytes here, 1 character there. Pure; never throws.
 */

import { CR, isBlank, isIdentPart, isIdentStart, LF, SLASH, SPACE, STAR, TAB } from './go-char-codes.js';

/**
 * Uint8Array's own indexOf, also on a Buffer: Buffer's override checks its arguments in
 * JavaScript on every call, which a one-shot scan of 20 000 files pays for in full.
 */
function indexOfByte(b: Uint8Array, byte: number, from: number): number {
  return Uint8Array.prototype.indexOf.call(b, byte, from);
}


const PACKAGE = [112, 97, 99, 107, 97, 103, 101];
const IMPORT = [105, 109, 112, 111, 114, 116];

/**
 * The byte offset where the header (build-constraint comments, package clause, imports) ends in
 * `bytes[0, length)` — the first byte of the first declaration after the imports — or undefined
 * when those bytes stop before the header does. `bytes` must be valid UTF-8 up to `length`.
 *
 * `more`: the file goes on after `length` (a read stopped there). Then a token cut by the read
 * that could still turn out to be `import` or a comment (`imp|ort`, `/|/`) is not taken for the
 * first declaration: undefined, so that the caller reads on (goHeaderEnd on a cut text would stop
 * there and lose the imports that follow).
 */
export function goHeaderEndInBytes(bytes: Uint8Array, length: number, more = false): number | undefined {
  const n = Math.min(length, bytes.length);
  const codeStart = firstCodeByte(bytes, n);
  if (codeStart === undefined) return undefined;
  const end = new HeaderEndScanner(bytes, n, codeStart).run();
  if (end === undefined || !more) return end;
  if (bytes[end] === SLASH && end + 1 === n) return undefined;
  // A cut proper prefix of `import` (`imp|ort`): read on. (A whole `import` reads on anyway.)
  if (n - end < IMPORT.length) {
    let k = end;
    while (k < n && bytes[k] === IMPORT[k - end]) k++;
    if (k === n) return undefined;
  }
  return end;
}

/** Where the leading comments end (go/build's parseFileHeader comment block), or undefined. */
function firstCodeByte(b: Uint8Array, n: number): number | undefined {
  let p = n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  let inSlashStar = false;
  while (p < n) {
    let lineEnd = indexOfByte(b, LF, p);
    if (lineEnd < 0 || lineEnd > n) lineEnd = n;
    const next = lineEnd < n ? lineEnd + 1 : n;
    let a = p;
    while (a < lineEnd && isBlank(b[a]!)) a++;
    let e = lineEnd;
    while (e > a && isBlank(b[e - 1]!)) e--;
    let q = a;
    scan: while (q < e) {
      if (inSlashStar) {
        let close = -1;
        for (let k = q; k + 1 < e; k++) {
          if (b[k] === STAR && b[k + 1] === SLASH) {
            close = k;
            break;
          }
        }
        if (close < 0) break scan;
        inSlashStar = false;
        q = close + 2;
        while (q < e && isBlank(b[q]!)) q++;
        continue;
      }
      const c0 = b[q];
      const c1 = q + 1 < n ? b[q + 1] : -1;
      if (c0 === SLASH && c1 === SLASH) break scan;
      if (c0 === SLASH && c1 === STAR) {
        inSlashStar = true;
        q += 2;
        continue;
      }
      return q;
    }
    p = next;
  }
  return undefined;
}

/** The package clause and import declarations, as ImportScanner with nothing collected. */
class HeaderEndScanner {
  constructor(
    private readonly b: Uint8Array,
    private readonly n: number,
    private i: number,
  ) {}

  /** Offset of the first `\\` at or after `from` (`n` when none): looked up once, not per spec. */
  private backslash = -1;

  private nextBackslash(from: number): number {
    if (this.backslash < from) {
      const k = indexOfByte(this.b, 92, from);
      this.backslash = k < 0 || k > this.n ? this.n : k;
    }
    return this.backslash;
  }

  private at(k: number): number {
    return k < this.n ? this.b[k]! : -1;
  }

  run(): number | undefined {
    this.skipSpaceAndComments();
    if (!this.word(PACKAGE)) return undefined;
    this.skipBlanks();
    if (this.identEnd() === this.i) return undefined;
    this.i = this.identEnd();
    for (;;) {
      this.skipSpaceAndComments();
      if (this.i >= this.n) return undefined;
      const declStart = this.i;
      if (!this.word(IMPORT)) return declStart;
      this.skipSpaceAndComments();
      if (this.at(this.i) === 40 /* ( */) {
        this.i++;
        for (;;) {
          this.skipSpaceAndComments();
          if (this.i >= this.n) return undefined;
          if (this.at(this.i) === 41 /* ) */) {
            this.i++;
            break;
          }
          if (!this.spec()) return undefined;
        }
      } else if (!this.spec()) return undefined;
    }
  }

  /** End of the identifier at `i` (= `i` when there is none). */
  private identEnd(): number {
    let k = this.i;
    if (k >= this.n || !isIdentStart(this.b[k]!)) return k;
    k++;
    while (k < this.n && isIdentPart(this.b[k]!)) k++;
    return k;
  }

  /** Consumes the identifier at `i`; true when it is exactly `word`. */
  private word(word: readonly number[]): boolean {
    const end = this.identEnd();
    const start = this.i;
    this.i = end;
    if (end - start !== word.length) return false;
    for (let k = 0; k < word.length; k++) if (this.b[start + k] !== word[k]) return false;
    return true;
  }

  private skipBlanks(): void {
    while (this.i < this.n) {
      const c = this.b[this.i];
      if (c !== SPACE && c !== TAB) return;
      this.i++;
    }
  }

  private skipSpaceAndComments(): void {
    const { b, n } = this;
    while (this.i < n) {
      const c = b[this.i]!;
      if (c === SPACE || c === TAB || c === CR || c === LF || c === 59 /* ; */) {
        this.i++;
        continue;
      }
      const c1 = this.at(this.i + 1);
      if (c === SLASH && c1 === SLASH) {
        const k = indexOfByte(b, LF, this.i);
        this.i = k < 0 || k > n ? n : k;
        continue;
      }
      if (c === SLASH && c1 === STAR) {
        let k = this.i + 2;
        while (k + 1 < n && !(b[k] === STAR && b[k + 1] === SLASH)) k++;
        this.i = k + 1 < n ? k + 2 : n;
        continue;
      }
      return;
    }
  }

  private spec(): boolean {
    const { b, n } = this;
    const c = this.at(this.i);
    if (c === 46 /* . */) this.i++;
    else if (c >= 0 && isIdentStart(c)) this.i = this.identEnd();
    this.skipBlanks();
    const q = this.at(this.i);
    if (q !== 34 && q !== 96) return false;
    let k = indexOfByte(b, q, this.i + 1);
    if (k >= 0 && k < n) {
      // The common case: no line break and no escape before the closing quote.
      const lf = indexOfByte(b, LF, this.i + 1);
      if ((lf < 0 || lf > k) && (q !== 34 || this.nextBackslash(this.i + 1) > k)) {
        this.i = k + 1;
        return true;
      }
    }
    k = this.i + 1;
    while (k < n) {
      const ch = b[k];
      if (ch === q || ch === LF) break;
      k += q === 34 && ch === 92 ? 2 : 1;
    }
    if (k >= n || b[k] !== q) return false;
    this.i = k + 1;
    return true;
  }
}
