import type { MachineFacts } from '../machine.js';
import type { Snapshot } from '../snapshot.js';

/**
 * Parses the snapshot's raw command outputs into MachineFacts.
 * (Skeleton: the parsers land with the environment rules.)
 */
export function deriveMachineFacts(snapshot: Snapshot): MachineFacts {
  return { platform: snapshot.host.platform, arch: snapshot.host.arch, env: snapshot.env, go: {}, buildInfo: {}, problems: [] };
}
