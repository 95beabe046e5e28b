/**
 * `pkgutil --pkg-info=<id>` (facts §4): `key: value` lines (package-id, version, volume, location,
 * install-time in Unix seconds, optional groups), or `No receipt for '<id>' found at '/'.`
 */
type PkgInfo =
  | { present: true; packageId: string; version: string; volume?: string; location?: string; installTime?: Date }
  | { present: false; packageId?: string };

export function parsePkgInfo(stdout: string, stderr: string): PkgInfo | undefined {
  const out = typeof stdout === 'string' ? stdout.slice(0, 8192) : '';
  const err = typeof stderr === 'string' ? stderr.slice(0, 8192) : '';
  const noReceipt = /No receipt for '([^'\n]*)' found/i.exec(`${err}\n${out}`);
  if (noReceipt) return noReceipt[1] ? { present: false, packageId: noReceipt[1] } : { present: false };
  const fields: Record<string, string> = {};
  for (const line of out.split(/\r?\n/)) {
    const m = /^([a-z-]{1,40}):/.exec(line);
    if (m?.[1] && m[1] !== '__proto__') fields[m[1]] = line.slice(m[0].length).trim();
  }
  const packageId = fields['package-id'];
  const version = fields.version;
  if (!packageId || !version) return undefined;
  const info: PkgInfo = { present: true, packageId, version };
  if (fields.volume) info.volume = fields.volume;
  if (fields.location) info.location = fields.location;
  const t = fields['install-time'];
  if (t && /^\d{1,12}$/.test(t)) info.installTime = new Date(Number(t) * 1000);
  return info;
}

/** The major of a CLT version ("15.3.0.0.1.1708646388" → 15). */
export function versionMajor(version: string): number | undefined {
  const m = /^(\d{1,6})(?:\.|$)/.exec(version);
  return m ? Number(m[1]) : undefined;
}
