/**
 * Runs the bundled CLI and language server on a hostile workspace under limits: a wall-clock kill
 * (the whole process group), a V8 heap cap, and measures of what matters — exit code, duration,
 * peak RSS (the child reports its own getrusage maximum at exit; /proc polling covers a crash),
 * processes left behind (found by an environment marker every descendant inherits), and whether
 * the canary's token appears anywhere in what came out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';
import { pathToUri } from '../../../src/server/uris.js';
import type { HostileCategory, RunnerId, RunOutput } from './categories.js';
import type { HostileWorkspace } from './workspace.js';

export interface Limits {
  /** Wall clock per run: past it the run's process group is killed and the run is a hang. */
  wallMs: number;
  /** --max-old-space-size for the child (MiB). */
  heapMiB: number;
  /** Peak resident memory a run may reach (MiB). */
  rssMiB: number;
  /** A run slower than this is reported as slow (the table's "hangs > 10 s"); not an assertion. */
  slowMs: number;
}

/** 30 s: bombs never finish, and a machine shared by many test processes may run a good input at a fraction of a core. */
export const LIMITS: Limits = { wallMs: 30_000, heapMiB: 512, rssMiB: 768, slowMs: 10_000 };

/** Output kept for checks (the canary search sees all of it). */
const KEEP_BYTES = 4 * 1024 * 1024;

export interface RunResult extends RunOutput {
  label: string;
  durationMs: number;
  timedOut: boolean;
  signal: NodeJS.Signals | null;
  peakRssKiB: number | undefined;
  /** CPU time the process used (user + system, ms), when it exited normally: tells real work from a busy machine. */
  cpuMs: number | undefined;
  /** Processes still running with this run's marker after it ended (they were killed). */
  orphans: number;
  /** The canary token appeared in stdout, stderr, a written file or an LSP message. */
  canaryInOutput: boolean;
  /** Bytes of canary files whose access time moved during this run (0 when the file system cannot tell). */
  canaryBytesRead: number;
  /** Output bytes. */
  outputBytes: number;
  /** What the run did wrong (empty: fine). */
  problems: string[];
}

/** Finds a token in a stream of chunks, across chunk borders, without keeping the stream. */
class TokenWatch {
  found = false;
  bytes = 0;
  private tail = '';
  private kept = '';
  constructor(private readonly token: string) {}
  push(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    this.bytes += text.length;
    if (this.kept.length < KEEP_BYTES) this.kept += text.slice(0, KEEP_BYTES - this.kept.length);
    if (!this.found && (this.tail + text).includes(this.token)) this.found = true;
    this.tail = text.slice(-this.token.length);
  }
  get text(): string {
    return Buffer.from(this.kept, 'latin1').toString('utf8');
  }
}

const PRELOAD = `process.on('exit', () => { try { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.GO_DOCTOR_HOSTILE_RSS_FILE, [u.maxRSS, Math.round((u.userCPUTime + u.systemCPUTime) / 1000)].join(' ')); } catch {} });\n`;

function preloadFile(w: HostileWorkspace): string {
  const file = join(w.out, 'rss-preload.cjs');
  if (!existsSync(file)) writeFileSync(file, PRELOAD);
  return file;
}

/** Pids of live processes whose environment carries `marker` (Linux /proc; elsewhere none can be found). */
export function markedProcesses(marker: string): number[] {
  if (!existsSync('/proc/self/environ')) return [];
  const needle = `GO_DOCTOR_HOSTILE_RUN=${marker}\0`;
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').includes(needle)) pids.push(Number(name));
    } catch {
      // gone, or not ours
    }
  }
  return pids;
}

function vmHwmKiB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

interface Launched {
  child: ChildProcess;
  marker: string;
  rssFile: string;
  stdout: TokenWatch;
  stderr: TokenWatch;
  started: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  killTimer: NodeJS.Timeout;
  timedOut: () => boolean;
  polledRss: () => number | undefined;
}

function launch(w: HostileWorkspace, category: HostileCategory, label: string, script: string, args: string[], limits: Limits, stdinPipe: boolean): Launched {
  const marker = randomBytes(8).toString('hex');
  const rssFile = join(w.out, `rss-${label.replace(/[^a-z0-9-]/gi, '_')}`);
  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/bin:/bin',
    HOME: w.home,
    XDG_CACHE_HOME: join(w.home, '.cache'),
    LANG: 'C.UTF-8',
    GOTOOLCHAIN: 'local',
    GO_DOCTOR_HOSTILE_RUN: marker,
    GO_DOCTOR_HOSTILE_RSS_FILE: rssFile,
    ...category.env?.(w),
  };
  const started = performance.now();
  // A spawn that fails (E2BIG…) throws here: the caller's category fails with that message.
  const child = spawn(process.execPath, [`--max-old-space-size=${limits.heapMiB}`, '--require', preloadFile(w), script, ...args], {
    cwd: w.base,
    env,
    // Its own process group: a hang is killed with everything it started.
    detached: true,
    stdio: [stdinPipe ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const stdout = new TokenWatch(w.token);
  const stderr = new TokenWatch(w.token);
  child.stdout!.on('data', (b: Buffer) => stdout.push(b));
  child.stderr!.on('data', (b: Buffer) => stderr.push(b));
  let timedOut = false;
  let peak: number | undefined;
  const poll = setInterval(() => {
    const now = child.pid === undefined ? undefined : vmHwmKiB(child.pid);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  }, 100);
  const killTimer = setTimeout(() => {
    timedOut = true;
    killGroup(child);
  }, limits.wallMs);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', () => resolve({ code: null, signal: null }));
    child.once('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(killTimer);
      resolve({ code, signal });
    });
  });
  return { child, marker, rssFile, stdout, stderr, started, exited, killTimer, timedOut: () => timedOut, polledRss: () => peak };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

async function finish(w: HostileWorkspace, l: Launched, runner: RunnerId, label: string, extraOutput: TokenWatch[] = []): Promise<RunResult> {
  const { code, signal } = await l.exited;
  const durationMs = performance.now() - l.started;
  // Anything of this run still alive is an orphan: count it, then end it.
  const left = markedProcesses(l.marker);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  let reported: number | undefined;
  let cpuMs: number | undefined;
  try {
    const [rss, cpu] = readFileSync(l.rssFile, 'utf8').split(' ').map(Number);
    reported = rss;
    cpuMs = cpu;
  } catch {
    reported = undefined;
  }
  const polled = l.polledRss();
  const peakRssKiB = reported === undefined && polled === undefined ? undefined : Math.max(reported ?? 0, polled ?? 0);
  const read = w.canariesRead();
  return {
    runner,
    label,
    exitCode: code,
    signal,
    stdout: l.stdout.text,
    stderr: l.stderr.text,
    durationMs,
    timedOut: l.timedOut(),
    peakRssKiB,
    cpuMs,
    orphans: left.length,
    canaryInOutput: l.stdout.found || l.stderr.found || extraOutput.some((t) => t.found),
    canaryBytesRead: read.reduce((n, r) => n + r.bytes, 0),
    outputBytes: l.stdout.bytes + l.stderr.bytes + extraOutput.reduce((n, t) => n + t.bytes, 0),
    problems: [],
  };
}

/** One CLI run (`check`, `snapshot`, `replay`, `human`). */
export async function runCli(
  w: HostileWorkspace,
  category: HostileCategory,
  cli: string,
  runner: Exclude<RunnerId, 'server'>,
  limits: Limits,
  replayFile?: string,
  label: string = runner,
): Promise<RunResult> {
  const snapshotFile = join(w.out, 'snapshot.json');
  const timeout = category.probeTimeoutMs === undefined ? [] : ['--timeout', String(category.probeTimeoutMs)];
  const args =
    runner === 'check'
      ? ['check', w.root, '--json', '--no-cache', ...timeout]
      : runner === 'snapshot'
        ? ['snapshot', w.root, '--out', snapshotFile, '--no-cache', ...timeout]
        : runner === 'human'
          ? ['check', w.root, '-v', '--no-cache', '--no-color', ...timeout]
          : ['check', '--from', replayFile ?? snapshotFile, '--json'];
  w.armCanaries();
  const l = launch(w, category, label, cli, args, limits, false);
  const written = new TokenWatch(w.token);
  const result = await finish(w, l, runner, label, [written]);
  if (runner === 'snapshot' && existsSync(snapshotFile)) {
    written.push(readFileSync(snapshotFile));
    result.canaryInOutput ||= written.found;
    result.outputBytes += written.bytes;
  }
  return result;
}

/** Resolves with the promise's value, or rejects once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer`)), Math.max(0, ms));
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The language server on the workspace, as an editor drives it: initialize, wait for the first
 * analysis, open and edit every hostile regular file, report every entry as changed on disk, ask
 * for the report and code actions, close, shutdown, exit (expected exit code 0).
 */
export async function runServer(w: HostileWorkspace, category: HostileCategory, server: string, limits: Limits): Promise<RunResult> {
  w.armCanaries();
  const l = launch(w, category, 'server', server, ['--stdio'], limits, true);
  const deadline = l.started + limits.wallMs - 1000;
  const left = () => deadline - performance.now();
  const client: MessageConnection = createMessageConnection(new StreamMessageReader(l.child.stdout!), new StreamMessageWriter(l.child.stdin!));
  client.onNotification(() => undefined);
  client.onRequest(() => null);
  client.onError(() => undefined);
  client.onClose(() => undefined);
  l.child.stdin!.on('error', () => undefined);
  client.listen();
  const steps: string[] = [];
  try {
    const rootUri = pathToUri(w.root);
    await within(
      client.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true } },
        workspaceFolders: [{ uri: rootUri, name: 'hostile' }],
        initializationOptions: category.probeTimeoutMs === undefined ? undefined : { settings: { probeTimeoutMs: category.probeTimeoutMs } },
      }),
      left(),
      'initialize',
    );
    await client.sendNotification('initialized', {});
    steps.push('initialized');
    for (;;) {
      const report = await within(client.sendRequest<{ state?: string }>('goDoctor/report', {}), left(), 'first report');
      if (report.state === 'ready') break;
      if (left() <= 0) throw new Error('no first analysis');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    steps.push('analysed');
    const opened: string[] = [];
    for (const entry of w.entries) {
      const uri = pathToUri(join(w.root, entry.rel));
      const text = entry.kind === 'file' ? w.editorText(entry.rel) : undefined;
      if (text === undefined) continue;
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
      await client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }],
      });
      // A whole-text change too (small files only: a 10 MB file is already sent once, and changed once).
      if (text.length <= 1024 * 1024) await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: `${text}\n` }] });
      opened.push(uri);
    }
    await client.sendNotification('workspace/didChangeWatchedFiles', {
      changes: w.entries.flatMap((e) => {
        const uri = pathToUri(join(w.root, e.rel));
        return e.kind === 'file' ? [{ uri, type: 2 }] : [{ uri, type: 1 }, { uri, type: 2 }];
      }),
    });
    steps.push('events sent');
    await within(client.sendRequest('goDoctor/report', {}), left(), 'report after the edits');
    for (const uri of opened.slice(0, 3)) {
      await within(
        client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } }),
        left(),
        'codeAction',
      );
    }
    for (const uri of opened) await client.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await within(client.sendRequest('goDoctor/report', {}), left(), 'report after closing');
    steps.push('answered');
    await within(client.sendRequest('shutdown'), left(), 'shutdown');
    await client.sendNotification('exit');
    steps.push('shut down');
  } catch (err) {
    steps.push(`stopped: ${err instanceof Error ? err.message : String(err)}`);
  }
  // An exit it does not act on is a hang: the kill timer ends it.
  const result = await finish(w, l, 'server', 'server');
  client.dispose();
  const lastStep = steps.at(-1) ?? 'not started';
  if (lastStep !== 'shut down') result.problems.push(`the session ${lastStep}`);
  return result;
}
