import type { Snapshot } from './snapshot.js';

/** Whose traces to remove. */
export interface RedactionIdentity {
  /** The home directory, e.g. /Users/ada (replaced by `~` wherever a path starts with it). */
  home: string;
  /** The login name, e.g. ada (replaced by `<user>` wherever it stands as a word). */
  user: string;
}

export const HOME_PLACEHOLDER = '~';
export const USER_PLACEHOLDER = '<user>';
/** Values of these variables are replaced whole: they hold network addresses. */
const ADDRESS_VARIABLES = new Set(['SSH_CONNECTION', 'SSH_CLIENT']);
const URL_USERINFO = /\b([A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)[^/@\s"']{1,256}@/g;
const MAX_USER_PASSES = 4;

/**
 * Where a path may start: the start of the text, or after whitespace or one of these (PATH lists,
 * `NAME=value`, quotes, flag lists, brackets). Not after `<`, `>` or `~`: the placeholders hold
 * those, so a replacement never turns a neighbouring occurrence into a path start.
 */
const PATH_START_AFTER = new Set([':', '=', '"', "'", '`', ',', ';', '(', '[', '{', '|']);
/** Where a path may end: the end of the text, `/`, whitespace, a path-start character or these. */
const PATH_END_BEFORE = new Set([...PATH_START_AFTER, ')', ']', '}', '\\']);

function isSpace(ch: string): boolean {
  return /^\s$/u.test(ch);
}

/** `home` at `at` is a path of its own or the start of one under it (`/root/x`, not `/x/root`). */
function isHomeAt(text: string, at: number, length: number): boolean {
  const before = text[at - 1];
  const after = text[at + length];
  const startsPath = before === undefined || isSpace(before) || PATH_START_AFTER.has(before);
  const endsComponent = after === undefined || after === '/' || isSpace(after) || PATH_END_BEFORE.has(after);
  return startsPath && endsComponent;
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

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /^[\p{L}\p{N}]$/u.test(ch);
}

/** A private-use character that occurs in none of the given strings (a safe placeholder). */
function unusedCharacter(...texts: string[]): string {
  for (let code = 0xe000; code <= 0xf8ff; code++) {
    const ch = String.fromCharCode(code);
    if (!texts.some((t) => t.includes(ch))) return ch;
  }
  return '\u0000';
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

function normalizedHome(home: string): string {
  const trimmed = home.replace(/\/+$/, '');
  return trimmed.length >= 2 ? trimmed : '';
}

/** Redacts one string: URL credentials, then home → `~`, then the user name → `<user>`. */
export function redactText(text: string, identity: RedactionIdentity): string {
  const home = normalizedHome(identity.home);
  const user = identity.user;
  let out = text.replace(URL_USERINFO, '$1<redacted>@');
  const homeMark = unusedCharacter(out, home, user);
  const userMark = unusedCharacter(out, home, user, homeMark);
  if (home !== '') {
    // Marks are absent from `home` and are no path-start characters: one pass finds every occurrence.
    out = replaceHome(out, home, homeMark);
  }
  if (user !== '') out = replaceWord(out, user, userMark);
  out = out.split(homeMark).join(HOME_PLACEHOLDER).split(userMark).join(USER_PLACEHOLDER);
  // A home that itself contains '~' could reappear once the marks become '~' (bounded retries).
  for (let i = 0; home !== '' && i < 8 && out.includes(home); i++) {
    const next = replaceHome(out, home, HOME_PLACEHOLDER);
    if (next === out) break;
    out = next;
  }
  return out;
}

function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, redact)]));
  }
  return value;
}

/** Keys that are paths (redacted too) rather than names. */
function redactKeyed(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return redactValue(value, redact);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactValue(item, redact)]));
}

/** Top-level fields that hold no user data and must keep their exact values. */
const PRESERVED = new Set(['schema', 'version', 'createdAt', 'producer', 'redacted', 'host', 'options']);
const KEYED_BY_PATH = new Set(['files', 'which']);

/**
 * A copy of the snapshot safe to attach to a bug report: the home directory becomes `~` wherever a
 * path starts with it (`/root/go` → `~/go`, but `/opt/x/root/go` stays) and the user name `<user>`
 * in every path, output, variable and workspace file; credentials in
 * URLs (`https://user:token@proxy`) and the SSH client address are removed. Pure.
 */
export function redactSnapshot(snapshot: Snapshot, identity: RedactionIdentity): Snapshot {
  const redact = (text: string): string => redactText(text, identity);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(snapshot)) {
    if (PRESERVED.has(key)) out[key] = structuredClone(value);
    else if (KEYED_BY_PATH.has(key)) out[key] = redactKeyed(value, redact);
    else if (key === 'env') {
      out[key] = Object.fromEntries(
        Object.entries(snapshot.env).map(([name, v]) => [name, ADDRESS_VARIABLES.has(name) ? '<redacted>' : redact(v)]),
      );
    } else out[key] = redactValue(value, redact);
  }
  return { ...(out as unknown as Snapshot), redacted: true };
}
