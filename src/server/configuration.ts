import type { DoctorSettings } from './protocol.js';
import { isRecord } from '../core/is-record.js';
import type { GoExtensionSettings } from '../core/knowledge/go-extension-resolution.js';
import type { EditorRecord } from '../core/snapshot.js';

export const DEFAULT_SETTINGS: DoctorSettings = { rules: {}, probeTimeoutMs: 5000, extraToolNames: [], exclude: [] };

const SEVERITIES = new Set(['error', 'warning', 'info']);

/**
 * Reads the `goDoctor` section (and `files.exclude`) as the client sent it: anything of the
 * wrong type is ignored and the default kept, so a bad setting never breaks the server.
 */
export function readSettings(section: unknown, filesExclude?: unknown, base: DoctorSettings = DEFAULT_SETTINGS): DoctorSettings {
  const raw = isRecord(section) ? section : {};
  const settings: DoctorSettings = { ...base, rules: { ...base.rules }, extraToolNames: [...base.extraToolNames], exclude: [...base.exclude] };
  if (typeof raw.probeTimeoutMs === 'number' && Number.isFinite(raw.probeTimeoutMs) && raw.probeTimeoutMs > 0) {
    settings.probeTimeoutMs = Math.min(raw.probeTimeoutMs, 120_000);
  }
  // `extraToolNames` is the VS Code setting's name; the extension's initializationOptions say `extraTools`.
  const extra = Array.isArray(raw.extraToolNames) ? raw.extraToolNames : Array.isArray(raw.extraTools) ? raw.extraTools : undefined;
  if (extra) settings.extraToolNames = extra.filter((n): n is string => typeof n === 'string' && n !== '');
  if (isRecord(raw.rules)) {
    for (const [id, value] of Object.entries(raw.rules)) {
      if (!isRecord(value)) continue;
      const rule: DoctorSettings['rules'][string] = {};
      if (typeof value.enabled === 'boolean') rule.enabled = value.enabled;
      if (typeof value.severity === 'string' && SEVERITIES.has(value.severity)) rule.severity = value.severity as 'error' | 'warning' | 'info';
      settings.rules[id] = rule;
    }
  }
  if (Array.isArray(raw.exclude)) settings.exclude = raw.exclude.filter((g): g is string => typeof g === 'string');
  if (isRecord(filesExclude)) {
    for (const [glob, on] of Object.entries(filesExclude)) if (on === true && !settings.exclude.includes(glob)) settings.exclude.push(glob);
  }
  return settings;
}


const shortText = (v: unknown, max = 4096): string | undefined => (typeof v === 'string' && v !== '' && v.length <= max ? v : undefined);

/**
 * `initializationOptions.editor` as a client sent it (any LSP client can send anything): the
 * editor's name, its remote name and the Go extension settings that choose binaries.
 */
export function readEditor(raw: unknown): EditorRecord | undefined {
  if (!isRecord(raw) || raw.name !== 'vscode') return undefined;
  const editor: EditorRecord = { name: 'vscode' };
  const remoteName = shortText(raw.remoteName, 200);
  if (remoteName) editor.remoteName = remoteName;
  if (isRecord(raw.goSettings)) {
    const g = raw.goSettings;
    const goSettings: GoExtensionSettings = {};
    if (isRecord(g.alternateTools)) {
      const tools = Object.entries(g.alternateTools).filter((e): e is [string, string] => shortText(e[1]) !== undefined).slice(0, 64);
      if (tools.length > 0) goSettings.alternateTools = Object.fromEntries(tools);
    }
    const goroot = shortText(g.goroot);
    if (goroot) goSettings.goroot = goroot;
    const toolsGopath = shortText(g.toolsGopath);
    if (toolsGopath) goSettings.toolsGopath = toolsGopath;
    editor.goSettings = goSettings;
  }
  return editor;
}
