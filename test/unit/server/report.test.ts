import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BuildConfig, SettingValue } from '../../../src/core/workspace/model.js';
import { emptyWorkspace } from '../../../src/core/workspace/model.js';
import { workspaceTargets } from '../../../src/server/report.js';

const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const setting = (name: string, value: string | undefined): SettingValue => ({ name, value, file: '/w/Makefile', range: at });
const config = (env: Record<string, string | undefined>): BuildConfig => ({
  tool: 'make',
  file: '/w/Makefile',
  range: at,
  label: 'the go build command',
  action: 'build',
  env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, setting(k, v)])),
  linkerFlags: [],
  packages: [],
  dir: '',
});

describe('workspaceTargets', () => {
  it('lists the GOOS/GOARCH pairs the build configurations set, once each, sorted', () => {
    const model = emptyWorkspace('/w');
    model.buildConfigs = [
      config({ GOOS: 'linux', GOARCH: 'arm64' }),
      config({ GOOS: 'js', GOARCH: 'wasm' }),
      config({ GOOS: 'linux', GOARCH: 'arm64' }),
      config({ GOOS: 'darwin' }),
      config({ GOOS: undefined, GOARCH: 'amd64' }),
      config({ CGO_ENABLED: '0' }),
    ];
    assert.deepEqual(workspaceTargets(model), ['darwin', 'js/wasm', 'linux/arm64']);
  });

  it('is empty for a workspace that sets no target', () => {
    assert.deepEqual(workspaceTargets(emptyWorkspace('/w')), []);
  });
});
