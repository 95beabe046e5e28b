/**
 * Signs in a build configuration that cgo is meant to be on although CGO_ENABLED is not written
 * there. A cross build defaults cgo off, and a CC does not change that (checked with go1.21,
 * go1.24 and go1.27: `CC=… GOOS=android GOARCH=arm go env CGO_ENABLED` prints 0) — but a command
 * that names a C compiler for its target is written for cgo, so whoever runs it (a Dockerfile
 * ENV, a CI job, the developer's shell) evidently exports CGO_ENABLED=1. A finding that only
 * holds when that caller does not is at most info (docs/rules.md, "Certainty").
 */
import type { BuildConfig, SettingValue } from '../../workspace/build-config.js';

/** The CC that shows cgo is meant to be on, when CGO_ENABLED is not set in the configuration. */
export function cgoMeantOn(config: BuildConfig): SettingValue | undefined {
  if (config.env.CGO_ENABLED) return undefined;
  const cc = config.env.CC;
  return cc && cc.value !== '' ? cc : undefined;
}

/** The words for a message: "CC is set (…), so cgo is evidently meant to be on: …". */
export function cgoMeantOnNote(cc: SettingValue): string {
  return `CC is set${cc.value !== undefined ? ` (${cc.value.length > 60 ? `${cc.value.slice(0, 57)}…` : cc.value})` : ''}, so cgo is evidently meant to be on and whatever runs this command probably exports CGO_ENABLED=1; if it does not`;
}
