/**
 * Build constraints: `//go:build` expressions and `// +build` lines (go/build/constraint
 * syntax), with the offset of every tag, and a three-valued evaluator (a tag whose truth is not
 * known, e.g. a GOOS only set at run time, makes the result `undefined` where it matters).
 * Pure; never throws.
 */

export type ConstraintExpr =
  | { kind: 'tag'; tag: string; offset: number }
  | { kind: 'not'; x: ConstraintExpr }
  | { kind: 'and'; x: ConstraintExpr; y: ConstraintExpr }
  | { kind: 'or'; x: ConstraintExpr; y: ConstraintExpr };

export interface ParsedConstraint {
  expr?: ConstraintExpr;
  /** Every tag with its offset in the line text. */
  tags: { tag: string; offset: number }[];
  error?: string;
}

const MAX_DEPTH = 100;

function isTagChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const k = c.charCodeAt(0);
  return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95 || k === 46;
}

/** Parses the text after `//go:build`; offsets are relative to `line` (the whole comment line). */
export function parseGoBuildLine(line: string): ParsedConstraint {
  const m = /^\s*\/\/go:build(?=\s|$)/.exec(line);
  if (!m) return { tags: [], error: 'not a //go:build line' };
  return new ExprParser(line, m[0].length).parse();
}

/** Recursive descent over `||`, `&&`, `!`, parentheses and tags (a class: no closures per call). */
class ExprParser {
  readonly tags: { tag: string; offset: number }[] = [];
  private depth = 0;

  constructor(
    private readonly s: string,
    private i: number,
  ) {}

  parse(): ParsedConstraint {
    try {
      const expr = this.or();
      this.skip();
      if (this.i < this.s.length && !this.s.startsWith('//', this.i)) return { expr, tags: this.tags, error: `unexpected ${JSON.stringify(this.s.slice(this.i, this.i + 10))}` };
      return { expr, tags: this.tags };
    } catch (err) {
      return { tags: this.tags, error: err instanceof Error ? err.message : String(err) };
    }
  }

  private skip(): void {
    const s = this.s;
    while (this.i < s.length && (s[this.i] === ' ' || s[this.i] === '\t' || s[this.i] === '\r')) this.i++;
  }

  private or(): ConstraintExpr {
    let x = this.and();
    this.skip();
    while (this.s.startsWith('||', this.i)) {
      this.i += 2;
      x = { kind: 'or', x, y: this.and() };
      this.skip();
    }
    return x;
  }

  private and(): ConstraintExpr {
    let x = this.not();
    this.skip();
    while (this.s.startsWith('&&', this.i)) {
      this.i += 2;
      x = { kind: 'and', x, y: this.not() };
      this.skip();
    }
    return x;
  }

  private not(): ConstraintExpr {
    this.skip();
    if (++this.depth > MAX_DEPTH) throw new Error('expression too deep');
    try {
      const s = this.s;
      if (s[this.i] === '!') {
        this.i++;
        return { kind: 'not', x: this.not() };
      }
      if (s[this.i] === '(') {
        this.i++;
        const x = this.or();
        this.skip();
        if (s[this.i] !== ')') throw new Error('missing )');
        this.i++;
        return x;
      }
      const start = this.i;
      while (isTagChar(s[this.i])) this.i++;
      if (this.i === start) throw new Error(`unexpected ${s[this.i] === undefined ? 'end of line' : JSON.stringify(s[this.i])}`);
      const tag = s.slice(start, this.i);
      this.tags.push({ tag, offset: start });
      return { kind: 'tag', tag, offset: start };
    } finally {
      this.depth--;
    }
  }
}

/** `// +build a,b c` = (a && b) || c; offsets relative to `line`. */
export function parsePlusBuildLine(line: string): ParsedConstraint {
  const tags: { tag: string; offset: number }[] = [];
  const m = /^\s*\/\/\s*\+build(?=\s|$)/.exec(line);
  if (!m) return { tags, error: 'not a +build line' };
  let expr: ConstraintExpr | undefined;
  const re = /\S+/g;
  re.lastIndex = m[0].length;
  let w: RegExpExecArray | null;
  while ((w = re.exec(line))) {
    let and: ConstraintExpr | undefined;
    let off = w.index;
    for (const part of w[0].split(',')) {
      const neg = part.startsWith('!');
      const tag = neg ? part.slice(1) : part;
      const tagOffset = off + (neg ? 1 : 0);
      off += part.length + 1;
      if (!tag || ![...tag].every(isTagChar)) return { tags, error: `invalid tag ${JSON.stringify(part)}` };
      tags.push({ tag, offset: tagOffset });
      const t: ConstraintExpr = { kind: 'tag', tag, offset: tagOffset };
      const x: ConstraintExpr = neg ? { kind: 'not', x: t } : t;
      and = and ? { kind: 'and', x: and, y: x } : x;
    }
    if (and) expr = expr ? { kind: 'or', x: expr, y: and } : and;
  }
  return expr ? { expr, tags } : { tags, error: 'empty +build line' };
}

/** Truth of one tag: true, false, or undefined (not known). */
export type TagTruth = (tag: string) => boolean | undefined;

/** Three-valued (Kleene) evaluation. */
export function evalConstraint(e: ConstraintExpr, truth: TagTruth, depth = 0): boolean | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (e.kind) {
    case 'tag':
      return truth(e.tag);
    case 'not': {
      const v = evalConstraint(e.x, truth, depth + 1);
      return v === undefined ? undefined : !v;
    }
    case 'and': {
      const a = evalConstraint(e.x, truth, depth + 1);
      if (a === false) return false;
      const b = evalConstraint(e.y, truth, depth + 1);
      if (b === false) return false;
      return a === true && b === true ? true : undefined;
    }
    case 'or': {
      const a = evalConstraint(e.x, truth, depth + 1);
      if (a === true) return true;
      const b = evalConstraint(e.y, truth, depth + 1);
      if (b === true) return true;
      return a === false && b === false ? false : undefined;
    }
  }
}

/** True when the expression mentions `tag` under a negation (e.g. `!cgo`). */
export function mentionsNegated(e: ConstraintExpr, tag: string, negated = false, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (e.kind) {
    case 'tag':
      return negated && e.tag === tag;
    case 'not':
      return mentionsNegated(e.x, tag, !negated, depth + 1);
    default:
      return mentionsNegated(e.x, tag, negated, depth + 1) || mentionsNegated(e.y, tag, negated, depth + 1);
  }
}
