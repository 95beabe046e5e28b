// Validates SARIF against the official SARIF 2.1.0 schema (errata01), vendored from
// github.com/oasis-tcs/sarif-spec, sarif-2.1/schema/sarif-schema-2.1.0.json at commit
// e0583813964ec43cea53b6b531b402866095ed1f (sha256 c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e)
// into test/testdata/sarif-2.1.0.json. The schema is draft-04; Ajv 8 speaks draft-07, which
// reads every keyword this schema uses (type, $ref, properties, items, required, enum, pattern,
// minimum, anyOf, additionalProperties, uniqueItems, minItems, default) the same way, so only the
// draft-04 `$schema`/`id` header is dropped before compiling. Its three formats are checked here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
export const SARIF_SCHEMA_FILE = join(__dirname, '..', '..', 'testdata', 'sarif-2.1.0.json');

export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  assert.equal(schema.title, 'Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URI_CHARS.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s));
  ajv.addFormat('uri-reference', (s: string) => URI_CHARS.test(s));
  ajv.addFormat('date-time', (s: string) => RFC3339.test(s) && !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

export function assertValidSarif(validate: ValidateFunction, log: unknown): void {
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
}
