/**
 * Go Toolchain Doctor for VS Code. activate() only builds the one context object, registers the
 * commands and starts the bundled language server without waiting for it.
 */
import type * as vscode from 'vscode';
import type { DoctorApi } from './api.js';
import { registerCommands } from './commands.js';
import { DoctorContext } from './context.js';

let doctor: DoctorContext | undefined;

export function activate(extension: vscode.ExtensionContext): DoctorApi {
  const activateStart = performance.now();
  const ctx = new DoctorContext(extension, activateStart);
  doctor = ctx;
  registerCommands(ctx);
  void ctx.startServer();
  ctx.timings.activateMs = performance.now() - activateStart;
  return {
    get status() {
      return ctx.status.summary;
    },
    get languageStatus() {
      return ctx.status.languageStatus;
    },
    get report() {
      return ctx.fullReport;
    },
    get watchdog() {
      return ctx.watchdogState;
    },
    get tree() {
      return ctx.tree.nodes;
    },
    get timings() {
      return ctx.timings;
    },
    get trusted() {
      return ctx.trusted;
    },
    onDidReport: ctx.onDidReport,
    whenReport: (predicate, timeoutMs) => ctx.whenReport(predicate, timeoutMs),
  };
}

export async function deactivate(): Promise<void> {
  const ctx = doctor;
  doctor = undefined;
  await ctx?.dispose();
}
