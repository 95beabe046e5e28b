import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyRangeEdits } from '../../../src/core/edits/apply-text-edits.js';
import { detectJsoncStyle, jsoncComments, removeJsoncArrayElement, setJsoncValue } from '../../../src/core/edits/jsonc-value-edit.js';
import { parseVsCodeSettings } from '../../../src/core/parse/vscode-json.js';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

/** The edit must succeed; returns the new text. */
function edit(text: string, path: string[], value: unknown): string {
  const result = setJsoncValue(text, path, value);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.text;
}

/** `text` with exactly one occurrence of `from` replaced (so the expectation is exact, byte for byte). */
function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `"${from}" must occur once`);
  return text.replace(from, () => to);
}

describe('setJsoncValue on real settings files', () => {
  describe('tabs, CRLF, comments, trailing commas (settings-crlf-tabs.json)', () => {
    const text = fixture('settings-crlf-tabs.json');

    it('detects the style', () => {
      assert.deepEqual(detectJsoncStyle(text), { indentUnit: '\t', eol: '\r\n' });
    });

    it('removes a key and keeps the comment that followed it on its line', () => {
      assert.equal(edit(text, ['go.toolsEnvVars', 'GOOS'], undefined), replaceOnce(text, '\t\t"GOOS": "ios", // simulator builds\r\n', '\t\t// simulator builds\r\n'));
    });

    it('replaces a one-line array value in place', () => {
      assert.equal(edit(text, ['go.languageServerFlags'], ['serve']), replaceOnce(text, '["-rpc.trace", "serve"]', '["serve"]'));
    });

    it('replaces a nested value under a dotted key', () => {
      assert.equal(
        edit(text, ['gopls', 'build.directoryFilters'], ['-node_modules', '-build/gen']),
        replaceOnce(text, '["-node_modules"]', '["-node_modules", "-build/gen"]'),
      );
    });

    it('adds a missing section after the last one, keeping its trailing-comma style and CRLF', () => {
      assert.equal(
        edit(text, ['files.watcherExclude', '**/build/gen/**'], true),
        replaceOnce(text, '\t},\r\n}\r\n', '\t},\r\n\t"files.watcherExclude": {\r\n\t\t"**/build/gen/**": true\r\n\t},\r\n}\r\n'),
      );
    });

    it('removes a whole multi-line section as whole lines', () => {
      const start = text.indexOf('\t"go.toolsEnvVars"');
      const end = text.indexOf('\t"go.languageServerFlags"');
      assert.equal(edit(text, ['go.toolsEnvVars'], undefined), text.slice(0, start) + text.slice(end));
    });

    it('adds a key to an existing object with a trailing comma', () => {
      assert.equal(
        edit(text, ['go.toolsEnvVars', 'CGO_ENABLED'], '1'),
        replaceOnce(text, '\t\t"GOFLAGS": "-mod=mod",\r\n', '\t\t"GOFLAGS": "-mod=mod",\r\n\t\t"CGO_ENABLED": "1",\r\n'),
      );
    });

    it('changes nothing when the value is already set, or the key to remove is absent', () => {
      for (const [path, value] of [
        [['go.toolsEnvVars', 'GOOS'], 'ios'],
        [['go.toolsEnvVars', 'GOARCH'], undefined],
        [['nothing.here'], undefined],
      ] as const) {
        const result = setJsoncValue(text, [...path], value);
        assert.ok(result.ok);
        assert.deepEqual(result.edits, []);
        assert.equal(result.text, text);
      }
    });
  });

  describe('four spaces, LF, a block comment after the last value (settings-spaces.json)', () => {
    const text = fixture('settings-spaces.json');

    it('adds a key after the comment, moving no comment to another line', () => {
      assert.equal(
        edit(text, ['files.watcherExclude', '**/build/gen/**'], true),
        replaceOnce(text, '        "**/.git/objects/**": true /* default */\n', '        "**/.git/objects/**": true, /* default */\n        "**/build/gen/**": true\n'),
      );
    });

    it('removes the last member together with the comma before it', () => {
      const removed = edit(text, ['files.watcherExclude'], undefined);
      assert.equal(removed, '{\n    // formatting\n    "editor.tabSize": 4\n}\n');
    });

    it('writes nested values in the file style', () => {
      assert.equal(
        edit(text, ['gopls'], { 'build.directoryFilters': ['-a'] }),
        replaceOnce(text, '    }\n}\n', '    },\n    "gopls": {\n        "build.directoryFilters": [\n            "-a"\n        ]\n    }\n}\n'),
      );
    });
  });

  describe('one-line objects, two spaces, no final newline (settings-inline.json)', () => {
    const text = fixture('settings-inline.json');

    it('removes the first member of a one-line object', () => {
      assert.equal(edit(text, ['go.toolsEnvVars', 'GOOS'], undefined), replaceOnce(text, '{ "GOOS": "linux", "GOARCH": "arm64" }', '{ "GOARCH": "arm64" }'));
    });

    it('removes the last member of a one-line object', () => {
      assert.equal(edit(text, ['go.toolsEnvVars', 'GOARCH'], undefined), replaceOnce(text, '{ "GOOS": "linux", "GOARCH": "arm64" }', '{ "GOOS": "linux" }'));
    });

    it('adds a member to a one-line object on the same line', () => {
      assert.equal(
        edit(text, ['go.toolsEnvVars', 'CGO_ENABLED'], '1'),
        replaceOnce(text, '"GOARCH": "arm64" }', '"GOARCH": "arm64", "CGO_ENABLED": "1" }'),
      );
    });

    it('adds a section after a line comment, with the file indentation', () => {
      assert.equal(
        edit(text, ['go.alternateTools', 'go'], '/opt/go/bin/go'),
        replaceOnce(text, '// one line\n}', '// one line\n  "go.alternateTools": {\n    "go": "/opt/go/bin/go"\n  },\n}'),
      );
    });
  });

  describe('files that are empty, missing or not editable', () => {
    it('creates a settings object in an empty file', () => {
      assert.equal(edit('', ['go.toolsEnvVars', 'GOOS'], 'darwin'), '{\n\t"go.toolsEnvVars": {\n\t\t"GOOS": "darwin"\n\t}\n}\n');
      assert.equal(edit('  \n', ['a'], 1), '{\n\t"a": 1\n}\n');
    });

    it('fills an empty object, on its own lines', () => {
      assert.equal(edit('{}', ['a'], 1), '{\n\t"a": 1\n}');
      assert.equal(edit('{\n\t// nothing yet\n}\n', ['a'], 1), '{\n\t// nothing yet\n\t"a": 1\n}\n');
    });

    it('keeps a comment-only file and appends the object', () => {
      assert.equal(edit('// only a comment\n', ['a'], 1), '// only a comment\n{\n\t"a": 1\n}\n');
    });

    it('replaces a non-object section value with an object', () => {
      assert.equal(edit('{ "go.toolsEnvVars": null }', ['go.toolsEnvVars', 'GOOS'], 'linux'), '{ "go.toolsEnvVars": { "GOOS": "linux" } }');
    });

    it('refuses invalid JSONC, a non-object root and duplicate keys, saying why', () => {
      const broken = setJsoncValue('{\n  "a": 1\n  "b": 2\n}', ['c'], 3);
      assert.equal(broken.ok, false);
      assert.match(broken.ok ? '' : broken.reason, /not valid JSON with comments \(CommaExpected on line 3\)/);
      const array = setJsoncValue('[1]', ['a'], 1);
      assert.equal(array.ok, false);
      const duplicate = setJsoncValue('{"a": 1, "a": 2}', ['a'], 3);
      assert.equal(duplicate.ok, false);
      assert.match(duplicate.ok ? '' : duplicate.reason, /appears more than once/);
    });

    it('keeps every comment of the real files through every kind of edit', () => {
      for (const name of ['settings-crlf-tabs.json', 'settings-spaces.json', 'settings-inline.json']) {
        const text = fixture(name);
        const before = jsoncComments(text).map((c) => c.text);
        for (const [path, value] of [
          [['x.new'], { a: [1, 2] }],
          [['editor.formatOnSave'], false],
          [['go.toolsEnvVars', 'GOOS'], undefined],
          [['go.toolsEnvVars', 'NEW'], 'v'],
        ] as const) {
          const after = jsoncComments(edit(text, [...path], value)).map((c) => c.text);
          assert.deepEqual(after, before, `${name} ${path.join('/')}`);
        }
      }
    });
  });
});

describe('removeJsoncArrayElement (the "Remove -rpc.trace" quick fix)', () => {
  const remove = (text: string, index: number): string => {
    const result = removeJsoncArrayElement(text, ['go.languageServerFlags'], index);
    assert.ok(result.ok, result.ok ? '' : result.reason);
    return result.text;
  };

  it('keeps the comments between the removed element and the next one', () => {
    const text = '{\n  "go.languageServerFlags": [ /* a */ "-rpc.trace" /* b */, // c\n    "-remote=auto"\n  ]\n}\n';
    assert.equal(remove(text, 0), '{\n  "go.languageServerFlags": [ /* a */ /* b */ // c\n    "-remote=auto"\n  ]\n}\n');
  });

  it('inline arrays, first / middle / last element', () => {
    const text = '{"go.languageServerFlags": ["-rpc.trace", "-x", "-y"]}';
    assert.equal(remove(text, 0), '{"go.languageServerFlags": ["-x", "-y"]}');
    assert.equal(remove(text, 1), '{"go.languageServerFlags": ["-rpc.trace", "-y"]}');
    assert.equal(remove(text, 2), '{"go.languageServerFlags": ["-rpc.trace", "-x"]}');
    assert.equal(remove('{"go.languageServerFlags": ["-rpc.trace"]}', 0), '{"go.languageServerFlags": []}');
  });

  it('one element per line: its line goes, other lines and their comments stay (CRLF, LF and CR files)', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const lines = (...l: string[]) => l.join(eol);
      const text = lines('{', '\t"go.languageServerFlags": [', '\t\t"-x", // keep x', '\t\t// about trace', '\t\t"-rpc.trace"', '\t]', '}', '');
      assert.equal(remove(text, 1), lines('{', '\t"go.languageServerFlags": [', '\t\t"-x" // keep x', '\t\t// about trace', '\t]', '}', ''));
      const first = lines('{', '\t"go.languageServerFlags": [', '\t\t"-rpc.trace", // why', '\t\t"-x",', '\t]', '}', '');
      assert.equal(remove(first, 0), lines('{', '\t"go.languageServerFlags": [', '\t\t// why', '\t\t"-x",', '\t]', '}', ''));
    }
  });

  it('refuses a duplicated key (it could remove from the wrong array) and a missing element', () => {
    assert.equal(removeJsoncArrayElement('{"go.languageServerFlags": ["a"], "go.languageServerFlags": ["-rpc.trace"]}', ['go.languageServerFlags'], 0).ok, false);
    assert.equal(removeJsoncArrayElement('{"go.languageServerFlags": ["a"]}', ['go.languageServerFlags'], 1).ok, false);
    assert.equal(removeJsoncArrayElement('{"go.languageServerFlags": "a"}', ['go.languageServerFlags'], 0).ok, false);
  });
});

describe('line ends of a CR-only file', () => {
  it('reads the indentation from the members, not from comments', () => {
    const text = '{\n/*\n   "example": 1,\n   }\n*/\n\t"a": {\n\t\t"b": 1\n\t}\n}\n';
    assert.deepEqual(detectJsoncStyle(text), { indentUnit: '\t', eol: '\n' });
    assert.equal(detectJsoncStyle('{ "a": {\n      "b": 1 } }').indentUnit, '      ', 'relative to the line of the container');
    assert.equal(detectJsoncStyle('  {\n    "a": 1\n  }').indentUnit, '  ');
    assert.equal(detectJsoncStyle('{ "a": 1 }').indentUnit, '\t', 'nothing indented: what VS Code writes');
  });

  it('an inserted block uses \\r like the rest of the file', () => {
    const text = '{\r\t"a": 1\r}\r';
    assert.deepEqual(detectJsoncStyle(text), { indentUnit: '\t', eol: '\r' });
    assert.equal(edit(text, ['go.toolsEnvVars', 'GOOS'], 'linux'), '{\r\t"a": 1,\r\t"go.toolsEnvVars": {\r\t\t"GOOS": "linux"\r\t}\r}\r');
  });
});

describe('the settings/rpc-trace quick fix as the settings parser builds it', () => {
  it('keeps /* b */ and // c, and the CR line ends of the file', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `{${eol}\t"go.languageServerFlags": [ /* a */ "-rpc.trace" /* b */, // c${eol}\t\t"-remote=auto"${eol}\t]${eol}}${eol}`;
      const flags = parseVsCodeSettings('.vscode/settings.json', text).vscode?.languageServerFlags ?? [];
      const trace = flags.find((f) => f.value === '-rpc.trace');
      assert.ok(trace && trace.removeEdits.length > 0);
      const after = applyRangeEdits(text, trace.removeEdits);
      assert.equal(after, `{${eol}\t"go.languageServerFlags": [ /* a */ /* b */ // c${eol}\t\t"-remote=auto"${eol}\t]${eol}}${eol}`);
    }
  });
});
