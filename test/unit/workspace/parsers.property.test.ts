/**
 * Property tests for every workspace parser: on hostile input they never throw, finish in
 * bounded time, and every range they return lies inside the text (start ≤ end).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseGoBuildLine, parsePlusBuildLine } from '../../../src/core/parse/build-constraint.js';
import { parseDockerfile } from '../../../src/core/parse/dockerfile.js';
import { parseGithubWorkflow } from '../../../src/core/parse/github-workflow.js';
import { goHeaderEnd, parseGoFileHeader } from '../../../src/core/parse/go-file-header.js';
import { parseGoMod } from '../../../src/core/parse/go-mod.js';
import { parseGoreleaser } from '../../../src/core/parse/goreleaser.js';
import { parseLinkerFlagFields, splitQuotedFields } from '../../../src/core/parse/ldflags.js';
import { parseMakefile } from '../../../src/core/parse/makefile.js';
import { parseShellFile } from '../../../src/core/parse/shell-file.js';
import { parseVsCodeLaunch, parseVsCodeSettings, parseVsCodeTasks } from '../../../src/core/parse/vscode-json.js';
import { buildWorkspaceModel } from '../../../src/core/workspace/build.js';
import { timed } from '../../support/timings.js';

const RUNS = Number(process.env.GO_DOCTOR_PROPERTY_RUNS ?? 300);

interface Pos {
  line: number;
  character: number;
}

function isPos(v: unknown): v is Pos {
  return typeof v === 'object' && v !== null && typeof (v as Pos).line === 'number' && typeof (v as Pos).character === 'number';
}

/** Every `{ start, end }` position pair anywhere in `value` lies inside `text`. */
function assertRangesInside(value: unknown, text: string, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const r = value as { start?: unknown; end?: unknown };
  if (isPos(r.start) && isPos(r.end)) {
    const lines = text.split(/\r\n|\r|\n/);
    for (const p of [r.start, r.end]) {
      assert.ok(p.line >= 0 && p.line < Math.max(lines.length, 1), `line ${p.line} outside ${lines.length} lines`);
      assert.ok(p.character >= 0 && p.character <= (lines[p.line] ?? '').length, `character ${p.character} outside line ${p.line} (${(lines[p.line] ?? '').length})`);
    }
    assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), 'start after end');
  }
  for (const v of Object.values(value)) assertRangesInside(v, text, seen);
}

/** Strings built from the syntax of the language plus arbitrary characters. */
function hostile(tokens: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.array(fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 2 })), { maxLength: 120 }).map((p) => p.join('')),
  );
}

const SHELL = ['GOOS=', 'visionos', 'export ', 'for x in a b; do ', 'done', '$x', '${GOOS}', '$(', ')', '`', "'", '"', '\\', '\\\n', '\n', ';', '&&', '|', '<<EOF\n', 'EOF\n', '#', 'go build ', '-ldflags ', '"-s -w"', 'env ', 'CGO_ENABLED=0 ', ' '];
const MAKE = [...SHELL, '\t', ':', ':=', '?=', '+=', '!=', '$(GO)', '$$', 'ifeq (a,b)\n', 'endif\n', 'define X\n', 'endef\n', 'build:\n', 'x: GOOS=ios\n'];
const DOCKER = [...SHELL, 'FROM ', 'golang:1.24 ', 'AS b\n', 'ENV ', 'ARG ', 'RUN ', '--mount=type=cache ', '--platform=linux/arm64 ', '# escape=`\n', 'TARGETOS', '\n'];
const YAML = ['builds:\n', '  - ', 'goos: ', '[linux, ios]', 'goarch: ', 'env:\n', '    - CGO_ENABLED=0\n', '&a ', '*a', '<<: *a\n', 'targets: ', 'ignore:\n', 'jobs:\n', '  b:\n', '    runs-on: ', 'strategy:\n', 'matrix:\n', 'include:\n', 'run: |\n', '      go build\n', '${{ matrix.goos }}', '{{ .Os }}', ': ', '- ', '\n', '  ', '"', "'", '|', '>'];
const WORKFLOW = [...YAML, '    if: ', "matrix.goos != 'android'", '${{ failure() }}', "runner.os == 'Linux'", '      - ', 'uses: actions/setup-go@v5\n', 'with:\n', 'go-version-file: go.mod\n', 'working-directory: ', 'echo "CGO_ENABLED=1" >> $GITHUB_ENV\n', '{ echo A=1; } >> "$GITHUB_ENV"', 'X<<EOF', 'echo /opt/go/bin >> $GITHUB_PATH', './scripts/b.sh ', 'make -C .. release', 'bash ../x.sh'];
const JSON_TOKENS = ['{', '}', '[', ']', ',', ':', '"go.toolsEnvVars"', '"GOOS"', '"windows"', '"go.languageServerFlags"', '"-rpc.trace"', '"go.goroot"', '"gopls"', '"build.env"', '// c\n', '/* c */', '"configurations"', '"tasks"', '"type"', '"go"', '"shell"', '"command"', '"env"', ' ', '\n'];
const GO = ['//go:build ', 'linux', ' && ', ' || ', '!', '(', ')', '// +build ', 'package x\n', 'import ', '"C"', '(\n', ')\n', '/*', '*/', '#cgo LDFLAGS: -framework OpenCL\n', '\n', '//', 'func f() {}\n', '`', '"fmt"'];

describe('workspace parsers on hostile input', () => {
  const cases: [string, string[], (t: string) => unknown][] = [
    ['Makefile', MAKE, (t) => parseMakefile('/w/Makefile', 'Makefile', t)],
    ['shell script', SHELL, (t) => parseShellFile('/w/a.sh', 'a.sh', t)],
    ['Dockerfile', DOCKER, (t) => parseDockerfile('/w/Dockerfile', 'Dockerfile', t)],
    ['goreleaser', YAML, (t) => parseGoreleaser('/w/.goreleaser.yaml', '.goreleaser.yaml', t)],
    ['GitHub workflow', YAML, (t) => parseGithubWorkflow('/w/.github/workflows/a.yml', '.github/workflows/a.yml', t)],
    ['GitHub workflow (if:, $GITHUB_ENV, scripts)', WORKFLOW, (t) => parseGithubWorkflow('/w/.github/workflows/a.yml', '.github/workflows/a.yml', t)],
    ['VS Code settings', JSON_TOKENS, (t) => parseVsCodeSettings('/w/.vscode/settings.json', t)],
    ['VS Code launch', JSON_TOKENS, (t) => parseVsCodeLaunch('/w/.vscode/launch.json', t)],
    ['VS Code tasks', [...JSON_TOKENS, ...SHELL], (t) => parseVsCodeTasks('/w/.vscode/tasks.json', t)],
    ['go.mod', ['module ', 'go ', 'toolchain ', 'use (', ')', '\n', '//', '1.24', '"x"', 'godebug ', 'tool ', 'ignore ', 'godebug (', '\t'], (t) => parseGoMod('/w/go.mod', 'go.mod', t)],
    ['Go file header', GO, (t) => [parseGoFileHeader('/w/a.go', 'a.go', t), parseGoFileHeader('/w/a.go', 'a.go', t, false), goHeaderEnd(t)]],
  ];
  for (const [name, tokens, parse] of cases) {
    it(`${name}: never throws, ranges inside the text (time: npm run bench, parsers)`, () => {
      fc.assert(
        fc.property(hostile(tokens), (text) => {
          const out = timed(`workspace parser: ${name}`, () => parse(text));
          assertRangesInside(out, text);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('go.mod: every newer directive it records is that word at the start of a line, outside blocks', () => {
    const lines = fc.array(fc.constantFrom('godebug x=1', 'tool a/b', 'ignore ./x', 'godebug (', 'ignore (', ')', '\tpanicnil=1', '  tool  c/d', '// tool x', 'require (', 'module m', 'go 1.21', ''), { maxLength: 20 });
    fc.assert(
      fc.property(lines, (ls) => {
        const text = ls.join('\n');
        const facts = parseGoMod('/w/go.mod', 'go.mod', text);
        let depth = false;
        const expected: string[] = [];
        ls.forEach((l, i) => {
          const t = l.trim();
          if (depth) {
            if (t === ')') depth = false;
            return;
          }
          const m = /^(godebug|tool|ignore)\s+(.*)$/.exec(t);
          if (m) expected.push(`${i}:${m[1]}`);
          if (/\($/.test(t)) depth = true;
        });
        assert.deepEqual((facts.newerDirectives ?? []).map((d) => `${d.range.start.line}:${d.verb}`), expected);
        for (const d of facts.newerDirectives ?? []) assert.equal(ls[d.range.start.line]!.slice(d.range.start.character, d.range.end.character), d.verb);
      }),
      { numRuns: RUNS },
    );
  });

  it('build constraints and ldflags splitting: never throw, offsets inside the line', () => {
    fc.assert(
      fc.property(hostile(GO), (s) => {
        for (const p of [parseGoBuildLine(`//go:build ${s}`), parsePlusBuildLine(`// +build ${s}`)]) {
          for (const t of p.tags) assert.ok(t.offset >= 0 && t.offset + t.tag.length <= s.length + 11);
        }
        for (const f of [...splitQuotedFields(s), ...parseLinkerFlagFields(s)]) assert.ok(f.from >= 0 && f.to <= s.length && f.from <= f.to);
      }),
      { numRuns: RUNS },
    );
  });

  it('the whole model builder: never throws on a record of hostile files', () => {
    const names = ['Makefile', 'a.sh', 'Dockerfile', '.goreleaser.yml', '.github/workflows/x.yml', '.vscode/settings.json', 'go.mod', 'x/a_unix.go', 'tool'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), hostile([...MAKE, ...YAML, ...GO])), { maxLength: 6 }), (files) => {
        const model = timed('workspace model builder', () => buildWorkspaceModel({ root: '/w', files: files.map(([path, content]) => ({ path, content })), skipped: [] }));
        assert.ok(Array.isArray(model.buildConfigs));
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});
