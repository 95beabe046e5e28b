import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluateCondition, evaluateExpression, UNKNOWN, type ContextLookup } from '../../../src/core/parse/actions-expression.js';
import { githubFileWrites } from '../../../src/core/parse/github-env-writes.js';
import { parseGithubWorkflow } from '../../../src/core/parse/github-workflow.js';
import { runsOnPlatform } from '../../../src/core/knowledge/runners.js';
import { sourceText, syntheticText } from '../../../src/core/parse/mapped-text.js';

const ctx: ContextLookup = (path) => {
  const key = path.join('.');
  const known: Record<string, string | number | boolean | null> = {
    'matrix.os': 'ubuntu-latest',
    'matrix.go': 1.22,
    'matrix.cgo': false,
    'matrix.variant': 'purego',
    'runner.os': 'Linux',
    'runner.arch': 'X64',
    'env.CGO_ENABLED': '1',
  };
  if (key in known) return known[key]!;
  if (path[0] === 'matrix' || path[0] === 'env') return null;
  return UNKNOWN;
};
const cond = (s: string) => evaluateCondition(s, ctx);

describe('GitHub Actions expressions', () => {
  it('compares with the documented loose equality (strings ignore case; mismatched types become numbers)', () => {
    assert.equal(cond("runner.os == 'linux'"), true);
    assert.equal(cond("runner.os != 'Linux'"), false);
    assert.equal(cond("matrix.go == '1.22'"), true);
    assert.equal(cond('matrix.go >= 1.21 && matrix.go < 1.23'), true);
    assert.equal(cond("matrix.cgo == 'false'"), false, "false → 0, 'false' → NaN");
    assert.equal(cond('matrix.cgo'), false);
    assert.equal(cond('!matrix.cgo'), true);
    assert.equal(cond("matrix.missing == ''"), true, 'null → 0 and empty string → 0');
    assert.equal(cond("env.CGO_ENABLED == 1"), true);
    assert.equal(cond("matrix['variant'] == 'PUREGO'"), true);
  });
  it('evaluates functions where it can', () => {
    assert.equal(cond("contains(fromJSON('[\"linux\",\"darwin\"]'), 'Linux')"), true);
    assert.equal(cond("startsWith(matrix.os, 'UBUNTU') && endsWith(matrix.os, 'latest')"), true);
    assert.equal(cond("contains(matrix.os, 'windows')"), false);
    assert.equal(cond("format('{0}-{1}', runner.os, runner.arch) == 'linux-x64'"), true);
    assert.equal(cond("join(fromJSON('[1,2]'), '+') == '1+2'"), true);
  });
  it('reads status functions for a green build', () => {
    assert.equal(cond('failure()'), false);
    assert.equal(cond('${{ cancelled() }}'), false);
    assert.equal(cond('always()'), true);
    assert.equal(cond('success() || failure()'), true);
    assert.equal(cond("failure() && runner.os == 'Linux'"), false);
  });
  it('leaves what it cannot know undecided, unless the other side decides', () => {
    assert.equal(cond("github.event_name == 'push'"), UNKNOWN);
    assert.equal(cond("github.event_name == 'push' && runner.os == 'Windows'"), false);
    assert.equal(cond("github.event_name == 'push' || runner.os == 'Linux'"), true);
    assert.equal(cond("!(github.ref == 'refs/heads/main')"), UNKNOWN);
    assert.equal(cond("hashFiles('go.sum') != ''"), UNKNOWN);
    assert.equal(cond("${{ matrix.os }} == 'x'"), UNKNOWN, 'text around ${{ }} is a string, not an expression');
    assert.equal(cond("matrix.os == 'unterminated"), UNKNOWN);
  });
  it('reads literals and YAML values', () => {
    assert.equal(evaluateCondition(false, ctx), false);
    assert.equal(evaluateCondition(true, ctx), true);
    assert.equal(evaluateCondition('${{ false }}', ctx), false);
    assert.equal(evaluateExpression("'It''s'", ctx), "It's");
    assert.equal(evaluateExpression('0xff', ctx), 255);
    assert.equal(evaluateExpression('-2.5e1', ctx), -25);
  });
  it('never throws on hostile input, and a nested expression is bounded', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const v = evaluateCondition(s, ctx);
        assert.ok(v === true || v === false || v === UNKNOWN);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('(', ')', '!', '&&', '||', "'a'", 'matrix.os', '==', '[', ']', '.', ',', 'f(', '1', 'null'), { maxLength: 80 }), (parts) => {
        evaluateCondition(parts.join(' '), ctx);
      }),
      { numRuns: 500 },
    );
    assert.equal(evaluateCondition('('.repeat(5000) + 'true' + ')'.repeat(5000), ctx), UNKNOWN);
  });
});

describe('$GITHUB_ENV and $GITHUB_PATH writes', () => {
  const vars = (name: string) => (name === 'NDK' ? syntheticText('/ndk') : undefined);
  const envOf = (script: string) => githubFileWrites(sourceText(script, 0), vars).env.map((e) => `${e.name}=${e.value?.text ?? '?'}`);
  it('reads echo, printf, quoted targets, tee and PowerShell', () => {
    assert.deepEqual(envOf('echo "CGO_ENABLED=1" >> $GITHUB_ENV\necho "CC=$NDK/bin/clang" >> "$GITHUB_ENV"'), ['CGO_ENABLED=1', 'CC=/ndk/bin/clang']);
    assert.deepEqual(envOf("printf 'GOOS=%s\\n' android >> ${GITHUB_ENV}"), ['GOOS=android']);
    assert.deepEqual(envOf('echo "V=$(git describe)" >> $GITHUB_ENV'), ['V=?']);
    assert.deepEqual(envOf('echo CGO_ENABLED=0 | tee -a "$GITHUB_ENV"'), ['CGO_ENABLED=0']);
    assert.deepEqual(envOf('echo "CGO_ENABLED=1" >> $env:GITHUB_ENV'), ['CGO_ENABLED=1']);
    assert.deepEqual(envOf('echo A=1 >> $GITHUB_ENV; echo B=2 >> $GITHUB_ENV'), ['A=1', 'B=2']);
    assert.deepEqual(envOf('"CGO_ENABLED=1" | Out-File -FilePath $env:GITHUB_ENV -Append'), ['CGO_ENABLED=1']);
    assert.deepEqual(envOf('Add-Content -Path $env:GITHUB_ENV -Value "CC=clang"'), ['CC=clang']);
    assert.deepEqual(githubFileWrites(sourceText('Get-Env | Out-File $env:GITHUB_ENV', 0), vars).unreadEnv, [0]);
  });
  it('reads { … } groups, heredocs and NAME<<DELIM values', () => {
    assert.deepEqual(envOf('{ echo "A=1"; echo "B=2"; } >> "$GITHUB_ENV"'), ['A=1', 'B=2']);
    assert.deepEqual(envOf('{\n  echo "A=1"\n  echo "B=$HOME"\n} >> $GITHUB_ENV'), ['A=1', 'B=?']);
    assert.deepEqual(envOf('cat >> $GITHUB_ENV <<EOF\nCGO_ENABLED=0\nCC=$NDK/cc\nEOF'), ['CGO_ENABLED=0', 'CC=/ndk/cc']);
    assert.deepEqual(envOf("cat <<'EOF' >> $GITHUB_ENV\nCC=$NDK/cc\nEOF"), ['CC=$NDK/cc']);
    assert.deepEqual(envOf('echo "M<<EOF" >> $GITHUB_ENV\necho "x" >> $GITHUB_ENV\necho "EOF" >> $GITHUB_ENV'), ['M=x']);
  });
  it('maps a write back to where it is written', () => {
    const [w] = githubFileWrites(sourceText('  echo "CGO_ENABLED=0" >> $GITHUB_ENV', 100), vars).env;
    assert.deepEqual(w!.full, [108, 121]);
    assert.deepEqual([w!.value!.origins[0]], [120]);
  });
  it('says when it cannot read a write, and reads $GITHUB_PATH', () => {
    const r = githubFileWrites(sourceText('./ci/env.sh >> $GITHUB_ENV\necho "/opt/go/bin" >> $GITHUB_PATH', 0), vars);
    assert.deepEqual(r.env, []);
    assert.deepEqual(r.unreadEnv, [0]);
    assert.deepEqual(r.path.map((p) => p.value), ['/opt/go/bin']);
    assert.deepEqual(envOf('echo "GITHUB_ENV is $GITHUB_ENV"'), []);
  });
  it('never throws on hostile scripts', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('echo ', '"', "'", 'A=1', ' >> ', '$GITHUB_ENV', '$GITHUB_PATH', '{', '}', ';', '\n', '<<EOF', 'EOF', '\\', '$(', ')', '|', 'tee -a ', 'X<<D', 'printf %s'), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const r = githubFileWrites(sourceText(text, 0), vars);
        for (const e of r.env) if (e.full) assert.ok(e.full[0] >= 0 && e.full[1] <= text.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('runner platforms', () => {
  it('reads hosted labels and self-hosted label sets; a bare `linux` label says nothing about the architecture', () => {
    assert.deepEqual(runsOnPlatform(['ubuntu-24.04-arm']), { goos: 'linux', goarch: 'arm64' });
    assert.deepEqual(runsOnPlatform(['self-hosted', 'linux', 'ARM64']), { goos: 'linux', goarch: 'arm64' });
    assert.deepEqual(runsOnPlatform(['self-hosted', 'Windows', 'X64']), { goos: 'windows', goarch: 'amd64' });
    assert.deepEqual(runsOnPlatform(['self-hosted', 'gpu']), undefined);
    assert.deepEqual(runsOnPlatform(['linux']), { goos: 'linux' });
  });
  it('a workflow job on [self-hosted, linux, ARM64] runs its commands there, and runner.arch decides its if:', () => {
    const text = [
      'jobs:',
      '  b:',
      '    runs-on: [self-hosted, linux, ARM64]',
      '    steps:',
      "      - if: runner.arch == 'X64'",
      '        run: GOARCH=386 go build ./...',
      "      - if: runner.arch == 'arm64'",
      '        run: GOOS=windows go build ./...',
    ].join('\n');
    const configs = parseGithubWorkflow('/w/.github/workflows/a.yml', '.github/workflows/a.yml', text).configs;
    assert.deepEqual(configs.map((c) => [c.env.GOOS?.value ?? null, c.env.GOARCH?.value ?? null, c.host?.goos, c.host?.goarch, c.host?.runner, c.conditions ?? []]), [['windows', null, 'linux', 'arm64', 'self-hosted', []]]);
  });
});
