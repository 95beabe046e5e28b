import { release } from 'node:os';
import { join } from 'node:path';
import { SNAPSHOT_SCHEMA, SNAPSHOT_VERSION, type CommandId, type CommandRecord, type FileFact, type Snapshot, type ToolBinary } from '../core/snapshot.js';
import { defaultProbeCacheFile, ProbeCache, sharedProbeCache, type CachedProbe } from './cache.js';
import { fileIdentities, probeCacheKey } from './cache-key.js';
import { CommandRecorder, type ProbeProgress } from './command-recorder.js';
import type { CommandRunner } from './command-runner.js';
import { childEnv, recordedEnv } from './environment.js';
import { nodeFileSystem, type ProbeFileSystem } from './filesystem.js';
import {
  GO_COMMAND_ENV,
  goDistListArgv,
  goDistListBrokenArgv,
  goEnvArgv,
  goEnvCompiler,
  goEnvDirectories,
  goVersionArgv,
  goVersionMArgv,
  versionMTargets,
} from './go-commands.js';
import { probeGorootGoEnvFile, probeUserGoEnvFile } from './go-env-files.js';
import { probeEditorTools } from './editor-tools.js';
import { findGoInstallations } from './go-installations.js';
import { probeShellStartupFiles } from './shell-startup-files.js';
import { probeLinuxFiles } from './linux.js';
import { developerDirectoryFiles, MACOS_STATE_FILES, probeClangVersion, probeDeveloperTools, probeMacSystem } from './macos.js';
import { neutralDirectory } from './neutral-directory.js';
import { probePathEntries } from './path-entries.js';
import { DEFAULT_MAX_OUTPUT_BYTES, DEFAULT_TIMEOUT_MS, processRunner } from './run-command.js';
import { findToolsInGoDir, findToolsOnPath, firstGoOnPath, toolNames } from './tool-binaries.js';
import { goBinDirectory, goEnvFile } from './user-dirs.js';
import { addWhich, probeWhich } from './which.js';

export interface ProbeMachineOptions {
  /** Per-command timeout (default 5000 ms). */
  timeoutMs?: number;
  /** Output kept per stream and command (default 1 MiB). */
  maxOutputBytes?: number;
  /** More tool names to look for on PATH (besides go, gofmt, gopls, dlv…). */
  extraTools?: readonly string[];
  /** `false`: no cache. Default: the shared cache in the user cache dir. Or a ProbeCache. */
  cache?: boolean | ProbeCache;
  /** The environment to diagnose (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  onProgress?: (event: ProbeProgress) => void;
  /** Injected for tests: how commands run (default: real processes). */
  runner?: CommandRunner;
  /** Injected for tests: the file system (default: the real one). */
  fs?: ProbeFileSystem;
  /** Injected for tests: the host (default: this machine). */
  host?: Snapshot['host'];
  /** Working directory of the commands (default: an empty neutral dir). */
  workingDirectory?: string;
  /** Base for relative PATH entries (default process.cwd()). */
  currentDirectory?: string;
  producer?: Snapshot['producer'];
  /** The editor the doctor runs for (recorded as `snapshot.editor`). */
  editor?: Snapshot['editor'];
  now?: () => Date;
}

/** Ids in the order they are listed in a snapshot (others follow in completion order). */
const COMMAND_ORDER: readonly CommandId[] = [
  'go.version', 'go.env', 'go.distList', 'go.distListBroken', 'go.versionM',
  'sw_vers', 'sysctl.arm64', 'sysctl.translated', 'xcodeSelect', 'pkgutil.clt', 'pkgutil.go', 'clang.version',
];

function orderedCommands(records: Partial<Record<CommandId, CommandRecord>>): Partial<Record<CommandId, CommandRecord>> {
  const ids = Object.keys(records);
  const rank = (id: string): number => {
    const i = COMMAND_ORDER.indexOf(id);
    return i === -1 ? COMMAND_ORDER.length : i;
  };
  return Object.fromEntries(ids.sort((a, b) => rank(a) - rank(b)).map((id) => [id, records[id]]));
}

function producerOf(options: ProbeMachineOptions): Snapshot['producer'] {
  return options.producer ?? { name: 'go-doctor', version: typeof GO_DOCTOR_VERSION === 'undefined' ? 'dev' : GO_DOCTOR_VERSION };
}

/** The cache to use; the default one lives in the real user's cache dir (process.env, not `env`). */
function resolveCache(option: ProbeMachineOptions['cache'], platform: string): ProbeCache | undefined {
  if (option === false) return undefined;
  if (option instanceof ProbeCache) return option;
  return sharedProbeCache(defaultProbeCacheFile(platform, process.env));
}

/** A record may be reused later unless it failed for a passing reason (timeout, broken runner). */
function isReusable(record: CommandRecord): boolean {
  return record.timedOut !== true && !(record.error ?? '').startsWith('runner failed');
}

interface CommandPhase {
  commands: Partial<Record<CommandId, CommandRecord>>;
  files: Record<string, FileFact>;
  gorootTools: ToolBinary[];
  /** Paths learned from the outputs, whose identity must still match to reuse this phase. */
  derivedPaths: string[];
}

interface CommandPhaseInputs {
  options: ProbeMachineOptions;
  env: Readonly<Record<string, string | undefined>>;
  host: Snapshot['host'];
  fs: ProbeFileSystem;
  go: ToolBinary | undefined;
  knownTools: ToolBinary[];
  path: Snapshot['path'];
  names: string[];
  timeoutMs: number;
}

/** Runs every command (in parallel where order does not matter). Never throws. */
async function runCommands(inputs: CommandPhaseInputs): Promise<CommandPhase> {
  const { options, env, host, fs, go, knownTools, path, names, timeoutMs } = inputs;
  const recorder = new CommandRecorder({
    runner: options.runner ?? processRunner,
    timeoutMs,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    cwd: options.workingDirectory ?? (await neutralDirectory(fs)),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const plainEnv = childEnv(env);
  const goEnv = childEnv(env, GO_COMMAND_ENV);
  const darwin = host.platform === 'darwin';
  const phase: CommandPhase = { commands: {}, files: {}, gorootTools: [], derivedPaths: [] };

  const developerTools = darwin ? probeDeveloperTools(recorder, fs, plainEnv) : undefined;
  const macSystem = darwin ? probeMacSystem(recorder, plainEnv) : undefined;
  const clang = developerTools?.then((state) => probeClangVersion(recorder, state, plainEnv));

  const goCommands = async (): Promise<void> => {
    if (go === undefined) {
      const why = 'no go binary in an absolute PATH directory';
      recorder.skip('go.version', goVersionArgv('go'), why);
      recorder.skip('go.env', goEnvArgv('go', true), why);
      recorder.skip('go.distList', goDistListArgv('go'), why);
      recorder.skip('go.distListBroken', goDistListBrokenArgv('go'), why);
      recorder.skip('go.versionM', goVersionMArgv('go', []), why);
      return;
    }
    const basics = Promise.all([
      recorder.run('go.version', goVersionArgv(go.path), goEnv),
      recorder.run('go.distList', goDistListArgv(go.path), goEnv),
      recorder.run('go.distListBroken', goDistListBrokenArgv(go.path), goEnv),
    ]);
    // On macOS, a bare `go env -json` runs $CC: only once the developer tools are known usable.
    const mayRunCompiler = developerTools ? (await developerTools).usable : true;
    const goEnvRecord = await recorder.run('go.env', goEnvArgv(go.path, mayRunCompiler), goEnv);
    const { goroot, gotooldir } = goEnvDirectories(goEnvRecord.exitCode === 0 ? goEnvRecord.stdout : '');
    if (goroot !== undefined) {
      const gorootBin = join(goroot, 'bin');
      Object.assign(phase.files, await probeGorootGoEnvFile(goroot, fs));
      phase.gorootTools = await findToolsInGoDir(gorootBin, 'goroot', path, names, fs);
      phase.derivedPaths.push(join(goroot, 'go.env'), gorootBin, ...phase.gorootTools.map((tool) => tool.path));
    }
    if (gotooldir !== undefined) phase.derivedPaths.push(join(gotooldir, 'dist'));
    const targets = versionMTargets([...knownTools, ...phase.gorootTools]);
    if (targets.length === 0) recorder.skip('go.versionM', goVersionMArgv(go.path, []), 'no tool binaries besides go and gofmt');
    else await recorder.run('go.versionM', goVersionMArgv(go.path, targets), goEnv);
    await basics;
  };

  await Promise.all([goCommands(), macSystem, clang]);
  const state = developerTools ? await developerTools : undefined;
  if (state) {
    Object.assign(phase.files, state.files);
    if (state.developerDir !== undefined) phase.derivedPaths.push(...Object.values(developerDirectoryFiles(state.developerDir)));
  }
  phase.commands = recorder.records;
  return phase;
}

/**
 * Gathers one machine's raw facts into a Snapshot (no workspace). Reads PATH and a few files,
 * runs the Go (and on macOS the developer-tools) commands, and reuses the cached results when
 * no binary, relevant variable or state file changed: then nothing is spawned at all.
 * Never writes outside its own cache dir and neutral dir, never uses a shell, never downloads.
 */
export async function probeMachine(options: ProbeMachineOptions = {}): Promise<Snapshot> {
  const env = options.env ?? process.env;
  const fs = options.fs ?? nodeFileSystem;
  const host = options.host ?? { platform: process.platform, arch: process.arch, release: release() };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const producer = producerOf(options);
  const names = toolNames(options.extraTools);
  const currentDirectory = options.currentDirectory ?? process.cwd();

  const path = await probePathEntries(env.PATH, fs, currentDirectory);
  const [pathTools, gobinTools, whichBefore, platformFiles, userGoEnv, goInstallations, startupFiles] = await Promise.all([
    findToolsOnPath(path, names, fs),
    findToolsInGoDir(goBinDirectory(env), 'gobin', path, names, fs),
    probeWhich(path, env.CC, fs, currentDirectory),
    host.platform === 'linux' ? probeLinuxFiles(fs) : Promise.resolve({}),
    probeUserGoEnvFile(host.platform, env, fs),
    findGoInstallations(host.platform, env, fs),
    probeShellStartupFiles(host.platform, env, fs),
  ]);
  const knownTools = [...pathTools, ...gobinTools];
  const editor = options.editor ? await probeEditorTools(options.editor, env, pathTools, fs) : undefined;
  const go = firstGoOnPath(pathTools);

  const cache = resolveCache(options.cache, host.platform);
  let key: string | undefined;
  let phase: CommandPhase | undefined;
  let cacheResult: NonNullable<Snapshot['options']['cache']> = 'off';
  if (cache) {
    const envFile = goEnvFile(host.platform, env);
    const stateFilePaths = [...(envFile !== undefined ? [envFile] : []), ...(host.platform === 'darwin' ? MACOS_STATE_FILES : [])];
    const stateFiles = await fileIdentities(stateFilePaths, fs);
    key = probeCacheKey({ producerVersion: producer.version, ...host, env, toolNames: names, tools: knownTools, stateFiles });
    const hit = await cache.lookup(key, fs);
    cacheResult = hit ? hit.layer : 'miss';
    if (hit) {
      phase = {
        commands: structuredClone(hit.entry.commands),
        files: structuredClone(hit.entry.files),
        gorootTools: structuredClone(hit.entry.tools),
        derivedPaths: Object.keys(hit.entry.validate),
      };
    }
  }
  try {
    options.onProgress?.({ kind: 'cache', result: cacheResult });
  } catch {
    // a faulty progress callback must not break the probe
  }
  if (!phase) {
    phase = await runCommands({ options, env, host, fs, go, knownTools, path, names, timeoutMs });
    if (cache && key !== undefined && Object.values(phase.commands).every((record) => record === undefined || isReusable(record))) {
      const entry: Omit<CachedProbe, 'storedAt'> = {
        key,
        validate: await fileIdentities(phase.derivedPaths, fs),
        commands: structuredClone(phase.commands),
        files: structuredClone(phase.files),
        tools: structuredClone(phase.gorootTools),
      };
      await cache.store(entry);
    }
  }

  // `go env CC` (Debian: x86_64-linux-gnu-gcc, Homebrew: cc) is known only now, also on a cache hit.
  const goEnvRecord = phase.commands['go.env'];
  const which = await addWhich(whichBefore, [goEnvRecord?.exitCode === 0 ? goEnvCompiler(goEnvRecord.stdout) : undefined], path, fs, currentDirectory);

  return {
    schema: SNAPSHOT_SCHEMA,
    version: SNAPSHOT_VERSION,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    producer,
    redacted: false,
    host: { ...host },
    env: recordedEnv(env),
    path,
    tools: [...knownTools, ...phase.gorootTools],
    commands: orderedCommands(phase.commands),
    files: { ...startupFiles, ...platformFiles, ...userGoEnv, ...phase.files },
    which,
    goInstallations,
    ...(editor ? { editor } : {}),
    options: { timeoutMs, toolNames: names, cache: cacheResult },
  };
}
