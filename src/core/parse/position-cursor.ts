import type { Position, Range } from '../finding.js';

/**
 * Offsets → positions for callers that ask in (mostly) increasing order: each call scans only
 * from the previous offset, so a whole file costs one pass and no line table is allocated.
 * Line breaks are `\n`, `\r\n` and a lone `\r`. Where no `\r` lies ahead (the usual case) the
 * pass jumps from `\n` to `\n` with indexOf instead of looking at every character.
 */
export class PositionCursor {
  private offset = 0;
  private line = 0;
  private lineStart = 0;
  /** Offset of the next `\r` at or after `offset` (-1: none left; -2: not looked up yet). */
  private nextCr = -2;

  constructor(private readonly text: string) {}

  position(offset: number): Position {
    const target = Math.max(0, Math.min(offset, this.text.length));
    if (target < this.offset) {
      this.offset = 0;
      this.line = 0;
      this.lineStart = 0;
      this.nextCr = -2;
    }
    const t = this.text;
    if (this.nextCr === -2 || (this.nextCr >= 0 && this.nextCr < this.offset)) this.nextCr = t.indexOf('\r', this.offset);
    if (this.nextCr < 0 || this.nextCr >= target) {
      // Only `\n` breaks up to the target.
      let nl = t.indexOf('\n', this.offset);
      while (nl >= 0 && nl < target) {
        this.line++;
        this.lineStart = nl + 1;
        nl = t.indexOf('\n', nl + 1);
      }
    } else {
      for (let i = this.offset; i < target; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) {
          this.line++;
          this.lineStart = i + 1;
        } else if (c === 13 && t.charCodeAt(i + 1) !== 10) {
          this.line++;
          this.lineStart = i + 1;
        }
      }
    }
    this.offset = target;
    return { line: this.line, character: target - this.lineStart };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}
