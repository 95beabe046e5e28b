/**
 * Hostile file contents, generated (never stored): expansion bombs per build-file language, YAML
 * alias and merge-key bombs, huge build constraints, encodings the scanner must not choke on.
 * Pure string/Buffer functions, so parser property tests can reuse them.
 */

/** `A0 := x` then `An := $(An-1)$(An-1)`: the last variable is 2^levels bytes when expanded. */
export function makefileDoubling(levels = 39): string {
  const lines = ['A0 := x'];
  for (let i = 1; i <= levels; i++) lines.push(`A${i} := $(A${i - 1})$(A${i - 1})`);
  lines.push('', 'build:', `\tGOOS=$(A${levels}) go build ./...`, '');
  return lines.join('\n');
}

/** Recursive `=` variables, each referring to the previous one `fanOut` times: fanOut^levels expansions. */
export function makefileFanOut(levels = 12, fanOut = 10): string {
  const lines = ['B0 = x'];
  for (let i = 1; i <= levels; i++) lines.push(`B${i} = ${Array.from({ length: fanOut }, () => `$(B${i - 1})`).join(' ')}`);
  lines.push('', 'build:', `\tGOARCH=$(B${levels}) go build ./...`, '');
  return lines.join('\n');
}

/** `A="$A $A"` repeated: 2^times words. */
export function shellDoubling(times = 60): string {
  const lines = ['#!/bin/sh', 'A=x'];
  for (let i = 0; i < times; i++) lines.push('A="$A $A"');
  lines.push('GOOS="$A" go build ./...', '');
  return lines.join('\n');
}

/** `ENV A=${A}${A}` repeated: 2^times bytes. */
export function dockerfileDoubling(times = 60): string {
  const lines = ['FROM golang:1.24', 'ENV A=x'];
  for (let i = 0; i < times; i++) lines.push('ENV A=${A}${A}');
  lines.push('RUN GOOS=$A go build ./...', '');
  return lines.join('\n');
}

/** Maps merged into maps (`<<: [*a, *a, …]`), `levels` deep: width^levels merge walks, used by a goreleaser build. */
export function yamlMergeKeyBomb(levels = 6, width = 10): string {
  const lines = ['m0: &m0 {goos: [linux], env: [CGO_ENABLED=0]}'];
  for (let i = 1; i <= levels; i++) lines.push(`m${i}: &m${i}`, `  <<: [${Array.from({ length: width }, () => `*m${i - 1}`).join(', ')}]`);
  lines.push('builds:', `  - <<: *m${levels}`, '    main: ./cmd/app', '');
  return lines.join('\n');
}

/** Sequences of aliases of sequences (billion laughs), `levels` deep. */
export function yamlListBomb(levels = 6, width = 10): string {
  const lines = [`l0: &l0 [${Array.from({ length: width }, () => 'GOOS=linux').join(', ')}]`];
  for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: width }, () => `*l${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

/** A goreleaser config with `count` aliases of one anchor. */
export function goreleaserManyAliases(count = 30_000): string {
  const lines = ['version: 2', 'x: &x GOOS=linux', 'builds:', '  - main: ./cmd/app', '    env:'];
  for (let i = 0; i < count; i++) lines.push('      - *x');
  return lines.join('\n') + '\n';
}

/** A GitHub workflow with `count` aliases of one anchor (steps and env). */
export function workflowManyAliases(count = 30_000): string {
  const lines = ['name: ci', 'on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - &step', '        run: GOOS=visionos go build ./...'];
  for (let i = 0; i < count; i++) lines.push('      - *step');
  return lines.join('\n') + '\n';
}

/** A workflow whose job merges a `levels`-deep merge-key bomb. */
export function workflowMergeKeyBomb(levels = 6, width = 10): string {
  const lines = ['name: ci', 'on: push', 'x0: &x0 {runs-on: ubuntu-latest, env: {GOOS: linux}}'];
  for (let i = 1; i <= levels; i++) lines.push(`x${i}: &x${i}`, `  <<: [${Array.from({ length: width }, () => `*x${i - 1}`).join(', ')}]`);
  lines.push('jobs:', '  build:', `    <<: *x${levels}`, '    steps:', '      - run: go build ./...', '');
  return lines.join('\n');
}

/** `//go:build t0 || t1 || …` with `terms` terms, mixing && and parentheses. */
export function goBuildConstraint(terms = 7000): string {
  const parts: string[] = [];
  for (let i = 0; i < terms; i++) parts.push(i % 3 === 0 ? `(linux && !tag${i})` : `tag${i}`);
  return `//go:build ${parts.join(' || ')}\n\npackage app\n`;
}

/** A `//go:build` line of `depth` nested parentheses. */
export function goBuildNested(depth = 5000): string {
  return `//go:build ${'('.repeat(depth)}linux${')'.repeat(depth)}\n\npackage app\n`;
}

/** `depth` nested JSON arrays/objects (jsonc parsers that recurse overflow the stack). */
export function deepJson(depth = 100_000): string {
  return `{"go.toolsEnvVars": ${'{"a": ['.repeat(depth)}1${']}'.repeat(depth)}}\n`;
}

/**
 * A PATH of `entries` directories (most missing, some empty, some relative), the real ones last.
 * Short names: Linux refuses an environment string over 128 KiB (E2BIG).
 */
export function longPath(entries: number, realDirs: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < entries; i++) out.push(i % 100 === 0 ? 'r' : i % 7 === 0 ? '' : `/n${i}`);
  return [...out, ...realDirs].join(':');
}

/** One line of `bytes` bytes (a Go comment, so a Go parser sees one huge token). */
export function singleLine(bytes: number, prefix = '// '): string {
  return prefix + 'x'.repeat(Math.max(0, bytes - prefix.length - 1)) + '\n';
}

/** Text as UTF-16LE with a byte-order mark. */
export function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** Text as UTF-16BE with a byte-order mark. */
export function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
}

/** Text with invalid UTF-8 sequences spliced into every line (lone continuation bytes, overlongs, surrogates). */
export function invalidUtf8(text: string): Buffer {
  const bad = [Buffer.from([0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0xff])];
  const parts: Buffer[] = [];
  text.split('\n').forEach((line, i) => parts.push(Buffer.from(line), bad[i % bad.length]!, Buffer.from('\n')));
  return Buffer.concat(parts);
}

/** Deterministic pseudo-random bytes (with NULs): a binary file named like a build file. */
export function binaryBytes(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = i % 64 === 0 ? 0 : x & 0xff;
  }
  return out;
}

/** A Makefile of about `bytes` bytes of ordinary rules. */
export function largeMakefile(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const rule = `target${i}:\n\tGOOS=linux GOARCH=amd64 go build -o bin/t${i} ./cmd/t${i}\n`;
    lines.push(rule);
    size += rule.length;
  }
  return lines.join('');
}

/** File names with terminal escape sequences (colour, OSC 8 link, title), CR and newline. */
export const ESCAPE_NAMES: readonly string[] = [
  '\x1b[31mred\x1b[0m',
  '\x1b]8;;https://example.invalid\x07link\x1b]8;;\x07',
  '\x1b]0;owned\x07title',
  'line\nbreak',
  'carriage\rreturn',
  'bell\x07\x08back',
];
