/**
 * The gopls CPU watchdog in VS Code: VS Code's own file events feed the event meter, the sampler runs
 * on the monitor's adaptive interval (slow when calm, fast while suspicious, woken early by storm-like
 * events; never a busy loop), one notification per storm, a state for the status bar, and the
 * report entry (a Finding) with fixes; the exclusion fix is applied in workspace scope keeping comments.
 * Everything it decides lives in src/watchdog (StormMonitor); this file only wires VS Code to it.
 */
import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/finding.js';
import { readInotifyUsage, type InotifyUsage } from '../../watchdog/inotify-usage.js';
import type { FileChange } from '../../watchdog/gopls-watched.js';
import { LinuxProcSampler } from '../../watchdog/linux-proc-sampler.js';
import { MacPsSampler } from '../../watchdog/mac-ps-sampler.js';
import { cpuBetween, type GoplsSampler, type ProcessSample } from '../../watchdog/process-sample.js';
import { exclusionFixes, RESTART_GOPLS_COMMAND } from '../../watchdog/storm-fixes.js';
import { stormFinding, stormHeadline, watcherClause } from '../../watchdog/storm-report.js';
import { LINUX_INTERVALS, MAC_INTERVALS, StormMonitor, type MonitorNotice, type SamplingIntervals, type StormEpisode, type WatchdogPhase } from '../../watchdog/storm-monitor.js';
import { findingMarkdown } from './finding-markdown.js';
import { readWatchdogSettings, WATCHDOG_SECTION, type WatchdogSettings } from './watchdog-settings.js';
import { applyWorkspaceSettingFixes, type SettingFix } from './workspace-settings-writer.js';
import { isRecord } from '../../core/is-record.js';

interface WatchdogDeps {
  log: Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'debug' | 'error'>;
  /** Test seams. */
  sampler?: GoplsSampler;
  intervals?: SamplingIntervals;
  /** Show the one-per-storm notification (default true). */
  notifications?: boolean;
  /** Milliseconds, monotonic; must match the sampler's clock (default performance.now). */
  clock?: () => number;
}

/** What the status bar (and tests) can show. */
export interface WatchdogView {
  phase: WatchdogPhase;
  severity: Severity;
  /** Status bar text (codicons), empty when there is nothing to show. */
  text: string;
  /** Markdown tooltip. */
  tooltip: string;
  /** "gopls at 180 % CPU for 40 s while `build/gen/` produced 4 800 file events/s" (current or last storm). */
  headline: string | undefined;
  cpuPercent: number | undefined;
  /** VS Code's file watcher at the last sample, % of one core; undefined = not identified (unknown). */
  watcherCpuPercent: number | undefined;
  events10s: number;
  episode: StormEpisode | undefined;
  /** Notifications shown since the watchdog started. */
  notifications: number;
  /** Workspace file events received from VS Code since the watchdog started. */
  eventsSeen: number;
}

export interface Watchdog extends vscode.Disposable {
  readonly state: WatchdogView;
  readonly onDidChangeState: vscode.Event<WatchdogView>;
  /** The report entry for the current or last storm (undefined before the first). */
  finding(): Promise<Finding | undefined>;
  /** Applies files.watcherExclude + gopls build.directoryFilters for `directory` (default: the storm's). Returns the settings file. */
  excludeDirectory(directory?: string): Promise<string | undefined>;
  /** Takes a sample now (tests, the "check now" command). */
  sampleNow(): Promise<void>;
}

const WAKE_DELAY_MS = 100;

function defaultSampler(): { sampler: GoplsSampler; intervals: SamplingIntervals } | undefined {
  if (process.platform === 'linux') return { sampler: new LinuxProcSampler({ ownerPid: process.pid }), intervals: LINUX_INTERVALS };
  if (process.platform === 'darwin') return { sampler: new MacPsSampler({ ownerPid: process.pid }), intervals: MAC_INTERVALS };
  return undefined;
}

class VscodeWatchdog implements Watchdog {
  private readonly changed = new vscode.EventEmitter<WatchdogView>();
  readonly onDidChangeState = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private running: vscode.Disposable[] = [];
  private settings: WatchdogSettings;
  private monitor: StormMonitor;
  private readonly sampler: GoplsSampler | undefined;
  private readonly intervals: SamplingIntervals;
  private readonly clock: () => number;
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Number.POSITIVE_INFINITY;
  private lastSampleAt = Number.NEGATIVE_INFINITY;
  private previous: ProcessSample | undefined;
  private sampling: Promise<void> | undefined;
  private view: WatchdogView;
  private notificationCount = 0;
  private eventsSeen = 0;
  private inotify: { episode: number; usage: InotifyUsage | undefined } | undefined;
  private disposed = false;

  constructor(private readonly deps: WatchdogDeps) {
    this.clock = deps.clock ?? (() => performance.now());
    const platform = deps.sampler ? { sampler: deps.sampler, intervals: deps.intervals ?? LINUX_INTERVALS } : defaultSampler();
    this.sampler = platform?.sampler;
    this.intervals = deps.intervals ?? platform?.intervals ?? LINUX_INTERVALS;
    this.settings = readWatchdogSettings();
    this.monitor = this.newMonitor();
    this.view = this.render();
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(WATCHDOG_SECTION)) this.reconfigure();
      }),
    );
    this.start();
  }

  get state(): WatchdogView {
    return this.view;
  }

  private newMonitor(): StormMonitor {
    return new StormMonitor({ thresholds: this.settings.thresholds, budget: this.settings.budget, intervals: this.intervals });
  }

  private reconfigure(): void {
    const was = this.settings.enabled;
    this.settings = readWatchdogSettings();
    this.deps.log.info(`watchdog settings: ${JSON.stringify(this.settings)}`);
    this.stop();
    this.monitor = this.newMonitor();
    this.previous = undefined;
    if (this.settings.enabled) this.start();
    else if (was) this.deps.log.info('watchdog disabled');
    this.publish();
  }

  private start(): void {
    if (!this.settings.enabled || this.disposed) return;
    if (!this.sampler) {
      this.deps.log.info(`watchdog: no gopls sampler for ${process.platform}; the watchdog is off`);
      return;
    }
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.running = [
      watcher,
      watcher.onDidCreate((uri) => this.onFileEvent(uri, 'created')),
      watcher.onDidChange((uri) => this.onFileEvent(uri, 'changed')),
      watcher.onDidDelete((uri) => this.onFileEvent(uri, 'deleted')),
    ];
    this.schedule(0);
  }

  private stop(): void {
    for (const d of this.running) d.dispose();
    this.running = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Number.POSITIVE_INFINITY;
  }

  /** `change` tells a created / deleted package directory (a reload for gopls) from a file change. */
  private onFileEvent(uri: vscode.Uri, change: FileChange): void {
    if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') return;
    const rel = vscode.workspace.asRelativePath(uri, false);
    if (rel === uri.fsPath || rel.startsWith('/')) return; // outside the workspace
    this.eventsSeen++;
    const t = this.clock();
    if (this.monitor.recordEvent(t, rel, undefined, change) && t - this.lastSampleAt >= this.intervals.fastMs / 2) {
      // storm-like events while sampling slowly: sample soon (once; the next interval is fast)
      if (this.dueAt > t + WAKE_DELAY_MS) this.schedule(WAKE_DELAY_MS);
    }
  }

  private schedule(delayMs: number): void {
    if (this.disposed || !this.settings.enabled) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = this.clock() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sampleNow();
    }, delayMs);
  }

  sampleNow(): Promise<void> {
    this.sampling ??= this.takeSample().finally(() => {
      this.sampling = undefined;
      if (!this.timer) this.schedule(this.monitor.nextSampleDelay());
    });
    return this.sampling;
  }

  private async takeSample(): Promise<void> {
    const sampler = this.sampler;
    if (!sampler || !this.settings.enabled) return;
    let current: ProcessSample;
    try {
      current = await sampler.sample();
    } catch (err) {
      this.deps.log.warn(`watchdog sample failed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (this.disposed) return;
    const reading = cpuBetween(this.previous, current);
    this.previous = current;
    this.lastSampleAt = current.t;
    if (reading.intervalMs > 0) this.monitor.recordCpu(reading);
    const { notices } = this.monitor.tick(current.t);
    for (const n of notices) this.onNotice(n);
    this.publish();
  }

  private onNotice(n: MonitorNotice): void {
    const headline = stormHeadline(n.episode);
    if (n.kind === 'notify') {
      this.deps.log.warn(`watchdog: ${headline}`);
      this.notificationCount++;
      if (this.deps.notifications !== false) void this.notify(n.episode);
    } else if (n.kind === 'escalated') this.deps.log.warn(`watchdog: still going (${n.episode.severity}): ${headline}`);
    else this.deps.log.info(`watchdog: storm over: ${headline}`);
  }

  private async notify(ep: StormEpisode): Promise<void> {
    const headline = stormHeadline(ep);
    const directory = ep.cause.kind === 'directory' ? ep.cause.path : undefined;
    const exclude = directory ? vscode.l10n.t('Exclude {0}', `${directory}/`) : undefined;
    const hasRestart = (await vscode.commands.getCommands(true)).includes(RESTART_GOPLS_COMMAND);
    const restart = hasRestart ? vscode.l10n.t('Restart gopls') : undefined;
    const details = vscode.l10n.t('Details');
    const items = [exclude, restart, details].filter((x): x is string => x !== undefined);
    const picked = ep.severity === 'error' ? await vscode.window.showErrorMessage(`${headline}.`, ...items) : await vscode.window.showWarningMessage(`${headline}.`, ...items);
    try {
      if (picked !== undefined && picked === exclude && directory) {
        const file = await this.excludeDirectory(directory);
        if (file) void vscode.window.showInformationMessage(vscode.l10n.t('Excluded {0} from file watching and from gopls in {1}.', `${directory}/`, file));
      } else if (picked !== undefined && picked === restart) {
        await vscode.commands.executeCommand(RESTART_GOPLS_COMMAND);
        this.sampler?.rediscover();
      } else if (picked === details) {
        const f = await this.finding();
        if (f) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: findingMarkdown(f) }));
      }
    } catch (err) {
      void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    }
  }

  /** The effective gopls `build.directoryFilters` (a dotted key inside the `gopls` object, so read the object). */
  private currentDirectoryFilters(): readonly unknown[] | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const gopls = vscode.workspace.getConfiguration(undefined, folder?.uri).get<unknown>('gopls');
    const v = isRecord(gopls) ? gopls['build.directoryFilters'] : undefined;
    return Array.isArray(v) ? v : undefined;
  }

  async finding(): Promise<Finding | undefined> {
    const ep = this.monitor.state.episode;
    if (!ep) return undefined;
    if (process.platform === 'linux' && this.inotify?.episode !== ep.id) {
      let usage: InotifyUsage | undefined;
      try {
        usage = await readInotifyUsage();
      } catch {
        usage = undefined;
      }
      this.inotify = { episode: ep.id, usage };
    }
    return stormFinding(ep, {
      thresholds: this.monitor.thresholds,
      directoryFilters: this.currentDirectoryFilters(),
      goplsArgs: this.previous?.processes.map((p) => p.args) ?? [],
      ...(this.inotify?.usage ? { inotify: this.inotify.usage } : {}),
    });
  }

  async excludeDirectory(directory?: string): Promise<string | undefined> {
    const ep = this.monitor.state.episode;
    const dir = directory ?? (ep?.cause.kind === 'directory' ? ep.cause.path : undefined);
    if (!dir) return undefined;
    const fixes = exclusionFixes(dir, this.currentDirectoryFilters()).filter((f): f is SettingFix => f.kind === 'setting');
    if (fixes.length === 0) return undefined;
    const file = await applyWorkspaceSettingFixes(fixes);
    this.deps.log.info(`watchdog: excluded ${dir}/ (${fixes.map((f) => `${f.section}${f.key ? ` › ${f.key}` : ''}`).join(', ')}) in ${file}`);
    return file;
  }

  private render(): WatchdogView {
    const s = this.monitor.state;
    const ep = s.episode;
    const headline = ep ? stormHeadline(ep) : undefined;
    const enabled = this.settings.enabled && this.sampler !== undefined;
    const phase: WatchdogPhase = enabled ? s.phase : 'off';
    let text = '';
    if (phase === 'storm') text = `$(flame) gopls ${Math.round(s.cpuPercent ?? ep?.cpuPercent ?? 0)}%`;
    else if (phase === 'settling') text = '$(flame) gopls storm';
    const watcher = ep ? watcherClause(ep) : undefined;
    const tooltip = headline ? `**${headline}**${watcher ? `\n\n${watcher}` : ''}\n\n${phase === 'storm' ? vscode.l10n.t('The storm is going on.') : vscode.l10n.t('Last storm.')}` : '';
    return { phase, severity: enabled ? s.severity : 'info', text, tooltip, headline, cpuPercent: s.cpuPercent, watcherCpuPercent: enabled ? s.watcherCpuPercent : undefined, events10s: s.events10s, episode: ep, notifications: this.notificationCount, eventsSeen: this.eventsSeen };
  }

  private publish(): void {
    const next = this.render();
    const prev = this.view;
    this.view = next;
    if (prev.phase !== next.phase || prev.severity !== next.severity || prev.text !== next.text || prev.headline !== next.headline || prev.notifications !== next.notifications) {
      this.changed.fire(next);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
    for (const d of this.disposables) d.dispose();
  }
}

/** The one entry point for the extension's context: `ctx.own(createWatchdog({ log: ctx.log }))`. */
export function createWatchdog(deps: WatchdogDeps): Watchdog {
  return new VscodeWatchdog(deps);
}
