/**
 * Drives the language server in-process over a pair of streams, like an editor would, with
 * injected dependencies (a recorded snapshot instead of probing).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createConnection,
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import type { Rule } from '../../../src/core/rule.js';
import type { Snapshot, WorkspaceFileRecord, WorkspaceRecord } from '../../../src/core/snapshot.js';
import { emptyWorkspace, type GoModFacts, type WorkspaceModel } from '../../../src/core/workspace/model.js';
import { scanWorkspace } from '../../../src/probe/workspace/scan.js';
import type { IncrementalWorkspaceModel, ProbeRequest, ServerDependencies } from '../../../src/server/dependencies.js';
import { scanFileFromDisk, scanFileText } from '../../../src/server/file-scan.js';
import { serveDoctor, type DoctorServer } from '../../../src/server/serve.js';
import type { WorkspaceSession } from '../../../src/server/session.js';
import { pathToUri } from '../../../src/server/uris.js';
import { emptySnapshot } from '../../support/snapshots.js';

/** A temporary workspace folder with the given files (relative path → content). */
export function makeWorkspace(files: Record<string, string>): { root: string; uri: string; write(rel: string, text: string): void; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'go-doctor-lsp-'));
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return { root, uri: pathToUri(root), write, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A model for tests: only go.mod/go.work `go`/`toolchain` directives (what anchoring needs), so
 * the server tests do not depend on the full parsers (the end-to-end tests use those).
 */
export function directivesOnlyModel(record: WorkspaceRecord): WorkspaceModel {
  const model = emptyWorkspace(record.root);
  for (const file of record.files) {
    const kind = file.path === 'go.mod' || file.path.endsWith('/go.mod') ? 'go.mod' : file.path === 'go.work' || file.path.endsWith('/go.work') ? 'go.work' : undefined;
    if (!kind) continue;
    const facts: GoModFacts = { file: join(record.root, file.path), kind };
    file.content.split(/\r?\n/).forEach((line, i) => {
      const m = /^(go|toolchain)\s+(\S+)/.exec(line);
      if (!m) return;
      const directive = { file: facts.file, value: m[2]!, range: { start: { line: i, character: 0 }, end: { line: i, character: m[0].length } } };
      if (m[1] === 'go') facts.go = directive;
      else facts.toolchain = directive;
    });
    model.modules.push(facts);
  }
  return model;
}

export interface TestDependencyOptions {
  rules: Rule[];
  staticRules?: Rule[];
  /** The machine part of the probed snapshot. */
  machine?: Partial<Snapshot>;
  /** Default: directivesOnlyModel over the current files. */
  createWorkspaceModel?: ServerDependencies['createWorkspaceModel'];
}

/** An IncrementalWorkspaceModel over directivesOnlyModel (re-derived on each model() call). */
export function directivesOnlyBuilder(root: string): IncrementalWorkspaceModel {
  const files = new Map<string, WorkspaceFileRecord>();
  return {
    reset(record) {
      files.clear();
      for (const f of record.files) files.set(f.path, f);
    },
    update(file) {
      files.set(file.path, file);
    },
    remove(path) {
      files.delete(path);
    },
    model: () => directivesOnlyModel({ root, files: [...files.values()], skipped: [] }),
  };
}

export interface CountingDependencies extends ServerDependencies {
  probes: ProbeRequest[];
  diskReads: string[];
}

export function testDependencies(options: TestDependencyOptions): CountingDependencies {
  const deps: CountingDependencies = {
    probes: [],
    diskReads: [],
    collectSnapshot: async (request) => {
      deps.probes.push(request);
      return emptySnapshot({ ...options.machine, workspace: await scanWorkspace(request.root, { exclude: request.settings.exclude }) });
    },
    staticSnapshot: (workspace) => emptySnapshot({ workspace }),
    scanWorkspace: (root, settings) => scanWorkspace(root, { exclude: settings.exclude }),
    scanFile: (root, rel, settings) => {
      deps.diskReads.push(rel);
      return scanFileFromDisk(root, rel, settings.exclude);
    },
    scanText: scanFileText,
    readTextFile: async (path) => {
      const { readFile } = await import('node:fs/promises');
      try {
        return await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    createWorkspaceModel: options.createWorkspaceModel ?? directivesOnlyBuilder,
    rules: options.rules,
    staticRules: options.staticRules ?? [],
  };
  return deps;
}

export const FULL_EDIT_SUPPORT: ClientCapabilities = {
  workspace: {
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
  },
};

export interface LspTestSession {
  client: MessageConnection;
  server: DoctorServer;
  /** The latest diagnostics per URI. */
  diagnostics: Map<string, Diagnostic[]>;
  /** Resolves with the diagnostics of `uri` once `accept` holds for them (fails after a timeout). */
  diagnosticsFor(uri: string, accept?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  /** Resolves after the next analysis of any folder has been published. */
  nextAnalysis(): Promise<WorkspaceSession>;
  registrations: unknown[];
  close(): Promise<void>;
}

export async function startTestServer(options: {
  deps: ServerDependencies;
  rootUri: string;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  workspaceFolders?: { uri: string; name: string }[];
}): Promise<LspTestSession> {
  const up = new PassThrough();
  const down = new PassThrough();
  const analysedWaiters: ((s: WorkspaceSession) => void)[] = [];
  const serverConnection = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  const server = serveDoctor(serverConnection, options.deps, {
    onAnalysed: (session) => {
      for (const waiter of analysedWaiters.splice(0)) waiter(session);
    },
  });
  const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const diagnostics = new Map<string, Diagnostic[]>();
  const diagnosticWaiters: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  const registrations: unknown[] = [];
  client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    diagnostics.set(params.uri, params.diagnostics);
    for (const waiter of [...diagnosticWaiters]) {
      if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
        diagnosticWaiters.splice(diagnosticWaiters.indexOf(waiter), 1);
        waiter.resolve(params.diagnostics);
      }
    }
  });
  client.onRequest('client/registerCapability', (params: { registrations: unknown[] }) => {
    registrations.push(...params.registrations);
    return null;
  });
  client.onNotification('window/logMessage', () => undefined);
  client.listen();
  await client.sendRequest('initialize', {
    processId: null,
    rootUri: options.rootUri,
    capabilities: options.capabilities ?? FULL_EDIT_SUPPORT,
    initializationOptions: options.initializationOptions,
    workspaceFolders: options.workspaceFolders ?? [{ uri: options.rootUri, name: 'test' }],
  });
  await client.sendNotification('initialized', {});
  return {
    client,
    server,
    diagnostics,
    registrations,
    diagnosticsFor(uri, accept = () => true) {
      const current = diagnostics.get(uri);
      if (current && accept(current)) return Promise.resolve(current);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(diagnostics.get(uri))}`)), 5000);
        diagnosticWaiters.push({ uri, accept, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      });
    },
    nextAnalysis() {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no analysis within 5 s')), 5000);
        analysedWaiters.push((s) => (clearTimeout(timer), resolve(s)));
      });
    },
    async close() {
      await client.sendRequest('shutdown');
      client.dispose();
      serverConnection.dispose();
      up.end();
      down.end();
    },
  };
}
