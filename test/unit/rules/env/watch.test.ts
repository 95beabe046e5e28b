import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialPkgArm64 } from '../../../support/mac-fixtures.js';
import { findings, linuxSnapshot, of } from './env-context.js';

const watches = (n: string) => linuxSnapshot({ files: { '/proc/sys/fs/inotify/max_user_watches': { exists: true, content: `${n}\n` } } });

describe('watch/inotify-low', () => {
  it('warns at the 8192 floor with the exact sysctl fixes (facts §7.2), needing admin, outside the workspace', () => {
    const [f] = of(findings(watches('8192')), 'watch/inotify-low');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /max_user_watches is 8192, below the 524288 VS Code recommends/);
    assert.deepEqual(f?.fixes, [
      { kind: 'command', title: 'Raise the limit (sysctl.d)', command: 'echo fs.inotify.max_user_watches=524288 | sudo tee /etc/sysctl.d/60-go-doctor-inotify.conf && sudo sysctl --system', outsideWorkspace: true, needsAdmin: true },
      { kind: 'command', title: 'Raise the limit (/etc/sysctl.conf)', command: 'echo fs.inotify.max_user_watches=524288 | sudo tee -a /etc/sysctl.conf && sudo sysctl -p', outsideWorkspace: true, needsAdmin: true },
    ]);
    assert.deepEqual(f?.evidence, [{ kind: 'file', file: '/proc/sys/fs/inotify/max_user_watches', excerpt: '8192' }]);
  });
  it('is info between the floor and the recommendation (the memory-based default of a small machine)', () => {
    assert.equal(of(findings(watches('192536')), 'watch/inotify-low')[0]?.severity, 'info');
  });
  it('is silent at or above 524288, when the file is unknown, and on macOS', () => {
    assert.deepEqual(of(findings(watches('524288')), 'watch/inotify-low'), []);
    assert.deepEqual(of(findings(watches('1048576')), 'watch/inotify-low'), []);
    const none = linuxSnapshot();
    delete none.files['/proc/sys/fs/inotify/max_user_watches'];
    assert.deepEqual(of(findings(none), 'watch/inotify-low'), []);
    assert.deepEqual(of(findings(officialPkgArm64()), 'watch/inotify-low'), []);
  });
});
