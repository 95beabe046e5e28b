/**
 * Reads the `goDoctor.*` settings (normalized by core/doctor-settings.ts, as the server and the CLI
 * read them) for the server and for the toolchain watcher.
 */
import * as vscode from 'vscode';
import type { DoctorSettings } from '../server/protocol.js';
import { DEFAULT_DOCTOR_SETTINGS, readDoctorSettings } from '../core/doctor-settings.js';
import { GO_TOOL_NAMES } from '../core/knowledge/go-tools.js';
import { SECTION } from './settings-values.js';


export class DoctorConfig {
  /**
   * The settings the server gets. In Restricted Mode VS Code returns only the user's own value of
   * `goDoctor.extraTools` (a restricted configuration), so a workspace cannot name executables.
   */
  serverSettings(scope?: vscode.ConfigurationScope): DoctorSettings {
    // resource-scoped settings: the first folder's value unless a scope is given
    const at = scope ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? null;
    const c = vscode.workspace.getConfiguration(SECTION, at);
    const filesExclude = vscode.workspace.getConfiguration('files', at).get('exclude');
    const section = { rules: c.get('rules'), probeTimeoutMs: c.get('probeTimeoutMs'), extraTools: c.get('extraTools') };
    return readDoctorSettings(section, filesExclude, DEFAULT_DOCTOR_SETTINGS);
  }

  watchedToolNames(fromReport: readonly string[] = []): string[] {
    // a change of any of these binaries re-probes the toolchain
    return [...new Set([...GO_TOOL_NAMES, ...fromReport, ...this.serverSettings().extraTools])];
  }
}
