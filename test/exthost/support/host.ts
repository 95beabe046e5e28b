/**
 * Shared helpers for the tests that run inside the real VS Code extension host: the extension's
 * API, the fixture workspace, and polling for state that arrives asynchronously (diagnostics, the
 * status bar) — always with a deadline and a message that says what never arrived.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { DoctorApi } from '../../../src/extension/api.js';

export const EXTENSION_ID = 'go-toolchain-doctor.go-toolchain-doctor';
export const DIAGNOSTIC_SOURCE = 'Go Toolchain Doctor';

export async function doctorApi(): Promise<DoctorApi> {
  const ext = vscode.extensions.getExtension<DoctorApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  return ext.activate();
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder;
}

export function fixtureUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...segments);
}

/** Polls `probe` until it returns a value other than undefined, or fails after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function doctorDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === DIAGNOSTIC_SOURCE && (code === undefined || diagnosticCode(d) === code));
}

export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Runs a real binary (the truth the extension must agree with). */
export function run(binary: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(binary, args, { encoding: 'utf8', env: { ...env, GOTOOLCHAIN: 'local' }, timeout: 20_000 }).trim();
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  assert.ok(value, `${name} is not set: run these tests through test/exthost/run.mjs`);
  return value;
}
