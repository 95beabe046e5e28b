/**
 * Reads a snapshot saved by `go-doctor snapshot` for `check --from`. Anything that is not a
 * snapshot this version understands is an InputError (exit 2) with a plain explanation naming the
 * field ("snapshot field path[3].exists: expected a boolean"), never a crash deep inside a rule.
 * Every field the rules read is checked; fields this version does not know are ignored (within a
 * version, fields are only ever added).
 */
import { SNAPSHOT_SCHEMA, SNAPSHOT_VERSION, type Snapshot } from '../core/snapshot.js';
import { InputError } from './usage-error.js';
import { isRecord } from '../core/is-record.js';

/** At most this many problems are listed. */
const MAX_PROBLEMS = 5;

/** A check of one value: pushes "expected …" problems for `at` (the field's path). */
type Check = (value: unknown, at: string, problems: string[]) => void;

function expect(what: string, ok: (v: unknown) => boolean): Check {
  return (value, at, problems) => {
    if (!ok(value)) problems.push(`snapshot field ${at}: expected ${what}, found ${describe(value)}`);
  };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value === 'string' ? 'the string' : typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

const string = expect('a string', (v) => typeof v === 'string');
const number = expect('a number', (v) => typeof v === 'number' && Number.isFinite(v));
const boolean = expect('a boolean', (v) => typeof v === 'boolean');
const numberOrNull = expect('a number or null', (v) => v === null || (typeof v === 'number' && Number.isFinite(v)));
const stringOrNull = expect('a string or null', (v) => v === null || typeof v === 'string');

function optional(check: Check): Check {
  return (value, at, problems) => {
    if (value !== undefined) check(value, at, problems);
  };
}

function fieldPath(at: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;
}

function object(fields: Record<string, Check>): Check {
  return (value, at, problems) => {
    if (!isRecord(value)) {
      problems.push(`snapshot field ${at}: expected an object, found ${describe(value)}`);
      return;
    }
    for (const [key, check] of Object.entries(fields)) {
      if (problems.length >= MAX_PROBLEMS) return;
      check(value[key], fieldPath(at, key), problems);
    }
  };
}

function array(item: Check): Check {
  return (value, at, problems) => {
    if (!Array.isArray(value)) {
      problems.push(`snapshot field ${at}: expected an array, found ${describe(value)}`);
      return;
    }
    for (let i = 0; i < value.length && problems.length < MAX_PROBLEMS; i++) item(value[i], `${at}[${i}]`, problems);
  };
}

function record(item: Check): Check {
  return (value, at, problems) => {
    if (!isRecord(value)) {
      problems.push(`snapshot field ${at}: expected an object, found ${describe(value)}`);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      if (problems.length >= MAX_PROBLEMS) return;
      item(v, fieldPath(at, key), problems);
    }
  };
}

function oneOf(values: readonly string[]): Check {
  return expect(values.map((v) => JSON.stringify(v)).join(' or '), (v) => typeof v === 'string' && values.includes(v));
}

const toolSource: Check = (value, at, problems) => {
  if (!isRecord(value) || (value.kind !== 'path' && value.kind !== 'gobin' && value.kind !== 'goroot')) {
    problems.push(`snapshot field ${at}: expected {"kind": "path", "index": N}, {"kind": "gobin"} or {"kind": "goroot"}, found ${describe(value)}`);
    return;
  }
  if (value.kind === 'path') number(value.index, `${at}.index`, problems);
};

/** The shape of a Snapshot (src/core/snapshot.ts), as `check --from` needs it. */
const SNAPSHOT_SHAPE = object({
  createdAt: string,
  producer: object({ name: string, version: string }),
  redacted: optional(boolean),
  host: object({ platform: string, arch: string, release: string }),
  env: record(string),
  path: array(
    object({
      index: number,
      raw: string,
      exists: boolean,
      isDirectory: boolean,
      realPath: optional(string),
      worldWritable: boolean,
      absolute: optional(boolean),
    }),
  ),
  tools: array(object({ name: string, dir: string, path: string, realPath: string, size: number, mtimeMs: number, source: toolSource })),
  commands: record(
    object({
      argv: array(string),
      stdout: string,
      stderr: string,
      exitCode: numberOrNull,
      durationMs: number,
      timedOut: optional(boolean),
      error: optional(string),
      truncated: optional(boolean),
      skipped: optional(string),
    }),
  ),
  files: record(object({ exists: boolean, isDirectory: optional(boolean), content: optional(string), truncated: optional(boolean), error: optional(string) })),
  which: record(stringOrNull),
  workspace: optional(
    object({
      root: string,
      files: array(object({ path: string, content: string, partial: optional(boolean) })),
      skipped: array(object({ path: string, reason: string })),
      truncated: optional(boolean),
    }),
  ),
  options: object({ timeoutMs: number, toolNames: array(string), cache: optional(oneOf(['memory', 'disk', 'miss', 'off'])) }),
});

/** What is wrong with `value` as a snapshot (at most a few problems), or an empty list. */
export function snapshotProblems(value: unknown): string[] {
  if (!isRecord(value)) return ['it is not a JSON object'];
  if (value.schema !== SNAPSHOT_SCHEMA) return [`its "schema" is ${JSON.stringify(value.schema) ?? 'missing'}, not "${SNAPSHOT_SCHEMA}"`];
  if (typeof value.version !== 'number') return ['its "version" is missing'];
  if (value.version > SNAPSHOT_VERSION) {
    return [`it is snapshot version ${value.version}, newer than this go-doctor understands (${SNAPSHOT_VERSION}): update go-doctor`];
  }
  const problems: string[] = [];
  SNAPSHOT_SHAPE(value, 'snapshot', problems);
  // "snapshot field snapshot.path" reads badly: the root is implied.
  return problems.map((p) => p.replace(/^snapshot field snapshot\.?/, 'snapshot field '));
}

/** Parses the text of a saved snapshot; `name` is how the user named the file (for messages). */
export function parseSavedSnapshot(text: string, name: string): Snapshot {
  let value: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte order mark; JSON.parse rejects it.
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (err) {
    throw new InputError(`${name} is not a go-doctor snapshot: it is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  const problems = snapshotProblems(value);
  if (problems.length) throw new InputError(`${name} is not a usable go-doctor snapshot: ${problems.join('; ')}.`);
  return value as Snapshot;
}
