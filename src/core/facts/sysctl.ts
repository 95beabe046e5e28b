/**
 * `sysctl -n <key>` for the boolean keys the doctor reads (facts §5.2): `hw.optional.arm64` is 1 on
 * Apple Silicon; `sysctl.proc_translated` is 1 when the calling process runs under Rosetta, 0 when
 * native on Apple Silicon, and absent (error / empty output) on Intel Macs.
 */
export function parseSysctlFlag(stdout: string): boolean | undefined {
  if (typeof stdout !== 'string') return undefined;
  const v = stdout.trim();
  if (v === '1') return true;
  if (v === '0') return false;
  return undefined;
}
