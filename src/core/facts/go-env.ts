/** `go env -json` (facts §6.1): one JSON object of string values, sorted by key. */
import { isRecord } from '../is-record.js';
import { parseJsonOutput } from './json-output.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses `go env -json`. Keeps string values under environment-variable-shaped keys only, so a
 * hostile key such as `__proto__` never reaches the result. Undefined when it is not an object.
 */
export function parseGoEnvJson(text: string): Record<string, string> | undefined {
  const value = parseJsonOutput(text);
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && ENV_NAME.test(k)) out[k] = v;
  }
  return out;
}
