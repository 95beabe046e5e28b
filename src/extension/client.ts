/**
 * The language client for the bundled server (dist/server.js, over Node IPC). It syncs the open
 * editors of the files the workspace model reads (their text wins over the disk; the server
 * registers its own file watchers dynamically) and answers the server's `workspace/configuration`
 * requests for `goDoctor` with the normalized settings. The doctor's own requests and
 * notifications go through DoctorClient, typed by the shared protocol (src/server/protocol.ts).
 * vscode-languageclient is loaded on first use, not during activation.
 */
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, RequestParam } from 'vscode-languageclient/node';
import type { DoctorConfig } from './config.js';
import type { DoctorNotification, DoctorRequest, InitializationOptions } from '../server/protocol.js';
import { WATCHED_FILE_GLOBS } from '../server/watched-files.js';
import { readEditor } from '../server/configuration.js';

type ClientLibrary = typeof import('vscode-languageclient/node');

/** The running client, with the shared protocol's messages typed as vscode-languageclient types them. */
export class DoctorClient {
  constructor(
    readonly client: LanguageClient,
    private readonly lib: ClientLibrary,
  ) {}

  request<P, R>(message: DoctorRequest<P, R>, params: RequestParam<P>): Promise<R> {
    return this.client.sendRequest(new this.lib.RequestType<P, R, void>(message.method), params);
  }

  notify<P>(message: DoctorNotification<P>, params: RequestParam<P>): Promise<void> {
    return this.client.sendNotification(new this.lib.NotificationType<P>(message.method), params);
  }

  onNotification<P>(message: DoctorNotification<P>, handler: (params: P) => void): vscode.Disposable {
    return this.client.onNotification(new this.lib.NotificationType<P>(message.method), handler);
  }
}

const DOCUMENT_SELECTOR: LanguageClientOptions['documentSelector'] = [
  ...WATCHED_FILE_GLOBS.map((pattern) => ({ scheme: 'file', pattern })),
  // extension-less scripts with a shell shebang
  { scheme: 'file', language: 'shellscript' },
];

interface ClientDeps {
  serverModule: string;
  log: vscode.LogOutputChannel;
  config: DoctorConfig;
  trusted: boolean;
}

export async function createLanguageClient(deps: ClientDeps): Promise<DoctorClient> {
  const lib = await import('vscode-languageclient/node');
  const { LanguageClient, TransportKind } = lib;
  const initializationOptions: InitializationOptions = {
    trusted: deps.trusted,
    settings: deps.config.serverSettings(),
    editor: editorRecord(vscode.env.remoteName),
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: deps.log,
    diagnosticCollectionName: 'goDoctor',
    initializationOptions,
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const answers = (await next(params, token)) as unknown;
          if (!Array.isArray(answers)) return answers as never;
          return params.items.map((item, i) => {
            if (item.section !== 'goDoctor') return answers[i] as unknown;
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return deps.config.serverSettings(scope);
          });
        },
      },
    },
  };
  const module = deps.serverModule;
  const client = new LanguageClient(
    'goDoctor',
    vscode.l10n.t('Go Toolchain Doctor'),
    {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6039'] } },
    },
    clientOptions,
  );
  return new DoctorClient(client, lib);
}

/**
 * The editor record the server is sent: the Go extension's settings that choose which go/gopls it
 * runs (resolved for the first folder), read by the server's own reader, which any client's values
 * go through.
 */
function editorRecord(remoteName: string | undefined): InitializationOptions['editor'] {
  const go = vscode.workspace.getConfiguration('go', vscode.workspace.workspaceFolders?.[0]?.uri ?? null);
  const goSettings = { alternateTools: go.get<unknown>('alternateTools'), goroot: go.get<unknown>('goroot'), toolsGopath: go.get<unknown>('toolsGopath') };
  return readEditor({ name: 'vscode', remoteName, goSettings });
}
