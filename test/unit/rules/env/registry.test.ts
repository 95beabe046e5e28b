import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findRule } from '../../../../src/core/rules/index.js';

/** The environment rule ids are a contract (issue 2): exactly these, each documented. */
export const ENV_RULE_IDS = [
  'go/not-found',
  'go/unsupported-release',
  'go/host-os-too-old',
  'go/rosetta',
  'go/module-needs-newer',
  'go/gotoolchain-setting',
  'go/goroot-mismatch',
  'path/shadowed-tool',
  'path/multiple-go',
  'path/gobin-not-on-path',
  'path/unsafe-entry',
  'path/missing-dir',
  'path/intel-homebrew',
  'clt/missing',
  'clt/broken',
  'clt/outdated',
  'cgo/no-compiler',
  'cgo/disabled-silently',
  'tools/missing-lc-uuid',
  'watch/inotify-low',
];

describe('environment rules are registered and documented', () => {
  for (const id of ENV_RULE_IDS) {
    it(id, () => {
      const rule = findRule(id);
      assert.ok(rule, `${id} is not in allRules`);
      assert.equal(rule.id, id);
      assert.ok(rule.summary.length > 20 && !rule.summary.includes('\n'), 'one-line summary');
      for (const section of ['**What', '**Why it matters', '**Fix', '**Facts:**']) assert.ok(rule.docs.includes(section), `${id} docs lack ${section}`);
    });
  }
});
