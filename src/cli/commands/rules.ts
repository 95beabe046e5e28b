/** `go-doctor rules`: every rule with its id, default severity and one-line summary. */
import { groupOfRule, reportGroups } from '../../core/report/groups.js';
import { ruleDocsUrl, type Rule } from '../../core/rule.js';
import type { CliEnvironment } from '../cli-environment.js';
import type { ParsedCommand } from '../command-line.js';
import { EXIT_OK } from '../exit-code.js';

type RulesCommand = Extract<ParsedCommand, { command: 'rules' }>;

const RULES_SCHEMA = 'go-doctor/rules';
const RULES_VERSION = 1;

function renderRulesJson(rules: readonly Rule[]): string {
  const list = rules.map((r) => ({ id: r.id, group: groupOfRule(r.id).title, defaultSeverity: r.defaultSeverity, summary: r.summary, docsUrl: ruleDocsUrl(r.id) }));
  return `${JSON.stringify({ schema: RULES_SCHEMA, version: RULES_VERSION, rules: list }, null, 2)}\n`;
}

function renderRulesText(rules: readonly Rule[]): string {
  const width = Math.max(0, ...rules.map((r) => r.id.length));
  const out: string[] = [];
  const rank = (r: Rule) => {
    const i = reportGroups.findIndex((g) => g.id === groupOfRule(r.id).id);
    return i < 0 ? reportGroups.length : i;
  };
  let group: string | undefined;
  for (const r of [...rules].sort((a, b) => rank(a) - rank(b))) {
    const title = groupOfRule(r.id).title;
    if (title !== group) {
      if (group !== undefined) out.push('');
      out.push(title);
      group = title;
    }
    out.push(`  ${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(7)}  ${r.summary}`);
  }
  out.push('', `${rules.length} ${rules.length === 1 ? 'rule' : 'rules'}. Details: docs/rules.md; change one with 'go-doctor check --rule ID=off|error|warning|info'.`);
  return `${out.join('\n')}\n`;
}

export function runRules(cmd: RulesCommand, env: CliEnvironment): number {
  env.stdout.write(cmd.json ? renderRulesJson(env.rules) : renderRulesText(env.rules));
  return EXIT_OK;
}
