// cgo/disabled-with-c-imports through the server: a cgo-only package that only a `...` wildcard
// matches is skipped silently, one named on the command line fails the build. Checked with real
// toolchains (go1.21.13 and go1.27.3, a module whose root package has only a file with import "C"):
// `CGO_ENABLED=0 go build ./...` exits 0, `CGO_ENABLED=0 go build .` exits 1 with
// "package example.com/wc: build constraints exclude all Go files in …".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { disabledWithCImports } from '../../../src/core/rules/cgo/disabled-with-c-imports.js';
import { WorkspaceModelBuilder } from '../../../src/core/workspace/build.js';
import { DEFAULT_DOCTOR_SETTINGS } from '../../../src/core/doctor-settings.js';
import { WorkspaceSession } from '../../../src/server/session.js';
import { makeWorkspace, testDependencies } from './harness.js';

describe('server: cgo/disabled-with-c-imports and `...` patterns', () => {
  const ws = makeWorkspace({
    'go.mod': 'module example.com/wc\n\ngo 1.21\n',
    'wc.go': 'package wc\n\nimport "C"\n\nfunc F() {}\n',
    'sub/sub.go': 'package sub\n\nfunc G() {}\n',
    Makefile: 'all:\n\tCGO_ENABLED=0 go build ./...\n\nroot:\n\tCGO_ENABLED=0 go build .\n',
  });
  const session = new WorkspaceSession({
    root: ws.root,
    folderUri: `file://${ws.root}`,
    trusted: true,
    settings: DEFAULT_DOCTOR_SETTINGS,
    deps: testDependencies({ rules: [disabledWithCImports], createWorkspaceModel: (r) => new WorkspaceModelBuilder(r) }),
    log: () => undefined,
    onAnalysed: () => undefined,
  });
  before(() => session.refresh());
  after(() => {
    session.dispose();
    ws.cleanup();
  });

  it('notes that ./... silently skips the cgo-only root package (info: harmless, exit 0), and that `go build .` fails (an error)', () => {
    const findings = (session.analysis?.findings ?? []).map((a) => a.finding);
    const wildcard = findings.find((f) => f.message.includes('target "all"'));
    const named = findings.find((f) => f.message.includes('target "root"'));
    assert.equal(wildcard?.severity, 'info');
    assert.match(wildcard?.message ?? '', /`\.\.\.` skips \. without a word/);
    assert.doesNotMatch(wildcard?.message ?? '', /build fails/);
    assert.equal(named?.severity, 'error');
    assert.match(named?.message ?? '', /build constraints exclude all Go files/);
    assert.equal(findings.length, 2);
  });
});
