// @vscode/test-cli configuration, for contributors with a desktop VS Code: `npx vscode-test`
// (downloads VS Code through @vscode/test-electron) runs the same trusted-workspace suite that
// `npm test` runs in code-server (test/exthost/run.mjs). The Restricted Mode suite needs Workspace
// Trust switched on for an untrusted folder, which only the code-server runner sets up.
import { defineConfig } from '@vscode/test-cli';
import { prepare, workspace } from './test/exthost/prepare.mjs';

const env = await prepare();

export default defineConfig([
  {
    label: 'trusted',
    files: 'out/exthost/trusted/*.test.js',
    workspaceFolder: workspace,
    env,
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    mocha: { ui: 'bdd', timeout: 120_000, color: false },
  },
]);
