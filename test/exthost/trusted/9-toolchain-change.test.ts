/// <reference types="mocha" />
/**
 * A toolchain change is noticed by the PATH watchers alone (no command, no polling): swapping the
 * constructed PATH's `go` from go1.24 to go1.27 must update the status bar and the report.
 * It puts the original go back afterwards (and checks that is noticed too), so the other suites
 * do not depend on running before it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { doctorApi, requiredEnv, run, waitFor } from '../support/host.js';

describe('toolchain change on PATH', () => {
  it('re-checks when the go binary on PATH is replaced', async () => {
    const api = await doctorApi();
    const pathDir = requiredEnv('GO_DOCTOR_TEST_PATH_DIR');
    const toolchains = requiredEnv('GO_DOCTOR_TOOLCHAINS');
    const before = await api.whenReport();
    const next = path.join(toolchains, 'go1.27', 'bin', 'go');
    const expected = run(next, ['version']).split(' ')[2] ?? '';
    assert.notEqual(before.toolchain.goVersion, expected, 'precondition: a different Go is active');

    const link = path.join(pathDir, 'go');
    const original = fs.readlinkSync(link);
    const swap = (target: string): void => {
      const staged = `${link}.staged`;
      fs.rmSync(staged, { force: true });
      fs.symlinkSync(target, staged);
      fs.renameSync(staged, link); // atomic, as package managers do
    };
    swap(next);
    try {
      const t0 = Date.now();
      await waitFor(`the status bar to show ${expected}`, () => (api.status.text.includes(`Go ${expected.replace(/^go/, '')}`) ? true : undefined), 30_000);
      console.log(`toolchain change → status bar: ${Date.now() - t0} ms`);
      assert.equal(api.report?.toolchain.goVersion, expected);
      assert.equal(api.report?.toolchain.goBinary, link);
    } finally {
      swap(original);
    }
    const back = before.toolchain.goVersion?.replace(/^go/, '') ?? '?';
    await waitFor(`the status bar to show ${back} again`, () => (api.status.text.includes(`Go ${back}`) ? true : undefined), 30_000);
  });
});
