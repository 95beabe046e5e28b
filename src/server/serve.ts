/**
 * Wires the doctor onto an LSP connection: folders → sessions, editor and file events → one-file
 * re-analysis, toolchain/configuration changes → re-probe, findings → diagnostics and code actions.
 */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  NotificationType,
  RequestType,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type InitializeError,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixToCodeAction, type ClientEditSupport } from './code-actions.js';
import { readEditor } from './configuration.js';
import { DEFAULT_DOCTOR_SETTINGS, readDoctorSettings } from '../core/doctor-settings.js';
import { isRecord } from '../core/is-record.js';
import type { ServerDependencies } from './dependencies.js';
import { DiagnosticsPublisher, findingToDiagnostic } from './diagnostics.js';
import {
  reportChangedNotification,
  reportRequest,
  rulesRequest,
  SERVER_NAME,
  snapshotRequest,
  toolchainChangedNotification,
  type DoctorNotification,
  type DoctorRequest,
  type DoctorSettings,
  type InitializationOptions,
  type ReportParams,
  type ReportResult,
  type SnapshotParams,
} from './protocol.js';
import { folderReport, ruleCatalog, SERVER_VERSION } from './report.js';
import { WorkspaceSession } from './session.js';
import { pathToUri, relativeToRoot, uriToPath } from './uris.js';
import { WATCHED_FILE_GLOBS } from './watched-files.js';

interface ServeOptions {
  /** Called after each analysis has been published (tests and benchmarks wait on it). */
  onAnalysed?: (session: WorkspaceSession) => void;
  /** Called with the client's `processId` from initialize (the process entry watches it and exits when it dies). */
  onClientProcessId?: (pid: number) => void;
  /** Edit debounce per document (ms); see SessionOptions.debounceMs. */
  debounceMs?: number;
}

/** Where the server is in the LSP lifecycle: requests are answered only between initialize and shutdown. */
type Lifecycle = 'uninitialized' | 'running' | 'shutdown';

type RequestResult<R> = R | ResponseError<void> | Promise<R | ResponseError<void>>;

/** The shared protocol's messages as this side's LSP library types them. */
const request = <P, R>(m: DoctorRequest<P, R>): RequestType<P, R, void> => new RequestType(m.method);
const notification = <P>(m: DoctorNotification<P>): NotificationType<P> => new NotificationType(m.method);

export class DoctorServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly sessions = new Map<string, WorkspaceSession>();
  private readonly publisher: DiagnosticsPublisher;
  private capabilities: ClientCapabilities = {};
  private trusted = true;
  private initialSettings: DoctorSettings = DEFAULT_DOCTOR_SETTINGS;
  private folders: WorkspaceFolder[] = [];
  private state: Lifecycle = 'uninitialized';

  constructor(
    private readonly connection: Connection,
    private readonly deps: ServerDependencies,
    private readonly options: ServeOptions = {},
  ) {
    this.publisher = new DiagnosticsPublisher((uri, diagnostics) => void this.connection.sendDiagnostics({ uri, diagnostics }).catch(this.logError));
  }

  /** Registers every handler and starts listening. */
  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized().catch(this.logError));
    // Answered at once: pending edits are dropped, not analysed (the client is going away).
    c.onShutdown(() => {
      if (this.state === 'shutdown') return new ResponseError(ErrorCodes.InvalidRequest, 'shutdown was already requested');
      const refused = this.refusal();
      if (refused) return refused;
      this.state = 'shutdown';
      for (const session of this.sessions.values()) session.dispose();
      return undefined;
    });
    c.onCodeAction(this.guard((params) => this.codeActions(params)));
    c.onDidChangeWatchedFiles(({ changes }) => {
      if (this.state !== 'running') return;
      for (const change of changes) this.withFile(change.uri, (session, rel) => session.fileChangedOnDisk(rel));
    });
    c.onDidChangeConfiguration(({ settings }) => {
      if (this.state === 'running') void this.configurationChanged(settings).catch(this.logError);
    });
    c.onNotification(notification(toolchainChangedNotification), () => {
      if (this.state === 'running') this.refreshAll();
    });
    c.onRequest(request(reportRequest), this.guard((params: ReportParams | undefined) => this.report(params)));
    c.onRequest(request(snapshotRequest), this.guard(async (params: SnapshotParams | undefined) => {
      const session = this.sessionFor(params?.uri);
      await session?.settle();
      return session?.currentSnapshot ?? null;
    }));
    c.onRequest(request(rulesRequest), this.guard(() => ruleCatalog(this.deps.rules)));
    // Any other request: refused per the lifecycle, else unknown.
    c.onRequest((method) => this.refusal() ?? new ResponseError(ErrorCodes.MethodNotFound, `unhandled method ${method}`));
    this.documents.onDidChangeContent(({ document }) => {
      if (this.state === 'running') this.withFile(document.uri, (session, rel) => session.documentChanged(rel, document.getText()));
    });
    this.documents.onDidClose(({ document }) => {
      if (this.state === 'running') this.withFile(document.uri, (session, rel) => session.documentClosed(rel));
    });
    this.documents.listen(c);
    c.listen();
  }

  /** Where the server is in the LSP lifecycle. */
  get lifecycle(): Lifecycle {
    return this.state;
  }

  /** The error a request gets outside initialize…shutdown (LSP: ServerNotInitialized before, InvalidRequest after). */
  private refusal(): ResponseError<void> | undefined {
    if (this.state === 'uninitialized') return new ResponseError(ErrorCodes.ServerNotInitialized, 'the server has not been initialized');
    if (this.state === 'shutdown') return new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
    return undefined;
  }

  private guard<P, R>(handler: (params: P) => R | Promise<R>): (params: P) => RequestResult<R> {
    return (params) => this.refusal() ?? handler(params);
  }

  /** The folder sessions (tests and benchmarks drive them directly). */
  get workspaceSessions(): WorkspaceSession[] {
    return [...this.sessions.values()];
  }

  private initialize(params: InitializeParams): InitializeResult | ResponseError<InitializeError> {
    if (this.state !== 'uninitialized') return new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already received', { retry: false });
    this.state = 'running';
    if (typeof params.processId === 'number') this.options.onClientProcessId?.(params.processId);
    this.capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    // A client that says nothing is an editor the user started the server from (`go-doctor lsp --stdio`): trusted.
    this.trusted = options.trusted !== false;
    this.initialSettings = readDoctorSettings<DoctorSettings>(options.settings, undefined, DEFAULT_DOCTOR_SETTINGS);
    const editor = readEditor(options.editor);
    if (editor) this.initialSettings.editor = editor;
    this.folders =
      params.workspaceFolders ??
      (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : params.rootPath ? [{ uri: pathToUri(params.rootPath), name: 'root' }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  }

  private async initialized(): Promise<void> {
    if (this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_FILE_GLOBS.map((globPattern) => ({ globPattern })) });
    }
    if (this.capabilities.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        for (const folder of removed) this.removeFolder(folder.uri);
        void Promise.all(added.map((folder) => this.addFolder(folder))).catch(this.logError);
      });
    }
    await Promise.all(this.folders.map((folder) => this.addFolder(folder)));
  }

  private async addFolder(folder: WorkspaceFolder): Promise<void> {
    const root = uriToPath(folder.uri);
    if (!root || this.sessions.has(folder.uri)) return;
    const session = new WorkspaceSession({
      root,
      folderUri: folder.uri,
      trusted: this.trusted,
      settings: await this.settingsFor(folder.uri),
      deps: this.deps,
      log: (message) => this.connection.console.log(message),
      onAnalysed: (s) => this.publish(s),
      debounceMs: this.options.debounceMs,
    });
    this.sessions.set(folder.uri, session);
    // Editors opened before the folder was known.
    for (const document of this.documents.all()) {
      const path = uriToPath(document.uri);
      const rel = path === undefined ? undefined : relativeToRoot(root, path);
      if (rel !== undefined) session.documentChanged(rel, document.getText());
    }
    await session.refresh();
  }

  private removeFolder(uri: string): void {
    const session = this.sessions.get(uri);
    if (!session) return;
    session.dispose();
    this.sessions.delete(uri);
    this.publisher.clear(uri);
  }

  private async settingsFor(folderUri: string): Promise<DoctorSettings> {
    if (!this.capabilities.workspace?.configuration) return this.initialSettings;
    try {
      const [section, filesExclude] = (await this.connection.workspace.getConfiguration([
        { scopeUri: folderUri, section: 'goDoctor' },
        { scopeUri: folderUri, section: 'files.exclude' },
      ])) as unknown[];
      return readDoctorSettings(section, filesExclude, this.initialSettings);
    } catch (err) {
      this.logError(err);
      return this.initialSettings;
    }
  }

  private async configurationChanged(pushed: unknown): Promise<void> {
    // Clients that push settings (the extension, some Neovim setups) send them here; others are asked.
    const record = isRecord(pushed) ? pushed : undefined;
    if (record && !this.capabilities.workspace?.configuration) this.initialSettings = readDoctorSettings(record.goDoctor ?? record, undefined, this.initialSettings);
    for (const session of this.sessions.values()) {
      const settings = await this.settingsFor(session.folderUri);
      // Clients also send this at start-up with nothing changed: probe again only for a real change.
      if (JSON.stringify(settings) === JSON.stringify(session.settings)) continue;
      session.settings = settings;
      void session.refresh().catch(this.logError);
    }
  }

  private refreshAll(): void {
    for (const session of this.sessions.values()) void session.refresh().catch(this.logError);
  }

  private withFile(uri: string, action: (session: WorkspaceSession, relPath: string) => void): void {
    const path = uriToPath(uri);
    if (path === undefined) return;
    const session = this.sessionForPath(path);
    const rel = session ? relativeToRoot(session.root, path) : undefined;
    if (session && rel !== undefined) action(session, rel);
  }

  /** The innermost folder containing the path. */
  private sessionForPath(path: string): WorkspaceSession | undefined {
    let best: WorkspaceSession | undefined;
    for (const session of this.sessions.values()) {
      if ((path === session.root || relativeToRoot(session.root, path) !== undefined) && (!best || session.root.length > best.root.length)) best = session;
    }
    return best;
  }

  private sessionFor(uri: string | undefined): WorkspaceSession | undefined {
    const path = uri === undefined ? undefined : uriToPath(uri);
    return (path === undefined ? undefined : this.sessionForPath(path)) ?? this.sessions.values().next().value;
  }

  private publish(session: WorkspaceSession): void {
    const byUri = new Map<string, Diagnostic[]>();
    for (const { finding, location } of session.analysis?.findings ?? []) {
      if (!location) continue;
      const uri = pathToUri(location.file);
      const list = byUri.get(uri) ?? [];
      list.push(findingToDiagnostic(finding, location.range));
      byUri.set(uri, list);
    }
    this.publisher.publish(session.folderUri, byUri);
    void this.connection.sendNotification(notification(reportChangedNotification), { folderUri: session.folderUri }).catch(this.logError);
    this.options.onAnalysed?.(session);
  }

  private async report(params: ReportParams | undefined): Promise<ReportResult> {
    await Promise.all([...this.sessions.values()].map((session) => session.settle()));
    const folders = [...this.sessions.values()].map(folderReport).filter((r) => r !== undefined);
    const wanted = this.sessionFor(params?.uri);
    const top = folders.find((r) => r.folderUri === wanted?.folderUri) ?? folders[0];
    return top ? { ...top, folders } : { folders: [] };
  }

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const only = params.context.only;
    if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === CodeActionKind.Empty)) return [];
    const path = uriToPath(params.textDocument.uri);
    const session = path === undefined ? undefined : this.sessionForPath(path);
    if (!session || path === undefined) return [];
    // Edits still settling: analyse them now, so the fixes match the text the client has.
    await session.settle();
    if (this.state !== 'running') return [];
    const support = this.editSupport();
    const actions: CodeAction[] = [];
    for (const { finding, location } of session.analysis?.findings ?? []) {
      if (!location || location.file !== path || !rangesTouch(location.range, params.range)) continue;
      const diagnostic =
        params.context.diagnostics.find((d) => d.code === finding.rule && sameRange(d.range, location.range)) ?? findingToDiagnostic(finding, location.range);
      for (const fix of finding.fixes) {
        const action = await fixToCodeAction(fix, {
          root: session.root,
          folderUri: session.folderUri,
          finding,
          diagnostic,
          support,
          documentVersion: (uri) => this.documents.get(uri)?.version ?? null,
          readText: (file) => {
            const open = this.documents.get(pathToUri(file));
            return open ? Promise.resolve(open.getText()) : this.deps.readTextFile(file);
          },
        });
        if (action) actions.push(action);
      }
    }
    return actions;
  }

  private editSupport(): ClientEditSupport {
    const edit = this.capabilities.workspace?.workspaceEdit;
    const operations = edit?.resourceOperations ?? [];
    return { documentChanges: edit?.documentChanges === true, create: operations.includes('create'), rename: operations.includes('rename') };
  }

  private readonly logError = (err: unknown): void => {
    this.connection.console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  };
}

/** Inclusive: a cursor at the end of a diagnostic's range still gets its fixes. */
function rangesTouch(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  const before = (p: Diagnostic['range']['start'], q: Diagnostic['range']['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Attaches the doctor to a connection and starts listening. */
export function serveDoctor(connection: Connection, deps: ServerDependencies, options: ServeOptions = {}): DoctorServer {
  const server = new DoctorServer(connection, deps, options);
  server.listen();
  return server;
}
