/**
 * Splits flag strings the way the Go tools do: cmd/go and cmd/link split -ldflags,
 * -extldflags and CGO_LDFLAGS with cmd/internal/quoted.Split (fields separated by blanks, a
 * field may be wrapped in '…' or "…", no escapes). Pure; never throws.
 */
import { linkerFlagTakesValue } from '../workspace/linker-flags.js';

interface QuotedField {
  /** The field without its quotes. */
  text: string;
  /** Index range of the field as written (with quotes) in the input. */
  from: number;
  to: number;
  /** Index where `text` starts in the input (after an opening quote). */
  textFrom: number;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** quoted.Split; an unterminated quote makes the rest one field (the tool would reject it). */
export function splitQuotedFields(s: string): QuotedField[] {
  const out: QuotedField[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isSpace(s[i])) i++;
    if (i >= s.length) break;
    const c = s[i];
    if (c === '"' || c === "'") {
      const close = s.indexOf(c, i + 1);
      const end = close < 0 ? s.length : close;
      out.push({ text: s.slice(i + 1, end), from: i, to: close < 0 ? s.length : close + 1, textFrom: i + 1 });
      i = close < 0 ? s.length : close + 1;
      continue;
    }
    const start = i;
    while (i < s.length && !isSpace(s[i])) i++;
    out.push({ text: s.slice(start, i), from: start, to: i, textFrom: start });
  }
  return out;
}

interface LinkerFlagField {
  /** As written before any `=`: `-X`, `--linkmode`, `-dwarfversion`. */
  flag: string;
  /** Without dashes. */
  name: string;
  value?: string;
  /** Index range in the input covering the flag and its value field. */
  from: number;
  to: number;
  /** When the value is its own field, where that field's text starts (for nested splitting). */
  valueFrom?: number;
}

/**
 * The flags of a -ldflags string. A flag known to take a value consumes the next field when it
 * has no `=value`; fields that are not flags (stray values) are skipped.
 */
export function parseLinkerFlagFields(s: string): LinkerFlagField[] {
  const fields = splitQuotedFields(s);
  const out: LinkerFlagField[] = [];
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k]!;
    if (!f.text.startsWith('-') || f.text === '-' || f.text === '--') continue;
    const body = f.text.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const flag = f.text.slice(0, f.text.length - body.length) + name;
    if (eq >= 0) {
      out.push({ flag, name, value: body.slice(eq + 1), from: f.from, to: f.to, valueFrom: f.textFrom + (f.text.length - body.length) + eq + 1 });
      continue;
    }
    if (linkerFlagTakesValue(name) && k + 1 < fields.length) {
      const v = fields[k + 1]!;
      out.push({ flag, name, value: v.text, from: f.from, to: v.to, valueFrom: v.textFrom });
      k++;
      continue;
    }
    out.push({ flag, name, from: f.from, to: f.to });
  }
  return out;
}

/**
 * Spans that delete [from, to) cleanly, best first: with the blanks after it, with the blanks
 * before it, alone.
 */
export function removalSpans(s: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let end = to;
  while (end < s.length && (s[end] === ' ' || s[end] === '\t')) end++;
  if (end > to) out.push([from, end]);
  let start = from;
  while (start > 0 && (s[start - 1] === ' ' || s[start - 1] === '\t')) start--;
  if (start < from) out.push([start, to]);
  // The token alone: at worst two blanks are left next to each other, which splits the same way.
  out.push([from, to]);
  return out;
}
