import { SNAPSHOT_SCHEMA, SNAPSHOT_VERSION, type Snapshot } from '../../src/core/snapshot.js';

/** A snapshot with nothing in it: a starting point for hand-built test snapshots. */
export function emptySnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    schema: SNAPSHOT_SCHEMA,
    version: SNAPSHOT_VERSION,
    createdAt: '2026-11-25T00:00:00.000Z',
    producer: { name: 'go-doctor', version: 'test' },
    redacted: false,
    host: { platform: 'linux', arch: 'x64', release: '6.1.0' },
    env: {},
    path: [],
    tools: [],
    commands: {},
    files: {},
    which: {},
    options: { timeoutMs: 5000, toolNames: [] },
    ...overrides,
  };
}
