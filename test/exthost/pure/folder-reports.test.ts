import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pickFolder } from '../../../src/extension/folder-reports.js';
import { folderReport } from './builders.js';

describe('picking the folder to show', () => {
  const a = folderReport({ root: '/w/app' });
  const ab = folderReport({ root: '/w/app/backend' });
  const b = folderReport({ root: '/w/application' });

  it('shows the innermost folder containing the active file', () => {
    assert.equal(pickFolder([a, ab, b], 'file:///w/app/backend/main.go'), ab);
    assert.equal(pickFolder([a, ab, b], 'file:///w/app/main.go'), a);
    assert.equal(pickFolder([a, ab, b], 'file:///w/application/x.go'), b, '/w/app is not a prefix folder of /w/application');
  });

  it('falls back to the first folder', () => {
    assert.equal(pickFolder([b, a], 'file:///elsewhere/x.go'), b);
    assert.equal(pickFolder([b, a]), b);
    assert.equal(pickFolder([]), undefined);
  });
});
