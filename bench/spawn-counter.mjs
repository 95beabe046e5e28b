// Counts the child processes this process starts from now on: an async hook on PROCESSWRAP (every
// async spawn, execa's included) plus wrappers around the synchronous child_process calls, which
// create no PROCESSWRAP. Returns a function that reads the count.
import { createHook } from 'node:async_hooks';
import { createRequire, syncBuiltinESMExports } from 'node:module';

export function countSpawns() {
  let spawned = 0;
  createHook({
    init(_id, type) {
      if (type === 'PROCESSWRAP') spawned++;
    },
  }).enable();
  const cp = createRequire(import.meta.url)('node:child_process');
  for (const name of ['spawnSync', 'execSync', 'execFileSync']) {
    const original = cp[name];
    cp[name] = (...args) => {
      spawned++;
      return original(...args);
    };
  }
  syncBuiltinESMExports();
  return () => spawned;
}
