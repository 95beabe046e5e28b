/**
 * The report of a live `check`: the machine is probed every time (its probes have their own
 * cache), the workspace is scanned unless an earlier check of it can be reused — same doctor
 * build, same machine facts, same rules and settings, and a workspace fingerprint showing that no
 * file the scan reads has changed (see probe/workspace/fingerprint.ts). A reused report differs
 * from a fresh one only in `snapshot.createdAt` and `snapshot.reusedFrom`.
 */
import { diagnose } from '../../core/diagnose.js';
import { buildReport, type DoctorReport } from '../../core/report/model.js';
import type { Snapshot } from '../../core/snapshot.js';
import { failedScanRecord } from '../../probe/workspace/failed-scan.js';
import { resultKey } from '../../probe/workspace/result-cache.js';
import type { CliEnvironment } from '../cli-environment.js';
import type { ParsedCommand } from '../command-line.js';
import { toolIdentity } from '../version.js';
import { probeFolder, probeMachine, workspaceFolder } from './probe-request.js';

type CheckCommand = Extract<ParsedCommand, { command: 'check' }>;

/** The machine facts of a snapshot without what changes from run to run but means nothing (the time, where the probe results came from). */
function machineIdentity(snapshot: Snapshot): Omit<Snapshot, 'createdAt' | 'workspace' | 'options'> & { options: Omit<Snapshot['options'], 'cache'> } {
  const { createdAt: _createdAt, workspace: _workspace, options, ...rest } = snapshot;
  const { cache: _cache, ...probeOptions } = options;
  return { ...rest, options: probeOptions };
}

export function reportOf(snapshot: Snapshot, cmd: CheckCommand, env: CliEnvironment, source: 'live' | 'file'): DoctorReport {
  const diagnosis = diagnose(snapshot, cmd.ruleSettings, env.rules);
  return buildReport(snapshot, diagnosis, { tool: toolIdentity, source });
}

/** Probes, scans (or reuses an unchanged workspace's results) and reports. */
export async function liveReport(cmd: CheckCommand, env: CliEnvironment): Promise<DoctorReport> {
  const results = cmd.cache ? env.workspaceResults : undefined;
  if (!results) return reportOf(await probeFolder(env, cmd.dir, cmd), cmd, env, 'live');
  const root = await workspaceFolder(env, cmd.dir);
  // The probes run commands while this process walks the tree: start them first.
  const probing = probeMachine(env, cmd);
  // A walk that fails is reported as the scan's failure (as collectSnapshot reports one).
  const prepared = await results.prepare(root).catch((error: unknown) => ({ error }));
  const machine = await probing;
  if ('error' in prepared) return reportOf({ ...machine, workspace: failedScanRecord(root, prepared.error) }, cmd, env, 'live');
  // The build id stands for the code (rules included): any rebuild gives another key.
  const key = resultKey({ build: results.buildId, machine: machineIdentity(machine), rules: env.rules.map((r) => r.id), settings: cmd.ruleSettings });
  const stored = await results.lookup(root, key, () => prepared.fingerprint());
  if (stored) {
    const report = stored.results;
    return { ...report, snapshot: { ...report.snapshot, createdAt: machine.createdAt, reusedFrom: new Date(stored.scannedAt).toISOString() } };
  }
  const scanned = await prepared.scan().catch((error: unknown) => ({ record: failedScanRecord(root, error), fingerprint: undefined }));
  const report = reportOf({ ...machine, workspace: scanned.record }, cmd, env, 'live');
  // A scan cut short (time or size budget) is not the workspace's whole story: never reused.
  if (scanned.fingerprint && !scanned.record.truncated) await results.store(root, key, scanned.fingerprint, report);
  return report;
}
