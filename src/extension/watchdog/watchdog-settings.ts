/**
 * The `goDoctor.watchdog.*` settings → monitor options. Out-of-range values are clamped
 * (normalizeThresholds), never trusted.
 */
import * as vscode from 'vscode';
import { DEFAULT_THRESHOLDS, normalizeThresholds, type StormThresholds } from '../../watchdog/storm-detector.js';
import { DEFAULT_BUDGET, type SeverityBudget } from '../../watchdog/storm-monitor.js';
import { isRecord } from '../../core/is-record.js';

export const WATCHDOG_SECTION = 'goDoctor.watchdog';

export interface WatchdogSettings {
  enabled: boolean;
  thresholds: StormThresholds;
  budget: SeverityBudget;
}

function readBudget(raw: unknown): SeverityBudget {
  if (!isRecord(raw)) return { ...DEFAULT_BUDGET };
  const pick = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return { warn: pick(raw.warn, DEFAULT_BUDGET.warn), error: pick(raw.error, DEFAULT_BUDGET.error) };
}

export function readWatchdogSettings(config: Pick<vscode.WorkspaceConfiguration, 'get'> = vscode.workspace.getConfiguration(WATCHDOG_SECTION)): WatchdogSettings {
  return {
    enabled: config.get<boolean>('enabled', true) !== false,
    thresholds: normalizeThresholds({
      cpuThresholdPercent: config.get<number>('cpuThresholdPercent', DEFAULT_THRESHOLDS.cpuThresholdPercent),
      stormEventsPer10s: config.get<number>('stormEventsPer10s', DEFAULT_THRESHOLDS.stormEventsPer10s),
      stormMinActiveSeconds: config.get<number>('stormMinActiveSeconds', DEFAULT_THRESHOLDS.stormMinActiveSeconds),
      stormMemorySeconds: config.get<number>('stormMemorySeconds', DEFAULT_THRESHOLDS.stormMemorySeconds),
    }),
    budget: readBudget(config.get('severityBudget')),
  };
}
