/**
 * GitHub Actions expressions (`if:` conditions, `${{ … }}`), evaluated as far as the doctor can
 * decide them: literals, operators (`!`, `<`, `<=`, `>`, `>=`, `==`, `!=`, `&&`, `||`, grouping,
 * `.` and `[ ]`), loose equality with the documented coercions (mismatched types become numbers;
 * strings compare ignoring case), and the functions contains/startsWith/endsWith/format/join/
 * fromJSON/toJSON. Status functions are read for a green build: success() and always() hold,
 * failure() and cancelled() do not. A context value the doctor cannot know (github.event_name,
 * inputs, steps …) is UNKNOWN, and UNKNOWN spreads unless an operator decides without it
 * (`false && x`, `true || x`). Pure; never throws.
 */

/** A value only known when the workflow runs. */
export const UNKNOWN: unique symbol = Symbol('unknown');

export type ExprValue = null | boolean | number | string | ExprValue[] | { [key: string]: ExprValue } | typeof UNKNOWN;

/** Looks up a context path (`['matrix', 'os']`); UNKNOWN when the doctor cannot know it. */
export type ContextLookup = (path: readonly string[]) => ExprValue;

const MAX_DEPTH = 64;
const MAX_LENGTH = 4096;

type Token =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'ident'; value: string }
  | { kind: 'op'; value: string };

function tokenize(src: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length) return undefined;
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += src[j];
        j++;
      }
      out.push({ kind: 'str', value });
      i = j + 1;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '<=' || two === '>=' || two === '&&' || two === '||') {
      out.push({ kind: 'op', value: two });
      i += 2;
      continue;
    }
    if ('!<>()[].,*'.includes(c)) {
      // A `.` starting a number (`.5`) is not a property access.
      if (c === '.' && /[0-9]/.test(src[i + 1] ?? '') && (out.length === 0 || out[out.length - 1]!.kind === 'op')) {
        // fall through to the number reader
      } else {
        out.push({ kind: 'op', value: c });
        i++;
        continue;
      }
    }
    const num = /^(?:0x[0-9a-fA-F]+|-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/.exec(src.slice(i, i + 64));
    if (num && (c !== '-' || out.length === 0 || out[out.length - 1]!.kind === 'op')) {
      const t = num[0];
      out.push({ kind: 'num', value: t.startsWith('0x') ? parseInt(t.slice(2), 16) : Number(t) });
      i += t.length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i, i + 256));
    if (id) {
      out.push({ kind: 'ident', value: id[0] });
      i += id[0].length;
      continue;
    }
    return undefined;
  }
  return out;
}

type Ast =
  | { t: 'lit'; v: ExprValue }
  | { t: 'ctx'; name: string }
  | { t: 'prop'; obj: Ast; key: Ast | string }
  | { t: 'star'; obj: Ast }
  | { t: 'call'; name: string; args: Ast[] }
  | { t: 'not'; e: Ast }
  | { t: 'bin'; op: string; a: Ast; b: Ast };

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Token[]) {}

  parse(): Ast | undefined {
    const e = this.or();
    return e && this.i === this.toks.length ? e : undefined;
  }

  private peek(v: string): boolean {
    const t = this.toks[this.i];
    return t?.kind === 'op' && t.value === v;
  }

  private enter(): boolean {
    return ++this.depth <= MAX_DEPTH;
  }

  private or(): Ast | undefined {
    if (!this.enter()) return undefined;
    let a = this.and();
    while (a && this.peek('||')) {
      this.i++;
      const b = this.and();
      a = b ? { t: 'bin', op: '||', a, b } : undefined;
    }
    this.depth--;
    return a;
  }

  private and(): Ast | undefined {
    let a = this.cmp();
    while (a && this.peek('&&')) {
      this.i++;
      const b = this.cmp();
      a = b ? { t: 'bin', op: '&&', a, b } : undefined;
    }
    return a;
  }

  private cmp(): Ast | undefined {
    let a = this.unary();
    for (;;) {
      const t = this.toks[this.i];
      if (!a || t?.kind !== 'op' || !['==', '!=', '<', '<=', '>', '>='].includes(t.value)) return a;
      this.i++;
      const b = this.unary();
      a = b ? { t: 'bin', op: t.value, a, b } : undefined;
    }
  }

  private unary(): Ast | undefined {
    if (this.peek('!')) {
      this.i++;
      if (!this.enter()) return undefined;
      const e = this.unary();
      this.depth--;
      return e ? { t: 'not', e } : undefined;
    }
    return this.postfix();
  }

  private postfix(): Ast | undefined {
    let e = this.primary();
    while (e) {
      if (this.peek('.')) {
        this.i++;
        const t = this.toks[this.i];
        if (t?.kind === 'ident') {
          this.i++;
          e = { t: 'prop', obj: e, key: t.value };
        } else if (t?.kind === 'op' && t.value === '*') {
          this.i++;
          e = { t: 'star', obj: e };
        } else return undefined;
      } else if (this.peek('[')) {
        this.i++;
        if (this.peek('*')) {
          this.i++;
          e = { t: 'star', obj: e };
        } else {
          const k = this.or();
          if (!k) return undefined;
          e = { t: 'prop', obj: e, key: k };
        }
        if (!this.peek(']')) return undefined;
        this.i++;
      } else break;
    }
    return e;
  }

  private primary(): Ast | undefined {
    const t = this.toks[this.i];
    if (!t) return undefined;
    this.i++;
    if (t.kind === 'num' || t.kind === 'str') return { t: 'lit', v: t.value };
    if (t.kind === 'op' && t.value === '(') {
      if (!this.enter()) return undefined;
      const e = this.or();
      this.depth--;
      if (!e || !this.peek(')')) return undefined;
      this.i++;
      return e;
    }
    if (t.kind !== 'ident') return undefined;
    if (t.value === 'true') return { t: 'lit', v: true };
    if (t.value === 'false') return { t: 'lit', v: false };
    if (t.value === 'null') return { t: 'lit', v: null };
    if (t.value === 'NaN') return { t: 'lit', v: NaN };
    if (t.value === 'Infinity') return { t: 'lit', v: Infinity };
    if (this.peek('(')) {
      this.i++;
      const args: Ast[] = [];
      if (!this.peek(')')) {
        for (;;) {
          if (!this.enter()) return undefined;
          const a = this.or();
          this.depth--;
          if (!a) return undefined;
          args.push(a);
          if (this.peek(',')) {
            this.i++;
            continue;
          }
          break;
        }
      }
      if (!this.peek(')')) return undefined;
      this.i++;
      return { t: 'call', name: t.value.toLowerCase(), args };
    }
    return { t: 'ctx', name: t.value.toLowerCase() };
  }
}

/** Parses an expression; undefined when it is not one the doctor can read. */
function parseExpression(src: string): Ast | undefined {
  if (src.length > MAX_LENGTH) return undefined;
  const toks = tokenize(src);
  if (!toks || toks.length === 0) return undefined;
  try {
    return new Parser(toks).parse();
  } catch {
    return undefined;
  }
}

function truthy(v: ExprValue): boolean | typeof UNKNOWN {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === null || v === false || v === '' || v === 0) return false;
  if (typeof v === 'number' && Number.isNaN(v)) return false;
  return true;
}

function toNumber(v: Exclude<ExprValue, typeof UNKNOWN>): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return 0;
    if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
    return /^-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t) ? Number(t) : NaN;
  }
  return NaN;
}

function toStringValue(v: ExprValue): string | typeof UNKNOWN {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return v;
  return Array.isArray(v) ? 'Array' : 'Object';
}

function isKnown(v: ExprValue): v is Exclude<ExprValue, typeof UNKNOWN> {
  return v !== UNKNOWN;
}

function looseEquals(a: Exclude<ExprValue, typeof UNKNOWN>, b: Exclude<ExprValue, typeof UNKNOWN>): boolean {
  const ta = a === null ? 'null' : Array.isArray(a) ? 'array' : typeof a;
  const tb = b === null ? 'null' : Array.isArray(b) ? 'array' : typeof b;
  if (ta === tb) {
    if (typeof a === 'string' && typeof b === 'string') return a.toUpperCase() === b.toUpperCase();
    if (ta === 'object' || ta === 'array') return a === b;
    return a === b;
  }
  const na = toNumber(a);
  const nb = toNumber(b);
  return !Number.isNaN(na) && !Number.isNaN(nb) && na === nb;
}

function compare(op: string, a: Exclude<ExprValue, typeof UNKNOWN>, b: Exclude<ExprValue, typeof UNKNOWN>): boolean {
  if (op === '==') return looseEquals(a, b);
  if (op === '!=') return !looseEquals(a, b);
  let x: number | string;
  let y: number | string;
  if (typeof a === 'string' && typeof b === 'string') {
    x = a.toUpperCase();
    y = b.toUpperCase();
  } else {
    x = toNumber(a);
    y = toNumber(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
  }
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}

function fromJson(v: ExprValue): ExprValue {
  if (typeof v !== 'string') return UNKNOWN;
  try {
    const parsed: unknown = JSON.parse(v);
    return parsed as ExprValue;
  } catch {
    return UNKNOWN;
  }
}

function call(name: string, args: ExprValue[]): ExprValue {
  switch (name) {
    case 'success':
    case 'always':
      return true;
    case 'failure':
    case 'cancelled':
      return false;
    case 'contains': {
      const [hay, needle] = args;
      if (hay === undefined || needle === undefined || !isKnown(hay) || !isKnown(needle)) return UNKNOWN;
      if (Array.isArray(hay)) {
        if (hay.some((x) => x === UNKNOWN)) return UNKNOWN;
        return hay.some((x) => isKnown(x) && looseEquals(x, needle));
      }
      const h = toStringValue(hay);
      const n = toStringValue(needle);
      if (h === UNKNOWN || n === UNKNOWN) return UNKNOWN;
      return h.toUpperCase().includes(n.toUpperCase());
    }
    case 'startswith':
    case 'endswith': {
      const h = toStringValue(args[0] ?? null);
      const n = toStringValue(args[1] ?? null);
      if (h === UNKNOWN || n === UNKNOWN) return UNKNOWN;
      return name === 'startswith' ? h.toUpperCase().startsWith(n.toUpperCase()) : h.toUpperCase().endsWith(n.toUpperCase());
    }
    case 'format': {
      const f = toStringValue(args[0] ?? null);
      if (f === UNKNOWN) return UNKNOWN;
      const rest = args.slice(1).map(toStringValue);
      let unknown = false;
      const out = f.replace(/\{\{|\}\}|\{(\d+)\}/g, (m, n: string | undefined) => {
        if (m === '{{') return '{';
        if (m === '}}') return '}';
        const v = rest[Number(n)];
        if (v === undefined || v === UNKNOWN) {
          unknown = true;
          return '';
        }
        return v;
      });
      return unknown ? UNKNOWN : out;
    }
    case 'join': {
      const [arr, sep] = args;
      const s = sep === undefined ? ',' : toStringValue(sep);
      if (arr === undefined || s === UNKNOWN) return UNKNOWN;
      if (!Array.isArray(arr)) return toStringValue(arr);
      const parts = arr.map(toStringValue);
      return parts.some((p) => p === UNKNOWN) ? UNKNOWN : parts.join(s);
    }
    case 'fromjson':
      return fromJson(args[0] ?? UNKNOWN);
    case 'tojson':
      return args[0] === undefined || args[0] === UNKNOWN ? UNKNOWN : JSON.stringify(args[0]);
    default:
      // hashFiles and anything unknown.
      return UNKNOWN;
  }
}

function evalAst(e: Ast, lookup: ContextLookup, depth = 0): ExprValue {
  if (depth > MAX_DEPTH * 4) return UNKNOWN;
  switch (e.t) {
    case 'lit':
      return e.v;
    case 'ctx':
      return lookup([e.name]);
    case 'prop': {
      const path = pathOf(e, lookup, depth);
      if (path) return lookup(path);
      const obj = evalAst(e.obj, lookup, depth + 1);
      const key = typeof e.key === 'string' ? e.key : evalAst(e.key, lookup, depth + 1);
      if (obj === UNKNOWN || key === UNKNOWN) return UNKNOWN;
      if (obj === null || typeof obj !== 'object') return null;
      if (Array.isArray(obj)) {
        const n = toNumber(key);
        return Number.isInteger(n) && n >= 0 && n < obj.length ? obj[n]! : null;
      }
      const k = toStringValue(key);
      if (k === UNKNOWN) return UNKNOWN;
      const found = Object.keys(obj).find((x) => x.toLowerCase() === k.toLowerCase());
      return found === undefined ? null : obj[found]!;
    }
    case 'star':
      return UNKNOWN;
    case 'call':
      return call(
        e.name,
        e.args.map((a) => evalAst(a, lookup, depth + 1)),
      );
    case 'not': {
      const v = truthy(evalAst(e.e, lookup, depth + 1));
      return v === UNKNOWN ? UNKNOWN : !v;
    }
    case 'bin': {
      if (e.op === '&&' || e.op === '||') {
        const a = evalAst(e.a, lookup, depth + 1);
        const ta = truthy(a);
        if (e.op === '&&' && ta === false) return a;
        if (e.op === '||' && ta === true) return a;
        const b = evalAst(e.b, lookup, depth + 1);
        if (ta !== UNKNOWN) return b;
        // The left side is unknown: the right side decides when it is falsy (&&) or truthy (||).
        const tb = truthy(b);
        if (e.op === '&&' && tb === false) return b;
        if (e.op === '||' && tb === true) return b;
        return UNKNOWN;
      }
      const a = evalAst(e.a, lookup, depth + 1);
      const b = evalAst(e.b, lookup, depth + 1);
      if (!isKnown(a) || !isKnown(b)) return UNKNOWN;
      return compare(e.op, a, b);
    }
  }
}

/** `matrix.os`, `matrix['os']`, `env.CGO_ENABLED` as a literal path, when every key is literal. */
function pathOf(e: Ast, lookup: ContextLookup, depth: number): string[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (e.t === 'ctx') return [e.name];
  if (e.t !== 'prop') return undefined;
  const base = pathOf(e.obj, lookup, depth + 1);
  if (!base) return undefined;
  if (typeof e.key === 'string') return [...base, e.key];
  if (e.key.t === 'lit' && typeof e.key.v === 'string') return [...base, e.key.v];
  return undefined;
}

/** Evaluates an expression; UNKNOWN when it cannot be read or decided. */
export function evaluateExpression(src: string, lookup: ContextLookup): ExprValue {
  const ast = parseExpression(src);
  if (!ast) return UNKNOWN;
  try {
    return evalAst(ast, lookup);
  } catch {
    return UNKNOWN;
  }
}

/**
 * An `if:` value: an expression with or without `${{ }}`. A value that mixes `${{ }}` with other
 * text is a string (always true in GitHub's reading) — such a condition is left undecided.
 */
export function evaluateCondition(raw: string | boolean | number | null, lookup: ContextLookup): boolean | typeof UNKNOWN {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw !== 0 && !Number.isNaN(raw);
  if (raw === null) return true;
  let src = raw.trim();
  if (src === '') return true;
  const whole = /^\$\{\{([\s\S]*)\}\}$/.exec(src);
  if (whole && !whole[1]!.includes('}}') && !whole[1]!.includes('${{')) src = whole[1]!;
  else if (src.includes('${{')) return UNKNOWN;
  return truthy(evaluateExpression(src, lookup));
}
