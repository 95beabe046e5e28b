/**
 * The `goDoctor` settings as values, read one way for every front: the VS Code extension (its
 * configuration), the language server (whatever an LSP client sends in initializationOptions or
 * workspace/configuration) and the CLI (`--rule ID=LEVEL`). Anything of the wrong type is ignored
 * and the default kept, so a bad setting never breaks a front. Pure.
 */
import type { RuleSetting, RuleSettings } from './engine.js';
import type { Severity } from './finding.js';
import { isRecord } from './is-record.js';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** What a rule can be set to by name (`goDoctor.rules` values, `--rule ID=LEVEL`): off, or a severity. */
export const RULE_LEVELS: readonly ('off' | Severity)[] = ['off', ...SEVERITIES];

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;
const MIN_PROBE_TIMEOUT_MS = 500;
const MAX_PROBE_TIMEOUT_MS = 120_000;

/** The `goDoctor` section as the fronts use it (`extraTools` is the setting `goDoctor.extraTools`). */
export interface DoctorSettingValues {
  /** Per-rule enable/severity, by rule id. */
  rules: RuleSettings;
  probeTimeoutMs: number;
  /** Tool names to look for on PATH besides the built-in ones. */
  extraTools: string[];
  /** Glob patterns (files.exclude style) the workspace scan does not walk. */
  exclude: string[];
}

/** Never changed in place: readDoctorSettings copies its base. */
export const DEFAULT_DOCTOR_SETTINGS: DoctorSettingValues = { rules: {}, probeTimeoutMs: DEFAULT_PROBE_TIMEOUT_MS, extraTools: [], exclude: [] };

function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/**
 * One rule's setting: `"off"`/`false`, `"on"`/`true`, a severity, or `{ enabled, severity }`.
 * `undefined` when nothing in it can be read.
 */
export function readRuleSetting(value: unknown): RuleSetting | undefined {
  const setting: RuleSetting = {};
  if (value === 'off' || value === false) setting.enabled = false;
  else if (value === 'on' || value === true) setting.enabled = true;
  else if (isSeverity(value)) setting.severity = value;
  else if (isRecord(value)) {
    if (typeof value.enabled === 'boolean') setting.enabled = value.enabled;
    if (isSeverity(value.severity)) setting.severity = value.severity;
  }
  return Object.keys(setting).length > 0 ? setting : undefined;
}

/** `goDoctor.rules`: `{ "path/shadowed-tool": "off" | "error" | … | { enabled, severity } }`. */
export function readRuleSettings(raw: unknown): RuleSettings {
  const out: RuleSettings = {};
  if (!isRecord(raw)) return out;
  for (const [id, value] of Object.entries(raw)) {
    const setting = readRuleSetting(value);
    if (setting) out[id] = setting;
  }
  return out;
}

/** `goDoctor.probeTimeoutMs` in whole milliseconds, clamped to 500–120000; `undefined` when not a number. */
export function readProbeTimeout(raw: unknown): number | undefined {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return undefined;
  return Math.min(MAX_PROBE_TIMEOUT_MS, Math.max(MIN_PROBE_TIMEOUT_MS, Math.round(raw)));
}

/** `goDoctor.extraTools`: bare tool names only (no path separators, no globs), each once. */
export function readToolNames(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const names = raw.filter((n): n is string => typeof n === 'string' && /^[A-Za-z0-9._+-]+$/.test(n) && n !== '.' && n !== '..');
  return [...new Set(names)];
}

/**
 * Reads a `goDoctor` section (and `files.exclude`: its globs set to `true` are not scanned either)
 * over `base`: a setting that is absent or unreadable keeps the base value; one that is present
 * replaces it (a rule override the user removed is gone, not kept from the base).
 */
export function readDoctorSettings<T extends DoctorSettingValues>(section: unknown, filesExclude: unknown, base: T): T {
  const raw = isRecord(section) ? section : {};
  const settings: T = { ...base, rules: { ...base.rules }, extraTools: [...base.extraTools], exclude: [...base.exclude] };
  settings.probeTimeoutMs = readProbeTimeout(raw.probeTimeoutMs) ?? base.probeTimeoutMs;
  if (Array.isArray(raw.extraTools)) settings.extraTools = readToolNames(raw.extraTools);
  if (isRecord(raw.rules)) settings.rules = readRuleSettings(raw.rules);
  if (Array.isArray(raw.exclude)) settings.exclude = raw.exclude.filter((g): g is string => typeof g === 'string');
  if (isRecord(filesExclude)) {
    for (const [glob, on] of Object.entries(filesExclude)) if (on === true && !settings.exclude.includes(glob)) settings.exclude.push(glob);
  }
  return settings;
}
