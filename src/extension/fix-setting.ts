/**
 * `goDoctor.applySetting`: a settings fix through the configuration API, which edits settings.json
 * with comment-preserving JSON edits (or, for a setting no installed extension declares, the same
 * kind of edit of .vscode/settings.json done here). The fix names the scope where it belongs; the user is asked
 * only when that scope cannot take effect (a user setting the workspace overrides) or is absent.
 */
import * as vscode from 'vscode';
import type { Fix } from '../core/finding.js';
import type { ApplySettingArgs } from '../server/protocol.js';
import { applyWorkspaceSettingFixes } from './watchdog/workspace-settings-writer.js';
import { nextValue } from './settings-values.js';
import { isRecord } from '../core/is-record.js';

interface SettingPlan {
  target: vscode.ConfigurationTarget;
  /** Why the user must choose (undefined: apply without asking). */
  question?: string;
}

type Inspected = { workspaceValue?: unknown; workspaceFolderValue?: unknown } | undefined;

function hasWorkspaceValue(inspected: Inspected, key: string | undefined): boolean {
  for (const v of [inspected?.workspaceValue, inspected?.workspaceFolderValue]) {
    if (v === undefined) continue;
    if (key === undefined) return true;
    if (isRecord(v) && key in v) return true;
  }
  return false;
}

/** Where a setting fix goes, and whether to ask first. Pure apart from reading the current values. */
export function planSetting(args: Pick<ApplySettingArgs, 'section' | 'key' | 'scope'>, inspected: Inspected, hasWorkspace: boolean): SettingPlan {
  if (args.scope === 'workspace') {
    if (!hasWorkspace) return { target: vscode.ConfigurationTarget.Global };
    return { target: vscode.ConfigurationTarget.Workspace };
  }
  if (hasWorkspace && hasWorkspaceValue(inspected, args.key)) {
    return {
      target: vscode.ConfigurationTarget.Global,
      question: vscode.l10n.t(
        'The workspace settings also set {0}, and they take precedence over your user settings. Where should the fix go?',
        args.key ? `${args.section} › ${args.key}` : args.section,
      ),
    };
  }
  return { target: vscode.ConfigurationTarget.Global };
}

function valueAt(inspected: ReturnType<vscode.WorkspaceConfiguration['inspect']>, target: vscode.ConfigurationTarget): unknown {
  if (!inspected) return undefined;
  if (target === vscode.ConfigurationTarget.Global) return inspected.globalValue;
  if (target === vscode.ConfigurationTarget.WorkspaceFolder) return inspected.workspaceFolderValue;
  return inspected.workspaceValue;
}

interface AppliedSetting {
  target: 'workspace' | 'user';
  value: unknown;
}

/** Applies the fix; resolves undefined when the user cancels the scope question. */
export async function applySetting(args: ApplySettingArgs, log: vscode.LogOutputChannel): Promise<AppliedSetting | undefined> {
  if (!args || typeof args.section !== 'string' || args.section === '') throw new Error('goDoctor.applySetting: missing section');
  const scope = args.folderUri ? vscode.Uri.parse(args.folderUri) : undefined;
  const config = vscode.workspace.getConfiguration(undefined, scope);
  const inspected = config.inspect(args.section);
  const plan = planSetting(args, inspected, (vscode.workspace.workspaceFolders?.length ?? 0) > 0);
  let target = plan.target;
  if (plan.question) {
    const workspace = vscode.l10n.t('Workspace Settings');
    const user = vscode.l10n.t('User Settings');
    const picked = await vscode.window.showWarningMessage(plan.question, { modal: true }, workspace, user);
    if (picked === undefined) return undefined;
    target = picked === workspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  }
  const value = nextValue(valueAt(inspected, target), args);
  const where = target === vscode.ConfigurationTarget.Global ? 'user' : 'workspace';
  try {
    await config.update(args.section, value, target);
  } catch (err) {
    // A setting no installed extension declares (e.g. `gopls` without the Go extension): the
    // configuration API refuses it, so edit .vscode/settings.json directly, keeping comments.
    if (where !== 'workspace' || !/not a registered configuration/i.test(err instanceof Error ? err.message : String(err))) throw err;
    const fix: Extract<Fix, { kind: 'setting' }> = { kind: 'setting', title: args.title, section: args.section, value: args.remove ? undefined : args.value, scope: 'workspace' };
    if (args.key !== undefined) fix.key = args.key;
    const file = await applyWorkspaceSettingFixes([fix]);
    log.info(`${args.section} is not a registered setting: edited ${file} directly`);
  }
  log.info(`applied setting ${args.section}${args.key ? ` › ${args.key}` : ''} = ${JSON.stringify(value)} in ${where} settings (rule ${args.rule ?? '?'})`);
  return { target: where, value };
}
