/**
 * Reads a snapshot saved by `go-doctor snapshot` for `check --from`. Anything that is not a
 * snapshot this version understands is an InputError with a plain explanation, never a crash
 * deep inside a rule.
 */
import { SNAPSHOT_SCHEMA, SNAPSHOT_VERSION, type Snapshot } from '../core/snapshot.js';
import { InputError } from './usage-error.js';
import { isRecord } from '../core/is-record.js';

/** What is wrong with `value` as a snapshot, or an empty list. */
export function snapshotProblems(value: unknown): string[] {
  if (!isRecord(value)) return ['it is not a JSON object'];
  if (value.schema !== SNAPSHOT_SCHEMA) return [`its "schema" is ${JSON.stringify(value.schema) ?? 'missing'}, not "${SNAPSHOT_SCHEMA}"`];
  if (typeof value.version !== 'number') return ['its "version" is missing'];
  if (value.version > SNAPSHOT_VERSION) {
    return [`it is snapshot version ${value.version}, newer than this go-doctor understands (${SNAPSHOT_VERSION}): update go-doctor`];
  }
  const problems: string[] = [];
  const expect = (key: string, ok: (v: unknown) => boolean, what: string) => {
    if (!ok(value[key])) problems.push(`"${key}" is not ${what}`);
  };
  expect('host', (h) => isRecord(h) && typeof h.platform === 'string' && typeof h.arch === 'string' && typeof h.release === 'string', 'an object with platform, arch and release');
  expect('env', isRecord, 'an object');
  expect('path', Array.isArray, 'an array');
  expect('tools', Array.isArray, 'an array');
  expect('commands', isRecord, 'an object');
  expect('files', isRecord, 'an object');
  expect('which', isRecord, 'an object');
  expect('options', (o) => isRecord(o) && typeof o.timeoutMs === 'number', 'an object with timeoutMs');
  expect('createdAt', (c) => typeof c === 'string', 'a string');
  expect('producer', isRecord, 'an object');
  if (value.workspace !== undefined) {
    expect('workspace', (w) => isRecord(w) && typeof w.root === 'string' && Array.isArray(w.files) && Array.isArray(w.skipped), 'an object with root, files and skipped');
  }
  return problems;
}

/** Parses the text of a saved snapshot; `name` is how the user named the file (for messages). */
export function parseSavedSnapshot(text: string, name: string): Snapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${name} is not a go-doctor snapshot: it is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  const problems = snapshotProblems(value);
  if (problems.length) throw new InputError(`${name} is not a usable go-doctor snapshot: ${problems.join('; ')}.`);
  return value as Snapshot;
}
