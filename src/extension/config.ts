/**
 * Reads the `goDoctor.*` settings (normalized by settings-values.ts) for the server and for the
 * toolchain watcher.
 */
import * as vscode from 'vscode';
import type { DoctorSettings } from '../server/protocol.js';
import { DEFAULT_WATCHED_TOOLS, readProbeTimeout, readRuleSettings, readToolNames, SECTION } from './settings-values.js';

export { effectOfChange, SECTION, type SettingEffect } from './settings-values.js';

export class DoctorConfig {
  /**
   * The settings the server gets. In Restricted Mode VS Code returns only the user's own value of
   * `goDoctor.extraTools` (a restricted configuration), so a workspace cannot name executables.
   */
  serverSettings(scope?: vscode.ConfigurationScope): DoctorSettings {
    // resource-scoped settings: the first folder's value unless a scope is given
    const at = scope ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? null;
    const c = vscode.workspace.getConfiguration(SECTION, at);
    const filesExclude = vscode.workspace.getConfiguration('files', at).get<Record<string, unknown>>('exclude') ?? {};
    return {
      rules: readRuleSettings(c.get('rules')),
      probeTimeoutMs: readProbeTimeout(c.get('probeTimeoutMs')),
      extraToolNames: readToolNames(c.get('extraTools')),
      exclude: Object.entries(filesExclude)
        .filter(([, on]) => on === true)
        .map(([glob]) => glob),
    };
  }

  watchedToolNames(fromReport: readonly string[] = []): string[] {
    return [...new Set([...DEFAULT_WATCHED_TOOLS, ...fromReport, ...this.serverSettings().extraToolNames])];
  }
}
