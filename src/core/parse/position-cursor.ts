import type { Position, Range } from '../finding.js';

/**
 * Offsets → positions for callers that ask in (mostly) increasing order: each call scans only
 * from the previous offset, so a whole file costs one pass and no line table is allocated.
 */
export class PositionCursor {
  private offset = 0;
  private line = 0;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  position(offset: number): Position {
    const target = Math.max(0, Math.min(offset, this.text.length));
    if (target < this.offset) {
      this.offset = 0;
      this.line = 0;
      this.lineStart = 0;
    }
    const t = this.text;
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
    this.offset = target;
    return { line: this.line, character: target - this.lineStart };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}
