/**
 * The flags cmd/link defines, per Go release, from `go tool link -help` of the real toolchains
 * (go1.21.13, go1.24.4, go1.27.3; test/toolchain/workspace/linker-flags.test.ts re-checks these
 * lists against the installed toolchains). `true` = the flag takes a value.
 */
const V = true;
const B = false;

const GO121: Record<string, boolean> = {
  B: V, E: V, H: V, I: V, L: V, R: V, T: V, V: B, X: V, a: B, asan: B, aslr: B, benchmark: V, benchmarkprofile: V,
  buildid: V, buildmode: V, c: B, capturehostobjs: V, compressdwarf: B, cpuprofile: V, d: B, debugnosplit: B,
  debugtextsize: V, debugtramp: V, dumpdep: B, extar: V, extld: V, extldflags: V, f: B, g: B, h: B, importcfg: V,
  installsuffix: V, k: V, libgcc: V, linkmode: V, linkshared: B, memprofile: V, memprofilerate: V, msan: B, n: B,
  o: V, pluginpath: V, pruneweakmap: B, r: V, race: B, s: B, strictdups: V, tmpdir: V, v: B, w: B,
};
const GO124: Record<string, boolean> = { ...GO121, bindnow: B, checklinkname: B, fipso: V, randlayout: V };
const GO127: Record<string, boolean> = { ...GO124, D: V, e: B, funcalign: V, macos: V, macsdk: V };

/** Verified flag tables by Go minor version. */
export const LINKER_FLAGS_BY_MINOR: Readonly<Record<number, Readonly<Record<string, boolean>>>> = {
  21: GO121,
  24: GO124,
  27: GO127,
};

const UNION: Record<string, boolean> = { ...GO121, ...GO124, ...GO127 };

/**
 * The linker flags of a Go minor version: the verified table when we have one, otherwise the
 * union of all verified tables (so a flag is only called unknown when no verified release has it).
 */
export function linkerFlagsFor(minor: number | undefined): { flags: Readonly<Record<string, boolean>>; exact: boolean } {
  const exact = minor === undefined ? undefined : LINKER_FLAGS_BY_MINOR[minor];
  return exact ? { flags: exact, exact: true } : { flags: UNION, exact: false };
}

/** Whether the named flag (without dashes) takes a value, in any verified release. */
export function linkerFlagTakesValue(name: string): boolean | undefined {
  return Object.prototype.hasOwnProperty.call(UNION, name) ? UNION[name] : undefined;
}
