/**
 * Shell scripts (`*.sh`, `*.bash`, `*.zsh`, shebang files): every go command with the
 * environment it runs in, every Go setting assignment, GOROOT paths and linker flags, and the
 * other files the script runs. Read on its own (run by hand or by an unknown caller), the values
 * the script does not set itself are unknown; read as called (a CallContext), it starts in the
 * caller's folder with the caller's environment.
 */
import type { BuildConfig, SettingValue } from '../workspace/build-config.js';
import { ExpansionBudget } from './expansion-budget.js';
import type { CallContext } from '../workspace/invocation.js';
import { goCommandConfig, invocationOf, settingFromAssignment } from './go-command.js';
import { LineIndex } from './line-index.js';
import { sourceText, syntheticText } from './mapped-text.js';
import { interpretShell, type ShellVars } from './shell-script.js';
import { emptySourceFacts, findFlagRefs, findGorootRefs, flagPlaceOf, readGuarded, type SourceFacts } from './source-facts.js';

const SHELL_COMMENT = /^#/;

/** The initial shell variables of a called file: the caller's exported environment. */
function varsOfEnv(env: Record<string, SettingValue> | undefined): ShellVars {
  const vars: ShellVars = new Map();
  for (const [name, s] of Object.entries(env ?? {})) {
    vars.set(name, { alts: [{ value: s.value === undefined ? undefined : syntheticText(s.value), raw: syntheticText(s.value ?? '') }], exported: true });
  }
  return vars;
}

/**
 * Does the script run on a Mac only? It runs macOS tools (xcrun, lipo, codesign …), or it checks
 * `uname` for Darwin and never for Linux. A script that branches on both is not.
 */
export function macOnlyReason(macTools: readonly string[], text: string): string | undefined {
  const linuxBranch = /\buname\b[^\n]*\bLinux\b|^\s*"?Linux"?\*?\)|\$OSTYPE[^\n]*linux/m.test(text);
  if (linuxBranch) return undefined;
  // Also inside command substitutions: `-isysroot $(xcrun --sdk iphoneos --show-sdk-path)`.
  const substituted = [...text.matchAll(/(?:\$\(|`)\s*(xcrun|lipo|codesign|security|hdiutil|xcodebuild|sw_vers|xcode-select)\b/g)].map((m) => m[1]!);
  const tools = [...new Set([...macTools, ...substituted])];
  if (tools.length > 0) return `it runs ${tools.slice(0, 3).map((t) => `\`${t}\``).join(', ')}`;
  if (/\buname\b[^\n]*\bDarwin\b/.test(text) || (/\buname\b/.test(text) && /^\s*"?Darwin"?\)/m.test(text))) return 'it checks that `uname` is Darwin';
  return undefined;
}

/** Settings a go command takes from whoever runs the script when it does not set them itself. */
function callerDependentNames(config: BuildConfig): string[] {
  const e = config.env;
  const names: string[] = [];
  const goosSet = e.GOOS !== undefined;
  if (!goosSet) names.push('GOOS');
  if (e.GOARCH === undefined) names.push('GOARCH');
  if (goosSet && e.CGO_ENABLED === undefined) names.push('CGO_ENABLED');
  if (e.CGO_ENABLED?.value === '1' && e.CC === undefined) names.push('CC');
  return names;
}

function orList(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** `budget`: the file's expansion limits (a test passes its own to measure the work). */
export function parseShellFile(file: string, path: string, text: string, call?: CallContext, budget = new ExpansionBudget()): SourceFacts {
  const facts = emptySourceFacts();
  return readGuarded(facts, file, 'a shell script', () => {
    const index = new LineIndex(text);
    const slash = path.lastIndexOf('/');
    const dir = call ? call.cwd : slash < 0 ? '' : path.slice(0, slash);
    const shell = interpretShell(sourceText(text, 0), { budget, ...(call ? { vars: varsOfEnv(call.env) } : {}) });
    facts.notes.push(...budget.notes(file));
    const mac = macOnlyReason(shell.macTools, text);
    const host: BuildConfig['host'] = mac ? { goos: 'darwin', from: `a Mac (${path}: ${mac})` } : undefined;
    const conditions = mac ? [`${path} runs on a Mac (${mac})`] : [];
    for (const a of shell.settings) {
      const s = settingFromAssignment(file, index, a);
      if (s) facts.settings.push(s);
    }
    for (const cmd of shell.goCommands) {
      const config = goCommandConfig({ file, index, tool: 'shell', dir, ...(host ? { host } : {}), conditions, ...(call ? { outerEnv: call.env } : {}) }, cmd);
      if (!config) continue;
      if (!call) {
        const unset = callerDependentNames(config);
        if (unset.length > 0) config.conditions = [...(config.conditions ?? []), `whoever runs ${path} does not set ${orList(unset)}`];
      }
      facts.configs.push(config);
    }
    for (const c of shell.calls) {
      const inv = invocationOf({ file, index, dir, ...(call ? { outerEnv: call.env } : {}), ...(host ? { host } : {}), conditions }, c, (x, line) => `\`${x.text}\` (${path} line ${line})`);
      if (inv) (facts.invocations ??= []).push(inv);
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
