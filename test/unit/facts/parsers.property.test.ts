/**
 * Every parser in core/facts against hostile input: never throws, returns the documented shape,
 * and stays fast on large adversarial text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  findInvalidDeveloperPath,
  parseClangVersion,
  parseDistList,
  parseGoEnvJson,
  parseGoVersionLine,
  parseGoVersionString,
  parsePkgInfo,
  parseProcNumber,
  parseSwVers,
  parseSysctlFlag,
  parseVersionM,
  parseXcodeSelect,
} from '../../../src/core/facts/index.js';
import { LARGE_FACTS_INPUTS, runEveryFactsParser } from '../../support/large-facts-inputs.js';
import { compareGoVersions } from '../../../src/core/knowledge/index.js';

/** Fragments of every format the parsers read, glued with random text: close to real, still hostile. */
const FRAGMENTS = [
  '\t', '\n', '\r\n', ' ', ': ', ':', '=', '"', '\\', '(', ')', '/', '.', '+', '-',
  'go version ', 'go1.', 'go1.24.4', 'devel ', ' X:', 'rc1', 'darwin/arm64', 'linux/amd64',
  '\tpath\t', '\tmod\t', '\tbuild\t', '\tdep\t', '-ldflags=', '"-B gobuildid"', '__proto__', 'constructor',
  '{', '}', '[', ']', '"GOOS"', '"GOARCH"', 'true', 'null',
  'ProductVersion:', 'ProductName:', 'BuildVersion:', '26.2', '10.15.7',
  'package-id: ', 'version: ', 'install-time: ', "No receipt for '", "' found at '/'.",
  'xcode-select: error: ', 'unable to get active developer directory', 'invalid active developer path (', 'missing xcrun at: ',
  'Apple clang version ', 'Apple LLVM version ', '(clang-1700.6.3.2)', 'Target: ', 'InstalledDir: ',
];

const hostile = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 }), fc.nat().map(String)), { maxLength: 80 })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(hostile, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }));
const jsonText = fc.oneof(fc.json(), fc.anything().map((v) => { try { return JSON.stringify(v) ?? ''; } catch { return ''; } }), hostile);
const exitCode = fc.oneof(fc.constant(null), fc.integer({ min: -1, max: 255 }));

describe('facts parsers never throw on hostile input', () => {
  it('go version line and version strings', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const line = parseGoVersionLine(s);
        if (line) {
          assert.ok(line.goos.length > 0 && !line.goos.includes('/'));
          assert.ok(line.goarch.length > 0 && !line.goarch.includes('/'));
          assert.ok(Number.isInteger(line.version.minor));
        }
        const v = parseGoVersionString(s);
        if (v) assert.ok(Number.isFinite(v.major) && Number.isFinite(v.minor) && Number.isFinite(v.patch));
      }),
      { numRuns: 400 },
    );
  });
  it('go version order is a total order on anything (antisymmetric, never throws)', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const ab = Math.sign(compareGoVersions(a, b));
        const ba = Math.sign(compareGoVersions(b, a));
        assert.equal(ab, -ba || 0);
      }),
      { numRuns: 300 },
    );
  });
  it('go env -json keeps only string values under env-var names', () => {
    fc.assert(
      fc.property(jsonText, (s) => {
        const env = parseGoEnvJson(s);
        if (!env) return;
        assert.equal(Object.getPrototypeOf(env), Object.prototype);
        for (const [k, v] of Object.entries(env)) {
          assert.match(k, /^[A-Za-z_][A-Za-z0-9_]*$/);
          assert.equal(typeof v, 'string');
        }
      }),
      { numRuns: 400 },
    );
  });
  it('dist list -json yields only well-formed ports', () => {
    fc.assert(
      fc.property(jsonText, (s) => {
        for (const p of parseDistList(s) ?? []) {
          assert.ok(p.goos && p.goarch);
          assert.equal(typeof p.cgoSupported, 'boolean');
        }
      }),
      { numRuns: 300 },
    );
  });
  it('go version -m yields build info with a Go version per file', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const info = parseVersionM(s);
        assert.equal(Object.getPrototypeOf(info), Object.prototype);
        for (const b of Object.values(info)) {
          assert.equal(typeof b.goVersion, 'string');
          assert.ok(b.goVersion.length > 0);
          assert.equal(typeof b.settings, 'object');
        }
      }),
      { numRuns: 400 },
    );
  });
  it('sw_vers, sysctl, pkgutil, xcode-select, clang and /proc numbers', () => {
    fc.assert(
      fc.property(anyText, anyText, exitCode, (out, err, code) => {
        const sw = parseSwVers(out);
        if (sw) assert.ok(Number.isInteger(sw.major));
        assert.ok([true, false, undefined].includes(parseSysctlFlag(out)));
        const pkg = parsePkgInfo(out, err);
        if (pkg?.present) assert.ok(pkg.version.length > 0 && pkg.packageId.length > 0);
        const xs = parseXcodeSelect(out, err, code);
        assert.ok(['path', 'unset', 'invalid', 'unknown'].includes(xs.kind));
        if (xs.kind === 'path') assert.ok(xs.dir.startsWith('/'));
        findInvalidDeveloperPath(out);
        const clang = parseClangVersion(out);
        if (clang) assert.ok(Number.isInteger(clang.major));
        const n = parseProcNumber(out);
        if (n !== undefined) assert.ok(Number.isSafeInteger(n) && n >= 0);
      }),
      { numRuns: 400 },
    );
  });
  it('tolerates non-string input from a corrupt snapshot', () => {
    for (const bad of [undefined, null, 42, {}, []] as unknown as string[]) {
      assert.equal(parseGoVersionLine(bad), undefined);
      assert.equal(parseGoEnvJson(bad), undefined);
      assert.deepEqual(parseVersionM(bad), {});
      assert.equal(parseSwVers(bad), undefined);
      assert.equal(parseClangVersion(bad), undefined);
      assert.deepEqual(parseXcodeSelect(bad, bad, 0), { kind: 'unknown' });
    }
  });
});

describe('facts parsers on large adversarial input', () => {
  // How long each takes is measured by `npm run bench` (bench/parsers.bench.mjs, target < 1 s each).
  it('every parser returns on each 1 MB input without throwing', () => {
    for (const input of LARGE_FACTS_INPUTS) {
      assert.doesNotThrow(() => runEveryFactsParser(input), JSON.stringify(input.slice(0, 20)));
    }
  });
});
