/**
 * Signs in a build configuration that cgo is meant to be on although CGO_ENABLED is not written
 * there: a CC, or a build/link mode that needs the C toolchain. A cross build defaults cgo off,
 * and a CC does not change that (checked with go1.21,
 * go1.24 and go1.27: `CC=… GOOS=android GOARCH=arm go env CGO_ENABLED` prints 0) — but a command
 * that names a C compiler for its target is written for cgo, so whoever runs it (a Dockerfile
 * ENV, a CI job, the developer's shell) evidently exports CGO_ENABLED=1. A finding that only
 * holds when that caller does not is at most info (docs/rules.md, "Certainty").
 */
import type { BuildConfig, SettingValue } from '../../workspace/build-config.js';

/** What shows cgo is meant to be on, when CGO_ENABLED is not set in the configuration. */
export interface CgoIntent {
  kind: 'cc' | 'mode';
  /** For messages: "CC is set (…)", "-buildmode=c-shared is set". */
  what: string;
}

/**
 * A CC for the target, or a build mode / link mode that only works through the C toolchain
 * (-buildmode=c-shared|c-archive|plugin, -linkmode=external): the command is written for cgo.
 */
export function cgoMeantOn(config: BuildConfig): CgoIntent | undefined {
  if (config.env.CGO_ENABLED) return undefined;
  const cc: SettingValue | undefined = config.env.CC;
  if (cc && cc.value !== '') return { kind: 'cc', what: `CC is set${cc.value !== undefined ? ` (${cc.value.length > 60 ? `${cc.value.slice(0, 57)}…` : cc.value})` : ''}` };
  const mode = config.buildmode?.value;
  if (mode === 'c-shared' || mode === 'c-archive' || mode === 'plugin') return { kind: 'mode', what: `-buildmode=${mode} is set` };
  if (config.linkerFlags.some((f) => f.flag.replace(/^--?/, '-') === '-linkmode' && f.value === 'external')) return { kind: 'mode', what: '-linkmode=external is set' };
  return undefined;
}

/** The words for a message: "CC is set (…), so cgo is evidently meant to be on: …". */
export function cgoMeantOnNote(intent: CgoIntent): string {
  return `${intent.what}, so cgo is evidently meant to be on and whatever runs this command probably exports CGO_ENABLED=1; if it does not`;
}
