/**
 * The `goDoctor.*` settings as values: normalizing what the user wrote, and what a change of each
 * setting requires (a new server, new settings for the running one, a new probe, or nothing the
 * extension acts on — the watchdog reads its own group). Pure: no `vscode` import.
 */
import type { Severity } from '../core/finding.js';
import type { RuleSetting, RuleSettings } from '../core/engine.js';
import { isRecord } from '../core/is-record.js';

export const SECTION = 'goDoctor';

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;
const MIN_PROBE_TIMEOUT_MS = 500;
const MAX_PROBE_TIMEOUT_MS = 120_000;

/** Tools whose binaries on PATH are watched (a change re-probes the toolchain). */
export const DEFAULT_WATCHED_TOOLS: readonly string[] = ['go', 'gopls', 'dlv', 'staticcheck', 'golangci-lint', 'gofumpt', 'goimports'];

export type SettingEffect = 'restart' | 'reprobe' | 'reconfigure' | 'none';

/**
 * What a change of each setting needs. The most disruptive effect of all changed settings wins.
 * Settings not listed (e.g. `goDoctor.watchdog.*`, `goDoctor.trace.server`) need nothing here.
 */
const EFFECTS: readonly (readonly [setting: string, effect: SettingEffect])[] = [
  [`${SECTION}.probeTimeoutMs`, 'reprobe'],
  [`${SECTION}.extraTools`, 'reprobe'],
  [`${SECTION}.rules`, 'reconfigure'],
  ['files.exclude', 'reconfigure'],
  // Workspace-level Go settings are read from .vscode/settings.json by the server (a file change
  // triggers re-analysis), but user-level changes only show up here.
  // Which go/gopls the Go extension runs: sent when the server starts (initializationOptions).
  ['go.alternateTools', 'restart'],
  ['go.goroot', 'restart'],
  ['go.toolsGopath', 'restart'],
  ['go', 'reconfigure'],
  ['gopls', 'reconfigure'],
  ['files.watcherExclude', 'reconfigure'],
];

const EFFECT_RANK: Record<SettingEffect, number> = { none: 0, reconfigure: 1, reprobe: 2, restart: 3 };

export function effectOfChange(event: { affectsConfiguration(section: string): boolean }): SettingEffect {
  let worst: SettingEffect = 'none';
  for (const [setting, effect] of EFFECTS) {
    if (EFFECT_RANK[effect] > EFFECT_RANK[worst] && event.affectsConfiguration(setting)) worst = effect;
  }
  return worst;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** `goDoctor.rules`: `{ "path/shadowed-tool": "off" | "error" | … | { enabled, severity } }`. */
export function readRuleSettings(raw: unknown): RuleSettings {
  const out: RuleSettings = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    const setting: RuleSetting = {};
    if (value === 'off' || value === false) setting.enabled = false;
    else if (value === true || value === 'on') setting.enabled = true;
    else if (typeof value === 'string' && SEVERITIES.includes(value as Severity)) setting.severity = value as Severity;
    else if (typeof value === 'object' && value !== null) {
      const v = value as Record<string, unknown>;
      if (typeof v.enabled === 'boolean') setting.enabled = v.enabled;
      if (typeof v.severity === 'string' && SEVERITIES.includes(v.severity as Severity)) setting.severity = v.severity as Severity;
    }
    if (Object.keys(setting).length) out[id] = setting;
  }
  return out;
}

export function readProbeTimeout(raw: unknown): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return DEFAULT_PROBE_TIMEOUT_MS;
  return Math.min(MAX_PROBE_TIMEOUT_MS, Math.max(MIN_PROBE_TIMEOUT_MS, Math.round(raw)));
}

/** Tool names only: a bare file name, no path separators (anything else is ignored). */
export function readToolNames(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const names = raw.filter((n): n is string => typeof n === 'string' && /^[A-Za-z0-9._+-]+$/.test(n) && n !== '.' && n !== '..');
  return [...new Set(names)];
}

/** The new value of the whole setting at `target` (for object settings: one key changed). */
export function nextValue(current: unknown, args: { key?: string; value?: unknown; remove?: boolean }): unknown {
  const remove = args.remove || args.value === undefined;
  if (args.key === undefined) return remove ? undefined : args.value;
  const base = isRecord(current) ? { ...current } : {};
  if (remove) delete base[args.key];
  else base[args.key] = args.value;
  return Object.keys(base).length ? base : undefined;
}
