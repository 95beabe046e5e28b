// The one-file re-analysis reuses what does not depend on the change, and only that: the real
// WorkspaceModelBuilder and rules in a WorkspaceSession, checked against a from-scratch analysis.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { runRules } from '../../../src/core/engine.js';
import { deriveMachineFacts } from '../../../src/core/facts/index.js';
import type { Finding } from '../../../src/core/finding.js';
import type { Rule } from '../../../src/core/rule.js';
import { disabledWithCImports } from '../../../src/core/rules/cgo/disabled-with-c-imports.js';
import { allRules } from '../../../src/core/rules/index.js';
import { buildWorkspaceModel, WorkspaceModelBuilder } from '../../../src/core/workspace/build.js';
import { packageIndex } from '../../../src/core/workspace/go-packages.js';
import { DEFAULT_DOCTOR_SETTINGS } from '../../../src/core/doctor-settings.js';
import { WorkspaceSession } from '../../../src/server/session.js';
import { makeWorkspace, testDependencies } from './harness.js';

const GO_MOD = 'module example.com/demo\n\ngo 1.24.0\n';
const MAIN_WITH_NATIVE = 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/demo/native"\n)\n\nfunc main() { fmt.Println(native.Version()) }\n';
const MAIN_WITHOUT_NATIVE = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("pure") }\n';
const NATIVE = 'package native\n\n// #include <stdio.h>\nimport "C"\n\nfunc Version() string { return "c" }\n';
const OTHER = 'package other\n\nimport "strings"\n\nfunc Upper(s string) string { return strings.ToUpper(s) }\n';
const MAKEFILE = 'build:\n\tCGO_ENABLED=0 go build ./cmd/app\n';

function sessionFor(root: string, rules: Rule[], onAnalysed: () => void = () => undefined): WorkspaceSession {
  return new WorkspaceSession({
    root,
    folderUri: `file://${root}`,
    trusted: true,
    settings: DEFAULT_DOCTOR_SETTINGS,
    deps: testDependencies({ rules, createWorkspaceModel: (r) => new WorkspaceModelBuilder(r) }),
    log: () => undefined,
    onAnalysed,
  });
}

function findingsOf(session: WorkspaceSession): Finding[] {
  return (session.analysis?.findings ?? []).map((a) => a.finding);
}

/** The same rules on a model built from scratch from the session's current record, with fresh machine facts. */
function fromScratch(session: WorkspaceSession, rules: Rule[]): Finding[] {
  const snapshot = session.currentSnapshot!;
  return runRules(rules, { snapshot, machine: deriveMachineFacts(snapshot), workspace: buildWorkspaceModel(snapshot.workspace) });
}

describe('server: cached rule results across one-file re-analyses', () => {
  const ws = makeWorkspace({ 'go.mod': GO_MOD, 'cmd/app/main.go': MAIN_WITH_NATIVE, 'native/native.go': NATIVE, 'other/other.go': OTHER, Makefile: MAKEFILE });
  const session = sessionFor(ws.root, [disabledWithCImports]);
  before(() => session.refresh());
  after(() => {
    session.dispose();
    ws.cleanup();
  });

  it('finds the cgo-off build of a package that imports a cgo-only package', () => {
    const [finding, ...rest] = findingsOf(session);
    assert.equal(rest.length, 0);
    assert.equal(finding?.rule, 'cgo/disabled-with-c-imports');
    assert.equal(finding?.severity, 'error', 'native has no other file and is imported: the build fails');
    assert.match(finding?.message ?? '', /native \(native\.go\)/);
  });

  it('keeps the Go files, the package index and its memoised results when an unrelated Makefile line changes', () => {
    const model = session.currentModel!;
    const index = packageIndex(model);
    const memoKeys = [...index.memo.keys()];
    const memoValues = [...index.memo.values()];
    const before = findingsOf(session);
    const analysis = session.reanalyseText('Makefile', `VERSION := 1.2.3\n\n${MAKEFILE}\nclean:\n\trm -rf bin\n`);
    const after = session.currentModel!;
    assert.equal(analysis?.reason, 'files');
    assert.notEqual(after.buildConfigs, model.buildConfigs, 'the Makefile was parsed again');
    assert.equal(after.goFiles, model.goFiles, 'the Go files array is the same object');
    assert.equal(packageIndex(after), index, 'the package index was not rebuilt');
    assert.deepEqual([...index.memo.keys()], memoKeys, 'no result was computed again: every one came from the memo');
    for (const [i, value] of [...index.memo.values()].entries()) assert.equal(value, memoValues[i]);
    // Same finding (the config moved two lines down: its anchor and its label moved with it).
    const [finding] = findingsOf(session);
    assert.equal(finding?.message, before[0]?.message.replace('on line 2', 'on line 4'));
    assert.equal(finding?.location?.range.start.line, before[0]!.location!.range.start.line + 2);
    assert.deepEqual(findingsOf(session), fromScratch(session, [disabledWithCImports]));
  });

  it('rebuilds the index when a .go file changes its imports, re-evaluating that package alone', () => {
    const model = session.currentModel!;
    const index = packageIndex(model);
    session.reanalyseText('cmd/app/main.go', MAIN_WITHOUT_NATIVE);
    const after = session.currentModel!;
    const rebuilt = packageIndex(after);
    assert.notEqual(after.goFiles, model.goFiles);
    assert.notEqual(rebuilt, index, 'a Go file changed: a new package index');
    assert.notEqual(rebuilt.dirs.get('cmd/app'), index.dirs.get('cmd/app'), 'the edited package is evaluated again');
    assert.equal(rebuilt.dirs.get('native'), index.dirs.get('native'), 'untouched packages keep their file arrays (and what is memoised on them)');
    assert.equal(rebuilt.dirs.get('other'), index.dirs.get('other'));
    assert.deepEqual(findingsOf(session), [], './cmd/app no longer pulls in the cgo-only package');
    assert.deepEqual(findingsOf(session), fromScratch(session, [disabledWithCImports]));
  });

  it('finds it again when the import comes back, and follows a package that gains a pure-Go fallback', () => {
    session.reanalyseText('cmd/app/main.go', MAIN_WITH_NATIVE);
    assert.equal(findingsOf(session)[0]?.severity, 'error');
    assert.deepEqual(findingsOf(session), fromScratch(session, [disabledWithCImports]));
    // native.go says `//go:build cgo` … the package is still cgo-only without a `!cgo` file.
    session.reanalyseText('native/native.go', `//go:build !cgo\n\n${NATIVE}`);
    assert.deepEqual(findingsOf(session), fromScratch(session, [disabledWithCImports]));
    assert.deepEqual(findingsOf(session), [], 'a package with a //go:build !cgo file is left alone');
    session.reanalyseText('native/native.go', NATIVE);
    assert.equal(findingsOf(session)[0]?.severity, 'error');
  });

  it('drops the reuse when the machine facts change (a re-probe re-validates everything)', async () => {
    const before = findingsOf(session);
    const machine = session.currentMachine;
    await session.refresh();
    assert.notEqual(session.currentMachine, machine);
    assert.deepEqual(findingsOf(session), before);
    assert.notEqual(findingsOf(session)[0], before[0], 'the finding was made again for the new machine facts');
  });
});

// Random one-file edits: after each, the incremental analysis must equal a from-scratch one.
const PACKAGES = ['a', 'b', 'c', 'cmd/app'] as const;
const FILES = PACKAGES.flatMap((p) => [`${p}/x.go`, `${p}/y.go`]);
const goFileArb = fc.record({
  path: fc.constantFrom(...FILES),
  tag: fc.constantFrom('', '//go:build linux\n\n', '//go:build darwin\n\n', '//go:build !cgo\n\n', '//go:build cgo\n\n', '//go:build visionos\n\n'),
  cgo: fc.boolean(),
  imports: fc.subarray(PACKAGES.filter((p) => p !== 'cmd/app') as string[]),
});
const goModArb = fc.record({ path: fc.constant('go.mod'), module: fc.constantFrom('example.com/demo', 'example.com/renamed') });
const makefileArb = fc.record({
  path: fc.constant('Makefile'),
  cgo: fc.constantFrom('', 'CGO_ENABLED=0 ', 'CGO_ENABLED=1 '),
  target: fc.constantFrom('', 'GOOS=linux GOARCH=arm64 ', 'GOOS=darwin GOARCH=arm64 ', 'GOOS=ios GOARCH=arm64 ', 'GOOS=windows '),
  packages: fc.constantFrom('./...', './cmd/app', './a', '', './b/...'),
});

function goSource(path: string, tag: string, cgo: boolean, imports: string[]): string {
  const dir = path.slice(0, path.lastIndexOf('/'));
  const pkg = dir === 'cmd/app' ? 'main' : dir;
  const lines = [...(cgo ? ['"C"'] : []), ...imports.filter((p) => p !== dir).map((p) => `"example.com/demo/${p}"`)];
  return `${tag}package ${pkg}\n\nimport (\n${lines.map((l) => `\t${l}\n`).join('')})\n\nfunc F() {}\n`;
}

describe('server: incremental re-analysis equals a from-scratch analysis', () => {
  const initial: Record<string, string> = { 'go.mod': GO_MOD, Makefile: MAKEFILE };
  for (const path of FILES) initial[path] = goSource(path, '', false, []);
  const ws = makeWorkspace(initial);
  let analysed: (() => void) | undefined;
  const session = sessionFor(ws.root, [...allRules], () => analysed?.());
  const nextAnalysis = () => new Promise<void>((resolve) => (analysed = resolve));
  before(() => session.refresh());
  after(() => {
    session.dispose();
    ws.cleanup();
  });

  it('after every edit of a random sequence (Go imports, cgo, build tags, Makefile targets)', () => {
    assert.deepEqual(findingsOf(session), fromScratch(session, [...allRules]));
    let sawCgoFinding = false;
    fc.assert(
      fc.property(fc.array(fc.oneof(goFileArb, goFileArb, makefileArb, goModArb), { minLength: 1, maxLength: 8 }), (edits) => {
        for (const edit of edits) {
          const text =
            'module' in edit
              ? `module ${edit.module}\n\ngo 1.24.0\n`
              : 'tag' in edit
                ? goSource(edit.path, edit.tag, edit.cgo, edit.imports)
                : `build:\n\t${edit.cgo}${edit.target}go build ${edit.packages}\n`;
          session.reanalyseText(edit.path, text);
          assert.deepEqual(findingsOf(session), fromScratch(session, [...allRules]), `after writing ${edit.path}:\n${text}`);
          sawCgoFinding ||= findingsOf(session).some((f) => f.rule === 'cgo/disabled-with-c-imports');
        }
      }),
      { numRuns: 40 },
    );
    assert.ok(sawCgoFinding, 'the random edits exercised the cgo rule');
  });

  it('when a package appears and goes away on disk', async () => {
    // From a known state (the random edits above leave any).
    session.reanalyseText('go.mod', GO_MOD);
    for (const path of FILES) session.reanalyseText(path, goSource(path, '', false, []));
    session.reanalyseText('Makefile', 'build:\n\tCGO_ENABLED=0 go build ./...\n');
    session.reanalyseText('cmd/app/x.go', 'package main\n\nimport "example.com/demo/extra"\n\nfunc main() { extra.F() }\n');
    ws.write('extra/extra.go', 'package extra\n\nimport "C"\n\nfunc F() {}\n');
    let done = nextAnalysis();
    session.fileChangedOnDisk('extra/extra.go');
    await done;
    assert.ok(findingsOf(session).some((f) => f.rule === 'cgo/disabled-with-c-imports' && f.message.includes('extra (extra.go)')));
    assert.deepEqual(findingsOf(session), fromScratch(session, [...allRules]));
    rmSync(join(ws.root, 'extra'), { recursive: true });
    done = nextAnalysis();
    session.fileChangedOnDisk('extra/extra.go');
    await done;
    assert.ok(!findingsOf(session).some((f) => f.message.includes('extra (extra.go)')));
    assert.deepEqual(findingsOf(session), fromScratch(session, [...allRules]));
  });
});
