import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { codeBlock, codeSpan, escapeMarkdown, renderMarkdown } from '../../../src/core/report/markdown.js';
import { note, reportWith, shadowed, testRules, visionos } from './report-builders.js';

describe('renderMarkdown', () => {
  const md = renderMarkdown(reportWith([shadowed, visionos, note]), testRules);

  it('has a heading, the facts line and a table row per group', () => {
    assert.match(md, /^## Go Toolchain Doctor report\n\ngo-doctor 1\.2\.3 · linux\/x64 · workspace `\/home\/ada\/src\/app`\n/);
    assert.match(md, /^\| ⚠️ \| PATH \| 1 warning \|$/m);
    assert.match(md, /^\| ❌ \| Workspace build settings \| 1 error \|$/m);
    assert.match(md, /^\| ✅ \| cgo \| no issues \|$/m);
    assert.match(md, /^\| ℹ️ \| Go toolchain \| 1 note \|$/m);
  });

  it('lists each finding with severity, linked rule id, location and message', () => {
    assert.match(md, /^- \*\*error\*\* \[`cross\/unknown-goos`\]\(https:\/\/[^)]+#crossunknown-goos\) `Makefile:12:5`: GOOS=visionos/m);
    assert.match(md, /^ {2}- Fix: Remove the older gopls\n {4}```\n {4}\$ rm \/usr\/local\/bin\/gopls/m);
    assert.match(md, /^ {2}- Fix: No Go release has a visionOS port — Build for ios\/arm64/m);
    assert.match(md, /<details><summary>Evidence<\/summary>\n\n {2}```\n {2}\$ go version -m \/usr\/local\/bin\/gopls \(exit 0\)/);
  });

  it('omits sections for groups without findings', () => {
    assert.doesNotMatch(md, /^### .*cgo/m);
  });

  it('escapes Markdown in messages', () => {
    assert.equal(escapeMarkdown('a_b *c* <d> | [e]'), 'a\\_b \\*c\\* \\<d\\> \\| \\[e\\]');
    const tricky = { ...note, message: 'use <script> and | pipes\nsecond line' };
    const out = renderMarkdown(reportWith([tricky]), testRules);
    assert.match(out, /use \\<script\\> and \\\| pipes second line/);
  });

  it('code spans and blocks survive backticks in their content (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const span = codeSpan(s);
        const longestRun = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
        const fence = /^`+/.exec(span)![0];
        assert.ok(fence.length > longestRun);
        assert.ok(span.endsWith(fence));
        const block = codeBlock(s.split('\n'));
        const blockFence = block[0]!;
        assert.ok(block.slice(1, -1).every((l) => !l.includes(blockFence)));
        assert.equal(block.at(-1), blockFence);
      }),
    );
  });
});
