/**
 * The role of a gopls process from its argv (facts §7.3; watchdog lab `find-gopls.js`):
 * - `server`: the LSP server over stdio — no arguments, `serve`, `-mode=stdio`, or only flags such as
 *   `-rpc.trace -debug=…` (flags also work without the `serve` verb).
 * - `forwarder`: `-remote=…` (a thin client of a shared daemon; nearly idle).
 * - `daemon`: `-listen=…` (the shared server where the work happens; may outlive its clients and be
 *   reparented to PID 1).
 * - `cli`: any other verb (`gopls version`, `gopls check …`): short-lived, not a server.
 */
export type GoplsRole = 'server' | 'forwarder' | 'daemon' | 'cli';

const flagName = (arg: string): string => arg.replace(/^--?/, '').split('=')[0] ?? '';

/** True when argv[0]'s basename (or the kernel's comm) names gopls. */
export function looksLikeGopls(argv0: string | undefined, comm: string | undefined): boolean {
  const base = (argv0 ?? '').split(/[\\/]/).pop() ?? '';
  return /^gopls/i.test(base) || /^gopls/i.test(comm ?? '');
}

/** Flags of gopls that take a separate value when written without `=`. */
const FLAGS_WITH_VALUE = new Set(['remote', 'listen', 'logfile', 'debug', 'mode', 'port', 'listen.timeout', 'remote.debug', 'remote.logfile', 'remote.listen.timeout', 'profile.cpu', 'profile.mem', 'profile.alloc', 'profile.trace', 'profile.block', 'mcp.listen']);

export function goplsRole(argv: readonly string[]): GoplsRole {
  const args = argv.slice(1);
  let verb: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a.startsWith('-')) {
      const name = flagName(a);
      if (name === 'remote') return 'forwarder';
      if (name === 'listen') return 'daemon';
      if (!a.includes('=') && FLAGS_WITH_VALUE.has(name)) i++;
      continue;
    }
    verb ??= a;
  }
  if (verb === undefined || verb === 'serve') return 'server';
  return 'cli';
}

/** The `-debug=ADDR` address a gopls was started with, if any (for the CPU profile how-to). */
export function goplsDebugAddress(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('-')) continue;
    if (flagName(a) !== 'debug') continue;
    const eq = a.indexOf('=');
    const value = eq >= 0 ? a.slice(eq + 1) : argv[i + 1];
    return value && value !== '' ? value : undefined;
  }
  return undefined;
}
