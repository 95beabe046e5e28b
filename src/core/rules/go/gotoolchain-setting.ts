/**
 * The user's GOTOOLCHAIN (facts §5.4). The probe runs every go command with GOTOOLCHAIN=local so it
 * never downloads anything, which makes `go env GOTOOLCHAIN` report `local`; the user's setting is
 * taken the way cmd/go takes it (cfg.Getenv, go1.21–1.27 source): the environment variable when
 * non-empty, then the GOENV file (`go env -w`), then `$GOROOT/go.env` (standard distributions set
 * GOTOOLCHAIN=auto there), else `local`. A snapshot whose `go env` was not forced to local reports
 * the effective value itself; one that recorded neither file (older snapshots) assumes the
 * standard go.env default `auto`.
 */
import { goEnvFileSetting, gorootGoEnvPath, userGoEnvFilePath } from '../../facts/index.js';
import type { MachineFacts } from '../../machine.js';
import type { Snapshot } from '../../snapshot.js';

export interface GoToolchainSetting {
  raw: string;
  /** The toolchain named before `+` ("local", "go1.25.3"). */
  name: string;
  /** local: never switch; auto: switch and download; path: switch only to a go1.X.Y on PATH. */
  mode: 'local' | 'auto' | 'path';
  /**
   * environment: $GOTOOLCHAIN; GOENV file: `go env -w`; go env: reported by an unforced `go env`;
   * GOROOT go.env: `$GOROOT/go.env`; unset: set nowhere although go.env was recorded (raw '', which
   * cmd/go treats as local); default: nothing recorded, the standard go.env value auto is assumed.
   */
  source: 'environment' | 'GOENV file' | 'go env' | 'GOROOT go.env' | 'unset' | 'default';
  /** The file the value came from (GOENV file, GOROOT go.env) or that lacked it (unset). */
  file?: string;
}

export function parseGoToolchain(raw: string): Pick<GoToolchainSetting, 'name' | 'mode'> {
  const v = raw.trim();
  if (v === 'auto') return { name: 'local', mode: 'auto' };
  if (v === 'path') return { name: 'local', mode: 'path' };
  const plus = v.lastIndexOf('+');
  if (plus > 0) {
    const suffix = v.slice(plus + 1);
    return { name: v.slice(0, plus), mode: suffix === 'auto' ? 'auto' : suffix === 'path' ? 'path' : 'local' };
  }
  return { name: v || 'local', mode: 'local' };
}

export function userGoToolchain(snapshot: Snapshot, machine: MachineFacts): GoToolchainSetting {
  const make = (raw: string, source: GoToolchainSetting['source'], file?: string): GoToolchainSetting => ({
    raw,
    source,
    ...parseGoToolchain(raw),
    ...(file !== undefined ? { file } : {}),
  });
  const envVar = snapshot.env.GOTOOLCHAIN;
  if (envVar) return make(envVar, 'environment');
  const userFile = userGoEnvFilePath(snapshot, machine);
  const fileValue = userFile !== undefined ? goEnvFileSetting(snapshot.files[userFile], 'GOTOOLCHAIN') : undefined;
  if (fileValue !== undefined) return make(fileValue, 'GOENV file', userFile);
  const reported = machine.go.env?.GOTOOLCHAIN;
  if (reported && reported !== 'local') return make(reported, 'go env');
  const goEnvPath = gorootGoEnvPath(machine);
  const goEnvFact = goEnvPath !== undefined ? snapshot.files[goEnvPath] : undefined;
  if (goEnvPath !== undefined && goEnvFact !== undefined) {
    const value = goEnvFileSetting(goEnvFact, 'GOTOOLCHAIN');
    if (value !== undefined) return make(value, 'GOROOT go.env', goEnvPath);
    // Set nowhere: cmd/go sees "" and never switches ("If go.env is missing, local is assumed", facts §5.4;
    // re-run with go1.27.3 in test/toolchain/probe/go-env-files.test.ts). An unreadable go.env stays unknown.
    if (goEnvFact.error === undefined && goEnvFact.isDirectory !== true && goEnvFact.truncated !== true) return make('', 'unset', goEnvPath);
  }
  return make('auto', 'default');
}
