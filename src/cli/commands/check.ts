/** `go-doctor check`: probe (or load a saved snapshot), run every rule, render, exit by severity. */
import { renderHuman } from '../../core/report/human.js';
import { renderJson } from '../../core/report/json.js';
import { renderMarkdown } from '../../core/report/markdown.js';
import { renderSarif } from '../../core/report/sarif.js';
import type { Snapshot } from '../../core/snapshot.js';
import type { CliEnvironment } from '../cli-environment.js';
import type { ParsedCommand } from '../command-line.js';
import { exitCodeFor } from '../exit-code.js';
import { parseSavedSnapshot } from '../saved-snapshot.js';
import { shouldUseColour } from '../terminal.js';
import { InputError } from '../usage-error.js';
import { liveReport, reportOf } from './check-report.js';

type CheckCommand = Extract<ParsedCommand, { command: 'check' }>;

async function loadSaved(env: CliEnvironment, file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await env.readText(file);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new InputError(code === 'ENOENT' ? `${file}: no such file.` : `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseSavedSnapshot(text, file === '-' ? 'standard input' : file);
}

export async function runCheck(cmd: CheckCommand, env: CliEnvironment): Promise<number> {
  const report = cmd.from !== undefined ? reportOf(await loadSaved(env, cmd.from), cmd, env, 'file') : await liveReport(cmd, env);
  const activeRules = env.rules.filter((r) => cmd.ruleSettings[r.id]?.enabled !== false);
  switch (cmd.format) {
    case 'json':
      env.stdout.write(renderJson(report));
      break;
    case 'sarif':
      env.stdout.write(renderSarif(report, activeRules));
      break;
    case 'markdown':
      env.stdout.write(renderMarkdown(report, activeRules));
      break;
    case 'human':
      env.stdout.write(renderHuman(report, activeRules, { colour: shouldUseColour(env.stdout, env.env, cmd.noColour), verbose: cmd.verbose }));
      break;
  }
  return exitCodeFor(report.summary, cmd.strict);
}
