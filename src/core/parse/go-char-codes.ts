/**
 * Character codes and classes of the Go header grammar, shared by the reader of decoded text
 * (go-file-header.ts) and the reader of raw bytes (go-header-bytes.ts): every code tested here is
 * ASCII, and any code >= 0x80 (a non-ASCII character, or a byte of its UTF-8 encoding) counts as
 * an identifier character to both.
 */

export const SPACE = 32;
export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SLASH = 47;
export const STAR = 42;

/** Space, tab, CR, vertical tab or form feed (LF ends a line and is tested on its own). */
export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === 11 || c === 12;
}

export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0x80;
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
