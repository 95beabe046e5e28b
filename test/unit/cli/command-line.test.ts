import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCommandLine } from '../../../src/cli/command-line.js';
import { UsageError } from '../../../src/cli/usage-error.js';

const ids = ['go/not-found', 'path/shadowed-tool', 'cross/unknown-goos'];
const parse = (...argv: string[]) => parseCommandLine(argv, ids);

function usageError(argv: string[], pattern: RegExp): UsageError {
  try {
    parseCommandLine(argv, ids);
  } catch (err) {
    assert.ok(err instanceof UsageError, `expected a UsageError, got ${String(err)}`);
    assert.match(err.message, pattern);
    return err;
  }
  assert.fail(`'${argv.join(' ')}' should be a usage error`);
}

describe('parseCommandLine', () => {
  it('treats no arguments, or only options, as check .', () => {
    assert.deepEqual(parse(), { command: 'check', dir: '.', dirGiven: false, format: 'human', verbose: false, strict: false, noColour: false, ruleSettings: {}, cache: true });
    const c = parse('--json', '-v');
    assert.equal(c.command, 'check');
    assert.ok(c.command === 'check' && c.format === 'json' && c.verbose);
  });

  it('parses every check option', () => {
    const c = parse('check', 'sub', '--sarif', '--strict', '--timeout', '900', '--no-cache', '--rule', 'go/not-found=off', '--rule=path/shadowed-tool=error', '--no-color');
    assert.deepEqual(c, {
      command: 'check',
      dir: 'sub',
      dirGiven: true,
      format: 'sarif',
      verbose: false,
      strict: true,
      noColour: true,
      ruleSettings: { 'go/not-found': { enabled: false }, 'path/shadowed-tool': { severity: 'error' } },
      timeoutMs: 900,
      cache: false,
    });
    const m = parse('check', '--markdown', '--from', 'snap.json');
    assert.ok(m.command === 'check' && m.format === 'markdown' && m.from === 'snap.json');
  });

  it('parses snapshot, rules, lsp, help and --version', () => {
    assert.deepEqual(parse('snapshot', '-o', 'x.json', '--no-redact'), { command: 'snapshot', dir: '.', out: 'x.json', redact: false, cache: true });
    assert.deepEqual(parse('snapshot', 'app', '--timeout=50'), { command: 'snapshot', dir: 'app', redact: true, timeoutMs: 50, cache: true });
    assert.deepEqual(parse('rules', '--json'), { command: 'rules', json: true });
    assert.deepEqual(parse('lsp', '--stdio'), { command: 'lsp', transport: 'stdio' });
    assert.deepEqual(parse('lsp', '--node-ipc', '--clientProcessId=42'), { command: 'lsp', transport: 'ipc' });
    assert.deepEqual(parse('--version'), { command: 'version' });
    assert.deepEqual(parse('--help'), { command: 'help' });
    assert.deepEqual(parse('-h'), { command: 'help' });
    assert.deepEqual(parse('help', 'snapshot'), { command: 'help', topic: 'snapshot' });
    assert.deepEqual(parse('check', '--help'), { command: 'help', topic: 'check' });
    assert.deepEqual(parse('lsp', '-h'), { command: 'help', topic: 'lsp' });
  });

  it('rejects unknown options with a suggestion, naming the command', () => {
    const e = usageError(['check', '--jsn'], /^unknown option '--jsn' for 'check'\. Did you mean '--json'\?$/);
    assert.equal(e.hint, "Run 'go-doctor check --help' for usage.");
    usageError(['--verbos'], /unknown option '--verbos' for 'check'\. Did you mean '--verbose'\?/);
    usageError(['rules', '--sarif'], /^unknown option '--sarif' for 'rules'\.$/);
    usageError(['check', '-x'], /^unknown option '-x' for 'check'\.$/);
  });

  it('rejects unknown commands, suggesting the closest or how to check a folder', () => {
    usageError(['chek'], /^unknown command 'chek'\. Did you mean 'check'\?$/);
    usageError(['myproject'], /^unknown command 'myproject'\. To check a folder: go-doctor check myproject$/);
    usageError(['help', 'snapshots'], /no command 'snapshots'\. Did you mean 'snapshot'\?/);
  });

  it('rejects missing and unexpected option values', () => {
    usageError(['check', '--timeout'], /^option '--timeout' needs a value\.$/);
    usageError(['check', '--from'], /^option '--from' needs a value\.$/);
    usageError(['check', '--json=yes'], /^option '--json' does not take a value\.$/);
    usageError(['snapshot', '-o'], /^option '--out' needs a value\.$/);
    usageError(['check', '--verbose=1'], /^option '--verbose' does not take a value\.$/);
  });

  it('validates --timeout', () => {
    for (const bad of ['0', '-5', '1.5', 'soon', '600001', '']) usageError(['check', `--timeout=${bad}`], /--timeout takes milliseconds between 1 and 600000/);
  });

  it('validates --rule ids and levels', () => {
    usageError(['--rule', 'go/not-fund=off'], /no rule 'go\/not-fund'\. Did you mean 'go\/not-found'\? Run 'go-doctor rules'/);
    usageError(['--rule', 'go/not-found=loud'], /'loud' is not one of off, error, warning, info/);
    usageError(['--rule', 'go/not-found'], /--rule takes ID=off\|error\|warning\|info/);
    usageError(['--rule', '=off'], /--rule takes ID=/);
  });

  it('rejects conflicting or extra arguments', () => {
    usageError(['--json', '--sarif'], /choose one output format \(got --json and --sarif\)/);
    usageError(['check', 'a', 'b'], /at most one folder/);
    usageError(['check', 'dir', '--from', 's.json'], /--from replays a saved snapshot.*drop 'dir'/);
    usageError(['--from', 's.json', '--timeout', '9'], /--timeout cannot be combined with --from/);
    usageError(['--from', 's.json', '--no-cache'], /--no-cache cannot be combined with --from/);
    usageError(['--from='], /--from needs a snapshot file/);
    usageError(['rules', 'extra'], /'rules' takes no arguments/);
    usageError(['lsp'], /lsp needs a transport: --stdio/);
    usageError(['lsp', '--stdio', '--node-ipc'], /choose one transport/);
    usageError(['--version', '--json'], /unknown option '--version'/);
  });

  it('never throws anything but a UsageError, whatever the arguments (property)', () => {
    const token = fc.oneof(
      fc.constantFrom('check', 'snapshot', 'rules', 'lsp', 'help', '--json', '--sarif', '--from', '--rule', '--timeout', '-v', '-o', '--', '-', '--stdio', '=', 'go/not-found=off'),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (argv) => {
        try {
          parseCommandLine(argv, ids);
        } catch (err) {
          assert.ok(err instanceof UsageError, `${JSON.stringify(argv)} threw ${String(err)}`);
          assert.ok(err.message.length > 0 && !err.message.includes('\n    at '));
        }
      }),
      { numRuns: 500 },
    );
  });
});
