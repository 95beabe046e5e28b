#!/usr/bin/env node
// Runs an extension's test entry (`run(): Promise<void>`, the @vscode/test-electron contract)
// inside the real Node extension host of code-server: the equivalent of
// `code --extensionDevelopmentPath=X --extensionTestsPath=Y FOLDER`, with both paths passed as
// vscode-remote:// URIs in the workbench URL payload and the exit code coming back through
// window.codeAutomationExit. Exit code: 0 pass, 1 fail, 2 runner error / timeout.
//
// CLI: node test/vscode-host/run-tests.mjs --ext DIR --tests FILE --workspace DIR
//        [--restricted] [--timeout 180] [--keep] [--env NAME=VALUE]…
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from './code-server.mjs';

/**
 * @param {{ext: string, tests: string, workspace: string, restricted?: boolean, timeoutS?: number,
 *   keep?: boolean, env?: Record<string,string>, quiet?: boolean, loginShellEnv?: boolean}} options
 * @returns {Promise<{exitCode: number, summary: string, lines: string[], seconds: number}>}
 */
export async function runExtensionTests(options) {
  const t0 = Date.now();
  const ts = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  const say = (line) => options.quiet || console.error(line);
  const lines = [];
  let summary = '';
  let exitCode = 2;
  let session;
  try {
    session = await startCodeServer({ workspace: options.workspace, restricted: options.restricted, smokeTestDriver: true, env: options.env, loginShellEnv: options.loginShellEnv });
    say(`[runner] code-server on ${session.host} at ${ts()}${options.restricted ? ' (Workspace Trust on: Restricted Mode)' : ''}`);
    const browser = await session.browser();
    const page = browser.pages()[0] ?? (await browser.newPage());
    const done = new Promise((resolve) => {
      // the extension host's console (mocha's reporter) while tests run "from the CLI"
      void page.exposeFunction('codeAutomationLog', (type, args) => {
        const line = util.format(...(Array.isArray(args) ? args : [args]));
        if (!process.env.RUNNER_VERBOSE && /ENOTFOUND|getaddrinfo|^\s+at |vsda|\[AgentHost\]/.test(line)) return; // offline noise
        if (/^\d+ passed, \d+ failed$/.test(line.trim())) summary = line.trim();
        lines.push(line);
        if (!options.quiet) (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
      });
      void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    page.on('pageerror', (e) => say(`[browser pageerror] ${e.message}`));
    if (process.env.RUNNER_VERBOSE) page.on('console', (m) => say(`[browser] ${m.text().slice(0, 300)}`));
    const payload = [
      ['extensionDevelopmentPath', session.remote(options.ext)],
      ['extensionTestsPath', session.remote(options.tests)],
      ['skipWelcome', 'true'],
    ];
    const resp = await page.goto(session.url(payload));
    if (!resp?.ok()) throw new Error(`workbench answered HTTP ${resp?.status()}`);
    const timeoutS = options.timeoutS ?? 180;
    const code = await Promise.race([done, new Promise((r) => setTimeout(() => r('timeout'), timeoutS * 1000))]);
    if (code === 'timeout') {
      const shot = path.join(session.tmp, 'timeout.png');
      await page.screenshot({ path: shot }).catch(() => {});
      options.keep = true;
      throw new Error(`no test result within ${timeoutS} s (screenshot ${shot}; log ${session.logFile})`);
    }
    exitCode = Number(code);
    say(`[runner] extension host exit code ${exitCode} at ${ts()}`);
  } catch (e) {
    say(`[runner] ERROR: ${e.message}`);
    exitCode = 2;
  } finally {
    await session?.stop({ keep: options.keep });
  }
  return { exitCode, summary, lines, seconds: (Date.now() - t0) / 1000 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = util.parseArgs({
    options: {
      ext: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      restricted: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '180' },
      keep: { type: 'boolean', default: false },
      env: { type: 'string', multiple: true, default: [] },
    },
  });
  if (!values.ext || !values.tests || !values.workspace) {
    console.error('usage: run-tests.mjs --ext DIR --tests FILE --workspace DIR [--restricted] [--timeout S] [--keep] [--env NAME=VALUE]…');
    process.exit(2);
  }
  const env = Object.fromEntries(values.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const r = await runExtensionTests({
    ext: path.resolve(values.ext),
    tests: path.resolve(values.tests),
    workspace: path.resolve(values.workspace),
    restricted: values.restricted,
    timeoutS: Number(values.timeout),
    keep: values.keep,
    env,
  });
  if (r.summary) console.log(r.summary);
  process.exit(r.exitCode);
}
