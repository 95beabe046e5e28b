import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyOffsetEdits, applyRangeEdits, toOffsetEdit, toRangeEdit } from '../../../src/core/edits/apply-text-edits.js';
import { editFixChanges, settingJsonPath, settingsFileChange, workspaceSettingsFile } from '../../../src/core/edits/fix-changes.js';
import { LineIndex } from '../../../src/core/parse/line-index.js';

describe('LineIndex', () => {
  it('maps offsets and positions across \\n, \\r\\n and lone \\r line ends', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.position(text.indexOf('d')), { line: 1, character: 1 });
    assert.deepEqual(lines.position(text.indexOf('g')), { line: 3, character: 0 });
    assert.equal(lines.offset({ line: 2, character: 1 }), text.indexOf('f'));
    assert.equal(lines.lineEnd(1), text.indexOf('\r\n'));
    assert.equal(lines.offset({ line: 1, character: 99 }), text.indexOf('\r\n'), 'a character past the line end is clamped to it');
    assert.equal(lines.offset({ line: 9, character: 0 }), text.length);
  });

  it('round-trips every offset (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', 'é', '😀') as fc.Arbitrary<string>, maxLength: 60 }), (text) => {
        const lines = new LineIndex(text);
        for (let offset = 0; offset <= text.length; offset++) {
          const position = lines.position(offset);
          // Offsets between \r and \n of a CRLF are not positions of their own.
          if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
          assert.equal(lines.offset(position), offset);
        }
      }),
    );
  });
});

describe('applying edits', () => {
  it('applies range edits in any order and refuses overlapping ones', () => {
    const text = 'GOOS=visionos GOARCH=arm64 go build\n';
    const edits = [
      { range: { start: { line: 0, character: 21 }, end: { line: 0, character: 26 } }, newText: 'amd64' },
      { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 13 } }, newText: 'ios' },
    ];
    assert.equal(applyRangeEdits(text, edits), 'GOOS=ios GOARCH=amd64 go build\n');
    assert.throws(() => applyOffsetEdits('abc', [{ offset: 0, length: 2, content: 'x' }, { offset: 1, length: 1, content: 'y' }]), /overlapping/);
  });

  it('converts between offset and range edits', () => {
    const lines = new LineIndex('a\r\nbc');
    const edit = { offset: 3, length: 2, content: 'X' };
    const range = toRangeEdit(lines, edit);
    assert.deepEqual(range.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
    assert.deepEqual(toOffsetEdit(lines, range), edit);
  });
});

describe('editFixChanges', () => {
  const root = '/work/ws';
  it('groups edits per file and resolves relative paths against the root', () => {
    const r = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const changes = editFixChanges(
      { kind: 'edit', title: 't', edits: [{ file: 'Makefile', range: r, newText: 'a' }, { file: '/work/ws/Makefile', range: r, newText: 'b' }, { file: 'x.sh', range: r, newText: 'c' }] },
      root,
    );
    assert.deepEqual(changes.beforeRename.map((f) => [f.file, f.edits.length]), [['/work/ws/Makefile', 2], ['/work/ws/x.sh', 1]]);
    assert.equal(changes.rename, undefined);
  });

  it('puts edits addressed to the new name of a renamed file after the rename', () => {
    const r = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const changes = editFixChanges(
      {
        kind: 'edit',
        title: 't',
        edits: [{ file: 'a_unix.go', range: r, newText: '//go:build unix\n\n' }, { file: 'a_posix.go', range: r, newText: '// moved\n' }],
        rename: { from: 'a_unix.go', to: 'a_posix.go' },
      },
      root,
    );
    assert.deepEqual(changes.rename, { from: '/work/ws/a_unix.go', to: '/work/ws/a_posix.go' });
    assert.deepEqual(changes.beforeRename.map((f) => f.file), ['/work/ws/a_unix.go']);
    assert.deepEqual(changes.afterRename.map((f) => f.file), ['/work/ws/a_posix.go']);
  });
});

describe('settingsFileChange', () => {
  it('names the workspace settings file and the JSON path of a setting', () => {
    assert.equal(workspaceSettingsFile('/w'), '/w/.vscode/settings.json');
    assert.deepEqual(settingJsonPath({ section: 'gopls', key: 'build.directoryFilters' }), ['gopls', 'build.directoryFilters']);
    assert.deepEqual(settingJsonPath({ section: 'go.goroot' }), ['go.goroot']);
  });

  it('returns range edits against the current text, and a whole new file when there is none', () => {
    const text = '{\n\t"go.languageServerFlags": ["-rpc.trace"]\n}\n';
    const change = settingsFileChange(text, { section: 'go.languageServerFlags', value: [] });
    assert.ok(change.ok);
    assert.equal(change.create, false);
    assert.deepEqual(change.edits, [{ range: { start: { line: 1, character: 27 }, end: { line: 1, character: 41 } }, newText: '[]' }]);
    assert.equal(applyRangeEdits(text, change.edits), change.text);
    const created = settingsFileChange(undefined, { section: 'go.goroot', value: '/usr/local/go' });
    assert.ok(created.ok);
    assert.equal(created.create, true);
    assert.equal(created.text, '{\n\t"go.goroot": "/usr/local/go"\n}\n');
  });

  it('reports why a broken file cannot be edited', () => {
    const change = settingsFileChange('{ "a": ', { section: 'go.goroot', value: 'x' });
    assert.equal(change.ok, false);
  });
});
