/**
 * The `goDoctor.*` settings as the extension acts on them (core/doctor-settings.ts reads their
 * values, for every front): what a change of each setting requires (a new server, new settings for
 * the running one, a new probe, or nothing the extension acts on — the watchdog reads its own
 * group), and the new value of a setting a fix changes. Pure: no `vscode` import.
 */
import { isRecord } from '../core/is-record.js';

export const SECTION = 'goDoctor';

type SettingEffect = 'restart' | 'reprobe' | 'reconfigure' | 'none';

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

/** The new value of the whole setting at `target` (for object settings: one key changed). */
export function nextValue(current: unknown, args: { key?: string; value?: unknown; remove?: boolean }): unknown {
  const remove = args.remove || args.value === undefined;
  if (args.key === undefined) return remove ? undefined : args.value;
  const base = isRecord(current) ? { ...current } : {};
  if (remove) delete base[args.key];
  else base[args.key] = args.value;
  return Object.keys(base).length ? base : undefined;
}
