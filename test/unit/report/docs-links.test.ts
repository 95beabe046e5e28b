import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { allRules } from '../../../src/core/rules/index.js';
import { absoluteDocsLinks, DOCS_BASE } from '../../../src/core/rule.js';
import { ruleCatalog } from '../../../src/server/report.js';
import { buildSarif } from '../../../src/core/report/sarif.js';
import { reportWith } from './report-builders.js';

const DOCS_DIR = DOCS_BASE.slice(0, DOCS_BASE.lastIndexOf('/') + 1);
const links = (markdown: string): string[] => [...markdown.matchAll(/\]\(([^)\s]*)\)/g)].map((m) => m[1] ?? '');

describe('rule docs links outside docs/rules.md', () => {
  it('resolves anchors against docs/rules.md and relative paths against docs/, and leaves absolute links alone', () => {
    assert.equal(absoluteDocsLinks('see [ports](#cross-unknown-goos)'), `see [ports](${DOCS_BASE}#cross-unknown-goos)`);
    assert.equal(absoluteDocsLinks('[note](knowledge/ports.md#go-124)'), `[note](${DOCS_DIR}knowledge/ports.md#go-124)`);
    assert.equal(absoluteDocsLinks('[go](https://go.dev/doc/go1.24) [x](mailto:a@b)'), '[go](https://go.dev/doc/go1.24) [x](mailto:a@b)');
    assert.equal(absoluteDocsLinks('no links, just (parens) and ] brackets'), 'no links, just (parens) and ] brackets');
  });

  it('every rule docs text the editor and SARIF show has absolute links only', () => {
    const sarifRules = buildSarif(reportWith([]), allRules).runs[0]?.tool.driver.rules ?? [];
    assert.equal(sarifRules.length, allRules.length);
    const shown = [...ruleCatalog(allRules).map((r) => r.docs ?? ''), ...sarifRules.map((r) => r.help?.markdown ?? '')];
    const relative = shown.flatMap(links).filter((l) => !/^https?:\/\//.test(l));
    assert.deepEqual(relative, []);
    assert.ok(shown.flatMap(links).some((l) => l.startsWith(DOCS_DIR)), 'the docs do link to the project’s own notes');
  });

  it('property: hostile Markdown never throws, and afterwards no link target is relative', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('](', ')', '](#a)', '](knowledge/x.md)', '](https://x)', '](/abs)', '](')), { maxLength: 30 }), (parts) => {
        const out = absoluteDocsLinks(parts.join(''));
        for (const l of links(out)) assert.ok(l === '' || /^[a-z][a-z0-9+.-]*:/i.test(l) || l.startsWith('/'), l);
      }),
    );
  });
});
