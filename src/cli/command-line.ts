/**
 * Parses `go-doctor` arguments into one command. Every mistake becomes a UsageError with a clear
 * message (never a stack trace); node:util parseArgs does the tokenizing, strictly.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readRuleSetting, RULE_LEVELS } from '../core/doctor-settings.js';
import type { RuleSettings } from '../core/engine.js';
import { didYouMean } from './closest-match.js';
import { UsageError } from './usage-error.js';

export type CommandName = 'check' | 'snapshot' | 'rules' | 'lsp' | 'help';
export const commandNames: readonly CommandName[] = ['check', 'snapshot', 'rules', 'lsp', 'help'];

type ReportFormat = 'human' | 'json' | 'sarif' | 'markdown';

export interface ProbeFlags {
  timeoutMs?: number;
  cache: boolean;
}

export type ParsedCommand =
  | { command: 'help'; topic?: CommandName }
  | { command: 'version' }
  | ({
      command: 'check';
      dir: string;
      dirGiven: boolean;
      format: ReportFormat;
      verbose: boolean;
      strict: boolean;
      noColour: boolean;
      from?: string;
      ruleSettings: RuleSettings;
    } & ProbeFlags)
  | ({ command: 'snapshot'; dir: string; out?: string; redact: boolean } & ProbeFlags)
  | { command: 'rules'; json: boolean }
  | { command: 'lsp'; transport: 'stdio' | 'ipc' };

type Options = NonNullable<ParseArgsConfig['options']>;

const probeOptions = {
  timeout: { type: 'string' },
  'no-cache': { type: 'boolean' },
} satisfies Options;

export const commandOptions = {
  check: {
    help: { type: 'boolean', short: 'h' },
    verbose: { type: 'boolean', short: 'v' },
    json: { type: 'boolean' },
    sarif: { type: 'boolean' },
    markdown: { type: 'boolean' },
    strict: { type: 'boolean' },
    from: { type: 'string' },
    rule: { type: 'string', multiple: true },
    'no-color': { type: 'boolean' },
    ...probeOptions,
  },
  snapshot: {
    help: { type: 'boolean', short: 'h' },
    out: { type: 'string', short: 'o' },
    'no-redact': { type: 'boolean' },
    ...probeOptions,
  },
  rules: {
    help: { type: 'boolean', short: 'h' },
    json: { type: 'boolean' },
  },
  lsp: {
    help: { type: 'boolean', short: 'h' },
    stdio: { type: 'boolean' },
    'node-ipc': { type: 'boolean' },
    // Language clients (vscode-languageclient) pass this; the server library reads it itself.
    clientProcessId: { type: 'string' },
  },
  help: {
    help: { type: 'boolean', short: 'h' },
  },
} satisfies Record<CommandName, Options>;

const MAX_TIMEOUT_MS = 10 * 60 * 1000;

function optionNames(options: Options): string[] {
  return Object.entries(options).flatMap(([name, o]) => (o.short ? [`--${name}`, `-${o.short}`] : [`--${name}`]));
}

/** Runs parseArgs for one command, rewriting its errors as UsageErrors that suggest a fix. */
function parseFor<T>(command: CommandName, parse: () => T): T {
  const options: Options = commandOptions[command];
  try {
    return parse();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const message = err instanceof Error ? err.message : String(err);
    const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = quoted.split('=')[0] ?? quoted;
      throw new UsageError(`unknown option '${flag}' for '${command}'.${didYouMean(flag, optionNames(options))}`, command);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      // parseArgs quotes the option as '--json', '--from <value>' or '-o, --out <value>'.
      const flag = quoted.match(/--?[A-Za-z][\w-]*/g)?.at(-1) ?? quoted;
      const name = flag.replace(/^-+/, '');
      const option = options[name] ?? Object.values(options).find((o) => o.short === name);
      throw new UsageError(option?.type === 'string' ? `option '${flag}' needs a value.` : `option '${flag}' does not take a value.`, command);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`'${command}' takes no arguments (got '${quoted}').`, command);
    throw new UsageError(message.split('. ')[0] ?? message, command);
  }
}

const strictly = { strict: true, allowPositionals: true } as const;

function parseTimeout(value: string | undefined, command: CommandName): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_TIMEOUT_MS) {
    throw new UsageError(`--timeout takes milliseconds between 1 and ${MAX_TIMEOUT_MS} (got '${value}').`, command);
  }
  return Number(value);
}

function parseRuleSettings(values: string[] | undefined, ruleIds: readonly string[]): RuleSettings {
  const settings: RuleSettings = {};
  for (const value of values ?? []) {
    const eq = value.lastIndexOf('=');
    const id = eq < 0 ? value : value.slice(0, eq);
    const level = eq < 0 ? '' : value.slice(eq + 1);
    if (eq < 0 || !id) throw new UsageError(`--rule takes ID=${RULE_LEVELS.join('|')} (got '${value}').`, 'check');
    const setting = (RULE_LEVELS as readonly string[]).includes(level) ? readRuleSetting(level) : undefined;
    if (!setting) throw new UsageError(`--rule ${id}: '${level}' is not one of ${RULE_LEVELS.join(', ')}.`, 'check');
    if (!ruleIds.includes(id)) {
      throw new UsageError(`--rule: no rule '${id}'.${didYouMean(id, ruleIds)} Run 'go-doctor rules' for the list.`, 'check');
    }
    settings[id] = setting;
  }
  return settings;
}

function atMostOneDir(positionals: string[], command: CommandName): string | undefined {
  if (positionals.length > 1) throw new UsageError(`'${command}' takes at most one folder (got ${positionals.map((p) => `'${p}'`).join(', ')}).`, command);
  return positionals[0];
}

function parseCheck(args: string[], ruleIds: readonly string[]): ParsedCommand {
  const { values, positionals } = parseFor('check', () => parseArgs({ args, options: commandOptions.check, ...strictly }));
  if (values.help) return { command: 'help', topic: 'check' };
  const dir = atMostOneDir(positionals, 'check');
  const formats = (['json', 'sarif', 'markdown'] as const).filter((f) => values[f]);
  if (formats.length > 1) throw new UsageError(`choose one output format (got ${formats.map((f) => `--${f}`).join(' and ')}).`, 'check');
  if (values.from !== undefined) {
    if (dir !== undefined) throw new UsageError(`--from replays a saved snapshot, which holds its own folder: drop '${dir}'.`, 'check');
    const live = [values.timeout !== undefined && '--timeout', values['no-cache'] && '--no-cache'].filter(Boolean);
    if (live.length) throw new UsageError(`${live.join(' and ')} cannot be combined with --from (nothing is probed).`, 'check');
    if (values.from === '') throw new UsageError('--from needs a snapshot file (or - for standard input).', 'check');
  }
  return {
    command: 'check',
    dir: dir ?? '.',
    dirGiven: dir !== undefined,
    format: formats[0] ?? 'human',
    verbose: values.verbose ?? false,
    strict: values.strict ?? false,
    noColour: values['no-color'] ?? false,
    ...(values.from !== undefined ? { from: values.from } : {}),
    ruleSettings: parseRuleSettings(values.rule, ruleIds),
    ...withTimeout(parseTimeout(values.timeout, 'check')),
    cache: !values['no-cache'],
  };
}

function withTimeout(timeoutMs: number | undefined): { timeoutMs?: number } {
  return timeoutMs === undefined ? {} : { timeoutMs };
}

function parseSnapshot(args: string[]): ParsedCommand {
  const { values, positionals } = parseFor('snapshot', () => parseArgs({ args, options: commandOptions.snapshot, ...strictly }));
  if (values.help) return { command: 'help', topic: 'snapshot' };
  if (values.out === '') throw new UsageError('--out needs a file name.', 'snapshot');
  return {
    command: 'snapshot',
    dir: atMostOneDir(positionals, 'snapshot') ?? '.',
    ...(values.out !== undefined ? { out: values.out } : {}),
    redact: !values['no-redact'],
    ...withTimeout(parseTimeout(values.timeout, 'snapshot')),
    cache: !values['no-cache'],
  };
}

function parseRules(args: string[]): ParsedCommand {
  const { values, positionals } = parseFor('rules', () => parseArgs({ args, options: commandOptions.rules, ...strictly }));
  if (values.help) return { command: 'help', topic: 'rules' };
  if (positionals.length) throw new UsageError(`'rules' takes no arguments (got '${positionals[0]}').`, 'rules');
  return { command: 'rules', json: values.json ?? false };
}

function parseLsp(args: string[]): ParsedCommand {
  const { values, positionals } = parseFor('lsp', () => parseArgs({ args, options: commandOptions.lsp, ...strictly }));
  if (values.help) return { command: 'help', topic: 'lsp' };
  if (positionals.length) throw new UsageError(`'lsp' takes no arguments (got '${positionals[0]}').`, 'lsp');
  if (values.stdio && values['node-ipc']) throw new UsageError('choose one transport: --stdio or --node-ipc.', 'lsp');
  if (!values.stdio && !values['node-ipc']) throw new UsageError('lsp needs a transport: --stdio (any editor) or --node-ipc (a Node parent process).', 'lsp');
  return { command: 'lsp', transport: values.stdio ? 'stdio' : 'ipc' };
}

function parseHelp(args: string[]): ParsedCommand {
  const { positionals } = parseFor('help', () => parseArgs({ args, options: commandOptions.help, ...strictly }));
  if (positionals.length > 1) throw new UsageError(`'help' takes at most one command.`, 'help');
  const topic = positionals[0];
  if (topic === undefined) return { command: 'help' };
  if (!(commandNames as readonly string[]).includes(topic)) {
    throw new UsageError(`no command '${topic}'.${didYouMean(topic, commandNames)}`);
  }
  return { command: 'help', topic: topic as CommandName };
}

/**
 * `go-doctor` alone (or starting with an option) is `go-doctor check`; `--version` and `--help`
 * work on their own. `ruleIds` are the known rules, for validating `--rule`.
 */
export function parseCommandLine(argv: readonly string[], ruleIds: readonly string[]): ParsedCommand {
  const [first, ...rest] = argv;
  if (first === '--version' && rest.length === 0) return { command: 'version' };
  if ((first === '--help' || first === '-h') && rest.length === 0) return { command: 'help' };
  if (first === undefined || first.startsWith('-')) return parseCheck([...argv], ruleIds);
  switch (first) {
    case 'check':
      return parseCheck(rest, ruleIds);
    case 'snapshot':
      return parseSnapshot(rest);
    case 'rules':
      return parseRules(rest);
    case 'lsp':
      return parseLsp(rest);
    case 'help':
      return parseHelp(rest);
    default: {
      const suggestion = didYouMean(first, commandNames);
      const folderHint = suggestion ? '' : ` To check a folder: go-doctor check ${first}`;
      throw new UsageError(`unknown command '${first}'.${suggestion}${folderHint}`);
    }
  }
}
