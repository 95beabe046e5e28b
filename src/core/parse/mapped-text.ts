/**
 * A string whose every character remembers the file offset it came from. Parsers expand
 * variables, strip quotes and join continued lines; a MappedText keeps exact source ranges
 * through all of that. `-1` marks a character with no single origin (synthesised).
 */
export interface MappedText {
  text: string;
  origins: number[];
}

/**
 * Longest MappedText a parser may build: one origin per character, so a runaway expansion
 * would otherwise exhaust memory. A backstop only (files are at most 1 MiB and expansions are
 * capped far lower, see expansion-budget.ts); parsers turn the error into a note on the file.
 */
export const MAX_MAPPED_LENGTH = 8 * 1024 * 1024;

export class MappedTextTooLong extends Error {
  constructor() {
    super(`a value grew past ${MAX_MAPPED_LENGTH} characters; the rest of the file is not read`);
    this.name = 'MappedTextTooLong';
  }
}

function checkLength(length: number): void {
  if (length > MAX_MAPPED_LENGTH) throw new MappedTextTooLong();
}

/** `text` as found at `start` in the source. */
export function sourceText(text: string, start: number): MappedText {
  checkLength(text.length);
  const origins = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) origins[i] = start + i;
  return { text, origins };
}

/** A string that was not in the source (all origins -1), or that all maps to one origin. */
export function syntheticText(text: string, origin = -1): MappedText {
  checkLength(text.length);
  return { text, origins: new Array<number>(text.length).fill(origin) };
}

export function concatMapped(parts: readonly MappedText[]): MappedText {
  let text = '';
  const origins: number[] = [];
  checkLength(parts.reduce((n, p) => n + p.text.length, 0));
  for (const p of parts) {
    text += p.text;
    for (const o of p.origins) origins.push(o);
  }
  return { text, origins };
}

export function sliceMapped(m: MappedText, start: number, end = m.text.length): MappedText {
  return { text: m.text.slice(start, end), origins: m.origins.slice(start, end) };
}

/** Builds a MappedText incrementally. */
export class MappedBuilder {
  private text = '';
  private readonly origins: number[] = [];

  push(ch: string, origin: number): void {
    checkLength(this.text.length + ch.length);
    this.text += ch;
    for (let i = 0; i < ch.length; i++) this.origins.push(origin < 0 ? -1 : origin + i);
  }

  pushMapped(m: MappedText): void {
    checkLength(this.text.length + m.text.length);
    this.text += m.text;
    for (const o of m.origins) this.origins.push(o);
  }

  get length(): number {
    return this.text.length;
  }

  build(): MappedText {
    return { text: this.text, origins: this.origins.slice() };
  }
}

/**
 * The source span [start, end) covered by characters [from, to) of `m`, or undefined when
 * those characters have no origin. The span runs from the first known origin to the last.
 */
export function sourceSpan(m: MappedText, from = 0, to = m.text.length): [number, number] | undefined {
  let first = -1;
  let last = -1;
  for (let i = from; i < to; i++) {
    const o = m.origins[i] ?? -1;
    if (o < 0) continue;
    if (first < 0 || o < first) first = o;
    if (o > last) last = o;
  }
  return first < 0 ? undefined : [first, last + 1];
}

/**
 * True when characters [from, to) of `m` are one unbroken run of the source (each character
 * right after the previous one): replacing that source span changes exactly those characters.
 */
export function isContiguous(m: MappedText, from = 0, to = m.text.length): boolean {
  let prev = -1;
  for (let i = from; i < to; i++) {
    const o = m.origins[i] ?? -1;
    if (o < 0 || (prev >= 0 && o !== prev + 1)) return false;
    prev = o;
  }
  return prev >= 0;
}
