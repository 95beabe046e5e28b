/**
 * `go version` parsing (facts §6.3): the line is `go version <runtime.Version()> <GOOS>/<GOARCH>`,
 * where runtime.Version() is a release ("go1.24.4", "go1.21rc1"), a devel string
 * ("devel go1.22-4c5517e8e6 Wed Oct 11 16:50:15 2023 +0000"), and may end in ` X:<experiments>`.
 */
import type { GoVersion } from '../machine.js';

const RELEASE = /^go(\d{1,9})\.(\d{1,9})(?:\.(\d{1,9}))?(?:((?:alpha|beta|rc)\d{0,9}))?$/;
const DEVEL_VERSION = /\bgo(\d{1,9})\.(\d{1,9})(?=[-\s]|$)/;

/**
 * Parses a runtime.Version() string (also a bare "1.24.4"). Undefined when it is not a Go version.
 * A devel build without a go1.N marker parses as major 0 / minor 0 with `devel: true`.
 */
export function parseGoVersionString(input: string): GoVersion | undefined {
  if (typeof input !== 'string' || input.length > 512) return undefined;
  let raw = input.trim();
  let experiments: string[] | undefined;
  const x = raw.indexOf(' X:');
  if (x >= 0) {
    experiments = raw
      .slice(x + 3)
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    raw = raw.slice(0, x).trim();
  }
  if (raw === '') return undefined;
  const withExperiments = (v: GoVersion): GoVersion => (experiments && experiments.length ? { ...v, experiments } : v);
  if (raw.startsWith('devel')) {
    const m = DEVEL_VERSION.exec(raw);
    return withExperiments({ raw, major: m ? Number(m[1]) : 0, minor: m ? Number(m[2]) : 0, patch: 0, devel: true });
  }
  const m = RELEASE.exec(raw.startsWith('go') ? raw : `go${raw}`);
  if (!m) return undefined;
  const v: GoVersion = { raw, major: Number(m[1]), minor: Number(m[2]), patch: m[3] === undefined ? 0 : Number(m[3]) };
  if (m[4]) v.pre = m[4];
  return withExperiments(v);
}

interface GoVersionLine {
  version: GoVersion;
  goos: string;
  goarch: string;
}

/** Parses the first `go version …` line of the output (`go version go1.23.4 darwin/arm64`). */
export function parseGoVersionLine(output: string): GoVersionLine | undefined {
  if (typeof output !== 'string') return undefined;
  const line = output
    .slice(0, 4096)
    .split(/\r?\n/)
    .find((l) => l.startsWith('go version '));
  if (!line) return undefined;
  const rest = line.slice('go version '.length).trim();
  const sp = rest.lastIndexOf(' ');
  if (sp < 0) return undefined;
  const platform = rest.slice(sp + 1);
  const slash = platform.indexOf('/');
  if (slash <= 0 || slash === platform.length - 1 || platform.indexOf('/', slash + 1) >= 0) return undefined;
  const version = parseGoVersionString(rest.slice(0, sp));
  if (!version) return undefined;
  return { version, goos: platform.slice(0, slash), goarch: platform.slice(slash + 1) };
}
