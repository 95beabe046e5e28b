/** A CliEnvironment made of string buffers and recorded snapshots, for testing every CLI path. */
import type { Rule } from '../../../src/core/rule.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import type { CliEnvironment, SnapshotRequest } from '../../../src/cli/cli-environment.js';
import { emptySnapshot } from '../../support/snapshots.js';

export interface FakeEnvironment extends CliEnvironment {
  out: () => string;
  err: () => string;
  requests: SnapshotRequest[];
  files: Map<string, string>;
  servers: string[];
  redactions: number;
}

export interface FakeOptions {
  rules?: readonly Rule[];
  snapshot?: Snapshot | (() => Promise<Snapshot>);
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  env?: NodeJS.ProcessEnv;
  files?: Record<string, string>;
  dirs?: string[];
}

export function fakeEnvironment(options: FakeOptions = {}): FakeEnvironment {
  let out = '';
  let err = '';
  const files = new Map(Object.entries(options.files ?? {}));
  const dirs = new Set(options.dirs ?? ['/work', '/work/app']);
  const fake: FakeEnvironment = {
    stdout: { write: (t) => void (out += t), isTTY: options.stdoutTTY ?? false },
    stderr: { write: (t) => void (err += t), isTTY: options.stderrTTY ?? false },
    env: options.env ?? {},
    cwd: '/work',
    rules: options.rules ?? [],
    requests: [],
    files,
    servers: [],
    redactions: 0,
    out: () => out,
    err: () => err,
    async collectSnapshot(request) {
      fake.requests.push(request);
      request.onProgress?.({ kind: 'command-start', id: 'go.env', argv: ['go', 'env', '-json'] });
      const s = options.snapshot;
      const snapshot = typeof s === 'function' ? await s() : structuredClone(s ?? emptySnapshot());
      if (request.workspace) snapshot.workspace ??= { root: request.workspace, files: [], skipped: [] };
      return snapshot;
    },
    redactSnapshot(snapshot) {
      fake.redactions++;
      return { ...snapshot, redacted: true, env: { HOME: '~' } };
    },
    startLanguageServer(transport) {
      fake.servers.push(transport);
      return Promise.resolve();
    },
    readText(file) {
      const text = files.get(file);
      if (text === undefined) return Promise.reject(Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' }));
      return Promise.resolve(text);
    },
    writeText(file, text) {
      files.set(file, text);
      return Promise.resolve();
    },
    isDirectory: (dir) => Promise.resolve(dirs.has(dir)),
  };
  return fake;
}
