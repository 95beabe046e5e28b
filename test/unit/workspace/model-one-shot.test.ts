/**
 * buildWorkspaceModel builds a scan's record (sorted, each path once) in one pass, without the
 * incremental builder's bookkeeping; any other record goes through the builder. Both must give
 * the same model.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { WorkspaceFileRecord } from '../../../src/core/snapshot.js';
import { buildWorkspaceModel, WorkspaceModelBuilder } from '../../../src/core/workspace/build.js';

const RUNS = Number(process.env.GO_DOCTOR_PROPERTY_RUNS ?? 100);

const FILES: WorkspaceFileRecord[] = [
  { path: 'go.mod', content: 'module example.com/m\n\ngo 1.24\n' },
  { path: 'a/a_linux.go', content: '//go:build cgo\n\npackage a\n\n// #cgo LDFLAGS: -ld_classic\nimport "C"\n\n', partial: true },
  { path: 'a/b.go', content: 'package a\n\nimport "example.com/m/c"\n' },
  { path: 'c/c.go', content: '// +build darwin\n\npackage c\n' },
  { path: 'Makefile', content: 'build:\n\tCGO_ENABLED=0 GOOS=ios go build ./...\n' },
  { path: 'scripts/release.sh', content: '#!/bin/sh\nGOOS=visionos go build -ldflags "-s -w" ./a\n' },
  { path: '.github/workflows/ci.yml', content: 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: GOARCH=arm64 go build ./...\n' },
  { path: '.vscode/settings.json', content: '{ "go.toolsEnvVars": { "GOOS": "windows" } }\n' },
  { path: 'sub/go.mod', content: 'module example.com/sub\n\ngo 1.21\n' },
  { path: 'sub/x_test.go', content: 'package sub\n' },
];

function sorted(files: WorkspaceFileRecord[]): WorkspaceFileRecord[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function viaBuilder(files: WorkspaceFileRecord[]) {
  const builder = new WorkspaceModelBuilder('/w');
  builder.reset({ root: '/w', files, skipped: [] });
  return builder.model();
}

describe('buildWorkspaceModel', () => {
  it('gives the builder’s model for a sorted record, and for the same files in any order', () => {
    fc.assert(
      fc.property(fc.subarray(FILES), fc.integer(), (subset, seed) => {
        const inOrder = sorted(subset);
        const expected = viaBuilder(inOrder);
        assert.deepEqual(buildWorkspaceModel({ root: '/w', files: inOrder, skipped: [] }), expected);
        const shuffled = [...subset].sort((a, b) => ((a.path.length * 31 + seed) % 7) - ((b.path.length * 31 + seed) % 7));
        assert.deepEqual(buildWorkspaceModel({ root: '/w', files: shuffled, skipped: [] }), expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps the last of two records with the same path, as the builder does', () => {
    const twice = [...sorted(FILES), { path: 'Makefile', content: 'build:\n\tGOOS=darwin go build .\n' }];
    const model = buildWorkspaceModel({ root: '/w', files: twice, skipped: [] });
    assert.deepEqual(model, viaBuilder(twice));
    assert.ok(model.buildConfigs?.some((c) => c.tool === 'make' && c.env.GOOS?.value === 'darwin'));
    assert.ok(!model.buildConfigs?.some((c) => c.tool === 'make' && c.env.GOOS?.value === 'ios'));
  });
});
