/**
 * The user's GOTOOLCHAIN (facts §5.4). The probe runs every go command with GOTOOLCHAIN=local so it
 * never downloads anything, which makes `go env GOTOOLCHAIN` report `local`; the user's setting is
 * taken the way cmd/go takes it (cfg.Getenv, go1.21–1.27 source): the environment variable when
 * non-empty, then the GOENV file (`go env -w`), then `$GOROOT/go.env` (standard distributions set
 * GOTOOLCHAIN=auto there), else `local`. A snapshot whose `go env` was not forced to local reports
 * the effective value itself; one that recorded neither file (older snapshots) assumes the
 * standard go.env default `auto`.
 */
import { goEnvFileSetting, goIsMissing, gorootGoEnvPath, userGoEnvFilePath } from '../../facts/index.js';
import type { Evidence, Fix } from '../../finding.js';
import { compareGoVersions, goMinorOf, isValidGoVersion, newestReleasedMinor } from '../../knowledge/index.js';
import type { MachineFacts } from '../../machine.js';
import type { Rule } from '../../rule.js';
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

function parseGoToolchain(raw: string): Pick<GoToolchainSetting, 'name' | 'mode'> {
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

/**
 * What the go command makes of a GOTOOLCHAIN value, checked the way cmd/go's toolchain selection
 * does (go1.27.3, re-run for each message quoted here with GOPROXY=off):
 * - invalid: every go command stops with `message` (e.g. `go: invalid GOTOOLCHAIN "bogus"`);
 * - local: the local go runs (also `<the local toolchain>` itself, `auto`, `path`, `local+auto`);
 * - switch: every go command first switches to `toolchain` (with `+auto`/`+path`, unless a go.mod
 *   asks for a newer one); `languageVersion` when it names a language version such as go1.99,
 *   which go then refuses ("go: invalid toolchain: go1.99 is a language version but not a
 *   toolchain version (go1.99.x)").
 */
type GoToolchainSelection =
  | { kind: 'invalid'; message: string }
  | { kind: 'local' }
  | { kind: 'switch'; toolchain: string; mode: 'local' | 'auto' | 'path'; languageVersion: boolean };

/** The Go version a toolchain name stands for ("go1.25.3-custom" → "1.25.3"), or undefined. */
function versionOfToolchain(name: string): string | undefined {
  if (/[\\/]/.test(name) || !name.startsWith('go')) return undefined;
  const v = name.slice(2).split(/[ \t-]/, 1)[0] ?? '';
  return isValidGoVersion(v) ? v : undefined;
}

export function goToolchainSelection(raw: string, localToolchain: string | undefined): GoToolchainSelection {
  if (raw === '' || raw === 'auto' || raw === 'path' || raw === 'local') return { kind: 'local' };
  const plus = raw.indexOf('+');
  const min = plus < 0 ? raw : raw.slice(0, plus);
  const suffix = plus < 0 ? undefined : raw.slice(plus + 1);
  let version: string | undefined;
  if (min !== 'local') {
    version = versionOfToolchain(min);
    if (version === undefined) {
      return { kind: 'invalid', message: suffix !== undefined ? `go: invalid GOTOOLCHAIN "${raw}": invalid minimum toolchain "${min}"` : `go: invalid GOTOOLCHAIN "${raw}"` };
    }
  }
  if (suffix !== undefined && suffix !== 'auto' && suffix !== 'path') return { kind: 'invalid', message: `go: invalid GOTOOLCHAIN "${raw}": only version suffixes are +auto and +path` };
  if (min === 'local' || min === localToolchain) return { kind: 'local' };
  // A language version (go1.99) has no patch: 1.21+ language versions are not toolchains.
  const languageVersion = version !== undefined && /^\d+\.\d+$/.test(version) && compareGoVersions(version, '1.21') >= 0;
  return { kind: 'switch', toolchain: min, mode: suffix === 'auto' ? 'auto' : suffix === 'path' ? 'path' : 'local', languageVersion };
}

function whereSet(t: GoToolchainSetting): string {
  switch (t.source) {
    case 'environment':
      return 'in the environment';
    case 'GOENV file':
      return `with go env -w (${t.file ?? 'the GOENV file'})`;
    case 'GOROOT go.env':
      return `in ${t.file ?? '$GOROOT/go.env'}`;
    default:
      return `(from ${t.source})`;
  }
}

function settingEvidenceOf(t: GoToolchainSetting): Evidence {
  if (t.source === 'environment') return { kind: 'env', name: 'GOTOOLCHAIN', value: t.raw };
  if (t.file !== undefined) return { kind: 'file', file: t.file, excerpt: `GOTOOLCHAIN=${t.raw}` };
  return { kind: 'note', text: `GOTOOLCHAIN=${t.raw} (from ${t.source})` };
}

function resetFixes(t: GoToolchainSetting): Fix[] {
  if (t.source === 'environment') {
    return [{ kind: 'text', title: 'Remove GOTOOLCHAIN from the environment', text: `GOTOOLCHAIN=${t.raw} is set in the environment the doctor saw (a shell profile, or the editor's environment): remove it, or set it to auto (the default) or local, then open a new terminal and restart the editor.` }];
  }
  if (t.source === 'GOENV file') {
    // Verified with go1.27.3: `go env -w GOTOOLCHAIN=…` works even while the file holds an invalid value (`go env -u` does not).
    return [{ kind: 'command', title: 'Reset GOTOOLCHAIN to auto (go env -w)', command: 'go env -w GOTOOLCHAIN=auto', outsideWorkspace: true }];
  }
  return [{ kind: 'text', title: 'Set GOTOOLCHAIN to auto', text: `Set GOTOOLCHAIN=auto where it is set (${whereSet(t)}), or override it with go env -w GOTOOLCHAIN=auto.` }];
}

export const goGotoolchainSetting: Rule = {
  id: 'go/gotoolchain-setting',
  reads: 'machine',
  defaultSeverity: 'warning',
  summary: 'GOTOOLCHAIN is invalid (every go command fails) or names another toolchain (every go command switches to it and downloads it first).',
  docs: `**What:** the user's GOTOOLCHAIN (the environment variable, then the \`go env -w\` file, then
\`$GOROOT/go.env\`, as the go command reads it) is not \`auto\`, \`local\`, \`path\` or the local
toolchain: it is a value the go command rejects, a language version, or another toolchain's name.

**Why it matters:**
- a rejected value (error): every go command, \`go version\` included, stops with e.g.
  \`go: invalid GOTOOLCHAIN "bogus"\`, \`go: invalid GOTOOLCHAIN "go1.99.0+local": only version
  suffixes are +auto and +path\` or \`go: invalid GOTOOLCHAIN "+auto": invalid minimum toolchain ""\`;
- a language version such as \`go1.99\` (error): go prints \`go: invalid toolchain: go1.99 is a
  language version but not a toolchain version (go1.99.x)\`;
- a toolchain name such as \`go1.99.0\` (warning): every go command runs that toolchain instead of
  the local one. Unless a binary of that name is on PATH, it downloads it first
  (\`go: downloading go1.99.0 (darwin/arm64)\`); when it cannot (no such release, \`GOPROXY=off\`)
  every go command fails with \`go: download go1.99.0 for darwin/arm64: toolchain not available\`,
  and with \`+path\` with \`go: cannot find "go1.99.0" in PATH\`. An older name (\`go1.21.0+auto\`)
  switches too: \`+auto\` only lets a go.mod raise it.

The doctor itself runs go with \`GOTOOLCHAIN=local\`, so its own checks see the local toolchain.

**Fix:** set GOTOOLCHAIN to \`auto\` (the default) or remove it; \`go env -w GOTOOLCHAIN=auto\`
works even while the go env file holds an invalid value (\`go env -u\` does not).

**Facts:** [Go Toolchains](https://go.dev/doc/toolchain#GOTOOLCHAIN) (the forms of GOTOOLCHAIN) and the
download messages in [knowledge/gotoolchain.md](knowledge/gotoolchain.md); every message above re-run with go1.27.3 and
\`GOPROXY=off\` for this rule (test/toolchain/gotoolchain-messages.test.ts).`,
  check({ snapshot, machine }) {
    if (goIsMissing(snapshot)) return [];
    const t = userGoToolchain(snapshot, machine);
    if (t.source === 'default' || t.source === 'unset') return [];
    const local = machine.go.version;
    const localToolchain = local && !local.devel ? local.raw : undefined;
    const selection = goToolchainSelection(t.raw, localToolchain);
    if (selection.kind === 'local') return [];
    const evidence = [settingEvidenceOf(t)];
    if (selection.kind === 'invalid') {
      return [
        {
          severity: 'error',
          message: `GOTOOLCHAIN=${t.raw} (set ${whereSet(t)}) is not a value the go command accepts: every go command, go version included, stops with "${selection.message}".`,
          evidence,
          fixes: resetFixes(t),
        },
      ];
    }
    const platform = `${machine.go.hostOs ?? snapshot.host.platform}/${machine.go.hostArch ?? snapshot.host.arch}`;
    const name = selection.toolchain;
    const instead = localToolchain ? ` instead of the local ${localToolchain}` : '';
    if (selection.languageVersion) {
      return [
        {
          severity: 'error',
          message: `GOTOOLCHAIN=${t.raw} (set ${whereSet(t)}) names the language version ${name}, not a toolchain: every go command fails with "go: invalid toolchain: ${name} is a language version but not a toolchain version (${name}.x)". Name a release such as ${name}.0.`,
          evidence,
          fixes: resetFixes(t),
        },
      ];
    }
    const minor = goMinorOf(name.slice(2));
    const unknown = minor !== undefined && minor > newestReleasedMinor(local) + 1 ? ` ${name} is newer than any Go release the doctor knows of, so the download will likely fail.` : '';
    const how =
      selection.mode === 'path'
        ? `it only looks for a ${name} binary on PATH, and without one every go command fails with "go: cannot find "${name}" in PATH".`
        : `unless a ${name} binary is on PATH, it downloads it first ("go: downloading ${name} (${platform})"), and where it cannot (no such release, GOPROXY=off) every go command fails with "go: download ${name} for ${platform}: toolchain not available".${unknown}`;
    const raise = selection.mode === 'local' ? '' : ' (a go.mod may ask for a newer one)';
    return [
      {
        message: `GOTOOLCHAIN=${t.raw} (set ${whereSet(t)}) makes every go command run ${name}${instead}${raise}: ${how}`,
        evidence,
        fixes: resetFixes(t),
      },
    ];
  },
};
