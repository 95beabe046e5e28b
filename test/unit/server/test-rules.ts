/**
 * Tiny hand-made rules for the server tests: they read the recorded files directly, so the
 * server is tested independently of the real parsers and rules.
 */
import { join } from 'node:path';
import { getNodeValue, parseTree } from 'jsonc-parser';
import type { Finding } from '../../../src/core/finding.js';
import type { Rule } from '../../../src/core/rule.js';

function rule(id: string, check: Rule['check'], reads: Rule['reads'] = 'files'): Rule {
  return { id, reads, defaultSeverity: 'error', summary: id, docs: '', check };
}

/** `GOOS=visionos` in a Makefile → error on the value, with a (non-preferred) edit fix to `ios`. */
export const visionosInMakefile = rule('test/visionos', ({ snapshot }) => {
  const out: Finding[] = [];
  for (const file of snapshot.workspace?.files ?? []) {
    if (!/(?:^|\/)Makefile$/.test(file.path)) continue;
    file.content.split(/\r?\n/).forEach((line, i) => {
      const at = line.indexOf('GOOS=visionos');
      if (at < 0) return;
      const start = at + 'GOOS='.length;
      const range = { start: { line: i, character: start }, end: { line: i, character: start + 'visionos'.length } };
      const abs = join(snapshot.workspace!.root, file.path);
      out.push({
        rule: 'test/visionos',
        severity: 'error',
        message: 'No Go release has a visionOS port.',
        evidence: [],
        location: { file: abs, range },
        fixes: [
          { kind: 'edit', title: 'Use GOOS=ios', edits: [{ file: abs, range, newText: 'ios' }] },
          { kind: 'text', title: 'About visionOS', text: 'There is no visionOS port.' },
        ],
      });
    });
  }
  return out;
});

/** An environment finding of the go/ family (no location). */
export const goEnvironment = rule('go/test-environment', () => [
  { rule: 'go/test-environment', severity: 'warning', message: 'The local Go is old.', evidence: [], fixes: [{ kind: 'command', title: 'Show how to update Go', command: 'brew upgrade go', outsideWorkspace: true }] },
], 'machine');

/** An environment finding with no better anchor than go.mod's first line, with a user-scope setting fix. */
export const plainEnvironment = rule('path/test-plain', () => [
  {
    rule: 'path/test-plain',
    severity: 'info',
    message: 'Something about PATH.',
    evidence: [],
    fixes: [{ kind: 'setting', title: 'Set go.goroot for the user', section: 'go.goroot', value: '/usr/local/go', scope: 'user', preferred: true }],
  },
]);

/** go.toolsEnvVars.GOOS set in settings.json → a finding without location, fixed by removing the key (workspace scope). */
export const toolsEnvGoos = rule('settings/test-tools-env', ({ snapshot }) => {
  const file = snapshot.workspace?.files.find((f) => f.path === '.vscode/settings.json');
  if (!file) return [];
  const tree = parseTree(file.content, [], { allowTrailingComma: true });
  const settings = tree ? (getNodeValue(tree) as Record<string, unknown>) : {};
  const env = settings['go.toolsEnvVars'] as Record<string, unknown> | undefined;
  if (!env || env.GOOS === undefined) return [];
  return [
    {
      rule: 'settings/test-tools-env',
      severity: 'warning',
      message: 'go.toolsEnvVars sets GOOS.',
      evidence: [],
      fixes: [{ kind: 'setting', title: 'Remove GOOS from go.toolsEnvVars', section: 'go.toolsEnvVars', key: 'GOOS', value: undefined, scope: 'workspace', preferred: true }],
    },
  ];
});

/** A workspace-scope setting fix for a setting that settings.json may not have yet. */
export const addWatcherExclude = rule('watch/test-exclude', () => [
  {
    rule: 'watch/test-exclude',
    severity: 'info',
    message: 'build/gen produces many file events.',
    evidence: [],
    fixes: [{ kind: 'setting', title: 'Exclude build/gen from file watching', section: 'files.watcherExclude', key: '**/build/gen/**', value: true, scope: 'workspace' }],
  },
]);

/** `foo_unix.go` without a constraint → add `//go:build unix` and rename (preferred). */
export const unixSuffix = rule('build/test-unix-suffix', ({ snapshot }) => {
  const out: Finding[] = [];
  for (const file of snapshot.workspace?.files ?? []) {
    if (!file.path.endsWith('_unix.go') || file.content.startsWith('//go:build')) continue;
    const abs = join(snapshot.workspace!.root, file.path);
    const to = abs.replace(/_unix\.go$/, '_unixlike.go');
    const start = { line: 0, character: 0 };
    out.push({
      rule: 'build/test-unix-suffix',
      severity: 'warning',
      message: '_unix is not a build constraint.',
      evidence: [],
      location: { file: abs, range: { start, end: { line: 0, character: 7 } } },
      fixes: [{ kind: 'edit', title: 'Add //go:build unix and rename', edits: [{ file: abs, range: { start, end: start }, newText: '//go:build unix\n\n' }], rename: { from: abs, to }, preferred: true }],
    });
  }
  return out;
});
