import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportMarkdown } from '../../../src/extension/report-markdown.js';
import { finding, folderReport } from './builders.js';

const identity = { home: '/home/ada', user: 'ada' };

describe('Copy Report as Markdown', () => {
  const report = folderReport({
    goVersion: 'go1.24.4',
    goBinary: '/home/ada/sdk/go1.24.4/bin/go',
    findings: [
      finding('path/shadowed-tool', 'warning', {
        message: 'gopls in /home/ada/go/bin shadows /usr/local/bin/gopls (user ada).',
        evidence: [{ kind: 'command', command: 'go version -m /home/ada/go/bin/gopls', argv: [], excerpt: 'path golang.org/x/tools/gopls', exitCode: 0 }],
      }),
    ],
    skipped: [{ what: 'gopls in /home/ada/bin', reason: 'timed out' }],
  });

  it('renders every finding with its rule and the skipped work', () => {
    const md = reportMarkdown(report, [], identity);
    assert.ok(md.startsWith('## Go Toolchain Doctor report'));
    assert.match(md, /path\/shadowed-tool/);
    assert.match(md, /### Skipped/);
    assert.match(md, /timed out/);
  });

  it('redacts the home directory and the user name everywhere, and says so', () => {
    const md = reportMarkdown(report, [], identity);
    assert.ok(!md.includes('/home/ada'), md);
    assert.ok(!/\bada\b/.test(md), md);
    assert.match(md, /~\/go\/bin/);
    assert.match(md, /<user>|\\<user\\>/);
    assert.match(md, /redacted/);
  });

  it('counts the workspace files that were not checked, as go-doctor check --markdown does', () => {
    const md = reportMarkdown({ ...report, unchecked: [{ path: 'build/huge.sh', reason: 'larger than 1 MiB' }] }, [], identity);
    assert.match(md, /1 workspace file not checked/);
  });

  it('leaves the report it was given untouched', () => {
    const before = JSON.stringify(report);
    reportMarkdown(report, [], identity);
    assert.equal(JSON.stringify(report), before);
  });
});
