/// <reference types="mocha" />
/**
 * The gopls watchdog inside a real VS Code extension host: a storm of Go files written into
 * `build/gen/` of the fixture workspace reaches the watchdog through VS Code's own file watcher
 * (workspace.createFileSystemWatcher), while a process named gopls under this extension host burns a
 * core (found by the real /proc sampler, like the gopls vscode-go starts). The alarm must rise once,
 * name `build/gen/`, the exclusion fix must land in the workspace settings keeping comments, and
 * VS Code must then stop reporting events from `build/gen/` (files.watcherExclude applies to the watcher).
 * A busy process stands in for gopls so the CPU side is deterministic on a shared machine; the real
 * gopls is exercised by test/toolchain/watchdog/gopls-storm.test.ts.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createWatchdog, type Watchdog } from '../../../src/extension/watchdog/index.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined, ms: number, context: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} ${context()}`);
    await sleep(100);
  }
}

describe('gopls watchdog in the extension host', function () {
  this.timeout(120_000);
  let folder: vscode.WorkspaceFolder;
  let fakeGopls: ChildProcess | undefined;
  let watchdog: Watchdog | undefined;
  let binDir = '';
  const logged: string[] = [];
  const log = {
    info: (m: string) => logged.push(`info ${m}`),
    warn: (m: string) => logged.push(`warn ${m}`),
    debug: (m: string) => logged.push(`debug ${m}`),
    error: (m: string) => logged.push(`error ${m}`),
  };

  before(() => {
    const f = vscode.workspace.workspaceFolders?.[0];
    assert.ok(f, 'no workspace folder');
    folder = f;
    // a "gopls" under this extension host: node behind a symlink named gopls, running ./serve (a spin loop)
    binDir = fs.mkdtempSync(path.join(os.tmpdir(), 'watchdog-exthost-'));
    fs.symlinkSync(process.execPath, path.join(binDir, 'gopls'));
    fs.writeFileSync(path.join(binDir, 'serve'), 'for (;;) {}\n');
  });

  let originalSettings: string | undefined;

  after(async () => {
    watchdog?.dispose();
    if (originalSettings !== undefined) fs.writeFileSync(path.join(folder.uri.fsPath, '.vscode', 'settings.json'), originalSettings);
    fakeGopls?.kill('SIGKILL');
    fs.rmSync(binDir, { recursive: true, force: true });
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder.uri, 'build'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    if (logged.length) console.log(logged.slice(-8).join('\n'));
  });

  it('stays quiet while gopls is busy without a storm, raises ONE alarm naming build/gen/ during the storm, and applies the exclusion keeping comments', async () => {
    fakeGopls = spawn(path.join(binDir, 'gopls'), ['serve'], { cwd: binDir, stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    watchdog = createWatchdog({ log, intervals: { calmMs: 1000, fastMs: 500, searchMs: 500 } });
    const states: string[] = [];
    watchdog.onDidChangeState((s) => states.push(s.phase));

    // 1. CPU alone is not a storm
    await sleep(4000);
    assert.notEqual(watchdog.state.phase, 'storm', 'alarm without any file events');
    assert.equal(watchdog.state.notifications, 0);
    assert.ok(watchdog.state.phase === 'suspicious' || watchdog.state.phase === 'calm', watchdog.state.phase);

    // the generator's output directories exist before it runs (a build rewriting generated code).
    // VS Code's watcher can miss a whole new subtree created in one go (mkdir -p + writes: seen here
    // with code-server 1.139), so create it level by level and wait until VS Code reports from inside.
    const root = path.join(folder.uri.fsPath, 'build', 'gen');
    const dirs = Array.from({ length: 10 }, (_, i) => path.join(root, `d${String(i).padStart(4, '0')}`));
    const eventsSeen = async (): Promise<number> => {
      await watchdog?.sampleNow();
      return watchdog?.state.eventsSeen ?? 0;
    };
    const settle = async (change: () => void): Promise<boolean> => {
      const before = await eventsSeen();
      change();
      for (let i = 0; i < 30; i++) {
        await sleep(200);
        if ((await eventsSeen()) > before) return true;
      }
      return false;
    };
    for (const d of [path.dirname(root), root, ...dirs]) await settle(() => fs.mkdirSync(d));
    let live = false;
    for (let i = 0; i < 10 && !live; i++) live = await settle(() => fs.writeFileSync(path.join(dirs[dirs.length - 1] ?? root, 'ready.txt'), String(i)));
    if (!live) {
      const usage = await import('../../../src/watchdog/inotify-usage.js').then((m) => m.readInotifyUsage());
      assert.fail(`VS Code's file watcher reported nothing from build/gen/ (inotify: ${usage.instances} of ${usage.maxUserInstances} instances, ${usage.watches} of ${usage.maxUserWatches} watches in use)`);
    }
    assert.notEqual(watchdog.state.phase, 'storm', 'creating a few directories is not a storm');

    // 2. a generator writes Go files into build/gen/ for ~6 s, 200 per second (VS Code's watcher reports them)
    let written = 0;
    const writer = (async () => {
      const end = Date.now() + 6000;
      while (Date.now() < end) {
        const d = dirs[Math.floor(written / 20) % dirs.length] ?? root;
        for (let i = 0; i < 20; i++, written++) fs.writeFileSync(path.join(d, `z${i}.go`), `package d\n\nconst Z = ${written}\n`);
        await sleep(100);
      }
    })();
    const storm = await until('the storm alarm', () => (watchdog?.state.phase === 'storm' ? watchdog.state : undefined), 30_000, () => `(written ${written} files; state ${JSON.stringify(watchdog?.state)})`);
    await writer;
    assert.ok(storm.headline?.includes('`build/gen/`'), storm.headline);
    assert.match(storm.headline ?? '', /^gopls at \d+\s% CPU for \d+\ss while `build\/gen\/` produced [\d\s]+ file events\/s$/);
    assert.ok(storm.text.startsWith('$(flame) gopls'), storm.text);
    assert.equal(storm.severity, 'warning');
    await sleep(3000);
    assert.equal(watchdog.state.notifications, 1, 'exactly one notification for the storm');

    const finding = await watchdog.finding();
    assert.equal(finding?.rule, 'watch/gopls-storm');
    assert.ok(finding?.fixes.some((f) => f.kind === 'setting' && f.section === 'files.watcherExclude' && f.key === '**/build/gen/**'));
    assert.ok(finding?.evidence.some((e) => e.kind === 'note' && e.text.startsWith('inotify:')), 'Linux report shows inotify usage');

    // 3. the exclusion fix lands in workspace settings, comments kept
    const settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    const before = fs.readFileSync(settingsFile, 'utf8');
    originalSettings = before;
    const written2 = await watchdog.excludeDirectory();
    assert.equal(written2, settingsFile);
    const after = fs.readFileSync(settingsFile, 'utf8');
    for (const line of before.split('\n').filter((l) => /\/\/|\/\*/.test(l))) assert.ok(after.includes(line.trim()), `comment lost: ${line.trim()}`);
    assert.match(after, /"files\.watcherExclude":\s*\{\s*"\*\*\/build\/gen\/\*\*":\s*true/);
    assert.match(after, /"build\.directoryFilters":\s*\[\s*"-\*\*\/node_modules",\s*"-build\/gen"\s*\]/);
    await until(
      'VS Code to see the new workspace setting',
      () => (vscode.workspace.getConfiguration('files').inspect<Record<string, boolean>>('watcherExclude')?.workspaceValue?.['**/build/gen/**'] === true ? true : undefined),
      5000,
    );
    // "build.directoryFilters" is a dotted key inside the gopls object (how vscode-go passes it on)
    assert.deepEqual(vscode.workspace.getConfiguration().get<Record<string, unknown>>('gopls')?.['build.directoryFilters'], ['-**/node_modules', '-build/gen']);
    assert.ok(states.includes('storm'));

    // 4. VS Code applies the new files.watcherExclude to the watcher: the (already watched) build/gen/
    //    directories go silent, the rest of the workspace does not
    await sleep(11_000); // let the storm's events leave the 10-s window
    const extra = path.join(folder.uri.fsPath, 'cmd', 'app', 'watchdog_extra.go');
    let seen = 0;
    for (let i = 0; i < 20 && seen === 0; i++) {
      for (const d of dirs) for (let j = 0; j < 10; j++) fs.writeFileSync(path.join(d, `z${j}.go`), `package d\n\nconst Z = -${i}\n`);
      fs.writeFileSync(extra, `package main\n\nconst Extra = ${i}\n`);
      await sleep(500);
      await watchdog.sampleNow();
      seen = watchdog.state.events10s;
    }
    fs.rmSync(extra, { force: true });
    assert.ok(seen >= 1, 'events outside the excluded directory still arrive');
    assert.ok(seen < 50, `after the exclusion the watchdog saw ${seen} watched events (100 rewritten in build/gen/ per round, 1 in cmd/app)`);

    // 5. the storm is over once "gopls" calms down
    fakeGopls.kill('SIGKILL');
    await until('the alarm to clear', () => (watchdog?.state.phase !== 'storm' ? true : undefined), 15_000);
    assert.equal(watchdog.state.notifications, 1);
  });
});
