/** The real dependencies: the probe layer for the machine, the workspace scanner for files. */
import { release } from 'node:os';
import { WorkspaceModelBuilder } from '../core/workspace/build.js';
import { allRules } from '../core/rules/index.js';
import { SNAPSHOT_SCHEMA, SNAPSHOT_VERSION, type Snapshot, type WorkspaceRecord } from '../core/snapshot.js';
import { collectSnapshot } from '../probe/index.js';
import { recordedEnv } from '../probe/environment.js';
import { readWorkspaceText, scanWorkspace } from '../probe/workspace/scan.js';
import type { ServerDependencies } from './dependencies.js';
import { scanFileFromDisk, scanFileText } from './file-scan.js';
import { SERVER_VERSION } from './report.js';
import { staticRules } from './static-rules.js';

export function probeDependencies(env: Readonly<Record<string, string | undefined>> = process.env): ServerDependencies {
  return {
    collectSnapshot: ({ root, settings }) =>
      collectSnapshot({
        workspace: root,
        scan: { exclude: settings.exclude },
        timeoutMs: settings.probeTimeoutMs,
        extraTools: settings.extraTools,
        env,
        producer: { name: 'go-doctor-lsp', version: SERVER_VERSION },
        ...(settings.editor ? { editor: settings.editor } : {}),
      }),
    staticSnapshot: (workspace) => staticSnapshot(workspace, env),
    scanWorkspace: (root, settings) => scanWorkspace(root, { exclude: settings.exclude }),
    scanFile: (root, relPath, settings) => scanFileFromDisk(root, relPath, settings.exclude),
    scanText: scanFileText,
    // Non-blocking, regular files only (a FIFO where a fix's file was must not hang the request).
    readTextFile: (path) => Promise.resolve(readWorkspaceText(path)),
    createWorkspaceModel: (root) => new WorkspaceModelBuilder(root),
    rules: allRules,
    staticRules: staticRules(allRules),
  };
}

/** This host as far as it is known without running anything (untrusted workspaces). */
function staticSnapshot(workspace: WorkspaceRecord, env: Readonly<Record<string, string | undefined>>): Snapshot {
  return {
    schema: SNAPSHOT_SCHEMA,
    version: SNAPSHOT_VERSION,
    createdAt: new Date().toISOString(),
    producer: { name: 'go-doctor-lsp', version: SERVER_VERSION },
    redacted: false,
    host: { platform: process.platform, arch: process.arch, release: release() },
    env: recordedEnv(env),
    path: [],
    tools: [],
    commands: {},
    files: {},
    which: {},
    workspace,
    options: { timeoutMs: 0, toolNames: [] },
  };
}
