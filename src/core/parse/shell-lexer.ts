/**
 * A small POSIX-shell lexer: enough to find simple commands, their assignments and words, with
 * quotes removed and every character traced back to the source. Control structures are not
 * parsed; reserved words just appear as words (the interpreter skips them). Never throws.
 */
import { MappedBuilder, type MappedText } from './mapped-text.js';

/** An expansion kept as written inside a word's value. `from`/`to` index the word's value. */
type ShellExpansion =
  | { kind: 'var'; name: string; from: number; to: number; quoted: boolean }
  | { kind: 'complex'; from: number; to: number; quoted: boolean };

export interface ShellWord {
  /** The word with quotes and escapes removed; expansions stay as written (`$GOOS`). */
  value: MappedText;
  expansions: ShellExpansion[];
  /** Index range of the word as written, in the lexer's input. */
  start: number;
  end: number;
  /** Any part was quoted. */
  quoted: boolean;
  /** Length of an unquoted `NAME` before `=` when the word is an assignment, else -1. */
  assignNameLength: number;
}

export interface ShellCommand {
  words: ShellWord[];
  /** Index range of the command in the lexer's input. */
  start: number;
  end: number;
  /** What ended it: `;`, `&&`, `||`, `|`, `&`, newline, `(`, `)` or end of input. */
  terminator: string;
}

const OPERATOR_START = new Set([';', '&', '|', '(', ')', '<', '>']);
const MAX_WORDS = 10_000;

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}
function isNameStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}
function isNameChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
}

export function lexShell(input: MappedText): ShellCommand[] {
  const s = input.text;
  const n = s.length;
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let cmdStart = -1;
  let i = 0;
  const heredocs: PendingHeredoc[] = [];

  const endCommand = (terminator: string, at: number) => {
    if (words.length > 0) commands.push({ words, start: cmdStart, end: at, terminator });
    words = [];
    cmdStart = -1;
  };

  /** Index just after the `)` matching the `(` at `open`, honouring quotes and nesting. */
  const matchParen = (open: number): number => {
    let depth = 0;
    let j = open;
    while (j < n) {
      const c = s[j];
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === "'") {
        const k = s.indexOf("'", j + 1);
        j = k < 0 ? n : k + 1;
        continue;
      }
      if (c === '"') {
        j = matchQuote(j);
        continue;
      }
      if (c === '(') depth++;
      else if (c === ')') {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return n;
  };
  /** The index after the quote (`"` or a backquote) that closes the one at `open`; backslash escapes. */
  const matchQuote = (open: number): number => {
    const quote = s[open];
    let j = open + 1;
    while (j < n && s[j] !== quote) j += s[j] === '\\' ? 2 : 1;
    return Math.min(j + 1, n);
  };
  const matchBrace = (open: number): number => {
    let depth = 0;
    let j = open;
    while (j < n) {
      const c = s[j];
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return n;
  };

  /** Copies a backquoted command substitution at `at` into `b` as a complex expansion; returns the index after it. */
  const readBacktick = (b: MappedBuilder, expansions: ShellExpansion[], at: number, quoted: boolean): number => {
    const from = b.length;
    const end = matchQuote(at);
    for (let k = at; k < end; k++) b.push(s[k]!, input.origins[k] ?? -1);
    expansions.push({ kind: 'complex', from, to: b.length, quoted });
    return end;
  };

  /** Reads a `$…` expansion at `i` into `b`; returns the index after it. */
  const readDollar = (b: MappedBuilder, expansions: ShellExpansion[], at: number, quoted: boolean): number => {
    const next = s[at + 1];
    const from = b.length;
    let end: number;
    let name: string | undefined;
    if (next === '(') end = matchParen(at + 1);
    else if (next === '{') {
      end = matchBrace(at + 1);
      const inner = s.slice(at + 2, end - 1);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(inner)) name = inner;
    } else if (isNameStart(next)) {
      end = at + 1;
      while (end < n && isNameChar(s[end])) end++;
      name = s.slice(at + 1, end);
    } else if (next !== undefined && /[0-9@*#?$!-]/.test(next)) end = at + 2;
    else {
      b.push('$', input.origins[at] ?? -1);
      return at + 1;
    }
    for (let k = at; k < end; k++) b.push(s[k]!, input.origins[k] ?? -1);
    expansions.push(name !== undefined ? { kind: 'var', name, from, to: b.length, quoted } : { kind: 'complex', from, to: b.length, quoted });
    return end;
  };

  const skipHeredocs = (at: number): number => {
    let j = at;
    while (heredocs.length > 0 && j < n) {
      const doc = heredocs[0]!;
      const nl = s.indexOf('\n', j);
      const lineEnd = nl < 0 ? n : nl;
      let line = s.slice(j, lineEnd).replace(/\r$/, '');
      if (doc.stripTabs) line = line.replace(/^\t+/, '');
      j = nl < 0 ? n : nl + 1;
      if (line === doc.delimiter) heredocs.shift();
    }
    heredocs.length = 0;
    return j;
  };

  const readWord = (at: number): { word: ShellWord; next: number } => {
    const b = new MappedBuilder();
    const expansions: ShellExpansion[] = [];
    let j = at;
    let quoted = false;
    let assignNameLength = -1;
    let nameOk = true;
    while (j < n) {
      const c = s[j]!;
      if (isBlank(c) || c === '\n' || c === '\r' || OPERATOR_START.has(c)) break;
      if (assignNameLength < 0) {
        if (c === '=' && nameOk && b.length > 0) assignNameLength = b.length;
        else if (!isNameChar(c)) nameOk = false;
      }
      if (c === '\\') {
        if (s[j + 1] === '\n') {
          j += 2;
          continue;
        }
        if (s[j + 1] === '\r' && s[j + 2] === '\n') {
          j += 3;
          continue;
        }
        if (j + 1 < n) b.push(s[j + 1]!, input.origins[j + 1] ?? -1);
        quoted = true;
        j += 2;
        continue;
      }
      if (c === "'") {
        quoted = true;
        const k = s.indexOf("'", j + 1);
        const stop = k < 0 ? n : k;
        for (let m = j + 1; m < stop; m++) b.push(s[m]!, input.origins[m] ?? -1);
        j = k < 0 ? n : k + 1;
        continue;
      }
      if (c === '$' && s[j + 1] === "'") {
        quoted = true;
        let m = j + 2;
        while (m < n && s[m] !== "'") {
          if (s[m] === '\\' && m + 1 < n) {
            const e = s[m + 1]!;
            const mapped = e === 'n' ? '\n' : e === 't' ? '\t' : e;
            b.push(mapped, input.origins[m] ?? -1);
            m += 2;
            continue;
          }
          b.push(s[m]!, input.origins[m] ?? -1);
          m++;
        }
        j = Math.min(m + 1, n);
        continue;
      }
      if (c === '"') {
        quoted = true;
        let m = j + 1;
        while (m < n && s[m] !== '"') {
          const d = s[m]!;
          if (d === '\\' && m + 1 < n) {
            const e = s[m + 1]!;
            if (e === '\n') {
              m += 2;
              continue;
            }
            if (e === '$' || e === '`' || e === '"' || e === '\\') {
              b.push(e, input.origins[m + 1] ?? -1);
              m += 2;
              continue;
            }
            b.push(d, input.origins[m] ?? -1);
            m++;
            continue;
          }
          if (d === '$') {
            m = readDollar(b, expansions, m, true);
            continue;
          }
          if (d === '`') {
            m = readBacktick(b, expansions, m, true);
            continue;
          }
          b.push(d, input.origins[m] ?? -1);
          m++;
        }
        j = Math.min(m + 1, n);
        continue;
      }
      if (c === '$') {
        j = readDollar(b, expansions, j, false);
        continue;
      }
      if (c === '`') {
        j = readBacktick(b, expansions, j, false);
        continue;
      }
      b.push(c, input.origins[j] ?? -1);
      j++;
    }
    // An assignment's name must be an unquoted identifier typed before the `=`.
    const value = b.build();
    if (assignNameLength > 0 && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value.text.slice(0, assignNameLength))) assignNameLength = -1;
    return { word: { value, expansions, start: at, end: j, quoted, assignNameLength }, next: Math.max(j, at + 1) };
  };

  while (i < n) {
    const c = s[i]!;
    if (isBlank(c) || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && (s[i + 1] === '\n' || (s[i + 1] === '\r' && s[i + 2] === '\n'))) {
      i += s[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '#') {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === '\n') {
      endCommand('\n', i);
      i = heredocs.length > 0 ? skipHeredocs(i + 1) : i + 1;
      continue;
    }
    // Redirections, including `2>`, `&>`, `<<EOF`, `<<-EOF`.
    const redirect = /^(?:[0-9]*(?:<<-|<<<|<<|>>|>&|<&|>\||<>|>|<)|&>>|&>)/.exec(s.slice(i, i + 8));
    if (redirect) {
      const op = redirect[0];
      let j = i + op.length;
      while (j < n && isBlank(s[j])) j++;
      if (j < n && s[j] !== '\n') {
        const { word, next } = readWord(j);
        if (op.endsWith('<<') || op.endsWith('<<-')) {
          heredocs.push({ delimiter: word.value.text, stripTabs: op.endsWith('<<-') });
        }
        j = next;
      }
      if (cmdStart < 0) cmdStart = i;
      i = j;
      continue;
    }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      const two = s.slice(i, i + 2);
      const op = two === '&&' || two === '||' || two === ';;' || two === '|&' ? two : c;
      endCommand(op, i);
      i += op.length;
      continue;
    }
    if (words.length >= MAX_WORDS) break;
    const { word, next } = readWord(i);
    if (cmdStart < 0) cmdStart = i;
    if (word.end > word.start) words.push(word);
    i = next;
  }
  endCommand('eof', n);
  return commands;
}
