import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commandNames, commandOptions } from '../../../src/cli/command-line.js';
import { usageText } from '../../../src/cli/usage.js';

const cliDoc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'cli.md'), 'utf8');
/** Options the CLI accepts for language clients' sake, not for people. */
const undocumented = new Set(['clientProcessId']);

describe('docs/cli.md and --help cover every command and option', () => {
  for (const command of commandNames) {
    it(command, () => {
      assert.match(cliDoc, new RegExp(`go-doctor ${command}`));
      const help = usageText(command);
      for (const [name, option] of Object.entries(commandOptions[command])) {
        if (undocumented.has(name)) continue;
        assert.ok(cliDoc.includes(`--${name}`), `docs/cli.md does not mention --${name}`);
        assert.ok(help.includes(`--${name}`), `'go-doctor ${command} --help' does not mention --${name}`);
        if ('short' in option && option.short) assert.ok(help.includes(`-${option.short},`), `help misses -${option.short}`);
      }
    });
  }
});
