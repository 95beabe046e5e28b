/**
 * One workspace folder's analysis state: the last snapshot (machine facts + workspace files), the
 * workspace model and the findings. A toolchain change re-probes everything (new MachineFacts:
 * every memo keyed on them is dropped). A file change re-reads that one file (an open editor's
 * text wins over the disk), replaces its record and hands it to the folder's incremental model
 * builder, which parses only that file and keeps the arrays of the untouched half of the model
 * (and the Go files of untouched packages) as they were; the rules then run on the same
 * MachineFacts object, so what they memoise on those objects holds — no process, no rescan.
 */
import { performance } from 'node:perf_hooks';
import { runRules } from '../core/engine.js';
import { deriveMachineFacts } from '../core/facts/index.js';
import type { Finding, Location } from '../core/finding.js';
import type { MachineFacts } from '../core/machine.js';
import type { Snapshot, WorkspaceFileRecord, WorkspaceRecord } from '../core/snapshot.js';
import type { WorkspaceModel } from '../core/workspace/model.js';
import { FindingAnchors } from './anchoring.js';
import type { FileScan, IncrementalWorkspaceModel, ServerDependencies } from './dependencies.js';
import type { DoctorSettings, SkippedCheck } from './protocol.js';
import { skippedWhenUntrusted } from './trust.js';

interface AnalysedFinding {
  finding: Finding;
  /** Where it is shown (absolute file); undefined when only the report has it. */
  location?: Location;
}

interface Analysis {
  findings: AnalysedFinding[];
  analysedAt: Date;
  /** Time to rebuild the model, run the rules and anchor the findings (ms). */
  durationMs: number;
  /** What triggered it. */
  reason: 'probe' | 'files';
}

interface SessionOptions {
  root: string;
  folderUri: string;
  trusted: boolean;
  settings: DoctorSettings;
  deps: ServerDependencies;
  log: (message: string) => void;
  onAnalysed: (session: WorkspaceSession) => void;
  /**
   * A changed file is re-analysed once it has been left alone this long (ms): a burst of edits
   * (typing, a paste of 2 000 lines sent as 2 000 changes, a checkout) costs one analysis, not one
   * per change. 0: on the next turn of the event loop.
   */
  debounceMs?: number;
  /** While changes keep coming, a file still waits no longer than this (ms) for its analysis. */
  maxWaitMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 200;
const DEFAULT_MAX_WAIT_MS = 1000;

export class WorkspaceSession {
  readonly root: string;
  readonly folderUri: string;
  trusted: boolean;
  settings: DoctorSettings;
  state: 'probing' | 'ready' = 'probing';
  analysis: Analysis | undefined;
  skipped: SkippedCheck[] = [];

  private readonly deps: ServerDependencies;
  private readonly log: (message: string) => void;
  private readonly onAnalysed: (session: WorkspaceSession) => void;
  private snapshot: Snapshot | undefined;
  private machine: MachineFacts | undefined;
  private model: WorkspaceModel | undefined;
  /** relPath → index in snapshot.workspace.files. */
  private fileIndex = new Map<string, number>();
  /** Relative paths of the recorded go.mod/go.work files (kept until a file is added or removed). */
  private moduleFiles: string[] | undefined;
  private readonly modelBuilder: IncrementalWorkspaceModel;
  /** Paths the scan records (so editor text for them can be judged without asking the disk). */
  private readonly recordedPaths = new Set<string>();
  /** Open editors' text by relPath: wins over the disk. */
  private readonly overlays = new Map<string, string>();
  private refreshGeneration = 0;
  /** Files changed while a probe runs: re-read once it lands (its scan may predate them). */
  private changedDuringRefresh: Set<string> | undefined;
  /** Changed files waiting for their edits to settle: relPath → the timer and when the first change came. */
  private readonly waiting = new Map<string, { timer: NodeJS.Timeout; since: number }>();
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  /** Settled changes the next flush re-analyses. */
  private readonly pending = new Set<string>();
  private flushScheduled = false;
  private flushChain: Promise<void> = Promise.resolve();
  private disposed = false;
  /** The snapshot holds probed machine facts (false when untrusted or the probe failed). */
  private probed = false;

  constructor(options: SessionOptions) {
    this.root = options.root;
    this.folderUri = options.folderUri;
    this.trusted = options.trusted;
    this.settings = options.settings;
    this.deps = options.deps;
    this.log = options.log;
    this.onAnalysed = options.onAnalysed;
    this.modelBuilder = options.deps.createWorkspaceModel(options.root);
    this.debounceMs = Math.max(0, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    this.maxWaitMs = Math.max(this.debounceMs, options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
  }

  get currentSnapshot(): Snapshot | undefined {
    return this.snapshot;
  }

  get currentModel(): WorkspaceModel | undefined {
    return this.model;
  }

  get currentMachine(): MachineFacts | undefined {
    return this.machine;
  }

  /** Re-probes the machine (trusted) or re-reads the workspace statically (untrusted), then re-checks everything. */
  async refresh(): Promise<void> {
    const generation = ++this.refreshGeneration;
    this.state = 'probing';
    this.changedDuringRefresh = new Set();
    const skipped: SkippedCheck[] = [];
    let snapshot: Snapshot | undefined;
    if (this.trusted) {
      try {
        snapshot = await this.deps.collectSnapshot({ root: this.root, settings: this.settings });
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        this.log(`probe failed for ${this.root}: ${reason}`);
        skipped.push({ what: 'Machine checks (go, PATH, C toolchain)', reason: `the probe failed: ${reason}` });
      }
    } else {
      skipped.push(...skippedWhenUntrusted(this.deps.rules, this.deps.staticRules));
    }
    if (generation !== this.refreshGeneration || this.disposed) return;
    const probed = snapshot !== undefined;
    if (!snapshot || !snapshot.workspace) {
      let workspace: WorkspaceRecord;
      try {
        workspace = snapshot?.workspace ?? (await this.deps.scanWorkspace(this.root, this.settings));
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        this.log(`workspace scan failed for ${this.root}: ${reason}`);
        workspace = { root: this.root, files: [], skipped: [{ path: '.', reason: `scan failed: ${reason}` }] };
      }
      if (generation !== this.refreshGeneration || this.disposed) return;
      snapshot = snapshot ? { ...snapshot, workspace } : this.deps.staticSnapshot(workspace);
    }
    this.adopt(snapshot);
    this.probed = probed;
    this.skipped = skipped;
    // Open editors win over the fresh scan right away (before any await, so no analysis sees the disk's text).
    for (const [rel, text] of this.overlays) if (this.isRecordedPath(rel)) this.applyScan(rel, this.deps.scanText(rel, text));
    const changed = this.changedDuringRefresh;
    this.changedDuringRefresh = undefined;
    // Files changed while probing (the scan may predate them), and open editors whose path the scan did not record.
    const rereads = [...new Set([...changed, ...[...this.overlays.keys()].filter((rel) => !this.isRecordedPath(rel))])];
    const scans = await Promise.all(rereads.map(async (rel) => [rel, await this.scanFromDisk(rel)] as const));
    if (generation !== this.refreshGeneration || this.disposed) return;
    for (const [rel, scan] of scans) this.applyScan(rel, this.withOverlay(rel, scan));
    this.state = 'ready';
    this.rebuildAndAnalyse('probe');
  }

  /** An editor opened or changed a file: its text wins over the disk until it is closed. */
  documentChanged(relPath: string, text: string): void {
    this.overlays.set(relPath, text);
    this.schedule(relPath);
  }

  /** An editor closed a file: back to the disk content. */
  documentClosed(relPath: string): void {
    if (!this.overlays.delete(relPath)) return;
    this.schedule(relPath);
  }

  /** A file changed, appeared or went away on disk (ignored while an editor holds it open). */
  fileChangedOnDisk(relPath: string): void {
    if (this.overlays.has(relPath)) return;
    this.schedule(relPath);
  }

  /**
   * Re-analyses one file synchronously from the given text (the server's hot path, exposed for
   * the benchmark): replace its record, rebuild the model, re-run the rules.
   */
  reanalyseText(relPath: string, text: string): Analysis | undefined {
    this.overlays.set(relPath, text);
    if (!this.snapshot || !this.isRecordedPath(relPath)) return undefined;
    this.applyScan(relPath, this.deps.scanText(relPath, text));
    return this.rebuildAndAnalyse('files');
  }

  /**
   * Re-analyses every change still waiting for its edits to settle, now, and resolves once the
   * findings reflect them (a request that needs the latest findings calls this first).
   */
  async settle(): Promise<void> {
    for (const [relPath, { timer }] of this.waiting) {
      clearTimeout(timer);
      this.pending.add(relPath);
    }
    this.waiting.clear();
    if (this.pending.size > 0 && !this.disposed) this.queueFlush();
    await this.flushChain;
  }

  /** Changes waiting to be analysed (settled or not). */
  get changesWaiting(): number {
    return this.waiting.size + this.pending.size;
  }

  dispose(): void {
    this.disposed = true;
    this.refreshGeneration++;
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    this.pending.clear();
  }

  private schedule(relPath: string): void {
    this.changedDuringRefresh?.add(relPath);
    if (this.disposed) return;
    if (this.debounceMs === 0) {
      this.settled(relPath);
      return;
    }
    const now = performance.now();
    const earlier = this.waiting.get(relPath);
    if (earlier) clearTimeout(earlier.timer);
    const since = earlier?.since ?? now;
    const delay = Math.max(0, Math.min(this.debounceMs, since + this.maxWaitMs - now));
    const timer = setTimeout(() => {
      this.waiting.delete(relPath);
      this.settled(relPath);
    }, delay);
    this.waiting.set(relPath, { timer, since });
  }

  /** A file's edits have settled: analyse it with whatever else settled in the same turn. */
  private settled(relPath: string): void {
    this.pending.add(relPath);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.queueFlush();
    });
  }

  private queueFlush(): void {
    this.flushChain = this.flushChain.then(() => this.flush()).catch((err: unknown) => this.log(`re-analysis failed: ${String(err)}`));
  }

  private async flush(): Promise<void> {
    if (this.pending.size === 0 || this.disposed) return;
    const paths = [...this.pending];
    this.pending.clear();
    if (!this.snapshot) return; // the first probe is still running; it applies overlays and re-reads changed files itself
    // Editor text for a path the scan records is judged right away; anything else asks the disk.
    const scans = await Promise.all(
      paths.map(async (rel) => [rel, this.overlays.has(rel) && this.isRecordedPath(rel) ? undefined : await this.scanFromDisk(rel)] as const),
    );
    if (this.disposed) return;
    for (const [rel, diskScan] of scans) {
      const text = this.overlays.get(rel);
      this.applyScan(rel, diskScan ? this.withOverlay(rel, diskScan) : text !== undefined ? this.deps.scanText(rel, text) : { kind: 'ignored' });
    }
    this.rebuildAndAnalyse('files');
  }

  /** The disk's answer for a path, with the editor's text instead of the disk's when the file is open. */
  private withOverlay(relPath: string, diskScan: FileScan): FileScan {
    const text = this.overlays.get(relPath);
    if (text === undefined || diskScan.kind === 'ignored') return diskScan;
    return this.deps.scanText(relPath, text);
  }

  private isRecordedPath(relPath: string): boolean {
    return this.fileIndex.has(relPath) || this.recordedPaths.has(relPath);
  }

  private async scanFromDisk(relPath: string): Promise<FileScan> {
    let scan: FileScan;
    try {
      scan = await this.deps.scanFile(this.root, relPath, this.settings);
    } catch (err) {
      scan = { kind: 'skipped', reason: `could not be read: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (scan.kind === 'ignored') this.recordedPaths.delete(relPath);
    else this.recordedPaths.add(relPath);
    return scan;
  }

  private adopt(snapshot: Snapshot): void {
    const workspace = snapshot.workspace ?? { root: this.root, files: [], skipped: [] };
    // Our own copy: file changes edit it in place, and the probe may hand out a cached snapshot.
    this.snapshot = { ...snapshot, workspace: { ...workspace, files: [...workspace.files], skipped: [...workspace.skipped] } };
    this.fileIndex = new Map(this.snapshot.workspace!.files.map((f, i) => [f.path, i]));
    this.moduleFiles = undefined;
    for (const skipped of this.snapshot.workspace!.skipped) this.recordedPaths.add(skipped.path);
    this.modelBuilder.reset(this.snapshot.workspace!);
    this.machine = deriveMachineFacts(this.snapshot);
  }

  private applyScan(relPath: string, scan: FileScan): void {
    const record = this.snapshot?.workspace;
    if (!record) return;
    const skippedAt = record.skipped.findIndex((s) => s.path === relPath);
    if (skippedAt >= 0) record.skipped.splice(skippedAt, 1);
    const index = this.fileIndex.get(relPath);
    if (scan.kind === 'record') {
      if (index !== undefined) record.files[index] = scan.record;
      else {
        this.fileIndex.set(relPath, record.files.push(scan.record) - 1);
        this.moduleFiles = undefined;
      }
      this.modelBuilder.update(scan.record);
      return;
    }
    if (scan.kind === 'skipped') record.skipped.push({ path: relPath, reason: scan.reason });
    if (index !== undefined) {
      record.files.splice(index, 1);
      this.fileIndex = new Map(record.files.map((f, i) => [f.path, i]));
      this.moduleFiles = undefined;
      this.modelBuilder.remove(relPath);
    }
  }

  private recordedModuleFiles(files: readonly WorkspaceFileRecord[]): string[] {
    this.moduleFiles ??= files.filter((f) => isModuleFile(f.path)).map((f) => f.path);
    return this.moduleFiles;
  }

  private rebuildAndAnalyse(reason: Analysis['reason']): Analysis | undefined {
    const snapshot = this.snapshot;
    const machine = this.machine;
    if (!snapshot?.workspace || !machine) return undefined;
    const started = performance.now();
    const record = snapshot.workspace;
    const model = this.modelBuilder.model();
    this.model = model;
    const rules = this.probed ? this.deps.rules : this.deps.staticRules;
    const findings = runRules(rules, { snapshot, machine, workspace: model }, this.settings.rules);
    const anchors = new FindingAnchors({
      root: this.root,
      model,
      fileText: (rel) => {
        const index = this.fileIndex.get(rel);
        return index === undefined ? undefined : record.files[index]?.content;
      },
      moduleFiles: this.recordedModuleFiles(record.files),
    });
    const analysed = findings.map((finding): AnalysedFinding => {
      const location = anchors.locate(finding);
      return location ? { finding, location } : { finding };
    });
    this.analysis = { findings: analysed, analysedAt: new Date(), durationMs: performance.now() - started, reason };
    this.onAnalysed(this);
    return this.analysis;
  }
}

function isModuleFile(relPath: string): boolean {
  return relPath === 'go.mod' || relPath === 'go.work' || relPath.endsWith('/go.mod') || relPath.endsWith('/go.work');
}
