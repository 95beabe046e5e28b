/**
 * Shell scripts (`*.sh`, `*.bash`, `*.zsh`, shebang files): every go command with the
 * environment it runs in, every Go setting assignment, GOROOT paths and linker flags.
 */
import type { SettingValue } from '../workspace/build-config.js';
import { ExpansionBudget } from './expansion-budget.js';
import { goCommandConfig, settingFromAssignment } from './go-command.js';
import { LineIndex } from './line-index.js';
import { sourceText } from './mapped-text.js';
import { interpretShell } from './shell-script.js';
import { emptySourceFacts, findFlagRefs, findGorootRefs, flagPlaceOf, readGuarded, type SourceFacts } from './source-facts.js';

const SHELL_COMMENT = /^#/;

/** `budget`: the file's expansion limits (a test passes its own to measure the work). */
export function parseShellFile(file: string, path: string, text: string, budget = new ExpansionBudget()): SourceFacts {
  const facts = emptySourceFacts();
  return readGuarded(facts, file, 'a shell script', () => {
    const index = new LineIndex(text);
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    const shell = interpretShell(sourceText(text, 0), { budget });
    facts.notes.push(...budget.notes(file));
    for (const a of shell.settings) {
      const s = settingFromAssignment(file, index, a);
      if (s) facts.settings.push(s);
    }
    for (const cmd of shell.goCommands) {
      const config = goCommandConfig({ file, index, tool: 'shell', dir }, cmd);
      if (config) facts.configs.push(config);
    }
    facts.gorootRefs.push(...findGorootRefs(file, text, index, SHELL_COMMENT));
    facts.flagRefs.push(...findFlagRefs(file, text, index, SHELL_COMMENT, flagPlaceOf));
  });
}

export function dedupeSettings(settings: SettingValue[]): SettingValue[] {
  const seen = new Set<string>();
  return settings.filter((s) => {
    const key = `${s.file}:${s.range.start.line}:${s.range.start.character}:${s.range.end.line}:${s.range.end.character}:${s.name}:${s.value ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
