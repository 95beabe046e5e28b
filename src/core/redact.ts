/**
 * Redaction of a snapshot before it leaves the machine (`go-doctor snapshot`, "Export Snapshot",
 * "Copy Report as Markdown"). Pure: no I/O.
 *
 * Replaying a redacted snapshot must give exactly the findings of the live check, so redaction
 * changes as little as it can and never what a rule reads:
 * - the home directory becomes `~` where a path starts with it, and PATH entries record whether
 *   they were absolute before that (`PathEntry.absolute`);
 * - the user name becomes `<user>` only as the last component of the home directory (under
 *   another prefix, e.g. `/System/Volumes/Data/Users/ada`) and as the value of USER/LOGNAME, never
 *   as a word elsewhere (a user named `go` must not turn `go.mod` into `<user>.mod`);
 * - secrets (credentials in URLs, tokens and passwords in assignments, Authorization headers,
 *   private keys, GOPRIVATE-style host lists) are masked with a placeholder of the same length, so
 *   every line and column of a workspace file stays where it was.
 */
import type { PathEntry, Snapshot } from './snapshot.js';
import { isRecord } from './is-record.js';

export interface RedactionIdentity {
  /** The home directory, e.g. /Users/ada (replaced by `~` wherever a path starts with it). */
  home: string;
  /** The login name, e.g. ada (replaced by `<user>` as the home's last component and in USER/LOGNAME). */
  user: string;
}

const HOME_PLACEHOLDER = '~';
export const USER_PLACEHOLDER = '<user>';
/** The text a secret is replaced with, cut or padded with `x` to the secret's length. */
const SECRET_PLACEHOLDER = 'REDACTED';
/** Values of these variables are replaced whole: they hold network addresses. */
const ADDRESS_VARIABLES = new Set(['SSH_CONNECTION', 'SSH_CLIENT']);
/** Values of these variables are the user name. */
const USER_VARIABLES = new Set(['USER', 'LOGNAME']);

/**
 * Where a path may start: the start of the text, or after whitespace or one of these (PATH lists,
 * `NAME=value`, quotes, flag lists, brackets). Not after `<`, `>` or `~`: the placeholders hold
 * those, so a replacement never turns a neighbouring occurrence into a path start.
 */
const PATH_START_AFTER = new Set([':', '=', '"', "'", '`', ',', ';', '(', '[', '{', '|']);
/** Where a path may end: the end of the text, `/`, whitespace, a path-start character or these. */
const PATH_END_BEFORE = new Set([...PATH_START_AFTER, ')', ']', '}', '\\']);

const SPACE = /^\s$/u;

function isSpace(ch: string): boolean {
  return ch.length === 1 && (ch === ' ' || ch === '\n' || ch === '\t' || SPACE.test(ch));
}

function endsComponent(text: string, at: number): boolean {
  const after = text[at];
  return after === undefined || after === '/' || isSpace(after) || PATH_END_BEFORE.has(after);
}

/** `home` at `at` is a path of its own or the start of one under it (`/root/x`, not `/x/root`). */
function isHomeAt(text: string, at: number, length: number): boolean {
  const before = text[at - 1];
  const startsPath = before === undefined || isSpace(before) || PATH_START_AFTER.has(before);
  return startsPath && endsComponent(text, at + length);
}

/** One left-to-right pass replacing `home` where it is at a path boundary (boundaries judged on `text`). */
function replaceHome(text: string, home: string, placeholder: string): string {
  const pieces: string[] = [];
  let from = 0;
  let at = text.indexOf(home);
  while (at !== -1) {
    if (isHomeAt(text, at, home.length)) {
      pieces.push(text.slice(from, at), placeholder);
      from = at + home.length;
      at = text.indexOf(home, from);
    } else {
      at = text.indexOf(home, at + 1);
    }
  }
  pieces.push(text.slice(from));
  return pieces.join('');
}

/**
 * The home under another prefix (`/System/Volumes/Data/Users/ada`, `/private/home/ada`): its last
 * component (the user name, usually) becomes `<user>`. Only for a home of two or more
 * components (a home of `/root` under a prefix is just some folder named root), only where the
 * home continues a path (the character before it is part of one) and ends a path component.
 */
function replaceHomeUnderPrefix(text: string, home: string): string {
  const cut = home.lastIndexOf('/');
  if (cut <= 0) return text;
  const name = home.slice(cut + 1);
  let out = '';
  let from = 0;
  for (let at = text.indexOf(home, 1); at !== -1; at = text.indexOf(home, Math.max(at + 1, from))) {
    const before = text[at - 1]!;
    if (at < from || isSpace(before) || PATH_START_AFTER.has(before) || !endsComponent(text, at + home.length)) continue;
    const nameAt = at + cut + 1;
    out += text.slice(from, nameAt) + USER_PLACEHOLDER;
    from = nameAt + name.length;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A private-use character that occurs in none of the given strings (a safe placeholder). */
function unusedCharacter(...texts: string[]): string {
  for (let code = 0xe000; code <= 0xf8ff; code++) {
    const ch = String.fromCharCode(code);
    if (!texts.some((t) => t.includes(ch))) return ch;
  }
  return '\u0000';
}

function normalizedHome(home: string): string {
  const trimmed = home.replace(/\/+$/, '');
  return trimmed.length >= 2 ? trimmed : '';
}

// ---------------------------------------------------------------------------------------------
// Secrets: masked in place, same length, line breaks kept.

/** `REDACTEDxxxx…` cut to `length` (UTF-16 units, like LSP columns). */
function mask(length: number): string {
  return SECRET_PLACEHOLDER.length >= length ? SECRET_PLACEHOLDER.slice(0, length) : SECRET_PLACEHOLDER + 'x'.repeat(length - SECRET_PLACEHOLDER.length);
}

/** Masks `[start, end)` of `chars` (line breaks inside are kept). */
function maskRange(chars: string[], start: number, end: number): void {
  let k = 0;
  const placeholder = mask(end - start);
  for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = placeholder[k++]!;
}

/** Where the authority part of a URL ends (a password may hold `@`, but not these). */
const AUTHORITY_END = /[\s/?#"'`<>\\]/;

/** `scheme://user:password@host`: the `user:password` part, up to the last `@` of the authority. */
function urlCredentials(text: string, found: (start: number, end: number) => void): void {
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at)) {
    const start = at + 3;
    let end = start;
    let lastAt = -1;
    for (; end < text.length && !AUTHORITY_END.test(text[end]!); end++) if (text[end] === '@') lastAt = end;
    if (lastAt >= start) found(start, lastAt);
    at = Math.max(end, start);
  }
}

/** Names whose value is a secret (`GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `db-password`, `NPM_AUTH_TOKEN`, `ssh_key`). */
const SECRET_NAME = /(?:token|secret|passw(?:or)?d|passphrase|credential|api[_-]?key|access[_-]?key|private[_-]?key|[_-]key)s?$|^(?:GOPRIVATE|GONOPROXY|GONOSUMDB|GOINSECURE)$/i;
/**
 * `NAME=value`, `NAME: value`, `"NAME": "value"`, `export NAME='value'`: the name, what separates
 * it from the value, and the value (printable ASCII without spaces or quotes).
 */
const ASSIGNMENT = /(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]{0,127})(["']?[ \t]*[:=][ \t]*["']?)([\w.+/=~!@%^*:?#,-]+)/g;
/** Host lists: their commas are part of the value (elsewhere a comma ends it: `{token: x, y: z}`). */
const HOST_LIST_NAME = /^(?:GOPRIVATE|GONOPROXY|GONOSUMDB|GOINSECURE)$/i;
/** `Authorization: Bearer abc`, `authorization=token abc`. */
const AUTHORIZATION = /(authorization["']?[ \t]*[:=][ \t]*["']?(?:(?:bearer|basic|token|digest)[ \t]+)?)([\w.+/=~!@%^*:?#-]+)/gi;
/** Token shapes recognisable without a name (GitHub, GitLab, Slack, AWS key ids, npm, Google). */
const TOKEN_SHAPE = /\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255}|glpat-[A-Za-z0-9_-]{20,255}|xox[abposr]-[A-Za-z0-9-]{10,255}|(?:AKIA|ASIA)[0-9A-Z]{16}|npm_[A-Za-z0-9]{36}|AIza[0-9A-Za-z_-]{35})\b/g;
const PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g;

/** A reference to a value kept elsewhere (`$TOKEN`, `${{ secrets.X }}`, `%TOKEN%`) is no secret. */
function isReference(value: string): boolean {
  return value.startsWith('$') || value.startsWith('%');
}

/**
 * The text with every secret-shaped value masked by a placeholder of the same length: credentials
 * in URLs, values of secret-named variables and keys, Authorization headers, known token shapes,
 * private keys, and the host lists of GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE. Every other
 * character stays at its offset. Linear time.
 */
export function maskSecrets(text: string): string {
  if (text === '') return text;
  let chars: string[] | undefined;
  const hit = (start: number, end: number) => {
    if (end <= start) return;
    chars ??= text.split('');
    maskRange(chars, start, end);
  };
  urlCredentials(text, hit);
  for (const m of text.matchAll(ASSIGNMENT)) {
    const [, name = '', sep = ''] = m;
    let value = m[3] ?? '';
    if (!SECRET_NAME.test(name) || isReference(value)) continue;
    const start = m.index + name.length + sep.length;
    const quote = sep.endsWith('"') || sep.endsWith("'") ? sep[sep.length - 1]! : undefined;
    // Never past the next quote (another match's opening quote at the latest): linear overall.
    const close = quote === undefined ? -1 : text.indexOf(quote, start);
    // A quoted value runs to its closing quote (spaces and commas included) on the same line.
    if (close !== -1 && !text.slice(start, close).includes('\n')) {
      hit(start, close);
      continue;
    }
    if (!HOST_LIST_NAME.test(name)) value = value.split(',')[0]!;
    hit(start, start + value.length);
  }
  for (const m of text.matchAll(AUTHORIZATION)) {
    const [, head = '', value = ''] = m;
    // `Bearer $TOKEN`: the scheme alone matched, the credential is a reference.
    if (isReference(value) || /^(?:bearer|basic|token|digest)$/i.test(value)) continue;
    hit(m.index + head.length, m.index + head.length + value.length);
  }
  for (const m of text.matchAll(TOKEN_SHAPE)) hit(m.index, m.index + m[0].length);
  for (const m of text.matchAll(PRIVATE_KEY)) {
    const header = m[0].indexOf('-----', 5) + 5;
    const footer = m[0].lastIndexOf('-----END');
    hit(m.index + header, m.index + (footer > header ? footer : m[0].length));
  }
  return chars === undefined ? text : chars.join('');
}

// ---------------------------------------------------------------------------------------------

/** `home`, and the different ways JSON encoders write it inside a string. */
function homeForms(home: string): string[] {
  const json = JSON.stringify(home).slice(1, -1);
  const goJson = json.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [...new Set([home, json, goJson])];
}

/** Redacts one string: secrets are masked (same length), home → `~`, the home's own user-name component → `<user>`. */
export function redactText(text: string, identity: RedactionIdentity): string {
  const home = normalizedHome(identity.home);
  let out = maskSecrets(text);
  if (home === '') return out;
  const homeMark = unusedCharacter(out, home);
  // The home as written, and as JSON writes it inside a string (`go env -json`: `\\`, `\"`,
  // control characters, and Go's `\u003c` for `<`, `>`, `&`).
  for (const form of homeForms(home)) {
    // Marks are absent from `home` and are no path-start characters: one pass finds every occurrence.
    out = replaceHome(out, form, homeMark);
    out = replaceHomeUnderPrefix(out, form);
  }
  out = out.split(homeMark).join(HOME_PLACEHOLDER);
  // A home that itself contains '~' could reappear once the marks become '~' (bounded retries).
  for (let i = 0; i < 8 && out.includes(home); i++) {
    const next = replaceHome(out, home, HOME_PLACEHOLDER);
    if (next === out) break;
    out = next;
  }
  return out;
}

const MAX_USER_PASSES = 4;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /^[\p{L}\p{N}]$/u.test(ch);
}

/** One left-to-right pass replacing `word` where not glued to letters or digits; counts them. */
function replaceWordOnce(text: string, word: string, placeholder: string): { text: string; count: number } {
  const pieces: string[] = [];
  let from = 0;
  let count = 0;
  let at = text.indexOf(word);
  while (at !== -1) {
    // The character before this occurrence as it now stands (a placeholder right after a replacement).
    const before = at > from ? text[at - 1] : count > 0 ? placeholder : undefined;
    if (!isWordChar(before) && !isWordChar(text[at + word.length])) {
      pieces.push(text.slice(from, at), placeholder);
      from = at + word.length;
      count++;
      at = text.indexOf(word, from);
    } else {
      at = text.indexOf(word, at + 1);
    }
  }
  pieces.push(text.slice(from));
  return { text: pieces.join(''), count };
}

function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!isWordChar(text[at - 1]) && !isWordChar(text[at + word.length])) return true;
  }
  return false;
}

/** Replaces every word-bounded occurrence of `word` (bounded time, even on hostile input). */
function replaceWord(text: string, word: string, placeholder: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_USER_PASSES; pass++) {
    const { text: next, count } = replaceWordOnce(current, word, placeholder);
    current = next;
    if (count === 0 || !hasWord(current, word)) return current;
  }
  // Pathological input where each replacement creates a new word boundary: replace them all.
  return current.split(word).join(placeholder);
}

/**
 * Redacts free text shown to people and never replayed (the Markdown report): `redactText`, and
 * the user name wherever it stands as a word too (`owner ada` → `owner <user>`). Not for
 * snapshots: a user named `go` would turn `go version` into `<user> version`.
 */
export function redactReportText(text: string, identity: RedactionIdentity): string {
  const out = redactText(text, identity);
  const user = identity.user;
  if (user === '') return out;
  const mark = unusedCharacter(out, user);
  return out
    .split(USER_PLACEHOLDER)
    .map((part) => replaceWord(part, user, mark))
    .join(USER_PLACEHOLDER)
    .split(mark)
    .join(USER_PLACEHOLDER);
}

/** Every string in `value` (not object keys) through `redact`; a structural copy. */
export function redactStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactStrings(item, redact)) as T;
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item, redact)])) as T;
  }
  return value;
}

/** Keys that are paths (redacted too) rather than names. */
function redactKeyed(value: unknown, redact: (text: string) => string): unknown {
  if (!isRecord(value)) return redactStrings(value, redact);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactStrings(item, redact)]));
}

/** A PATH entry with the home replaced, keeping the fact that it was absolute (`~/go/bin` is relative when written literally). */
function redactPathEntry(entry: unknown, redact: (text: string) => string): unknown {
  const out = redactStrings(entry, redact);
  if (!isRecord(entry) || typeof entry.raw !== 'string') return out;
  const raw = entry.raw;
  return { ...(out as PathEntry), absolute: (entry as Partial<PathEntry>).absolute ?? raw.startsWith('/') };
}

function redactEnv(env: unknown, redact: (text: string) => string): unknown {
  if (!isRecord(env)) return redactStrings(env, redact);
  return Object.fromEntries(
    Object.entries(env).map(([name, v]) => {
      if (typeof v !== 'string') return [name, redactStrings(v, redact)];
      if (ADDRESS_VARIABLES.has(name)) return [name, '<redacted>'];
      if (USER_VARIABLES.has(name) && v !== '') return [name, USER_PLACEHOLDER];
      // `GITHUB_TOKEN` in the environment: the name says it is a secret.
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && SECRET_NAME.test(name) && !isReference(v)) return [name, mask(v.length)];
      return [name, redact(v)];
    }),
  );
}

/** Top-level fields that hold no user data and must keep their exact values. */
const PRESERVED = new Set(['schema', 'version', 'createdAt', 'producer', 'redacted', 'host', 'options']);
const KEYED_BY_PATH = new Set(['files', 'which']);

/**
 * A copy of the snapshot safe to attach to a bug report: the home directory becomes `~` wherever a
 * path starts with it (`/root/go` → `~/go`, but `/opt/x/root/go` stays), USER and LOGNAME become
 * `<user>`, secrets are masked in place (same length), the SSH client address is removed. PATH
 * entries keep whether they were absolute. Replaying it gives the findings of the live check. Pure.
 */
export function redactSnapshot(snapshot: Snapshot, identity: RedactionIdentity): Snapshot {
  const redact = (text: string): string => redactText(text, identity);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(snapshot)) {
    if (PRESERVED.has(key)) out[key] = structuredClone(value);
    else if (KEYED_BY_PATH.has(key)) out[key] = redactKeyed(value, redact);
    else if (key === 'env') out[key] = redactEnv(value, redact);
    else if (key === 'path') out[key] = Array.isArray(value) ? value.map((entry) => redactPathEntry(entry, redact)) : redactStrings(value, redact);
    else out[key] = redactStrings(value, redact);
  }
  return { ...(out as unknown as Snapshot), redacted: true };
}
