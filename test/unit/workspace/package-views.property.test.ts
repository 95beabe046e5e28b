/**
 * TargetPackages judges a directory once per distinct constraint and shares what it builds
 * between targets that judge every file alike; these tests check it against the plain
 * definition — fileBuilt on every file, imports resolved one by one — on generated workspaces.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseGoFileHeader } from '../../../src/core/parse/go-file-header.js';
import { dirOfImport, fileBuilt, packageIndex, resolvePatterns, tagTruth, targetPackagesFor, TargetPackages } from '../../../src/core/workspace/go-packages.js';
import { emptyWorkspace, type GoFileFacts, type WorkspaceModel } from '../../../src/core/workspace/model.js';

const RUNS = Number(process.env.GO_DOCTOR_PROPERTY_RUNS ?? 300);

const DIRS = ['', 'a', 'a/b', 'c', 'c/d/e'];
const NAMES = ['x', 'y_linux', 'z_darwin_arm64', 'w_windows', 'v_amd64', 'u_unix', 't_macos', 's'];
const BUILD_LINES = ['', '//go:build linux\n\n', '//go:build !windows\n\n', '//go:build darwin || ios\n\n', '//go:build cgo\n\n', '//go:build !cgo\n\n', '//go:build go1.21\n\n', '//go:build integration\n\n', '//go:build linux &&\n\n', '// +build linux,amd64 darwin\n\n', '// +build !windows\n// +build amd64\n\n'];
const IMPORTS = ['fmt', 'C', 'example.com/m/a', 'example.com/m/a/b', 'example.com/m/c', 'example.com/m/c/d/e', 'example.com/m/nothere'];

interface GeneratedFile {
  dir: string;
  name: string;
  test: boolean;
  line: string;
  imports: string[];
}

const file: fc.Arbitrary<GeneratedFile> = fc.record({
  dir: fc.constantFrom(...DIRS),
  name: fc.constantFrom(...NAMES),
  test: fc.boolean(),
  line: fc.constantFrom(...BUILD_LINES),
  imports: fc.array(fc.constantFrom(...IMPORTS), { maxLength: 4 }),
});

/** A model of the generated files (each path once, in path order, as a scan gives them). */
function modelOf(files: GeneratedFile[]): WorkspaceModel {
  const byPath = new Map<string, GoFileFacts>();
  for (const f of files) {
    const path = `${f.dir ? `${f.dir}/` : ''}${f.name}${f.test ? '_test' : ''}.go`;
    const text = `${f.line}package p\n\n${f.imports.map((i) => `import "${i}"\n`).join('')}\nfunc F() {}\n`;
    byPath.set(path, parseGoFileHeader(`/w/${path}`, path, text));
  }
  const model = emptyWorkspace('/w');
  model.goFiles = [...byPath.keys()].sort().map((p) => byPath.get(p)!);
  model.modules = [{ file: '/w/go.mod', kind: 'go.mod', module: 'example.com/m', dir: '' }];
  return model;
}

const target = fc.record({
  goos: fc.option(fc.constantFrom('linux', 'darwin', 'ios', 'windows', 'js'), { nil: undefined }),
  goarch: fc.option(fc.constantFrom('amd64', 'arm64', 'wasm'), { nil: undefined }),
  tags: fc.array(fc.constantFrom('integration', 'x'), { maxLength: 2 }),
  minor: fc.option(fc.constantFrom(20, 24), { nil: undefined }),
  cgo: fc.boolean(),
});

describe('package views (memoised per constraint, shared between targets)', () => {
  it('build exactly the files fileBuilt says, and import what their imports resolve to', () => {
    fc.assert(
      fc.property(fc.array(file, { maxLength: 24 }), fc.array(target, { minLength: 1, maxLength: 4 }), (files, targets) => {
        const model = modelOf(files);
        const index = packageIndex(model);
        for (const t of targets) {
          const view = targetPackagesFor(index, t);
          const truth = tagTruth({ ...t, tags: new Set(t.tags) });
          for (const dir of [...DIRS, 'nothere']) {
            const nonTest = (index.dirs.get(dir) ?? []).filter((f) => !f.isTest);
            const verdicts = nonTest.map((f) => fileBuilt(f, truth));
            const maybe = nonTest.filter((_, k) => verdicts[k] !== false);
            const v = view.view(dir);
            assert.deepEqual(v.built, nonTest.filter((_, k) => verdicts[k] === true));
            assert.deepEqual(v.maybeBuilt, maybe);
            const imported: string[] = [];
            for (const f of maybe)
              for (const imp of f.imports) {
                const d = imp === 'C' ? undefined : dirOfImport(index, imp);
                if (d !== undefined && index.dirs.has(d) && !imported.includes(d)) imported.push(d);
              }
            assert.deepEqual(v.importedDirs, imported);
          }
          // The same views without the memoised path (no target key).
          const plain = new TargetPackages(index, truth);
          const roots = resolvePatterns(index, '', ['./...']);
          assert.deepEqual([...view.closure(roots)], [...plain.closure(roots)]);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('resolves ./... below a directory to that directory and the ones under it, in index order', () => {
    const model = modelOf(DIRS.map((dir) => ({ dir, name: 'x', test: false, line: '', imports: [] })));
    const index = packageIndex(model);
    const order = [...index.dirs.keys()];
    assert.deepEqual(order, ['a/b', 'a', 'c/d/e', 'c', ''], 'directories in the order of their first file (by path)');
    assert.deepEqual([...resolvePatterns(index, 'c', ['./...'])], ['c/d/e', 'c']);
    assert.deepEqual([...resolvePatterns(index, '', ['./a/...'])], ['a/b', 'a']);
    assert.deepEqual([...resolvePatterns(index, '', ['./...'])], order);
  });
});
