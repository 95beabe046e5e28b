/**
 * `sw_vers` output: `Key:<tabs or spaces>value` lines (ProductName, ProductVersion, BuildVersion).
 * The layout is not quoted in the facts file; it is the one third-party parsers test against
 * (e.g. `ProductName:    Mac OS X` / `ProductVersion: 10.10.5` / `BuildVersion:   14F27`).
 */
interface SwVers {
  productName?: string;
  productVersion?: string;
  buildVersion?: string;
  major?: number;
  minor?: number;
  patch?: number;
}

export function parseSwVers(output: string): SwVers | undefined {
  if (typeof output !== 'string') return undefined;
  const out: SwVers = {};
  for (const line of output.slice(0, 8192).split(/\r?\n/)) {
    const m = /^\s*(ProductName|ProductVersion|BuildVersion)\s*:/.exec(line);
    const value = m ? line.slice(m[0].length).trim() : '';
    if (!m || !value) continue;
    if (m[1] === 'ProductName') out.productName = value;
    else if (m[1] === 'ProductVersion') out.productVersion = value;
    else out.buildVersion = value;
  }
  if (!out.productVersion) return undefined;
  const v = /^(\d{1,4})(?:\.(\d{1,4}))?(?:\.(\d{1,4}))?$/.exec(out.productVersion);
  if (!v) return undefined;
  out.major = Number(v[1]);
  out.minor = v[2] === undefined ? 0 : Number(v[2]);
  out.patch = v[3] === undefined ? 0 : Number(v[3]);
  return out;
}
