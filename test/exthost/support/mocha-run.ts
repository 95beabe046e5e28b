/**
 * The test entry the extension host loads (`--extensionTestsPath`): runs the mocha files bundled
 * beside it and prints `N passed, N failed` last (the runner repeats that line).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function runMochaFiles(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000, reporter: 'spec' });
  if (process.env.GO_DOCTOR_EXTHOST_GREP) mocha.grep(process.env.GO_DOCTOR_EXTHOST_GREP);
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} tests failed`));
      else resolve();
    });
    // say why at once: a later test may hang the host, and then the end-of-run summary never comes
    runner.on('fail', (test, err: Error) => console.log(`      FAILED: ${test.fullTitle()}\n        ${String(err.stack ?? err.message).split('\n').slice(0, 12).join('\n        ')}`));
  });
}
