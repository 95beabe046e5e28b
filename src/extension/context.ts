/**
 * The extension's one context object. Disposables are grouped by lifetime:
 * - `extension.subscriptions`: for as long as the extension is active (UI, commands, listeners);
 * - `serverScope`: one running server (its client, its notification handler, the PATH watchers that
 *   tell it about toolchain changes) — disposed and rebuilt by "Restart Server", by a trust grant
 *   and by settings that need a new server.
 */
import * as vscode from 'vscode';
import { ruleDocsUrl } from '../core/rule.js';
import {
  reportChangedNotification,
  reportRequest,
  rulesRequest,
  toolchainChangedNotification,
  type PublishedFinding,
  type ReportParams,
  type RuleInfo,
} from '../server/protocol.js';
import { createLanguageClient, type DoctorClient } from './client.js';
import { DoctorConfig } from './config.js';
import { effectOfChange, SECTION } from './settings-values.js';
import { pickFolder, type ReceivedReport } from './folder-reports.js';
import { ReportTree } from './report-tree.js';
import { DoctorStatus } from './status-bar.js';
import type { DoctorPhase } from './status-summary.js';
import { ToolchainWatcher } from './toolchain-watcher.js';
import { createWatchdog, type Watchdog } from './watchdog/index.js';

const REFRESH_DEBOUNCE_MS = 100;

/** A group of disposables that live and die together. */
class DisposableScope implements vscode.Disposable {
  private items: vscode.Disposable[] = [];
  add<T extends vscode.Disposable>(item: T): T {
    this.items.push(item);
    return item;
  }
  dispose(): void {
    const items = this.items.reverse();
    this.items = [];
    for (const d of items) {
      try {
        d.dispose();
      } catch {
        // one failing dispose must not keep the rest alive
      }
    }
  }
}

export interface DoctorTimings {
  /** performance.now() when activate() began. */
  activateStart: number;
  /** Duration of activate() itself, ms. */
  activateMs?: number;
  /** activate() start → language server initialized, ms. */
  serverReadyMs?: number;
  /** activate() start → status bar shows the toolchain (first report), ms. */
  statusPopulatedMs?: number;
}

export class DoctorContext implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  readonly config = new DoctorConfig();
  readonly status: DoctorStatus;
  readonly tree: ReportTree;
  readonly timings: DoctorTimings;

  private client: DoctorClient | undefined;
  private serverScope = new DisposableScope();
  private toolchainWatcher: ToolchainWatcher | undefined;
  private watchedToolsKey = '';
  private starting: Promise<void> | undefined;
  private phase: DoctorPhase = 'starting';
  private failure: string | undefined;
  private reports: ReceivedReport[] = [];
  private shown: ReceivedReport | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Every check the server runs (asked once: the rules ship in the server only). */
  private rules: RuleInfo[] | undefined;
  private watchdog: Watchdog | undefined;
  private watchdogFinding: PublishedFinding | undefined;
  private readonly reported = new vscode.EventEmitter<ReceivedReport | undefined>();
  readonly onDidReport = this.reported.event;

  constructor(
    readonly extension: vscode.ExtensionContext,
    activateStart: number,
  ) {
    this.timings = { activateStart };
    this.log = this.own(vscode.window.createOutputChannel(vscode.l10n.t('Go Toolchain Doctor'), { log: true }));
    this.status = this.own(new DoctorStatus(this.statusInput()));
    this.tree = this.own(new ReportTree(() => this.ruleCatalog()));
    this.own(this.reported);
    this.own({ dispose: () => this.serverScope.dispose() });
    this.own({ dispose: () => this.refreshTimer && clearTimeout(this.refreshTimer) });
    this.own(vscode.workspace.onDidChangeConfiguration((e) => this.configurationChanged(e)));
    this.own(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.startWatchdog();
        void this.restartServer('workspace trusted');
      }),
    );
    this.own(vscode.window.onDidChangeActiveTextEditor(() => this.show(this.pick())));
  }

  /** Ties a disposable to the extension's lifetime. */
  own<T extends vscode.Disposable>(item: T): T {
    this.extension.subscriptions.push(item);
    return item;
  }

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  get report(): ReceivedReport | undefined {
    return this.shown;
  }

  get languageClient(): DoctorClient | undefined {
    return this.client;
  }

  /** The server's checks (empty until the server has answered). */
  ruleCatalog(): RuleInfo[] {
    return this.rules ?? [];
  }

  /** Starts (or restarts) the server; resolves when it runs or has failed (never rejects). */
  startServer(): Promise<void> {
    this.starting ??= this.doStartServer().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async restartServer(why: string): Promise<void> {
    this.log.info(`restarting the server: ${why}`);
    await this.starting;
    await this.stopServer();
    await this.startServer();
  }

  private async doStartServer(): Promise<void> {
    this.setPhase('starting');
    const scope = new DisposableScope();
    this.serverScope = scope;
    try {
      const client = await createLanguageClient({
        serverModule: this.extension.asAbsolutePath('dist/server.js'),
        log: this.log,
        config: this.config,
        trusted: this.trusted,
      });
      scope.add({ dispose: () => void client.client.dispose() });
      scope.add(client.onNotification(reportChangedNotification, () => this.scheduleRefresh()));
      await client.client.start();
      if (this.serverScope !== scope) return; // stopped while starting
      this.client = client;
      this.timings.serverReadyMs ??= performance.now() - this.timings.activateStart;
      this.log.info(`server started (${this.trusted ? 'trusted' : 'Restricted Mode'} workspace)`);
      this.watchToolchain();
      this.startWatchdog();
      this.setPhase('checking');
      await this.askRules(client);
      await this.refresh();
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      this.log.error(`the server could not start: ${this.failure}`);
      this.setPhase('failed');
    }
  }

  /** The rule catalog, once per extension lifetime (a failure leaves the tree to the rules with findings). */
  private async askRules(client: DoctorClient): Promise<void> {
    if (this.rules) return;
    try {
      this.rules = await client.request(rulesRequest, {});
    } catch (err) {
      this.log.warn(`rules request failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async stopServer(): Promise<void> {
    const client = this.client?.client;
    this.client = undefined;
    this.toolchainWatcher = undefined;
    this.watchedToolsKey = '';
    try {
      if (client?.isRunning()) await client.stop(2000);
    } catch (err) {
      this.log.warn(`stopping the server: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.serverScope.dispose();
  }

  /**
   * The gopls CPU watchdog (extension lifetime). Only in a trusted workspace: gopls does not run in
   * Restricted Mode, and the watchdog's macOS sampler runs `ps`.
   */
  private startWatchdog(): void {
    if (this.watchdog || !this.trusted) return;
    const dog = this.own(createWatchdog({ log: this.log }));
    this.watchdog = dog;
    this.own(
      dog.onDidChangeState(() => {
        this.render();
        void dog.finding().then((f) => {
          this.watchdogFinding = f && { ...f, docsUrl: ruleDocsUrl(f.rule) };
          this.render();
        });
      }),
    );
  }

  get watchdogState(): Watchdog['state'] | undefined {
    return this.watchdog?.state;
  }

  /** (Re)creates the PATH watchers for the current tool names. */
  private watchToolchain(): void {
    const names = this.config.watchedToolNames(this.shown?.toolchain.toolNames);
    this.watchedToolsKey = names.join(',');
    const old = this.toolchainWatcher;
    this.toolchainWatcher = this.serverScope.add(
      new ToolchainWatcher(process.env.PATH, names, (changed) => {
        this.log.info(`toolchain changed: ${changed.join(', ')}`);
        this.toolchainChanged();
      }),
    );
    old?.dispose();
    this.log.debug(`watching ${names.join(', ')} in ${this.toolchainWatcher.dirs.length} PATH directories`);
  }

  /** Asks the server to re-probe (trusted) and re-check everything. */
  toolchainChanged(): void {
    if (!this.client) return;
    this.setPhase('checking');
    void this.client.notify(toolchainChangedNotification, {}).catch((err: unknown) => this.log.warn(`toolchainChanged: ${String(err)}`));
  }

  private configurationChanged(e: vscode.ConfigurationChangeEvent): void {
    const effect = effectOfChange(e);
    if (effect === 'none') return;
    this.log.info(`settings changed (${effect})`);
    if (effect === 'restart') {
      void this.restartServer('settings changed');
      return;
    }
    if (!this.client) return;
    void this.client.client
      .sendNotification('workspace/didChangeConfiguration', { settings: { [SECTION]: this.config.serverSettings() } })
      .catch((err: unknown) => this.log.warn(`didChangeConfiguration: ${String(err)}`));
    if (effect === 'reprobe') {
      this.watchToolchain();
      this.toolchainChanged();
    }
    this.scheduleRefresh();
  }

  /** Debounced report refresh (bursts of reportChanged while files change); the first one is not delayed. */
  scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(
      () => {
        this.refreshTimer = undefined;
        void this.refresh();
      },
      this.shown ? REFRESH_DEBOUNCE_MS : 0,
    );
  }

  /** Fetches the report of every folder and shows the active one. */
  async refresh(): Promise<ReceivedReport | undefined> {
    const client = this.client;
    if (!client) return undefined;
    try {
      const params: ReportParams = {};
      const active = this.activeUri();
      if (active) params.uri = active;
      // the time the request was SENT: messages are ordered, so a report requested after a
      // toolchainChanged notification reflects it (runChecks relies on this)
      const requestedAt = Date.now();
      const result = await client.request(reportRequest, params);
      this.reports = result.folders.map((folder) => ({ ...folder, receivedAt: requestedAt }));
      const shown = this.pick();
      if (shown && shown.state === 'ready' && this.phase !== 'failed') this.phase = 'ready';
      this.show(shown);
      return shown;
    } catch (err) {
      this.log.warn(`report request failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private activeUri(): string | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri?.scheme === 'file' ? uri.toString() : undefined;
  }

  private pick(): ReceivedReport | undefined {
    return pickFolder(this.reports, this.activeUri());
  }

  private show(report: ReceivedReport | undefined): void {
    if (report === this.shown && report !== undefined) return;
    this.shown = report;
    if (report && this.timings.statusPopulatedMs === undefined && report.toolchain.platform) {
      this.timings.statusPopulatedMs = performance.now() - this.timings.activateStart;
    }
    // the probe may look for more tools than the defaults (goDoctor.extraTools): watch those too
    if (report && this.client && this.watchedToolsKey !== this.config.watchedToolNames(report.toolchain.toolNames).join(',')) this.watchToolchain();
    this.render();
    this.reported.fire(this.fullReport);
  }

  private setPhase(phase: DoctorPhase): void {
    this.phase = phase;
    if (phase !== 'failed') this.failure = undefined;
    this.render();
  }

  /** The shown report plus the watchdog's storm finding (a client-side check). */
  get fullReport(): ReceivedReport | undefined {
    const report = this.shown;
    if (!report || !this.watchdogFinding) return report;
    return { ...report, findings: [...report.findings.filter((f) => f.rule !== this.watchdogFinding?.rule), this.watchdogFinding] };
  }

  private statusInput(): Parameters<DoctorStatus['update']>[0] {
    const input: Parameters<DoctorStatus['update']>[0] = { phase: this.phase, report: this.fullReport, trusted: this.trusted };
    if (this.failure) input.failure = this.failure;
    const dog = this.watchdog?.state;
    if (dog?.text) input.watchdog = { text: dog.text, tooltip: dog.tooltip, severity: dog.severity };
    return input;
  }

  private render(): void {
    this.status.update(this.statusInput());
    this.tree.update({ report: this.fullReport, settings: this.config.serverSettings().rules, trusted: this.trusted });
  }

  /** The next report that satisfies `predicate` (the current one if it already does). */
  whenReport(predicate: (r: ReceivedReport) => boolean = (r) => r.state === 'ready', timeoutMs = 30_000): Promise<ReceivedReport> {
    const current = this.fullReport;
    if (current && predicate(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`no matching report within ${timeoutMs} ms`));
      }, timeoutMs);
      const sub = this.onDidReport((r) => {
        if (r && predicate(r)) {
          clearTimeout(timer);
          sub.dispose();
          resolve(r);
        }
      });
    });
  }

  async dispose(): Promise<void> {
    await this.stopServer();
  }
}
