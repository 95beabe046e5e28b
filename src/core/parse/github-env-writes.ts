/**
 * What a workflow step's `run:` script writes to `$GITHUB_ENV` (variables for the job's later
 * steps) and `$GITHUB_PATH` (directories put first on their PATH): `echo "A=1" >> $GITHUB_ENV`,
 * `>> "$GITHUB_ENV"`, `printf`, `{ echo …; } >> $GITHUB_ENV` (one line or several), `cat <<EOF
 * >> $GITHUB_ENV`, `tee -a`, multi-line `NAME<<DELIM` values, and PowerShell's
 * `echo "A=1" >> $env:GITHUB_ENV`. Values with parts known only at run time (`$(…)`, unknown
 * variables) are undefined. A write the doctor cannot read (a script's output, `cat file`) is
 * reported as such, so later values count as uncertain. Pure; never throws.
 */
import { MappedBuilder, sliceMapped, sourceSpan, type MappedText } from './mapped-text.js';
import type { EnvAssignment } from './shell-script.js';

interface PathWrite {
  /** The directory, or undefined when only known at run time. */
  value: string | undefined;
  raw: MappedText;
  /** The command that writes it, as written (`echo "$(go env GOPATH)/bin"`). */
  written: string;
}

interface GithubFileWrites {
  env: EnvAssignment[];
  path: PathWrite[];
  /** Line offsets (in the script) of writes to $GITHUB_ENV whose content the doctor cannot read. */
  unreadEnv: number[];
  /** A write to $GITHUB_PATH whose content the doctor cannot read. */
  unreadPath: boolean;
}

const TARGET = String.raw`(?:"?\$\{?(GITHUB_ENV|GITHUB_PATH)\}?"?|\$env:(GITHUB_ENV|GITHUB_PATH))`;
const REDIRECT_RE = new RegExp(String.raw`(?:^|[^<>&0-9])(?:1?>>|1?>(?!>))\s*${TARGET}(?![A-Za-z0-9_])`);
const TEE_RE = new RegExp(String.raw`\|\s*(?:sudo\s+)?tee\s+(?:-a\s+|--append\s+)${TARGET}(?![A-Za-z0-9_])`);
const PWSH_RE = /\b(?:Out-File|Add-Content|Set-Content)\b[^|;]*\$env:(GITHUB_ENV|GITHUB_PATH)\b/i;
const HEREDOC_RE = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;
const UNKNOWN = '\uFFFF';
const MAX_LINES = 5000;

/** Looks up a shell variable's value as the step sees it (undefined: not known). */
type VarLookup = (name: string) => MappedText | undefined;

interface Line {
  text: MappedText;
  /** Offset of the line in the script. */
  at: number;
}

/** Logical lines: `\` + newline joins lines. */
function logicalLines(script: MappedText): Line[] {
  const out: Line[] = [];
  const s = script.text;
  let start = 0;
  let b = new MappedBuilder();
  let at = 0;
  for (let i = 0; i <= s.length && out.length < MAX_LINES; i++) {
    if (i === s.length || s[i] === '\n') {
      if (i > 0 && s[i - 1] === '\\' && i < s.length) {
        const piece = sliceMapped(script, start, i - 1);
        b.pushMapped(piece);
        start = i + 1;
        continue;
      }
      b.pushMapped(sliceMapped(script, start, i));
      out.push({ text: b.build(), at });
      b = new MappedBuilder();
      start = i + 1;
      at = i + 1;
    }
  }
  return out;
}

/** Splits text on unquoted `;`, `&&`, `||` (commands of one line or a `{ … }` group). */
function splitCommands(m: MappedText): MappedText[] {
  const out: MappedText[] = [];
  const s = m.text;
  let q: string | undefined;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === q) q = undefined;
      else if (c === '\\' && q === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') q = c;
    else if (c === '\\') i++;
    else if (c === '(' || (c === '{' && (i === 0 || /[\s;]/.test(s[i - 1]!)))) depth++;
    else if (c === ')' || (c === '}' && depth > 0 && (i === 0 || /[\s;]/.test(s[i - 1]!)))) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === ';' || ((c === '&' || c === '|') && s[i + 1] === c))) {
      out.push(sliceMapped(m, start, i));
      if (c !== ';') i++;
      start = i + 1;
    }
  }
  out.push(sliceMapped(m, start));
  return out.map(trimMapped).filter((x) => x.text.length > 0);
}

function trimMapped(m: MappedText): MappedText {
  const lead = m.text.length - m.text.trimStart().length;
  const end = m.text.trimEnd().length;
  return sliceMapped(m, lead, Math.max(lead, end));
}

/**
 * Shell words of a simple command with quotes removed and `$VAR`/`${VAR}` replaced by their
 * values; run-time parts become one UNKNOWN character.
 */
function words(m: MappedText, vars: VarLookup): MappedText[] {
  const out: MappedText[] = [];
  const s = m.text;
  let i = 0;
  while (i < s.length) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
    if (i >= s.length) break;
    const b = new MappedBuilder();
    let q: string | undefined;
    while (i < s.length) {
      const c = s[i]!;
      if (!q && (c === ' ' || c === '\t')) break;
      if (q === "'") {
        if (c === "'") q = undefined;
        else b.push(c, m.origins[i] ?? -1);
        i++;
        continue;
      }
      if (c === "'" && !q) {
        q = "'";
        i++;
        continue;
      }
      if (c === '"') {
        q = q ? undefined : '"';
        i++;
        continue;
      }
      if (c === '\\' && i + 1 < s.length) {
        const n = s[i + 1]!;
        if (!q || '"\\$`'.includes(n)) {
          b.push(n, m.origins[i + 1] ?? -1);
          i += 2;
          continue;
        }
      }
      if (c === '`') {
        const close = s.indexOf('`', i + 1);
        b.push(UNKNOWN, m.origins[i] ?? -1);
        i = close < 0 ? s.length : close + 1;
        continue;
      }
      if (c === '$') {
        const name = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})/.exec(s.slice(i, i + 260));
        if (name) {
          const v = vars(name[1] ?? name[2]!);
          if (v && !v.text.includes(UNKNOWN)) b.pushMapped(v);
          else b.push(UNKNOWN, m.origins[i] ?? -1);
          i += name[0].length;
          continue;
        }
        if (s[i + 1] === '(' || s[i + 1] === '{') {
          const open = s[i + 1]!;
          const close = open === '(' ? ')' : '}';
          let depth = 0;
          let j = i + 1;
          for (; j < s.length; j++) {
            if (s[j] === open) depth++;
            else if (s[j] === close && --depth === 0) break;
          }
          b.push(UNKNOWN, m.origins[i] ?? -1);
          i = j + 1;
          continue;
        }
        if (/[0-9@*#?$!-]/.test(s[i + 1] ?? '')) {
          b.push(UNKNOWN, m.origins[i] ?? -1);
          i += 2;
          continue;
        }
      }
      b.push(c, m.origins[i] ?? -1);
      i++;
    }
    out.push(b.build());
  }
  return out;
}

/** Expands `\n` and `%s` of a printf format with its arguments; undefined for other formats. */
function printfOutput(args: MappedText[]): MappedText | undefined {
  const [fmt, ...rest] = args;
  if (!fmt) return undefined;
  const b = new MappedBuilder();
  let k = 0;
  const s = fmt.text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && s[i + 1] === 'n') {
      b.push('\n', -1);
      i++;
    } else if (c === '%' && s[i + 1] === 's') {
      const a = rest[k++];
      if (a) b.pushMapped(a);
      else b.push(UNKNOWN, -1);
      i++;
    } else if (c === '%' && s[i + 1] === '%') {
      b.push('%', fmt.origins[i] ?? -1);
      i++;
    } else if (c === '%') return undefined;
    else b.push(c, fmt.origins[i] ?? -1);
  }
  return b.build();
}

/** The output of `echo …`/`printf …`, or undefined when the command is something else. */
function outputOf(cmd: MappedText, vars: VarLookup): MappedText | undefined {
  const ws = words(cmd, vars);
  let k = 0;
  while (k < ws.length && /^(?:sudo|command|builtin)$/.test(ws[k]!.text)) k++;
  const head = ws[k]?.text;
  if (head === 'echo' || head === 'Write-Output' || head === 'Write-Host') {
    let args = ws.slice(k + 1);
    let escapes = false;
    while (args[0] && /^-[neE]+$/.test(args[0].text)) {
      if (args[0].text.includes('e')) escapes = true;
      args = args.slice(1);
    }
    const b = new MappedBuilder();
    args.forEach((a, n) => {
      if (n > 0) b.push(' ', -1);
      if (escapes) {
        const p = printfOutput([a]);
        b.pushMapped(p ?? a);
      } else b.pushMapped(a);
    });
    b.push('\n', -1);
    return b.build();
  }
  if (head === 'printf') return printfOutput(ws.slice(k + 1));
  // PowerShell: `"A=1" >> $env:GITHUB_ENV` (a bare string is written).
  if (ws.length === 1 && /^["']/.test(cmd.text)) {
    const b = new MappedBuilder();
    b.pushMapped(ws[0]!);
    b.push('\n', -1);
    return b.build();
  }
  return undefined;
}

interface Pending {
  name: string;
  delimiter: string;
  lines: MappedText[];
  full: [number, number] | undefined;
  unknown: boolean;
}

export function githubFileWrites(script: MappedText, vars: VarLookup): GithubFileWrites {
  const result: GithubFileWrites = { env: [], path: [], unreadEnv: [], unreadPath: false };
  let pending: Pending | undefined;
  const emitEnv = (out: MappedText, at: number) => {
    let from = 0;
    const s = out.text;
    while (from < s.length) {
      let nl = s.indexOf('\n', from);
      if (nl < 0) nl = s.length;
      const line = sliceMapped(out, from, nl);
      from = nl + 1;
      if (pending) {
        if (line.text === pending.delimiter) {
          const b = new MappedBuilder();
          pending.lines.forEach((l, n) => {
            if (n > 0) b.push('\n', -1);
            b.pushMapped(l);
          });
          const value = b.build();
          const known = !pending.unknown && !value.text.includes(UNKNOWN);
          result.env.push({ name: pending.name, value: known ? value : undefined, raw: value, ...(pending.full ? { full: pending.full } : {}) });
          pending = undefined;
        } else pending.lines.push(line);
        continue;
      }
      if (line.text.trim() === '') continue;
      const multi = /^([A-Za-z_][A-Za-z0-9_]*)<<(.+)$/.exec(line.text);
      if (multi) {
        pending = { name: multi[1]!, delimiter: multi[2]!, lines: [], full: sourceSpan(line), unknown: multi[2]!.includes(UNKNOWN) };
        continue;
      }
      const eq = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line.text);
      if (!eq) {
        // A name only known at run time (`$NAME=…`): some variable is set.
        if (line.text.includes(UNKNOWN)) result.unreadEnv.push(at);
        continue;
      }
      const raw = sliceMapped(line, eq[0].length);
      const full = sourceSpan(line);
      result.env.push({ name: eq[1]!, value: raw.text.includes(UNKNOWN) ? undefined : raw, raw, ...(full ? { full } : {}) });
    }
  };
  const emitPath = (out: MappedText, written: string) => {
    for (const piece of out.text.split('\n').map((t, n, all) => ({ t, from: all.slice(0, n).reduce((a, x) => a + x.length + 1, 0) }))) {
      if (piece.t.trim() === '') continue;
      const raw = sliceMapped(out, piece.from, piece.from + piece.t.length);
      result.path.push({ value: raw.text.includes(UNKNOWN) ? undefined : raw.text, raw, written });
    }
  };
  const emit = (kind: string, out: MappedText | undefined, at: number, written = '') => {
    if (kind === 'GITHUB_ENV') {
      if (out) emitEnv(out, at);
      else result.unreadEnv.push(at);
    } else if (out) emitPath(out, written);
    else result.unreadPath = true;
  };

  const lines = logicalLines(script);
  let groupStart: number | undefined;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    const t = line.text.text;
    if (/^\s*\{\s*$/.test(t) || /^\s*\{\s*#/.test(t)) groupStart = li;
    if (!t.includes('GITHUB_ENV') && !t.includes('GITHUB_PATH')) {
      // Skip the body of an unrelated heredoc.
      const h = HEREDOC_RE.exec(blankQuoted(t));
      if (h && !/<<</.test(t)) li = skipHeredoc(lines, li, h[3]!, h[1] === '-');
      continue;
    }
    if (/^\s*#/.test(t)) continue;
    const ps = PWSH_RE.exec(t);
    if (ps) {
      // PowerShell: `"A=1" | Out-File -FilePath $env:GITHUB_ENV -Append`, `Add-Content … -Value "A=1"`.
      const kind = ps[1]!;
      const value = /-Value\s+("[^"]*"|'[^']*'|\S+)/i.exec(t);
      const pipe = lastUnquotedPipe(t.slice(0, ps.index));
      const src = value ? sliceMapped(line.text, value.index + value[0].length - value[1]!.length, value.index + value[0].length) : pipe >= 0 ? trimMapped(sliceMapped(line.text, 0, pipe)) : undefined;
      const out = src ? outputOf(src, vars) : undefined;
      emit(kind, out, line.at, src?.text ?? t);
      continue;
    }
    const redirect = REDIRECT_RE.exec(t) ?? TEE_RE.exec(t);
    if (!redirect) continue;
    const kind = redirect[1] ?? redirect[2]!;
    const producer = trimMapped(sliceMapped(line.text, 0, redirect.index + Math.max(0, redirect[0].search(/1?>|\|/))));
    const heredoc = HEREDOC_RE.exec(blankQuoted(t));
    if (heredoc && !/<<</.test(t)) {
      // `cat <<EOF >> $GITHUB_ENV` / `cat >> $GITHUB_ENV <<'EOF'`: the body is the output.
      const end = skipHeredoc(lines, li, heredoc[3]!, heredoc[1] === '-');
      const quoted = heredoc[2] !== '';
      const b = new MappedBuilder();
      for (let k = li + 1; k < end; k++) {
        const body = heredoc[1] === '-' ? trimTabs(lines[k]!.text) : lines[k]!.text;
        b.pushMapped(quoted ? body : expandUnquoted(body, vars));
        b.push('\n', -1);
      }
      if (/^\s*(?:cat|tee)\b/.test(producer.text)) emit(kind, b.build(), line.at);
      else emit(kind, undefined, line.at);
      li = end;
      continue;
    }
    if (/^\s*\}/.test(producer.text) && groupStart !== undefined) {
      // A `{ … }` group over several lines.
      const b: MappedText[] = [];
      for (let k = groupStart + 1; k < li; k++) b.push(...splitCommands(lines[k]!.text));
      let readable = true;
      const outs: MappedText[] = [];
      for (const c of b) {
        const o = outputOf(c, vars);
        if (o) outs.push(o);
        else if (!/^\s*(?:#|$)/.test(c.text)) readable = false;
      }
      for (const o of outs) emit(kind, o, line.at);
      if (!readable) emit(kind, undefined, line.at);
      groupStart = undefined;
      continue;
    }
    for (const cmd of splitCommands(line.text)) {
      const r = REDIRECT_RE.exec(cmd.text) ?? TEE_RE.exec(cmd.text);
      if (!r) continue;
      const k = r[1] ?? r[2]!;
      const before = trimMapped(sliceMapped(cmd, 0, r.index + Math.max(0, r[0].search(/1?>|\|/))));
      const group = /^\{([\s\S]*)\}$/.exec(before.text) ?? /^\(([\s\S]*)\)$/.exec(before.text);
      if (group) {
        const inner = trimMapped(sliceMapped(before, 1, before.text.length - 1));
        let readable = true;
        for (const c of splitCommands(inner)) {
          const o = outputOf(c, vars);
          if (o) emit(k, o, line.at);
          else readable = false;
        }
        if (!readable) emit(k, undefined, line.at);
        continue;
      }
      // `echo A=1 | tee -a $GITHUB_ENV`: the producer is the part before the pipe.
      const pipeAt = lastUnquotedPipe(before.text);
      const producerCmd = pipeAt >= 0 ? trimMapped(sliceMapped(before, 0, pipeAt)) : before;
      emit(k, outputOf(producerCmd, vars), line.at, producerCmd.text);
    }
  }
  return result;
}

/** The line with the inside of quotes blanked (so `echo "A<<EOF"` is no heredoc). */
function blankQuoted(s: string): string {
  return s.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, (m) => m.replace(/<</g, '  '));
}

function lastUnquotedPipe(s: string): number {
  let q: string | undefined;
  let at = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === q) q = undefined;
      continue;
    }
    if (c === "'" || c === '"') q = c;
    else if (c === '|' && s[i + 1] !== '|' && s[i - 1] !== '|') at = i;
  }
  return at;
}

function trimTabs(m: MappedText): MappedText {
  let k = 0;
  while (m.text[k] === '\t') k++;
  return sliceMapped(m, k);
}

/** Index of the heredoc's closing delimiter line (or the last line). */
function skipHeredoc(lines: Line[], from: number, delimiter: string, stripTabs: boolean): number {
  for (let k = from + 1; k < lines.length; k++) {
    const t = stripTabs ? lines[k]!.text.text.replace(/^\t+/, '') : lines[k]!.text.text;
    if (t === delimiter) return k;
  }
  return lines.length - 1;
}

/** An unquoted heredoc body: `$VAR` expands, `$(…)` is run-time. */
function expandUnquoted(m: MappedText, vars: VarLookup): MappedText {
  const b = new MappedBuilder();
  const s = m.text;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && '$`\\'.includes(s[i + 1]!)) {
      b.push(s[i + 1]!, m.origins[i + 1] ?? -1);
      i += 2;
      continue;
    }
    if (c === '$' || c === '`') {
      const w = words({ text: s.slice(i).split(/[\s"']/)[0]!, origins: m.origins.slice(i) }, vars)[0];
      const consumed = s.slice(i).split(/[\s"']/)[0]!.length;
      if (w) b.pushMapped(w);
      i += Math.max(1, consumed);
      continue;
    }
    b.push(c, m.origins[i] ?? -1);
    i++;
  }
  return b.build();
}
