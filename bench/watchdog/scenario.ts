/**
 * One benchmark scenario against the real gopls: start it like VS Code does (stdio, client name
 * "Visual Studio Code", dynamic watched-file registration), open main.go, wait until idle, record a
 * 3 s baseline, apply the load (a file-event storm with real file writes, or normal editing), wait
 * for gopls to settle, and return the per-second trace (same shape as the watchdog lab's).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { EventMeter } from '../../src/watchdog/event-meter.js';
import { isGoplsWatchedPath, isReloadEvent, type FileChange } from '../../src/watchdog/gopls-watched.js';
import { cpuBetween, type CpuReading, type GoplsProcess, type ProcessSample } from '../../src/watchdog/process-sample.js';
import { stormCause } from '../../src/watchdog/storm-cause.js';
import type { Trace, TraceSecond } from '../../src/watchdog/trace.js';
import { goFileText, goModText, pkgName, type ModuleShape } from './generate-module.js';
import { LspClient } from './lsp-client.js';

export type ScenarioKind =
  | 'none'
  | 'go-edit'
  | 'go-create'
  | 'gen-dir'
  | 'gomod'
  | 'nongo'
  | 'save'
  | 'typing'
  | 'checkout'
  | 'format'
  | 'git-commit'
  /** One module file (`loopFile`) rewritten every `periodMs` (a script touching go.mod, go.sum or go.work). */
  | 'modfile-loop'
  /** Every `periodMs`: `regenFiles` files of `gen/api/` regenerated and go.mod touched (a watch loop). */
  | 'watch-regen'
  /** Real commands run in the workspace; the events are what changed on disk (snapshot diffs every 500 ms). */
  | 'git-checkout'
  | 'gofmt-module'
  | 'go-generate'
  | 'go-mod-tidy'
  | 'make-generate-tidy'
  /** npm's write pattern: package directories and files appearing in node_modules/ over a few seconds. */
  | 'npm-install';

export interface ScenarioSpec {
  label: string;
  kind: ScenarioKind;
  /** Events per second (storms), saves per second (save), keystrokes per second (typing). */
  rate: number;
  durationS: number;
  expect: 'normal' | 'storm';
  /** Files in the one burst of checkout / format. */
  burst?: number;
  /** Restart gopls (shutdown, exit, new process) this many seconds into the load. */
  restartAtS?: number;
  /** Kill gopls (SIGKILL, no restart) this many seconds into the load. */
  killAtS?: number;
  maxSettleS?: number;
  /** modfile-loop: the file rewritten. */
  loopFile?: 'go.mod' | 'go.sum' | 'go.work';
  /** modfile-loop / watch-regen: milliseconds between rewrites. */
  periodMs?: number;
  /** watch-regen: files regenerated per period (default 40). */
  regenFiles?: number;
  /** Module size (default DEFAULT_SHAPE); runScenario's caller generates the workspace. */
  shape?: ModuleShape;
}

export interface BenchEnvironment {
  gopls: string;
  goBinDir: string;
  workspace: string;
  shape: ModuleShape;
  log: (line: string) => void;
  /** Called with every batch of file events as VS Code's watcher would report them (live watchdogs in tests). */
  onEvents?: (epochMs: number, relativePaths: string[]) => void;
}

const SAMPLE_MS = 250;
const BATCH_MS = 100;
const PRE_IDLE_S = 3;
const epoch = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const uri = (p: string): string => pathToFileURL(p).href;

interface SamplerLine {
  t: number;
  processes: GoplsProcess[];
  steal: number;
  load1: number;
  cost: number;
}

/** Starts the sampling child process (the watchdog's LinuxProcSampler) for gopls processes under this process. */
function startSampler(): { lines: SamplerLine[]; stop: () => void; child: ChildProcess } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'sampler-child.ts'), String(process.pid), String(SAMPLE_MS)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: SamplerLine[] = [];
  let buf = '';
  child.stdout?.on('data', (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try {
        lines.push(JSON.parse(line) as SamplerLine);
      } catch {
        // partial line
      }
    }
  });
  return {
    lines,
    child,
    stop: () => {
      child.stdin?.end();
      setTimeout(() => child.kill('SIGKILL'), 1000).unref();
    },
  };
}

const toSample = (l: SamplerLine): ProcessSample => ({ t: l.t, processes: l.processes });

/** CPU readings between consecutive samples (robust to gopls restarts). */
function readings(lines: SamplerLine[]): CpuReading[] {
  const out: CpuReading[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    if (a && b) out.push(cpuBetween(toSample(a), toSample(b)));
  }
  return out;
}

/** Tree CPU % over the last `ms` (from samples), or undefined without data. */
function recentPercent(lines: SamplerLine[], ms: number): number | undefined {
  const last = lines[lines.length - 1];
  if (!last) return undefined;
  let first: SamplerLine | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i];
    if (l && last.t - l.t >= ms) {
      first = l;
      break;
    }
  }
  if (!first) return undefined;
  const r = cpuBetween(toSample(first), toSample(last));
  return r.treePercent ?? 0;
}

export interface Gopls {
  proc: ChildProcess;
  client: LspClient;
  diagnostics: number;
  activeProgress: Set<unknown>;
  watchPatterns: number;
  serverVersion: string;
}

export function startGopls(env: BenchEnvironment): Gopls {
  const proc = spawn(env.gopls, [], {
    cwd: env.workspace,
    stdio: ['pipe', 'pipe', 'pipe'],
    // -mod=mod is refused in workspace (go.work) mode
    env: { ...process.env, PATH: `${env.goBinDir}:${process.env.PATH ?? ''}`, GOTOOLCHAIN: 'local', GOFLAGS: existsSync(join(env.workspace, 'go.work')) ? '' : '-mod=mod', GOPROXY: 'off' },
  });
  proc.stderr?.resume();
  if (!proc.stdout || !proc.stdin) throw new Error('gopls has no stdio');
  const client = new LspClient(proc.stdout, proc.stdin);
  const g: Gopls = { proc, client, diagnostics: 0, activeProgress: new Set(), watchPatterns: 0, serverVersion: '' };
  client.onRequest('workspace/configuration', (p) => ((p as { items?: unknown[] }).items ?? []).map(() => ({})));
  client.onRequest('client/registerCapability', (p) => {
    for (const r of (p as { registrations?: { method: string; registerOptions?: { watchers?: unknown[] } }[] }).registrations ?? []) {
      if (r.method === 'workspace/didChangeWatchedFiles') g.watchPatterns = r.registerOptions?.watchers?.length ?? 0;
    }
    return null;
  });
  client.onRequest('client/unregisterCapability', () => null);
  client.onRequest('window/workDoneProgress/create', () => null);
  client.onRequest('workspace/workspaceFolders', () => [{ uri: uri(env.workspace), name: 'ws' }]);
  client.onRequest('window/showMessageRequest', () => null);
  client.onNotification('textDocument/publishDiagnostics', () => {
    g.diagnostics++;
  });
  client.onNotification('$/progress', (p) => {
    const v = p as { token: unknown; value?: { kind?: string } };
    if (v.value?.kind === 'begin') g.activeProgress.add(v.token);
    if (v.value?.kind === 'end') g.activeProgress.delete(v.token);
  });
  return g;
}

export async function initialize(g: Gopls, env: BenchEnvironment): Promise<void> {
  const init = await g.client.request<{ serverInfo?: { version?: string } }>('initialize', {
    processId: process.pid,
    clientInfo: { name: 'Visual Studio Code', version: '1.100.0' },
    rootUri: uri(env.workspace),
    workspaceFolders: [{ uri: uri(env.workspace), name: 'ws' }],
    initializationOptions: {},
    capabilities: {
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true }, configuration: true, workspaceFolders: true },
      window: { workDoneProgress: true },
      textDocument: { publishDiagnostics: { relatedInformation: true }, synchronization: { didSave: true, dynamicRegistration: true } },
    },
  });
  g.serverVersion = String(init.serverInfo?.version ?? '').slice(0, 200);
  g.client.notify('initialized', {});
  const main = join(env.workspace, 'main.go');
  g.client.notify('textDocument/didOpen', { textDocument: { uri: uri(main), languageId: 'go', version: 1, text: readFileSync(main, 'utf8') } });
}

export async function stopGopls(g: Gopls): Promise<void> {
  try {
    await Promise.race([g.client.request('shutdown', null, 3000), sleep(3000)]);
    g.client.notify('exit', null);
  } catch {
    // already gone
  }
  await sleep(300);
  g.client.close();
  if (g.proc.exitCode === null) g.proc.kill('SIGKILL');
}

/** Waits until gopls's tree CPU stays below `pct` for `quietMs` (and `extra()`); returns when quiet began, or undefined. */
async function waitQuiet(lines: SamplerLine[], from: number, maxMs: number, pct = 5, quietMs = 2000, extra: () => boolean = () => true): Promise<number | undefined> {
  let quietSince: number | undefined;
  while (epoch() - from < maxMs) {
    await sleep(SAMPLE_MS);
    const t = epoch();
    if (t - from < 1000) continue;
    const p = recentPercent(lines, 1000);
    if (p !== undefined && p < pct && extra()) {
      quietSince ??= t - 1000;
      if (t - quietSince >= quietMs) return quietSince;
    } else quietSince = undefined;
  }
  return undefined;
}

interface Target {
  file: string;
  content: string | null;
  /** LSP FileChangeType: 1 created, 2 changed, 3 deleted. */
  type: 1 | 2 | 3;
  mkdir?: boolean;
  /** A directory event (created / deleted), not a file. */
  dir?: boolean;
}

const CHANGE: Record<1 | 2 | 3, FileChange> = { 1: 'created', 2: 'changed', 3: 'deleted' };

function writeTarget(tg: Target): void {
  if (tg.dir) return;
  if (tg.mkdir) mkdirSync(dirname(tg.file), { recursive: true });
  if (tg.content === null) return;
  if (tg.type === 1) {
    writeFileSync(tg.file, tg.content);
    return;
  }
  // in place (open r+, write, truncate): a truncate-to-zero rewrite costs ~0.5 ms/file on ext4 (lab)
  const fd = openSync(tg.file, 'r+');
  const b = Buffer.from(tg.content);
  writeSync(fd, b, 0, b.length, 0);
  ftruncateSync(fd, b.length);
  closeSync(fd);
}

export async function runScenario(spec: ScenarioSpec, env: BenchEnvironment): Promise<Trace> {
  const ws = env.workspace;
  const P = env.shape.pkgs;
  const F = env.shape.filesPerPkg;
  let generation = 1 + Math.floor(Math.random() * 1e6);
  const target = (i: number): Target => {
    switch (spec.kind) {
      case 'go-edit':
      case 'checkout':
      case 'format': {
        const p = i % P;
        const f = Math.floor(i / P) % F;
        return { file: join(ws, 'pkg', pkgName(p), `f${String(f).padStart(2, '0')}.go`), content: goFileText(p, f, generation++), type: 2 };
      }
      case 'go-create': {
        const p = i % P;
        return { file: join(ws, 'pkg', pkgName(p), `zz_new_${i}.go`), content: `package ${pkgName(p)}\n\nconst ZZNew${i} = ${i}\n`, type: 1 };
      }
      case 'gen-dir': {
        const d = `d${String(Math.floor(i / 50)).padStart(4, '0')}`;
        return { file: join(ws, 'build', 'gen', d, `z${i % 50}.go`), content: `package ${d}\n\nconst Z${i % 50} = ${i}\n`, type: 1, mkdir: true };
      }
      case 'gomod':
        return { file: join(ws, 'go.mod'), content: goModText(`touch ${i}`), type: 2 };
      case 'nongo': {
        const n = i % env.shape.nodeModulesFiles;
        return { file: join(ws, 'node_modules', `lib${String(Math.floor(n / 50)).padStart(3, '0')}`, `index${n % 50}.js`), content: `module.exports = ${i};\n`, type: 2 };
      }
      default:
        throw new Error(`no storm target for ${spec.kind}`);
    }
  };

  prepareWorkspace(spec, env);
  const sampler = startSampler();
  const meter = new EventMeter({ epochMs: 3_600_000, epochs: 1 });
  const evTimes: { t: number; watched: number; other: number; reloads?: number; paths?: string[] }[] = [];
  const startedAt: number[] = [];
  let g = startGopls(env);
  startedAt.push(epoch());
  try {
    const tInit = epoch();
    await initialize(g, env);
    const quiet = await waitQuiet(sampler.lines, tInit, 120_000, 5, 2000, () => g.activeProgress.size === 0);
    const initLoadS = quiet === undefined ? null : +((quiet - tInit) / 1000).toFixed(1);
    env.log(`  ${spec.label}: gopls ready after ${initLoadS ?? '>120'} s (${g.watchPatterns} watch patterns, ${g.serverVersion.slice(0, 60)})`);
    await sleep(PRE_IDLE_S * 1000);
    const tStart = epoch();

    /** gopls is reachable (not killed, not in the middle of a restart). */
    let connected = true;
    /**
     * Counts the events VS Code's watcher would see for these writes and, while gopls is connected,
     * forwards the ones matching gopls's globs in one didChangeWatchedFiles (as VS Code does).
     */
    const deliver = (files: Target[]): void => {
      const watched = files.filter((f) => !f.dir && isGoplsWatchedPath(f.file));
      const t = epoch();
      const rel = files.map((f) => relative(ws, f.file));
      for (const r of rel) meter.record(t, r);
      env.onEvents?.(t, rel);
      // paths kept per event: module files, package directories (`dir/`) and watched files
      const reloadPaths = files.filter((f, i) => isReloadEvent(rel[i] ?? '', CHANGE[f.type])).map((f) => relative(ws, f.file) + (f.dir ? '/' : ''));
      const watchedPaths = watched.filter((f) => !isReloadEvent(relative(ws, f.file), CHANGE[f.type])).map((f) => relative(ws, f.file));
      evTimes.push({ t, watched: watched.length, other: files.length - watched.length, reloads: reloadPaths.length, paths: [...reloadPaths, ...watchedPaths] });
      if (connected && watched.length > 0) g.client.notify('workspace/didChangeWatchedFiles', { changes: watched.map((f) => ({ uri: uri(f.file), type: f.type })) });
    };

    let restarted = false;
    let killed = false;
    let restarting: Promise<void> | undefined;
    /** Restart (like go.languageserver.restart: shutdown, exit, new process) or kill, without pausing the writer. */
    const lifecycle = (elapsedS: number): void => {
      if (spec.restartAtS !== undefined && !restarted && elapsedS >= spec.restartAtS) {
        restarted = true;
        connected = false;
        env.log(`  ${spec.label}: restarting gopls at ${elapsedS.toFixed(1)} s`);
        restarting = (async () => {
          await stopGopls(g);
          g = startGopls(env);
          startedAt.push(epoch());
          await initialize(g, env);
          connected = true;
        })();
      }
      if (spec.killAtS !== undefined && !killed && elapsedS >= spec.killAtS) {
        killed = true;
        connected = false;
        env.log(`  ${spec.label}: killing gopls at ${elapsedS.toFixed(1)} s`);
        g.proc.kill('SIGKILL');
        g.client.close();
      }
    };

    const end = tStart + spec.durationS * 1000;
    if (spec.kind === 'none') {
      await sleep(spec.durationS * 1000);
    } else if (spec.kind === 'save' || spec.kind === 'typing' || spec.kind === 'git-commit') {
      const p = 100 % P;
      const f = 1;
      const file = join(ws, 'pkg', pkgName(p), `f${String(f).padStart(2, '0')}.go`);
      let version = 1;
      g.client.notify('textDocument/didOpen', { textDocument: { uri: uri(file), languageId: 'go', version, text: readFileSync(file, 'utf8') } });
      let next = tStart;
      let n = 0;
      while (epoch() < end) {
        const text = goFileText(p, f, generation++);
        version++;
        g.client.notify('textDocument/didChange', { textDocument: { uri: uri(file), version }, contentChanges: [{ text }] });
        if (spec.kind !== 'typing') {
          writeFileSync(file, text);
          g.client.notify('textDocument/didSave', { textDocument: { uri: uri(file) } });
          deliver([{ file, content: text, type: 2 }]);
        }
        if (spec.kind === 'git-commit') {
          // a real commit: only .git/** changes (not watched by gopls; .git/objects is in VS Code's default watcherExclude)
          const before = new Set(gitObjects(ws));
          spawnSync('git', ['-C', ws, 'commit', '-q', '-a', '-m', `bench ${n}`], { timeout: 10_000, stdio: 'ignore' });
          const added = gitObjects(ws).filter((o) => !before.has(o));
          const t = epoch();
          for (const o of added) meter.record(t, `.git/objects/${o}`, false);
          for (const f2 of ['.git/index', '.git/COMMIT_EDITMSG', '.git/logs/HEAD', '.git/refs/heads/main']) meter.record(t, f2, false);
          evTimes.push({ t, watched: 0, other: added.length + 4 });
        }
        n++;
        next += 1000 / spec.rate;
        await sleep(next - epoch());
      }
    } else if (spec.kind === 'checkout' || spec.kind === 'format') {
      // one burst: checkout = all files in one go; format = a formatter rewriting files as fast as it can
      const total = spec.burst ?? 2000;
      const chunk = spec.kind === 'checkout' ? 1000 : 50;
      for (let i = 0; i < total; i += chunk) {
        const files: Target[] = [];
        for (let j = i; j < Math.min(total, i + chunk); j++) {
          const tg = target(j);
          writeTarget(tg);
          files.push(tg);
        }
        deliver(files);
        if (spec.kind === 'format') await sleep(BATCH_MS);
      }
      await sleep(end - epoch());
    } else if (spec.kind === 'modfile-loop' || spec.kind === 'watch-regen') {
      const period = spec.periodMs ?? 500;
      let next = tStart;
      let n = 0;
      while (epoch() < end) {
        const files: Target[] = [];
        if (spec.kind === 'modfile-loop') {
          const name = spec.loopFile ?? 'go.mod';
          files.push({ file: join(ws, name), content: moduleFileText(name, n), type: 2 });
        } else {
          const k = spec.regenFiles ?? 40;
          for (let j = 0; j < k; j++) files.push({ file: join(ws, 'gen', 'api', `zz_api_${String(j).padStart(2, '0')}.go`), content: regenText(j, n), type: 2 });
          files.push({ file: join(ws, 'go.mod'), content: goModText(`regenerated ${n}`), type: 2 });
        }
        for (const f of files) writeTarget(f);
        deliver(files);
        n++;
        next += period;
        await sleep(next - epoch());
      }
    } else if (spec.kind === 'npm-install') {
      // npm extracts package after package: ~30 packages/s of 20 files each for 5 s; VS Code's default
      // files.watcherExclude (**/node_modules/*/**) leaves only the package directories as events
      for (let pkg = 0; pkg < 150 && epoch() < end; pkg++) {
        const dir = join(ws, 'node_modules', `npmpkg${String(pkg).padStart(3, '0')}`);
        mkdirSync(join(dir, 'lib'), { recursive: true });
        for (let j = 0; j < 20; j++) writeFileSync(join(dir, j === 0 ? 'package.json' : join('lib', `m${j}.js`)), `{"name":"npmpkg${pkg}","v":${j}}\n`);
        deliver([{ file: dir, content: null, type: 1, dir: true }]);
        if (pkg % 6 === 5) await sleep(200);
      }
      writeFileSync(join(ws, 'node_modules', '.package-lock.json'), '{"lockfileVersion":3}\n');
      deliver([{ file: join(ws, 'node_modules', '.package-lock.json'), content: null, type: 1 }]);
      await sleep(end - epoch());
    } else if (COMMAND_KINDS.has(spec.kind)) {
      let before = snapshot(ws);
      const poll = (): void => {
        const after = snapshot(ws);
        const changes = diffSnapshots(ws, before, after);
        before = after;
        for (let i = 0; i < changes.length; i += 1000) deliver(changes.slice(i, i + 1000));
      };
      for (const argv of commandsFor(spec.kind)) {
        const child = spawn(argv[0] ?? 'true', argv.slice(1), {
          cwd: ws,
          stdio: 'ignore',
          env: { ...process.env, PATH: `${env.goBinDir}:${process.env.PATH ?? ''}`, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOPROXY: 'off' },
        });
        const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        let done = false;
        child.on('exit', () => (done = true));
        child.on('error', () => (done = true));
        while (!done) {
          await sleep(500);
          poll();
        }
        clearTimeout(killer);
        poll();
        env.log(`  ${spec.label}: ${argv.join(' ')} exited ${String(child.exitCode)}`);
        await sleep(1000);
        poll();
      }
      await sleep(end - epoch());
    } else {
      let i = 0;
      let owed = 0;
      let last = epoch();
      const maxBatch = Math.max(1, Math.ceil(((spec.rate * BATCH_MS) / 1000) * 2));
      while (epoch() < end) {
        lifecycle((epoch() - tStart) / 1000);
        const t = epoch();
        owed += (spec.rate * (t - last)) / 1000;
        last = t;
        let k = Math.floor(owed);
        if (k > maxBatch) {
          k = maxBatch;
          owed = 0;
        }
        if (k > 0) {
          owed -= k;
          const files: Target[] = [];
          for (let j = 0; j < k; j++, i++) {
            const tg = target(i);
            writeTarget(tg);
            files.push(tg);
          }
          deliver(files);
        }
        await sleep(BATCH_MS);
      }
      await restarting;
    }
    const tEnd = epoch();
    const settleMax = (spec.maxSettleS ?? 45) * 1000;
    const settledAt = spec.killAtS !== undefined ? (await sleep(8000), undefined) : await waitQuiet(sampler.lines, tEnd, settleMax);
    const tStop = epoch();
    await sleep(SAMPLE_MS * 2);

    // per-second timeline from PRE_IDLE_S before the load to the stop
    const reads = readings(sampler.lines);
    const timeline: TraceSecond[] = [];
    for (let t = tStart - PRE_IDLE_S * 1000; t + 1000 <= tStop; t += 1000) {
      const sec = Math.round((t - tStart) / 1000);
      let w = 0;
      let wCovered = 0;
      let covered = 0;
      let selfW = 0;
      for (const r of reads) {
        const a = Math.max(t, r.t - r.intervalMs);
        const b = Math.min(t + 1000, r.t);
        if (b <= a) continue;
        covered += b - a;
        if (r.treePercent !== null) {
          w += r.treePercent * (b - a);
          selfW += (r.selfPercent ?? 0) * (b - a);
          wCovered += b - a;
        }
      }
      const inSec = sampler.lines.filter((l) => l.t >= t && l.t < t + 1000);
      const lastLine = inSec[inSec.length - 1];
      const ev = evTimes.filter((e) => e.t >= t && e.t < t + 1000);
      const stealTicks = inSec.length >= 2 ? (inSec[inSec.length - 1]?.steal ?? 0) - (inSec[0]?.steal ?? 0) : 0;
      const stealSpan = inSec.length >= 2 ? ((inSec[inSec.length - 1]?.t ?? 0) - (inSec[0]?.t ?? 0)) / 1000 : 0;
      const reloads = ev.reduce((a, e) => a + (e.reloads ?? 0), 0);
      const pathCounts = new Map<string, number>();
      for (const e of ev) for (const p of e.paths ?? []) pathCounts.set(p, (pathCounts.get(p) ?? 0) + 1);
      timeline.push({
        sec,
        events: ev.reduce((a, e) => a + e.watched, 0),
        otherEvents: ev.reduce((a, e) => a + e.other, 0),
        ...(reloads > 0 ? { reloads } : {}),
        ...(pathCounts.size > 0 ? { paths: topPaths(pathCounts) } : {}),
        goplsTreePct: wCovered >= Math.max(1, covered) / 2 && wCovered > 0 ? +(w / wCovered).toFixed(1) : null,
        goplsSelfPct: wCovered > 0 ? +(selfW / wCovered).toFixed(1) : null,
        rssMB: lastLine && lastLine.processes.length > 0 ? Math.round(lastLine.processes.reduce((a, p) => a + p.treeRssBytes, 0) / 1048576) : null,
        stealPct: stealSpan > 0 ? +((stealTicks / 100 / stealSpan) * 100).toFixed(1) : 0,
        load1: lastLine?.load1 ?? 0,
        goplsProcesses: lastLine?.processes.length ?? 0,
        ...(startedAt.slice(1).some((s) => s >= t && s < t + 1000) ? { goplsStarted: true } : {}),
      });
    }
    const during = timeline.filter((s) => s.sec >= 0 && s.sec < spec.durationS);
    const mean = (a: number[]): number => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);
    const tally = meter.summary(tStop, 3_600_000);
    const cause = stormCause(tally);
    const treeVals = during.map((s) => s.goplsTreePct ?? 0);
    const sent = evTimes.reduce((a, e) => a + e.watched + e.other, 0);
    const costs = sampler.lines.map((l) => l.cost);
    return {
      summary: {
        label: spec.label,
        kind: spec.kind,
        rate: spec.rate,
        durationS: spec.durationS,
        expect: spec.expect,
        goplsVersion: 'v0.24.0',
        serverInfo: g.serverVersion.slice(0, 120),
        ws: env.shape,
        initLoadS,
        watchPatterns: g.watchPatterns,
        eventsSent: sent,
        watchedEvents: evTimes.reduce((a, e) => a + e.watched, 0),
        achievedRate: +(sent / Math.max(0.001, (Math.min(tEnd, end) - tStart) / 1000)).toFixed(0),
        stormMeanPct: +mean(treeVals).toFixed(1),
        stormMaxPct: Math.max(0, ...treeVals),
        settleS: settledAt === undefined ? null : +Math.max(0, (settledAt - tEnd) / 1000).toFixed(1),
        cpuSecondsTotal: +(reads.filter((r) => r.t >= tStart && r.t <= tStop).reduce((a, r) => a + ((r.treePercent ?? 0) * r.intervalMs) / 100, 0) / 1000).toFixed(1),
        rssPeakMB: Math.max(0, ...timeline.map((s) => s.rssMB ?? 0)),
        stealMeanPct: +mean(timeline.map((s) => s.stealPct ?? 0)).toFixed(1),
        load1Start: timeline[0]?.load1 ?? null,
        load1Max: Math.max(0, ...timeline.map((s) => s.load1 ?? 0)),
        cores: cpus().length,
        startedAtEpochMs: Math.round(tStart),
        cause,
        restartAtS: spec.restartAtS ?? null,
        ...(spec.periodMs !== undefined ? { periodS: spec.periodMs / 1000 } : {}),
        ...(spec.loopFile !== undefined ? { loopFile: spec.loopFile } : {}),
        killAtS: spec.killAtS ?? null,
        samplerCostMsMean: +mean(costs).toFixed(3),
        recordedAt: new Date().toISOString(),
      },
      timeline,
    };
  } finally {
    await stopGopls(g);
    sampler.stop();
  }
}

function gitObjects(ws: string): string[] {
  const objects = join(ws, '.git', 'objects');
  const l = spawnSync('find', [objects, '-type', 'f', '-not', '-path', '*/pack/*', '-not', '-path', '*/info/*'], { timeout: 10_000, encoding: 'utf8' });
  return (l.stdout ?? '').split('\n').filter(Boolean).map((p) => relative(objects, p));
}

/** Makes the workspace a git repository with one packed commit (for the git-commit scenario). */
export function ensureGitRepo(ws: string): void {
  const git = (...args: string[]): number | null => spawnSync('git', ['-C', ws, ...args], { timeout: 60_000, stdio: 'ignore' }).status;
  if (git('rev-parse', '--git-dir') === 0) return;
  writeFileSync(join(ws, '.gitignore'), 'node_modules/\nbuild/\n');
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'go-doctor bench');
  git('config', 'user.email', 'bench@example.invalid');
  git('config', 'gc.auto', '0');
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  git('gc', '-q');
}

/** The paths of one second's events kept in a trace: reload paths first, then the most changed; at most TRACE_PATHS. */
export const TRACE_PATHS = 8;
function topPaths(counts: Map<string, number>): Record<string, number> {
  const reload = (p: string): number => (isReloadEvent(p.replace(/\/$/, ''), p.endsWith('/') ? 'created' : 'changed') ? 1 : 0);
  const sorted = [...counts].sort((a, b) => reload(b[0]) - reload(a[0]) || b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(sorted.slice(0, TRACE_PATHS));
}

/** Content of the looped module file at iteration `n` (a real change each time). */
function moduleFileText(name: 'go.mod' | 'go.sum' | 'go.work', n: number): string {
  if (name === 'go.mod') return goModText(`touch ${n}`);
  // a script toggling a workspace module (`go work use` in a loop): the workspace really changes
  if (name === 'go.work') return n % 2 ? `go 1.21\n\nuse (\n\t.\n\t./tools\n)\n` : `go 1.21\n\nuse .\n`;
  // go.sum: lines for modules nothing requires (the go command ignores them); order flips like a re-sort
  const lines = [`example.org/a v1.0.${n % 7} h1:${'A'.repeat(43)}=`, `example.org/a v1.0.${n % 7}/go.mod h1:${'B'.repeat(43)}=`];
  return (n % 2 ? lines.reverse() : lines).join('\n') + '\n';
}

function regenText(file: number, n: number): string {
  return `// Code generated by watch-regen; DO NOT EDIT.\n\npackage api\n\nconst Rev${file} = ${n}\n\n// Msg${file} is generated.\ntype Msg${file} struct {\n\tID   int\n\tName string\n}\n`;
}

const COMMAND_KINDS = new Set<ScenarioKind>(['git-checkout', 'gofmt-module', 'go-generate', 'go-mod-tidy', 'make-generate-tidy']);

function commandsFor(kind: ScenarioKind): string[][] {
  switch (kind) {
    case 'git-checkout':
      return [['git', 'checkout', '-q', '-f', 'feature']];
    case 'gofmt-module':
      return [['gofmt', '-w', '.']];
    case 'go-generate':
      return [['go', 'generate', './...']];
    case 'go-mod-tidy':
      return [['go', 'mod', 'tidy']];
    case 'make-generate-tidy':
      return [
        ['go', 'generate', './...'],
        ['go', 'mod', 'tidy'],
      ];
    default:
      return [];
  }
}

const GENERATE_PACKAGES = 50;
const UNTIDY_GO_MOD = `module example.com/lab\n\ngo 1.21\n\nrequire example.com/unused v0.0.0\n\nreplace example.com/unused => ./third_party/unused\n`;

/** Puts the workspace in the state the scenario starts from (before gopls starts). */
function prepareWorkspace(spec: ScenarioSpec, env: BenchEnvironment): void {
  const ws = env.workspace;
  const git = (...args: string[]): number | null => spawnSync('git', ['-C', ws, ...args], { timeout: 60_000, stdio: 'ignore' }).status;
  if (existsSync(join(ws, '.git'))) git('checkout', '-q', '-f', 'main');
  for (const f of ['go.work', 'go.sum']) rmSync(join(ws, f), { force: true });
  rmSync(join(ws, 'gen'), { recursive: true, force: true });
  rmSync(join(ws, 'third_party'), { recursive: true, force: true });
  for (let p = 0; p < Math.min(GENERATE_PACKAGES, env.shape.pkgs); p++) {
    rmSync(join(ws, 'pkg', pkgName(p), 'gen.go'), { force: true });
    rmSync(join(ws, 'pkg', pkgName(p), 'zz_generated.go'), { force: true });
    rmSync(join(ws, 'pkg', pkgName(p), 'zz_generated.tmpl'), { force: true });
  }
  for (const d of existsSync(join(ws, 'node_modules')) ? readdirSync(join(ws, 'node_modules')) : []) {
    if (d.startsWith('npmpkg') || d === '.package-lock.json') rmSync(join(ws, 'node_modules', d), { recursive: true, force: true });
  }
  if (spec.kind === 'git-checkout') {
    ensureFeatureBranch(ws, env.shape);
    git('checkout', '-q', '-f', 'main');
  }
  rmSync(join(ws, 'tools'), { recursive: true, force: true });
  if (spec.kind === 'modfile-loop' && spec.loopFile === 'go.work') {
    mkdirSync(join(ws, 'tools'), { recursive: true });
    writeFileSync(join(ws, 'tools', 'go.mod'), 'module example.com/tools\n\ngo 1.21\n');
    writeFileSync(join(ws, 'tools', 'tools.go'), 'package tools\n\nconst Version = 1\n');
    writeFileSync(join(ws, 'go.work'), moduleFileText('go.work', 0));
  }
  if (spec.kind === 'modfile-loop' && spec.loopFile === 'go.sum') writeFileSync(join(ws, 'go.sum'), moduleFileText('go.sum', 0));
  if (spec.kind === 'watch-regen') {
    mkdirSync(join(ws, 'gen', 'api'), { recursive: true });
    for (let j = 0; j < (spec.regenFiles ?? 40); j++) writeFileSync(join(ws, 'gen', 'api', `zz_api_${String(j).padStart(2, '0')}.go`), regenText(j, 0));
  }
  if (spec.kind === 'gofmt-module') {
    // unformatted sources (space indentation, as an editor without gofmt leaves them)
    for (let p = 0; p < env.shape.pkgs; p++) {
      for (let f = 0; f < env.shape.filesPerPkg; f++) {
        const file = join(ws, 'pkg', pkgName(p), `f${String(f).padStart(2, '0')}.go`);
        writeFileSync(file, goFileText(p, f, 0).replace(/^\t+/gm, (m) => '    '.repeat(m.length)));
      }
    }
  }
  if (spec.kind === 'go-generate' || spec.kind === 'make-generate-tidy') {
    for (let p = 0; p < Math.min(GENERATE_PACKAGES, env.shape.pkgs); p++) {
      const dir = join(ws, 'pkg', pkgName(p));
      writeFileSync(join(dir, 'gen.go'), `package ${pkgName(p)}\n\n//go:generate cp zz_generated.tmpl zz_generated.go\n`);
      writeFileSync(join(dir, 'zz_generated.tmpl'), `// Code generated by cp; DO NOT EDIT.\n\npackage ${pkgName(p)}\n\nconst Generated = ${p}\n`);
    }
  }
  if (spec.kind === 'go-mod-tidy' || spec.kind === 'make-generate-tidy') {
    mkdirSync(join(ws, 'third_party', 'unused'), { recursive: true });
    writeFileSync(join(ws, 'third_party', 'unused', 'go.mod'), 'module example.com/unused\n\ngo 1.21\n');
    writeFileSync(join(ws, 'third_party', 'unused', 'unused.go'), 'package unused\n\nconst X = 1\n');
    writeFileSync(join(ws, 'go.mod'), UNTIDY_GO_MOD);
  }
}

/** Branch `feature`: 800 files of pkg/ changed, two new packages, go.mod changed (a real branch switch). */
function ensureFeatureBranch(ws: string, shape: ModuleShape): void {
  const git = (...args: string[]): number | null => spawnSync('git', ['-C', ws, ...args], { timeout: 60_000, stdio: 'ignore' }).status;
  ensureGitRepo(ws);
  if (git('rev-parse', '--verify', '-q', 'feature') === 0) return;
  git('checkout', '-q', '-f', 'main');
  git('checkout', '-q', '-b', 'feature');
  let n = 0;
  for (let p = 0; p < shape.pkgs && n < 800; p++) {
    for (let f = 0; f < shape.filesPerPkg && n < 800; f++, n++) writeFileSync(join(ws, 'pkg', pkgName(p), `f${String(f).padStart(2, '0')}.go`), goFileText(p, f, 7));
  }
  for (const extra of ['extra1', 'extra2']) {
    mkdirSync(join(ws, 'pkg', extra), { recursive: true });
    for (let f = 0; f < 3; f++) writeFileSync(join(ws, 'pkg', extra, `e${f}.go`), `package ${extra}\n\nconst E${f} = ${f}\n`);
  }
  writeFileSync(join(ws, 'go.mod'), goModText('feature branch'));
  git('add', '-A', 'pkg', 'go.mod');
  git('commit', '-q', '-m', 'feature');
  git('checkout', '-q', '-f', 'main');
}

type Snapshot = Map<string, string>;

/** path → "mtime:size" for files, "d" for directories (node_modules/*, .git excluded below the first level). */
function snapshot(ws: string): Snapshot {
  const out: Snapshot = new Map();
  const walk = (dir: string, rel: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name === '.git') continue;
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        out.set(r, 'd');
        // VS Code's default files.watcherExclude: **/node_modules/*/**
        if (!/(^|\/)node_modules\/[^/]+$/.test(r)) walk(p, r);
      } else out.set(r, `${st.mtimeMs}:${st.size}`);
    }
  };
  walk(ws, '');
  return out;
}

function diffSnapshots(ws: string, a: Snapshot, b: Snapshot): Target[] {
  const out: Target[] = [];
  for (const [p, v] of b) {
    const old = a.get(p);
    if (old === v) continue;
    if (v === 'd') out.push({ file: join(ws, p), content: null, type: 1, dir: true });
    else out.push({ file: join(ws, p), content: null, type: old === undefined ? 1 : 2 });
  }
  for (const [p, v] of a) if (!b.has(p)) out.push({ file: join(ws, p), content: null, type: 3, ...(v === 'd' ? { dir: true } : {}) });
  return out;
}
